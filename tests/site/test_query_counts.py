"""Every list page runs the same number of queries for 1 article as for 40.

The articles spread over every regency and city, five programs and a dozen
reporters, each with a lead image and some with corrections, so an N+1 over
any of them would show up as a difference between the two runs.
"""

import datetime

import pytest
from django.utils import timezone

from regions.models import Region
from tests.site.builders import correct, publish

PROGRAMS = ["jkk", "jkm", "jht", "jp", "jkp"]


@pytest.fixture(params=[1, 40], ids=["1-article", "40-articles"])
def articles(request, places, frozen):
    # The first article lies in Bolok, a village of Kupang, so the Kupang
    # filters below match it whatever the number of articles.
    regencies = Region.objects.filter(kind__in=["regency", "city"]).values_list("slug", flat=True)
    regions = ["bolok", *regencies]
    built = []
    for i in range(request.param):
        article = publish(
            f"Artikel nomor {i}",
            region=regions[i % len(regions)],
            regions=(regions[(i + 1) % len(regions)],),
            programs=(PROGRAMS[i % len(PROGRAMS)], "bpjs-ketenagakerjaan"),
            reporters=(f"Reporter {i % 12}", f"Reporter {(i + 1) % 12}"),
            ago=datetime.timedelta(hours=i + 1),
            image=(640, 400) if i % 8 == 0 else None,
        )
        if i % 3 == 0:
            correct(article, f"Koreksi untuk artikel {i}.")
        built.append(article)
    return built


def first_month(articles) -> str:
    moment = timezone.localtime(articles[0].published_at)
    return f"tahun={moment.year}&bulan={moment.month}"


def check(client, django_assert_num_queries, url: str, expected: int) -> None:
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200, url


def test_home(client, django_assert_num_queries, articles):
    # 1 the latest live articles with their regions
    # 2 the regencies and cities, each with the ids of its newest few (subqueries)
    # 3 those articles with their regions
    # 4 the programs, each with the ids of its newest few (subqueries)
    # 5 those articles with their regions
    check(client, django_assert_num_queries, "/", 5)


def test_region_page(client, django_assert_num_queries, articles):
    # 1 the region  2 its ancestors  3 its sub-regions
    # 4 count  5 the page's articles with their regions
    # 6 program choices  7 reporter choices (reporters with live bylines)
    check(client, django_assert_num_queries, "/wilayah/kupang/", 7)


def test_region_page_with_every_filter(client, django_assert_num_queries, articles):
    # 1 the region  2 the program named  3 the reporter named
    # 4 count  5 the page's articles  6 ancestors  7 sub-regions
    # 8 program choices  9 reporter choices
    url = "/wilayah/kupang/?program=jkk&penulis=reporter-0&dari=2025-01-01&sampai=2025-12-31"
    check(client, django_assert_num_queries, url, 9)


def test_province_page(client, django_assert_num_queries, articles):
    # As a region page, less the ancestors: the province has none, and an
    # empty slug__in needs no query.
    check(client, django_assert_num_queries, "/wilayah/ntt/", 6)


def test_program_page(client, django_assert_num_queries, articles):
    # 1 the program  2 count  3 the page's articles with regions  4 region choices
    check(client, django_assert_num_queries, "/program/bpjs-ketenagakerjaan/", 4)


def test_program_page_filtered_by_region(client, django_assert_num_queries, articles):
    # 1 the program  2 the region named  3 count  4 the page  5 region choices
    check(client, django_assert_num_queries, "/program/jkk/?wilayah=kupang", 5)


def test_reporter_page(client, django_assert_num_queries, articles):
    # 1 the reporter  2 count  3 the page's articles with regions
    check(client, django_assert_num_queries, "/penulis/reporter-0/", 3)


def test_archive(client, django_assert_num_queries, articles):
    # 1 count  2 the page  3 region choices  4 program choices
    # 5 reporter choices  6 the years that have live articles
    check(client, django_assert_num_queries, "/arsip/", 6)


def test_archive_with_every_filter(client, django_assert_num_queries, articles):
    # 1 region named  2 program named  3 reporter named  4 years (to validate)
    # 5 count  6 the page  7 region choices  8 program choices
    # 9 reporter choices  10 years (to render)
    url = f"/arsip/?wilayah=kupang&program=jkk&penulis=reporter-0&{first_month(articles)}"
    check(client, django_assert_num_queries, url, 10)


def test_search(client, django_assert_num_queries, articles):
    # 1 the latest page purge (whether the names the query is read with changed;
    # they were loaded when the articles were indexed, and a process loads them
    # again only after a change)
    # 2 the ids of the newest matches, ranked (their number is the count)
    # 3 the page's articles with their bodies (for the snippets) and regions
    # 4 region choices  5 program choices  6 years (the filters)
    check(client, django_assert_num_queries, "/cari/?q=artikel+nomor", 6)
    if len(articles) > 20:
        check(client, django_assert_num_queries, "/cari/?q=artikel+nomor&halaman=2", 6)


def test_search_with_filters(client, django_assert_num_queries, articles):
    # 1 the latest page purge  2 region named  3 program named  4 the ranked ids
    # 5 the page  6 region choices  7 program choices  8 years
    check(client, django_assert_num_queries, "/cari/?q=artikel&wilayah=kupang&program=jkk", 8)


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_site_feeds(client, django_assert_num_queries, articles, url):
    # 1 articles with regions and last correction  2 bylines with journalists
    # 3 program links with programs
    check(client, django_assert_num_queries, url, 3)


@pytest.mark.parametrize(
    "url",
    [
        "/wilayah/kupang/feed/",
        "/wilayah/kupang/feed/atom/",
        "/program/bpjs-ketenagakerjaan/feed/",
        "/program/bpjs-ketenagakerjaan/feed/atom/",
    ],
)
def test_region_and_program_feeds(client, django_assert_num_queries, articles, url):
    # 1 the region or program, then the three queries of the site feed
    check(client, django_assert_num_queries, url, 4)


def test_sitemap_index(client, django_assert_num_queries, articles):
    # articles: 1 count  2 latest publication  3 latest correction
    # 4 regions count  5 programs count  6 reporters count
    check(client, django_assert_num_queries, "/sitemap.xml", 6)


@pytest.mark.parametrize(
    "url",
    [
        "/sitemap-articles.xml",
        "/sitemap-regions.xml",
        "/sitemap-programs.xml",
        "/sitemap-reporters.xml",
        "/sitemap-news.xml",
    ],
)
def test_sitemap_sections(client, django_assert_num_queries, articles, url):
    # 1 count  2 the page of items
    check(client, django_assert_num_queries, url, 2)


def test_robots_txt_needs_no_database(client, django_assert_num_queries, articles):
    check(client, django_assert_num_queries, "/robots.txt", 0)


def test_article_page(client, django_assert_num_queries, articles):
    # 1 the article with region and editor  2 bylines  3 programs  4 regions
    # 5 corrections  6 the editor's related picks  7 suggested related articles
    check(client, django_assert_num_queries, articles[0].get_absolute_url(), 7)
