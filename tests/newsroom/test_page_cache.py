"""Anonymous pages come from the cache; every change readers could see shows at once."""

import datetime
import time

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import preview, workflow
from articles.models import Article
from tests.newsroom.conftest import HIT


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, len(captured)


def test_an_anonymous_page_is_served_from_the_cache(client, cast, caching):
    first, queries = queries_for(client, "/")
    assert queries > 0
    second, queries = queries_for(client, "/")
    assert queries == HIT
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "max-age=60" in second["Cache-Control"]


def test_language_and_query_string_each_have_their_own_entry(client, cast, caching):
    queries_for(client, "/arsip/")
    assert queries_for(client, "/arsip/")[1] == HIT
    assert queries_for(client, "/arsip/?page=1")[1] > 0
    client.cookies["django_language"] = "en"
    english, queries = queries_for(client, "/arsip/")
    assert queries > 0
    assert english["Content-Language"] == "en"
    assert queries_for(client, "/arsip/")[1] == HIT


def test_publishing_shows_the_article_at_once(client, cast, caching, people, committed):
    assert cast["in_review"].title not in client.get("/").content.decode()
    with committed():
        workflow.publish(cast["in_review"], by=people["editor"])
    assert cast["in_review"].title in client.get("/").content.decode()


def test_unpublishing_removes_the_article_at_once(client, cast, caching, people, committed):
    url = cast["live"].get_absolute_url()
    assert client.get(url).status_code == 200
    assert cast["live"].title in client.get("/").content.decode()
    with committed():
        workflow.unpublish(cast["live"], by=people["editor"], reason="Salah data")
    assert client.get(url).status_code == 404
    assert cast["live"].title not in client.get("/").content.decode()


def test_a_correction_shows_at_once(client, cast, caching, people, committed):
    url = cast["live"].get_absolute_url()
    client.get(url)
    with committed():
        workflow.add_correction(cast["live"], by=people["editor"], text="Jumlah desa adalah tiga.")
    assert "Jumlah desa adalah tiga." in client.get(url).content.decode()


def test_an_edit_of_a_live_article_shows_at_once(client, cast, caching, committed):
    client.get("/")
    cast["live"].title = "Judul yang diperbaiki"
    with committed():
        cast["live"].save()
    assert "Judul yang diperbaiki" in client.get("/").content.decode()


def test_editing_a_draft_keeps_the_cache(client, cast, caching, committed):
    client.get("/")
    cast["draft"].title = "Draf yang terus disunting"
    with committed():
        cast["draft"].save()
    assert queries_for(client, "/")[1] == HIT


def test_no_entry_outlives_the_next_scheduled_publication(client, cast, caching):
    article = cast["scheduled"]
    article.published_at = timezone.now() + datetime.timedelta(seconds=2)
    Article.objects.filter(pk=article.pk).update(published_at=article.published_at)
    cache.clear()
    assert article.title not in client.get("/").content.decode()
    # Nothing ran in between: the cached home page simply expired on time.
    time.sleep(max(0.0, (article.published_at - timezone.now()).total_seconds()) + 0.2)
    assert article.title in client.get("/").content.decode()


def test_staff_are_never_served_from_the_cache_nor_stored_in_it(client, cast, caching, people):
    client.get("/")
    # A change that bypasses every signal: only a fresh render can show it.
    Article.objects.filter(pk=cast["live"].pk).update(title="Judul baru tanpa sinyal")
    client.force_login(people["editor"])
    staff = client.get("/")
    assert "Judul baru tanpa sinyal" in staff.content.decode()
    assert "private" in staff["Cache-Control"]
    client.logout()
    cache.clear()
    client.force_login(people["editor"])
    client.get("/arsip/")
    client.logout()
    assert queries_for(client, "/arsip/")[1] > 0


def test_preview_links_are_never_cached(client, cast, caching, people):
    link = preview.create_link(cast["draft"], by=people["editor"])
    url = f"/pratinjau/{preview.token_for(link)}/"
    first, queries = queries_for(client, url)
    assert first.status_code == 200
    assert queries > 0
    assert queries_for(client, url)[1] > 0
    assert "no-store" in first["Cache-Control"]
    assert "private" in first["Cache-Control"]


def test_parameters_a_page_does_not_read_share_its_entry_and_never_show(client, cast, caching):
    first, queries = queries_for(client, "/?utm_source=wa&fbclid=abc")
    assert queries > HIT
    assert "utm_source" not in first.content.decode()
    second, queries = queries_for(client, "/?utm_source=telegram")
    assert queries == HIT
    assert second.content == first.content
    queries_for(client, "/arsip/?program=jkk&halaman=1&ref=x")
    assert queries_for(client, "/arsip/?halaman=1&program=jkk")[1] == HIT
    assert queries_for(client, "/arsip/?program=jht")[1] > HIT


def test_a_session_cookie_that_names_no_live_session_is_served_from_the_cache(
    client, cast, caching
):
    queries_for(client, "/")
    client.cookies["sessionid"] = "tidakadasesisepertiini0123456789"
    response, queries = queries_for(client, "/")
    assert queries == HIT + 1  # the session lookup, then the hit
    assert "public" in response["Cache-Control"]


def test_a_render_that_straddles_a_scheduled_time_is_not_kept_past_it(
    client, cast, caching, monkeypatch
):
    from newsroom import views

    article = cast["scheduled"]
    article.published_at = timezone.now() + datetime.timedelta(seconds=1)
    Article.objects.filter(pk=article.pk).update(published_at=article.published_at)
    blocks = views.region_blocks

    def slow_blocks():
        time.sleep(max(0.0, (article.published_at - timezone.now()).total_seconds()) + 0.3)
        return blocks()

    monkeypatch.setattr(views, "region_blocks", slow_blocks)
    # Rendered from before its time to after: the latest stories were read
    # before it, the region blocks after.
    straddling = client.get("/").content.decode()
    monkeypatch.setattr(views, "region_blocks", blocks)
    after = client.get("/").content.decode()
    assert after.count(article.title) > straddling.count(article.title)


def test_a_page_served_from_the_cache_tells_downstream_caches_only_the_time_it_has_left(
    client, cast, caching
):
    article = cast["scheduled"]
    article.published_at = timezone.now() + datetime.timedelta(seconds=50)
    Article.objects.filter(pk=article.pk).update(published_at=article.published_at)
    assert client.get("/")["Surrogate-Control"] in ("max-age=49", "max-age=50")
    time.sleep(1.2)
    hit, queries = queries_for(client, "/")
    assert queries == HIT
    assert hit["Surrogate-Control"] in ("max-age=47", "max-age=48")
    assert "max-age=48" in hit["Cache-Control"] or "max-age=47" in hit["Cache-Control"]


def test_a_hit_reads_the_purge_number_again_only_once_it_is_older_than_the_recheck(
    client, cast, caching, settings, people, committed
):
    settings.PAGE_CACHE_RECHECK = 60
    client.get("/")
    assert queries_for(client, "/")[1] in (0, 1)
    assert queries_for(client, "/")[1] == 0
    settings.PAGE_CACHE_RECHECK = 0  # this process's own purges need no wait either way
    with committed():
        workflow.unpublish(cast["live"], by=people["editor"], reason="Salah data")
    settings.PAGE_CACHE_RECHECK = 60
    home, queries = queries_for(client, "/")
    assert queries > 1
    assert cast["live"].title not in home.content.decode()
