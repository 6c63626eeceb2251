import datetime
import xml.etree.ElementTree as ET

import pytest

from articles.models import Journalist
from regions.models import Region
from tests.site.builders import correct, publish

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
HOUR = datetime.timedelta(hours=1)


def xml(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root: ET.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SM}loc")]


def test_the_index_lists_every_section(client, places, frozen):
    publish("Satu", ago=HOUR)
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{SM}sitemapindex"
    assert locations(root) == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-regions.xml",
        "http://testserver/sitemap-programs.xml",
        "http://testserver/sitemap-reporters.xml",
    ]


def test_the_article_section_lists_live_articles_with_their_last_real_change(
    client, places, frozen
):
    corrected = publish("Dikoreksi", ago=30 * HOUR)
    correct(corrected, "Koreksi.", at=corrected.published_at + 2 * HOUR)
    plain = publish("Biasa", ago=HOUR)
    root = xml(client, "/sitemap-articles.xml")
    urls = {url.findtext(f"{SM}loc"): url.findtext(f"{SM}lastmod") for url in root.iter(f"{SM}url")}
    assert urls == {
        f"http://testserver{plain.get_absolute_url()}": "2025-11-17",
        f"http://testserver{corrected.get_absolute_url()}": "2025-11-16",
    }


def test_regions_programs_and_reporters_with_live_bylines_are_listed(client, places, frozen):
    publish("Satu", reporters=("Maria Lado",), ago=HOUR)
    Journalist.objects.create(name="Belum menulis", slug="belum-menulis")
    regions = locations(xml(client, "/sitemap-regions.xml"))
    assert len(regions) == Region.objects.count() == 29
    assert "http://testserver/wilayah/manggarai-barat/" in regions
    assert "http://testserver/program/jkk/" in locations(xml(client, "/sitemap-programs.xml"))
    assert locations(xml(client, "/sitemap-reporters.xml")) == [
        "http://testserver/penulis/maria-lado/"
    ]


class TestNewsSitemap:
    def test_it_lists_live_articles_of_the_last_two_days_with_wita_dates(
        self, client, places, frozen
    ):
        fresh = publish("Baru saja", ago=HOUR)
        publish("Dua hari kurang sejam", ago=47 * HOUR)
        publish("Tiga hari lalu", ago=72 * HOUR)
        publish("Nanti", ago=-HOUR)
        root = xml(client, "/sitemap-news.xml")
        urls = root.findall(f"{SM}url")
        assert [url.findtext(f"{NEWS}news/{NEWS}title") for url in urls] == [
            "Baru saja",
            "Dua hari kurang sejam",
        ]
        first = urls[0]
        assert first.findtext(f"{SM}loc") == f"http://testserver{fresh.get_absolute_url()}"
        news = first.find(f"{NEWS}news")
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom NTT"
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "id"
        assert news.findtext(f"{NEWS}publication_date") == "2025-11-17T08:00:00+08:00"

    def test_it_holds_at_most_its_limit(self, client, places, frozen, monkeypatch):
        from newsroom import sitemaps

        monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 3)
        monkeypatch.setattr(sitemaps.NewsSitemap, "limit", 3)
        for number in range(5):
            publish(f"Berita {number}", ago=(number + 1) * HOUR)
        titles = [
            url.findtext(f"{NEWS}news/{NEWS}title")
            for url in xml(client, "/sitemap-news.xml").findall(f"{SM}url")
        ]
        assert titles == ["Berita 0", "Berita 1", "Berita 2"]
        assert client.get("/sitemap-news.xml?p=2").status_code == 404

    def test_the_limit_is_a_thousand(self):
        from newsroom.sitemaps import NEWS_LIMIT, NewsSitemap

        assert NEWS_LIMIT == NewsSitemap.limit == 1000


@pytest.mark.parametrize("url", ["/sitemap-nothing.xml", "/sitemap-articles.xml?p=99"])
def test_an_unknown_section_or_page_is_not_found(client, places, url):
    assert client.get(url).status_code == 404


def test_robots_txt_names_both_sitemaps(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
