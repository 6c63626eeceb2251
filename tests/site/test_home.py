import datetime
import re

import pytest

from articles.models import Article
from tests.site.builders import publish

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def home(client, places, frozen):
    def fetch():
        response = client.get("/")
        assert response.status_code == 200
        return response

    return fetch


def block_titles(html: str, heading_id: str) -> list[str]:
    block = re.search(
        rf'<section class="block" aria-labelledby="{heading_id}">(.*?)</section>', html, re.S
    )
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a>', block.group(1))


def test_the_newest_live_story_leads_and_the_rest_follow_newest_first(home):
    older = publish("Berita lama", ago=5 * HOUR)
    newest = publish("Berita terbaru", ago=HOUR)
    middle = publish("Berita tengah", ago=3 * HOUR)
    publish("Berita terjadwal", ago=-HOUR)
    response = home()
    assert response.context["lead"] == newest
    assert response.context["latest"] == [middle, older]
    html = response.content.decode()
    assert re.search(
        r'<h2 id="lead-title" class="lead-title"><a href="[^"]+">Berita terbaru</a>', html
    )


def test_each_regency_block_shows_its_three_newest_stories_including_its_villages(home):
    publish("Kupang satu", region="kupang", ago=1 * HOUR)
    publish("Bolok dua", region="bolok", ago=2 * HOUR)  # a village of Kupang
    publish("Kupang Barat tiga", region="kupang-barat", ago=3 * HOUR)  # a district
    publish("Kupang empat", region="kupang", ago=4 * HOUR)
    publish("Belu satu", region="belu", ago=5 * HOUR)
    publish("Provinsi saja", region="ntt", ago=HOUR)
    html = home().content.decode()
    assert block_titles(html, "region-kupang") == ["Kupang satu", "Bolok dua", "Kupang Barat tiga"]
    assert block_titles(html, "region-belu") == ["Belu satu"]
    # Blocks come freshest first; the province itself has no block.
    blocks = re.findall(r'aria-labelledby="region-([\w-]+)"', html)
    assert blocks == ["kupang", "belu"]


def test_each_program_block_shows_its_newest_stories(home):
    publish("JKK satu", programs=("jkk",), ago=HOUR)
    publish("JKK dan JKM", programs=("jkk", "jkm"), ago=2 * HOUR)
    publish("JKK tiga", programs=("jkk",), ago=3 * HOUR)
    publish("JKK empat", programs=("jkk",), ago=4 * HOUR)
    publish("JKM draf", programs=("jkm",), status=Article.Status.DRAFT)
    html = home().content.decode()
    assert block_titles(html, "program-jkk") == ["JKK satu", "JKK dan JKM", "JKK tiga"]
    assert block_titles(html, "program-jkm") == ["JKK dan JKM"]
    assert 'aria-labelledby="program-jht"' not in html  # no stories, no block
    assert "Jaminan Kecelakaan Kerja" in html


def test_an_empty_site_says_so_politely(home):
    response = home()
    assert response.context["lead"] is None
    assert '<p class="empty">' in response.content.decode()


def test_the_home_page_links_the_site_feeds(home):
    html = home().content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feed/"' in html and 'href="/feed/atom/"' in html
