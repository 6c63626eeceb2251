"""The site speaks Indonesian by default and English on request."""

import re

import pytest

from tests.site.builders import correct, publish


@pytest.fixture
def story(places, frozen):
    story = publish(
        "Nelayan Belu terlindungi",
        programs=("jkk",),
        summary_points=["Satu."],
        reporters=("Maria Lado", "Yosef Bere"),
    )
    correct(story, "Koreksi.")
    publish("Berita terkait", programs=("jkk",))
    return story


def labels(html: str) -> list[str]:
    return re.findall(r'<h2 id="[\w-]+"[^>]*>([^<]+)</h2>', html)


def test_the_article_page_speaks_the_newsroom_s_language(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert labels(html) == ["Ringkasan Berita", "Koreksi", "Baca juga"]
    assert "Oleh" in re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)
    assert " dan " in re.search(r'<p class="byline">(.*?)</p>', html, re.S).group(1)
    assert "Terbit <time" in html and "Diperbarui <time" in html
    assert "Senin, 17 November 2025" in html
    assert '<p class="kicker"><a href="/wilayah/belu/">Kabupaten Belu</a></p>' in html


def test_the_navigation_and_lists_speak_indonesian(client, story):
    html = client.get("/").content.decode()
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    assert re.findall(r">([^<]+)</a>", nav) == ["Beranda", "Wilayah", "Arsip"]
    assert labels(html) == ["Berita terbaru", "Berita per wilayah", "Program jaminan sosial"]
    region = client.get("/wilayah/belu/").content.decode()
    assert "<title>Berita Kabupaten Belu · Newsroom NTT</title>" in region
    assert "<summary>Saring berita</summary>" in region


def test_english_is_one_click_away(client, story):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<html lang="en">' in html
    assert labels(html) == ["News summary", "Corrections", "Read also"]
    assert "Monday, 17 November 2025" in html
    assert '<p class="kicker"><a href="/wilayah/belu/">Belu Regency</a></p>' in html
