import datetime
import re

import pytest

from articles.models import Article
from regions.models import Region
from tests.site.builders import publish

HOUR = datetime.timedelta(hours=1)


def titles(response) -> list[str]:
    return [article.title for article in response.context["page_obj"]]


def test_every_region_in_the_fixtures_has_a_page(client, places):
    for region in Region.objects.all():
        response = client.get(f"/wilayah/{region.slug}/")
        assert response.status_code == 200, region.slug
        assert f"<h1>{region}</h1>" in response.content.decode()


@pytest.mark.parametrize(
    ("slug", "trail", "children"),
    [
        ("kupang", ["Nusa Tenggara Timur", "Kupang"], ["Kupang Barat", "Kupang Tengah"]),
        ("belu", ["Nusa Tenggara Timur", "Belu"], []),
        ("manggarai-barat", ["Nusa Tenggara Timur", "Manggarai Barat"], ["Komodo"]),
        ("bolok", ["Nusa Tenggara Timur", "Kupang", "Kupang Barat", "Bolok"], []),
    ],
)
def test_a_region_page_shows_its_place_in_the_tree_and_its_sub_regions(
    client, places, slug, trail, children
):
    html = client.get(f"/wilayah/{slug}/").content.decode()
    breadcrumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r'<a href="/wilayah/[\w-]+/"[^>]*>([^<]+)</a>', breadcrumbs) == trail
    subregions = re.search(r'<ul class="chip-list">(.*?)</ul>', html, re.S)
    found = re.findall(r">([^<]+)</a>", subregions.group(1)) if subregions else []
    assert found == children


def test_it_lists_live_articles_of_the_region_and_every_place_under_it(client, places, frozen):
    publish("Di Kupang", region="kupang", ago=1 * HOUR)
    publish("Di desa Bolok", region="bolok", ago=2 * HOUR)
    publish(
        "Utama Belu, juga Kupang Tengah", region="belu", regions=("kupang-tengah",), ago=3 * HOUR
    )
    publish("Di Kota Kupang", region="kota-kupang", ago=4 * HOUR)
    publish("Draf Kupang", region="kupang", status=Article.Status.DRAFT)
    response = client.get("/wilayah/kupang/")
    assert titles(response) == ["Di Kupang", "Di desa Bolok", "Utama Belu, juga Kupang Tengah"]
    assert titles(client.get("/wilayah/kupang-barat/")) == ["Di desa Bolok"]
    assert len(titles(client.get("/wilayah/ntt/"))) == 4


def test_an_article_in_two_places_of_one_region_is_listed_once(client, places, frozen):
    publish("Dua desa", region="bolok", regions=("penfui-timur", "kupang"))
    assert titles(client.get("/wilayah/kupang/")) == ["Dua desa"]


@pytest.fixture
def kupang_news(places, frozen):
    # frozen now: 09:00 WITA, Monday 17 November 2025.
    publish("JKK oleh Maria", region="kupang", programs=("jkk",), ago=1 * HOUR)
    publish(
        "JKM oleh Yosef", region="bolok", programs=("jkm",), reporters=("Yosef Bere",), ago=2 * HOUR
    )
    # 23:30 WITA on Sunday 16 November: the day a reader in Kupang saw it.
    publish(
        "Minggu malam",
        region="kupang",
        programs=("jkk",),
        ago=datetime.timedelta(hours=9, minutes=30),
    )
    publish("Bulan lalu", region="kupang", ago=datetime.timedelta(days=30))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("program=jkk", ["JKK oleh Maria", "Minggu malam"]),
        ("penulis=yosef-bere", ["JKM oleh Yosef"]),
        ("program=jkk&penulis=maria-lado", ["JKK oleh Maria", "Minggu malam"]),
        ("dari=2025-11-17", ["JKK oleh Maria", "JKM oleh Yosef"]),
        ("sampai=2025-11-16", ["Minggu malam", "Bulan lalu"]),
        ("dari=2025-11-16&sampai=2025-11-16", ["Minggu malam"]),
        ("dari=2025-10-01&sampai=2025-10-31", ["Bulan lalu"]),
        ("dari=2025-09-01&sampai=2025-09-30", []),
    ],
)
def test_filters_narrow_the_region_s_articles(client, kupang_news, query, expected):
    response = client.get(f"/wilayah/kupang/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    "query",
    [
        "program=tidak-ada",
        "penulis=siapa",
        "dari=2025-02-30",
        "dari=kemarin",
        "sampai=99999-01-01",
        "program=%00",
        "penulis[]=x&program=<script>",
    ],
)
def test_an_unknown_filter_value_shows_nothing_and_says_why(client, kupang_news, query):
    response = client.get(f"/wilayah/kupang/?{query}")
    assert response.status_code == 200
    assert titles(response) == []
    html = response.content.decode()
    assert 'class="notice"' in html
    assert "<script>" not in html


def test_unknown_query_parameters_are_ignored(client, kupang_news):
    response = client.get("/wilayah/kupang/?utm_source=wa&fbclid=xyz")
    assert len(titles(response)) == 4
    assert 'class="notice"' not in response.content.decode()


class TestPagination:
    @pytest.fixture
    def many(self, places, frozen):
        for number in range(45):
            publish(f"Berita {number:02d}", region="belu", ago=(number + 1) * HOUR)

    def test_twenty_per_page_newest_first(self, client, many):
        first = client.get("/wilayah/belu/")
        assert titles(first) == [f"Berita {n:02d}" for n in range(20)]
        third = client.get("/wilayah/belu/?halaman=3")
        assert titles(third) == [f"Berita {n:02d}" for n in range(40, 45)]

    def test_page_links_keep_the_filters(self, client, many):
        html = client.get("/wilayah/belu/?penulis=maria-lado&halaman=2").content.decode()
        assert 'href="?penulis=maria-lado&amp;halaman=3"' in html
        assert 'href="?penulis=maria-lado"' in html  # back to page one

    @pytest.mark.parametrize("page", ["4", "0", "-1", "abc", "1.5", "", "9" * 30])
    def test_a_page_that_does_not_exist_is_not_found(self, client, many, page):
        assert client.get(f"/wilayah/belu/?halaman={page}").status_code == 404

    def test_the_canonical_link_keeps_the_page_and_drops_the_filters(self, client, many):
        html = client.get(
            "/wilayah/belu/?halaman=2&penulis=maria-lado&utm_source=x"
        ).content.decode()
        assert '<link rel="canonical" href="http://testserver/wilayah/belu/?halaman=2">' in html


def test_an_unknown_region_is_not_found(client, places):
    assert client.get("/wilayah/atlantis/").status_code == 404


def test_a_region_page_links_its_feeds(client, places):
    html = client.get("/wilayah/belu/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/wilayah/belu/feed/"' in html and 'href="/wilayah/belu/feed/atom/"' in html


def test_the_filters_stay_folded_until_one_is_chosen(client, places):
    assert '<details class="filters">' in client.get("/wilayah/belu/").content.decode()
    html = client.get("/wilayah/belu/?program=jkk").content.decode()
    assert '<details class="filters" open>' in html
    assert '<a href="/wilayah/belu/">' in html  # clear the filters
