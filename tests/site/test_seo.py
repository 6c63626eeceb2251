"""Every public page: <html lang>, a title, a description, a canonical link
and OpenGraph tags."""

import re
from html.parser import HTMLParser

import pytest

from tests.site.builders import publish


class Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.title = ""
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title":
            self.in_title = True
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta[attrs.get("name") or attrs["property"]] = attrs.get("content", "")
        elif tag == "link":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def head_of(client, url: str) -> Head:
    response = client.get(url)
    assert response.status_code == 200, url
    head = Head()
    head.feed(response.content.decode())
    return head


@pytest.fixture
def pages(places, frozen):
    story = publish("Nelayan Belu terlindungi", dek="Iuran dibayar.", image=(1600, 1000))
    return {
        "/": "website",
        story.get_absolute_url(): "article",
        "/wilayah/belu/": "website",
        "/program/jkk/": "website",
        "/penulis/maria-lado/": "website",
        "/arsip/": "website",
        "/cari/?q=nelayan": "website",
    }


def test_every_page_has_language_title_description_canonical_and_opengraph(client, pages):
    titles = set()
    for url, og_type in pages.items():
        head = head_of(client, url)
        assert head.lang == "id", url
        assert head.title.strip().endswith("Newsroom NTT"), url
        titles.add(head.title)
        assert len(head.meta["description"]) > 10, url
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == ["http://testserver" + url.split("?")[0]], url
        assert head.meta["og:type"] == og_type, url
        assert head.meta["og:url"] == canonical[0], url
        assert head.meta["og:site_name"] == "Newsroom NTT"
        assert head.meta["og:locale"] == "id_ID"
        assert head.meta["og:description"] == head.meta["description"], url
        if url != "/":
            # The page's own title, without the site's name.
            assert head.title == f"{head.meta['og:title']} · Newsroom NTT", url
        assert re.match(r"http://testserver/\S+\.(png|jpg)$", head.meta["og:image"]), url
    assert len(titles) == len(pages)


def test_a_later_page_says_which_page_it_is(client, places, frozen):
    for number in range(25):
        publish(f"Berita {number}")
    title = head_of(client, "/wilayah/belu/?halaman=2").title
    assert title == "Berita Kabupaten Belu · halaman 2 · Newsroom NTT"


def test_an_article_shares_its_own_image_and_times(client, pages):
    url = next(url for url, kind in pages.items() if kind == "article")
    head = head_of(client, url)
    assert re.search(r"/media/renditions/\S+-16x9-1200\.jpg$", head.meta["og:image"])
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "675")
    assert head.meta["article:published_time"] == "2025-11-17T08:00:00+08:00"
    assert head.meta["og:description"] == "Iuran dibayar."


def test_the_site_in_english_says_so(client, pages):
    client.cookies["django_language"] = "en"
    head = head_of(client, "/")
    assert head.lang == "en"
    assert head.meta["og:locale"] == "en_US"


def test_the_language_switch_remembers_the_choice_and_returns_to_the_page(client, pages):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/wilayah/belu/"})
    assert response.status_code == 302
    assert response["Location"] == "/wilayah/belu/"
    assert head_of(client, "/wilayah/belu/").lang == "en"


def test_an_article_without_an_image_shares_the_site_s_card(client, places, frozen):
    head = head_of(client, publish("Tanpa foto").get_absolute_url())
    assert head.meta["og:image"] == "http://testserver/static/img/og-default.png"
