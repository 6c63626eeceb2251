"""Errors in the site's style; odd URLs and query strings never cause a 500."""

import pytest
from django.test import Client

from tests.site.builders import publish

JUNK = [
    "halaman=-1",
    "halaman=abc",
    "halaman=99999999999999999999999",
    "halaman=1e3",
    "halaman=%00",
    "q=%00",
    "q=%ff%fe",
    "q=" + "x" * 5000,
    "program=%27%22%3E%3Cscript%3E",
    "penulis[]=a&penulis[]=b",
    "wilayah=../../etc/passwd",
    "dari=0000-00-00",
    "sampai=2025-13-45",
    "tahun=-2025",
    "bulan=%E2%80%AE",
    "%FF=%FF",
    "&&&==&",
]
PAGES = [
    "/",
    "/wilayah/belu/",
    "/program/jkk/",
    "/penulis/maria-lado/",
    "/arsip/",
    "/cari/",
    "/feed/",
    "/wilayah/belu/feed/atom/",
    "/sitemap.xml",
    "/sitemap-news.xml",
]


@pytest.mark.parametrize("page", PAGES)
def test_junk_query_strings_give_a_page_or_a_404_never_a_500(page, places, frozen):
    publish("Berita", programs=("jkk",))
    client = Client(raise_request_exception=False)
    for junk in JUNK:
        response = client.get(f"{page}?{junk}")
        assert response.status_code in (200, 404), f"{page}?{junk}"


def test_the_404_page_is_in_the_site_s_style(client, db):
    response = client.get("/tidak/ada/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert 'class="site-header"' in html and 'href="/static/css/site.css"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html
    assert 'href="/cari/"' in html


def test_a_server_error_shows_the_site_s_500_page_without_touching_the_database(
    places, monkeypatch, django_assert_num_queries
):
    from newsroom import views

    def broken():
        raise RuntimeError("the database is down")

    monkeypatch.setattr(views, "region_blocks", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert 'class="site-header"' in html and "Newsroom NTT" in html
    assert '<meta name="robots" content="noindex">' in html
    with django_assert_num_queries(0):
        assert views.server_error(None).status_code == 500


@pytest.mark.parametrize(
    "url",
    ["/sitemap-articles.xml?p=abc", "/sitemap-articles.xml?p=-1", "/sitemap-articles.xml?p=2"],
)
def test_a_sitemap_page_that_does_not_exist_is_not_found(client, places, url):
    assert client.get(url).status_code == 404
