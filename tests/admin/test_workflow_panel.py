"""The change form as a workplace: status, what happens next, and only the allowed buttons."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from articles.models import Article
from newsroom.wita import format_wita
from tests.admin.helpers import change_url, open_form, press


def buttons(response) -> list[str]:
    """The labels of the workflow buttons on the page, in order."""
    return re.findall(
        r'<button type="submit" name="_workflow" value="[a-z]+"[^>]*>([^<]+)</button>',
        response.content.decode(),
    )


@pytest.mark.parametrize(
    ("who", "article", "expected"),
    [
        ("reporter_a", "draft", ["Kirim untuk ditinjau"]),
        ("reporter_a", "in_review", []),
        ("reporter_a", "live", []),
        ("editor", "draft", ["Kirim untuk ditinjau", "Terbitkan", "Jadwalkan"]),
        ("editor", "in_review", ["Terbitkan", "Jadwalkan", "Kembalikan ke draf"]),
        ("editor", "scheduled", ["Terbitkan", "Jadwalkan", "Tarik dari publikasi"]),
        ("editor", "live", ["Tarik dari publikasi", "Tambahkan koreksi"]),
        ("editor", "unpublished", ["Terbitkan", "Jadwalkan", "Kembalikan ke draf"]),
    ],
)
def test_only_the_allowed_transitions_have_buttons(client, cast, people, who, article, expected):
    client.force_login(people[who])
    assert buttons(client.get(change_url(cast[article]))) == expected


def test_a_new_article_can_be_submitted_from_the_add_form(client, people, places):
    client.force_login(people["reporter_a"])
    response = client.get(reverse("admin:articles_article_add"))
    assert buttons(response) == ["Kirim untuk ditinjau"]
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Pekerja rentan di Alor",
            "slug": "pekerja-rentan-di-alor",
            "body": "<p>Isi berita.</p>",
            "region": str(places["alor"].pk),
            "focal_x": "0.5",
            "focal_y": "0.5",
            "bylines-TOTAL_FORMS": "0",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
            "_workflow": "submit",
        },
    )
    article = Article.objects.get(slug="pekerja-rentan-di-alor")
    assert response["Location"] == change_url(article)
    assert article.status == "in_review"
    assert article.events.get().actor == people["reporter_a"]


def new_article(places, **extra) -> dict:
    return {
        "title": "Kecelakaan kerja di pelabuhan Atapupu",
        "slug": "kecelakaan-kerja-di-pelabuhan-atapupu",
        "body": "<p>Seorang buruh terluka.</p>",
        "region": str(places["belu"].pk),
        "focal_x": "0.5",
        "focal_y": "0.5",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
        **extra,
    }


def test_the_desk_publishes_straight_from_the_add_form(client, people, places):
    client.force_login(people["editor"])
    page = client.get(reverse("admin:articles_article_add"))
    assert buttons(page) == ["Kirim untuk ditinjau", "Terbitkan", "Jadwalkan"]
    # What publishing needs is said before anything is saved; the author signs it.
    assert page.context["workflow"]["problems"] == ["judul", "isi berita", "wilayah utama"]

    client.post(reverse("admin:articles_article_add"), new_article(places, _workflow="publish"))
    article = Article.objects.get(slug="kecelakaan-kerja-di-pelabuhan-atapupu")
    assert article.is_live
    assert [byline.journalist.name for byline in article.bylines.all()] == ["Apolonia Matilde"]
    assert article.editor.name == "Apolonia Matilde"
    assert article.title in client.get("/").content.decode()


def test_a_byline_the_desk_gives_a_new_article_replaces_the_author(client, people, places, cast):
    client.force_login(people["editor"])
    maria = cast["live"].bylines.get().journalist
    rows = {
        "bylines-TOTAL_FORMS": "1",
        "bylines-0-journalist": str(maria.pk),
        "bylines-0-position": "0",
    }
    client.post(reverse("admin:articles_article_add"), new_article(places, **rows))
    article = Article.objects.get(slug="kecelakaan-kerja-di-pelabuhan-atapupu")
    assert [byline.journalist.name for byline in article.bylines.all()] == ["Maria Lado"]


def test_the_panel_says_what_happens_next(client, cast, people):
    client.force_login(people["editor"])
    response = client.get(change_url(cast["scheduled"]))
    panel = response.context["workflow"]
    expected_time = format_wita(cast["scheduled"].published_at)
    assert expected_time in panel["next_step"]
    assert expected_time in response.content.decode()
    assert "WITA" in panel["next_step"]


def test_editors_see_what_publishing_still_needs(client, cast, people):
    Article.objects.filter(pk=cast["in_review"].pk).update(region=None, body="")
    client.force_login(people["editor"])
    response = client.get(change_url(cast["in_review"]))
    assert response.context["workflow"]["problems"] == ["isi berita", "wilayah utama"]


def test_pressing_publish_with_something_missing_lists_it_and_keeps_the_edit(client, cast, people):
    article = cast["in_review"]
    client.force_login(people["editor"])
    data = open_form(client, article)
    data.update(region="", title="Judul dari editor", _workflow="publish")

    response = client.post(change_url(article), data, follow=True)

    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status) == ("Judul dari editor", "in_review")
    [message] = [str(m) for m in response.context["messages"]]
    assert message == "Artikel ini belum dapat diterbitkan: wilayah utama."


def test_a_draft_saves_whatever_is_missing(client, cast, people):
    client.force_login(people["reporter_a"])
    data = open_form(client, cast["draft"])
    data.update(region="", regions=[], body="", dek="")
    assert client.post(change_url(cast["draft"]), data).status_code == 302
    stored = Article.objects.get(pk=cast["draft"].pk)
    assert (stored.region, stored.body, stored.status) == (None, "", "draft")


def test_scheduling_takes_a_wita_time(client, cast, people):
    with time_machine.travel(datetime.datetime(2026, 11, 30, 0, 0, tzinfo=datetime.UTC)):
        # Signed in at that time: a session lasts a working day.
        client.force_login(people["editor"])
        response = press(client, cast["in_review"], "schedule", at="2026-12-01T09:30")
        assert response.status_code == 302
        stored = Article.objects.get(pk=cast["in_review"].pk)
        assert stored.published_at == datetime.datetime(2026, 12, 1, 1, 30, tzinfo=datetime.UTC)
        page = client.get(change_url(stored)).content.decode()
    assert "01/12/2026 09:30 WITA" in page


def test_scheduling_without_a_time_is_refused(client, cast, people):
    client.force_login(people["editor"])
    response = press(client, cast["in_review"], "schedule", at="")
    assert response.status_code == 302
    assert Article.objects.get(pk=cast["in_review"].pk).status == "in_review"


def test_returning_shows_the_reporter_the_reason(client, cast, people):
    client.force_login(people["editor"])
    press(client, cast["in_review"], "return", reason="Tambahkan tanggapan Disnakertrans.")

    client.force_login(people["reporter_a"])
    response = client.get(change_url(cast["in_review"]))
    panel = response.context["workflow"]
    assert panel["returned"].reason == "Tambahkan tanggapan Disnakertrans."
    assert "Tambahkan tanggapan Disnakertrans." in panel["next_step"]
    assert buttons(response) == ["Kirim untuk ditinjau"]


def test_a_correction_is_added_from_the_form(client, cast, people):
    client.force_login(people["editor"])
    press(client, cast["live"], "correct", text="Nama kepala cabang diperbaiki.")
    response = client.get(change_url(cast["live"]))
    assert [c.text for c in response.context["workflow"]["corrections"]] == [
        "Nama kepala cabang diperbaiki."
    ]


def test_status_and_publication_time_are_not_form_fields(client, cast, people):
    client.force_login(people["editor"])
    data = open_form(client, cast["draft"])
    assert "status" not in data
    assert "published_at" not in data
    data.update(status="published", published_at="2020-01-01 00:00:00")
    client.post(change_url(cast["draft"]), data)
    stored = Article.objects.get(pk=cast["draft"].pk)
    assert (stored.status, stored.published_at) == ("draft", None)


def test_reporters_cannot_choose_the_editor(client, cast, people):
    client.force_login(people["reporter_a"])
    data = open_form(client, cast["draft"])
    assert "editor" not in data
