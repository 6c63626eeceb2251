import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine

from tests.site.builders import correct, publish

HOUR = datetime.timedelta(hours=1)
ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


def atom_entries(client, url: str) -> list[ET.Element]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


@pytest.fixture
def story(places, frozen):
    return publish(
        "Nelayan Belu terlindungi",
        region="bolok",
        programs=("jkk", "bpjs-ketenagakerjaan"),
        reporters=("Maria Lado", "Yosef Bere"),
        dek="Iuran dibayar pemerintah.",
        ago=2 * HOUR,
    )


def test_the_rss_feed_describes_each_live_article(client, story):
    publish("Lebih baru", region="belu", ago=HOUR)
    items = rss_items(client, "/feed/")
    assert [item.findtext("title") for item in items] == ["Lebih baru", "Nelayan Belu terlindungi"]
    item = items[1]
    assert item.findtext("link") == f"http://testserver{story.get_absolute_url()}"
    assert item.findtext("description") == "Iuran dibayar pemerintah."
    assert item.findtext("pubDate") == "Mon, 17 Nov 2025 07:00:00 +0800"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Maria Lado, Yosef Bere"
    assert [c.text for c in item.findall("category")] == ["BPJS Ketenagakerjaan", "JKK", "Bolok"]
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false"
    assert guid.text == f"tag:testserver,2025-11-17:article:{story.pk}"


def test_the_atom_feed_dates_an_entry_by_publication_and_real_update(client, story):
    entry = atom_entries(client, "/feed/atom/")[0]
    assert entry.findtext(f"{ATOM}id") == f"tag:testserver,2025-11-17:article:{story.pk}"
    assert entry.findtext(f"{ATOM}published") == "2025-11-17T07:00:00+08:00"
    assert entry.findtext(f"{ATOM}updated") == "2025-11-17T07:00:00+08:00"
    assert [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")] == [
        "Maria Lado, Yosef Bere"
    ]


def test_a_re_save_changes_no_date_but_a_correction_does(client, story):
    rss_before = rss_items(client, "/feed/")[0].findtext("pubDate")
    with time_machine.travel(
        datetime.datetime(2025, 11, 18, 2, 0, tzinfo=datetime.UTC), tick=False
    ):
        story.save()  # e.g. an editor opens and saves without changing a word
        assert atom_entries(client, "/feed/atom/")[0].findtext(f"{ATOM}updated") == (
            "2025-11-17T07:00:00+08:00"
        )
        correct(story, "Nama desa diperbaiki.")
        entry = atom_entries(client, "/feed/atom/")[0]
        assert entry.findtext(f"{ATOM}updated") == "2025-11-18T10:00:00+08:00"
        assert entry.findtext(f"{ATOM}published") == "2025-11-17T07:00:00+08:00"
        assert rss_items(client, "/feed/")[0].findtext("pubDate") == rss_before


def test_guids_survive_a_new_slug_and_a_new_date(client, story):
    guid = rss_items(client, "/feed/")[0].findtext("guid")
    story.slug = "nelayan-belu-kini-terlindungi"
    story.published_at -= HOUR * 30
    story.save()
    item = rss_items(client, "/feed/")[0]
    assert item.findtext("guid") == guid
    assert item.findtext("link").endswith("/berita/2025/11/16/nelayan-belu-kini-terlindungi/")


def test_a_region_feed_covers_the_region_and_every_place_under_it(client, story):
    publish("Di Alor", region="alor", ago=HOUR)
    assert [i.findtext("title") for i in rss_items(client, "/wilayah/kupang/feed/")] == [
        story.title
    ]
    assert [
        e.findtext(f"{ATOM}title") for e in atom_entries(client, "/wilayah/alor/feed/atom/")
    ] == ["Di Alor"]
    assert len(rss_items(client, "/wilayah/ntt/feed/")) == 2


def test_a_program_feed_covers_the_program(client, story):
    publish("Tentang JKM", programs=("jkm",), ago=HOUR)
    assert [i.findtext("title") for i in rss_items(client, "/program/jkk/feed/")] == [story.title]
    assert [
        e.findtext(f"{ATOM}title") for e in atom_entries(client, "/program/jkm/feed/atom/")
    ] == ["Tentang JKM"]


def test_feeds_name_their_subject(client, story):
    channel = ET.fromstring(client.get("/program/jkk/feed/").content).find("channel")
    assert channel.findtext("title") == "JKK: Jaminan Kecelakaan Kerja · Newsroom NTT"
    assert channel.findtext("link") == "http://testserver/program/jkk/"
    assert channel.findtext("language") == "id"


@pytest.mark.parametrize("url", ["/wilayah/atlantis/feed/", "/program/tidak-ada/feed/atom/"])
def test_a_feed_of_nothing_is_not_found(client, places, url):
    assert client.get(url).status_code == 404


def test_a_feed_holds_the_latest_thirty(client, places, frozen):
    for number in range(35):
        publish(f"Berita {number}", ago=(number + 1) * HOUR)
    items = rss_items(client, "/feed/")
    assert len(items) == 30
    assert items[-1].findtext("title") == "Berita 29"
