"""Junk in every public URL's parameters and path never makes a server error.

Each public URL is fetched once per junk value, with that value in every
parameter the site reads (and one it does not), and once with the value in
the path where the URL takes a slug or a number.
"""

import pytest
from django.test import Client

from articles.models import ProgramTag
from regions.models import Region

PARAMETERS = [
    "q",
    "halaman",
    "program",
    "wilayah",
    "penulis",
    "dari",
    "sampai",
    "tahun",
    "bulan",
    "next",
    "utm_source",
]
JUNK = [
    "x" * 10_000,
    "\x00",
    "a\x00b",
    "\x01\x1f\x7f",
    "\r\nSet-Cookie: x=1",
    "🦀🇮🇩 Kupang 👩🏽‍🌾",
    "\u202e\u200b\ufeff",
    "' OR 1=1 --",
    "1; DROP TABLE articles_article; --",
    '") OR ("1"="1',
    "NEAR(a b) OR * ^ AND NOT",
    "-1",
    "0",
    "99999999999999999999999999999999",
    "1e309",
    "NaN",
    "0x1F",
    "2025-02-30",
    "9999-99-99",
    "../../../../etc/passwd",
    "%00%2e%2e%2f",
    "<script>alert(1)</script>",
    "//evil.example/",
    "javascript:alert(1)",
    "[]",
    "{}",
]


def public_urls(cast) -> list[str]:
    urls = [
        "/",
        "/arsip/",
        "/cari/",
        "/feed/",
        "/feed/atom/",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/bahasa/en/",
        "/penulis/maria-lado/",
        cast["live"].get_absolute_url(),
        "/pratinjau/abc/",
    ]
    for region in Region.objects.filter(slug__in=["ntt", "belu", "bolok"]):
        urls += [f"/wilayah/{region.slug}/", f"/wilayah/{region.slug}/feed/"]
    for program in ProgramTag.objects.filter(slug__in=["jkk"]):
        urls += [f"/program/{program.slug}/", f"/program/{program.slug}/feed/atom/"]
    return urls


PATHS = [
    "/wilayah/{}/",
    "/program/{}/",
    "/penulis/{}/",
    "/pratinjau/{}/",
    "/berita/2025/11/17/{}/",
    "/bahasa/{}/",
    "/sitemap-{}.xml",
    "/{}",
]


@pytest.fixture
def reader():
    # Server errors must come back as responses, as they would for a reader.
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
def test_junk_parameters_never_cause_a_server_error(reader, cast, junk):
    failures = []
    for url in public_urls(cast):
        response = reader.get(url, dict.fromkeys(PARAMETERS, junk))
        if response.status_code >= 500:
            failures.append(url)
        for name in ("halaman", "q"):
            response = reader.get(url, {name: junk})
            if response.status_code >= 500:
                failures.append(f"{url}?{name}=")
    assert failures == []


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
def test_junk_in_the_path_is_a_not_found_or_a_redirect(reader, cast, junk):
    statuses = {}
    for pattern in PATHS:
        response = reader.get(pattern.format(junk))
        statuses[pattern] = response.status_code
    assert all(status in (200, 301, 302, 404, 410) for status in statuses.values()), statuses


# Bytes that are not UTF-8 at all, as a broken client or a scanner sends them.
RAW = ["%FF%FE", "%C0%AF", "%ED%B3%BF", "%E2%82"]


@pytest.mark.parametrize("raw", RAW)
def test_bytes_that_are_not_utf8_never_cause_a_server_error(reader, cast, raw):
    query = "&".join(f"{name}={raw}" for name in PARAMETERS)
    statuses = {url: reader.get(f"{url}?{query}").status_code for url in public_urls(cast)}
    statuses.update({p: reader.get(p.format(raw)).status_code for p in PATHS})
    assert all(status < 500 for status in statuses.values()), statuses


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1e309", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_a_not_found(reader, cast, page):
    assert reader.get("/arsip/", {"halaman": page}).status_code == 404


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "javascript:alert(1)"]
)
def test_the_language_switch_never_sends_a_reader_to_another_site(reader, target):
    response = reader.get("/bahasa/en/", {"next": target})
    assert (response.status_code, response["Location"]) == (302, "/")


def test_a_header_injection_in_the_language_switch_goes_nowhere(reader):
    response = reader.get("/bahasa/en/", {"next": "/arsip/\r\nSet-Cookie: x=1"})
    assert response.status_code == 302
    assert "x" not in response.cookies
