"""Every public page names what it shows, and a change makes stale only the
pages that show it: the rest of the cache stays warm."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import workflow
from articles.models import ArticleReporter, Journalist, ProgramTag
from newsroom import surrogate
from tests.newsroom.conftest import HIT


@pytest.fixture
def desk(make_article, places):
    """An old story from Alor, three newer ones there and twelve from Belu: the
    old one is on Alor's pages and the archive, not on the home page."""
    now = timezone.now()
    old = make_article("Banjir lama di Alor", region="alor")
    old.published_at = now - datetime.timedelta(days=700)
    old.save()
    alor = [make_article(f"Kabar Alor {n}", region="alor") for n in range(3)]
    belu = [make_article(f"Kabar Belu {n}", region="belu") for n in range(12)]
    return {"old": old, "alor": alor, "belu": belu}


def served(client, url: str) -> tuple[int, str]:
    """How many queries ``url`` took, and its body."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code in (200, 404), url
    return len(captured), response.content.decode()


def warm(client, *urls: str) -> None:
    for url in urls:
        client.get(url)
        assert served(client, url)[0] == HIT, url


def keys(client, url: str) -> set[str]:
    return set(client.get(url)["Surrogate-Key"].split())


def test_every_public_page_names_what_it_shows(client, desk, caching, places):
    story = desk["belu"][0]
    reporter = Journalist.objects.get(slug="maria-lado")
    article_keys = keys(client, story.get_absolute_url())
    assert {f"article-{story.pk}", f"region-{places['belu'].pk}", f"journalist-{reporter.pk}"} <= (
        article_keys
    )
    region_keys = keys(client, "/wilayah/belu/")
    assert {f"region-{places['belu'].pk}-list", f"article-{story.pk}", "filters"} <= region_keys
    assert f"article-{desk['old'].pk}" not in region_keys
    newest = desk["belu"][-1]
    assert {"articles", f"article-{newest.pk}"} <= keys(client, "/")
    assert f"article-{desk['old'].pk}" not in keys(client, "/")
    assert f"region-{places['belu'].pk}-list" in keys(client, "/wilayah/belu/feed/")
    assert keys(client, "/sitemap-articles.xml") == {"sitemap"}
    assert "Surrogate-Key" not in client.get("/robots.txt")
    assert "Surrogate-Control" in client.get("/")


def test_a_correction_to_an_old_story_leaves_the_rest_of_the_cache_warm(
    client, desk, caching, people, committed
):
    old, fresh = desk["old"].get_absolute_url(), desk["belu"][0].get_absolute_url()
    warm(client, "/", old, fresh, "/wilayah/belu/", "/wilayah/alor/", "/sitemap-articles.xml")
    with committed():
        workflow.add_correction(desk["old"], by=people["editor"], text="Tanggal banjir diperbaiki.")
    queries, body = served(client, old)
    assert queries > HIT
    assert "Tanggal banjir diperbaiki." in body
    # The pages that show or link it, and the sitemap that dates it.
    for url in ("/wilayah/alor/", "/sitemap-articles.xml"):
        assert served(client, url)[0] > HIT, url
    for url in ("/", fresh, "/wilayah/belu/"):
        assert served(client, url)[0] == HIT, url


def test_unpublishing_makes_stale_every_list_it_was_in_and_nothing_else(
    client, desk, caching, people, committed
):
    story = desk["alor"][0]
    other = desk["belu"][0].get_absolute_url()
    warm(client, "/", story.get_absolute_url(), "/wilayah/alor/", "/wilayah/ntt/", "/arsip/")
    warm(client, "/wilayah/belu/", other, "/feed/", "/wilayah/alor/feed/")
    with committed():
        workflow.unpublish(story, by=people["editor"], reason="Perintah pengadilan")
    assert client.get(story.get_absolute_url()).status_code == 404
    for url in ("/", "/wilayah/alor/", "/wilayah/ntt/", "/arsip/", "/feed/", "/wilayah/alor/feed/"):
        queries, body = served(client, url)
        assert queries > HIT, url
        assert story.title not in body, url
    assert served(client, "/wilayah/belu/")[0] == HIT
    assert served(client, other)[0] == HIT


def test_moving_a_story_to_another_region_refreshes_both(client, desk, caching, places, committed):
    story = desk["belu"][0]
    warm(client, "/wilayah/belu/", "/wilayah/alor/", "/wilayah/sikka/")
    with committed():
        story.region = places["alor"]
        story.save()
        story.regions.set([places["alor"]])
    assert story.title not in served(client, "/wilayah/belu/")[1]
    assert story.title in served(client, "/wilayah/alor/")[1]
    assert served(client, "/wilayah/sikka/")[0] == HIT


def test_a_new_byline_and_program_refresh_the_reporters_and_programs_pages(
    client, desk, caching, committed
):
    story = desk["belu"][0]
    writer = Journalist.objects.create(name="Yosef Bria", slug="yosef-bria")
    program = ProgramTag.objects.get(slug="jkk")
    warm(client, "/penulis/yosef-bria/", "/program/jkk/", "/program/jht/")
    with committed():
        ArticleReporter.objects.create(article=story, journalist=writer, position=1)
        story.programs.add(program)
    assert story.title in served(client, "/penulis/yosef-bria/")[1]
    assert story.title in served(client, "/program/jkk/")[1]
    assert served(client, "/program/jht/")[0] == HIT


def test_renaming_a_region_refreshes_the_pages_that_name_it(
    client, desk, caching, places, committed
):
    warm(client, desk["belu"][0].get_absolute_url(), "/arsip/", "/program/jkk/")
    warm(client, desk["old"].get_absolute_url())
    with committed():
        places["belu"].name = "Belu Raya"
        places["belu"].save()
    assert "Belu Raya" in served(client, desk["belu"][0].get_absolute_url())[1]
    assert "Belu Raya" in served(client, "/arsip/")[1]
    assert "Belu Raya" in served(client, "/program/jkk/")[1]
    assert served(client, desk["old"].get_absolute_url())[0] == HIT


def test_editing_a_draft_purges_nothing(
    client, cast, caching, committed, django_assert_num_queries
):
    warm(client, "/")
    with committed():
        cast["draft"].title = "Draf yang terus disunting"
        cast["draft"].save()
    assert served(client, "/")[0] == HIT


class EdgeCache(BaseHTTPRequestHandler):
    purged: list[set[str]] = []

    def do_PURGE(self):
        EdgeCache.purged.append(set(self.headers["xkey-purge"].split()))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge(settings):
    server = HTTPServer(("127.0.0.1", 0), EdgeCache)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EDGE_PURGE_URLS = [f"http://127.0.0.1:{server.server_port}/"]
    EdgeCache.purged = []
    yield EdgeCache.purged
    server.shutdown()


def test_each_change_purges_the_edge_cache_by_the_same_keys(
    cast, caching, people, edge, committed, places
):
    with committed():
        workflow.unpublish(cast["live"], by=people["editor"], reason="Salah nama")
    assert len(edge) == 1
    assert {
        f"article-{cast['live'].pk}",
        surrogate.ARTICLES,
        surrogate.SITEMAP,
        f"region-{places['belu'].pk}-list",
        f"region-{places['ntt'].pk}-list",
    } <= edge[0]
    assert f"region-{places['alor'].pk}-list" not in edge[0]


def test_renaming_a_reporter_refreshes_the_feeds_that_name_them(client, desk, caching, committed):
    warm(client, "/feed/", "/wilayah/belu/feed/")
    reporter = Journalist.objects.get(slug="maria-lado")
    with committed():
        reporter.name = "Maria Lado Bere"
        reporter.save()
    assert "Maria Lado Bere" in served(client, "/feed/")[1]
    assert "Maria Lado Bere" in served(client, "/wilayah/belu/feed/")[1]


def test_the_lists_of_any_number_of_articles_are_worked_out_in_four_queries(
    desk, django_assert_num_queries
):
    from articles.signals import _list_keys

    # Regions' paths, the regions on those paths, programs, reporters.
    with django_assert_num_queries(4):
        one = _list_keys([desk["old"].pk])
    with django_assert_num_queries(4):
        many = _list_keys([article.pk for article in [desk["old"], *desk["belu"]]])
    assert one < many
