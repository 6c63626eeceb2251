import datetime
import re

import pytest

from articles.models import Article, ProgramTag
from tests.site.builders import publish

HOUR = datetime.timedelta(hours=1)


def titles(response) -> list[str]:
    return [article.title for article in response.context["page_obj"]]


@pytest.fixture
def jkk_news(places, frozen):
    publish("JKK di Belu", region="belu", programs=("jkk",), ago=1 * HOUR)
    publish("JKK di Bolok", region="bolok", programs=("jkk", "jkm"), ago=2 * HOUR)
    publish("JKM saja", region="belu", programs=("jkm",), ago=3 * HOUR)
    publish("JKK terjadwal", region="belu", programs=("jkk",), ago=-HOUR)
    publish("JKK draf", region="belu", programs=("jkk",), status=Article.Status.DRAFT)


def test_it_shows_the_full_name_and_the_explainer(client, jkk_news):
    program = ProgramTag.objects.get(slug="jkk")
    html = client.get("/program/jkk/").content.decode()
    assert "<h1>Jaminan Kecelakaan Kerja</h1>" in html
    assert f'<p class="explainer">{program.explainer}</p>' in html
    assert "<title>Jaminan Kecelakaan Kerja (JKK) · Newsroom NTT</title>" in html


def test_it_lists_the_program_s_live_articles_newest_first(client, jkk_news):
    assert titles(client.get("/program/jkk/")) == ["JKK di Belu", "JKK di Bolok"]


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("kupang", ["JKK di Bolok"]),
        ("belu", ["JKK di Belu"]),
        ("ntt", ["JKK di Belu", "JKK di Bolok"]),
        ("alor", []),
    ],
)
def test_the_region_filter_includes_places_under_the_region(client, jkk_news, region, expected):
    assert titles(client.get(f"/program/jkk/?wilayah={region}")) == expected


def test_the_region_filter_offers_the_province_regencies_and_cities(client, jkk_news):
    html = client.get("/program/jkk/").content.decode()
    select = re.search(r'<select name="wilayah".*?</select>', html, re.S).group(0)
    values = re.findall(r'<option value="([\w-]*)"', select)
    assert values[:3] == ["", "ntt", "alor"]
    assert "kota-kupang" in values and "bolok" not in values
    assert len(values) == 1 + 1 + 22


def test_an_unknown_region_shows_nothing(client, jkk_news):
    response = client.get("/program/jkk/?wilayah=bolok")  # a village: not offered
    assert response.status_code == 200
    assert titles(response) == []


def test_an_unknown_program_is_not_found(client, places):
    assert client.get("/program/tidak-ada/").status_code == 404


def test_a_program_page_links_its_feeds(client, places):
    html = client.get("/program/jkm/").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/program/jkm/feed/"' in html
    assert 'type="application/atom+xml"' in html and 'href="/program/jkm/feed/atom/"' in html


def test_a_program_page_past_its_last_page_is_not_found(client, jkk_news):
    assert client.get("/program/jkk/?halaman=2").status_code == 404
