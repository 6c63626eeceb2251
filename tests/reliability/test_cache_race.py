"""No cached page shows a change's "before" once the change has committed, in
every configuration: gunicorn's workers each caching in their own memory,
Redis (even back from an old snapshot, or stopped), two app servers behind
nginx, and Varnish in front.

The first test: an editor publishes an article in a transaction and holds it
open; a reader asks for the home page meanwhile and gets (and caches) the page
as it was; the editor commits; the next reader must see the article. A purge
numbered before the commit would let the reader's old page be served for the
whole cache lifetime.
"""

import datetime
import os
import signal
import time

import pytest
from django.utils import timezone

from tests.reliability.servers import (
    Gunicorn,
    Nginx,
    Redis,
    Varnish,
    every_worker,
    get,
    warm,
)


def test_a_page_rendered_before_the_commit_is_not_served_after_it(
    shared_database, cast, people, tmp_path
):
    cache_dir = str(tmp_path / "cache")
    article = cast["in_review"]
    editor = shared_database.child("publish-and-wait", cache_dir, str(article.pk))
    try:
        assert editor.stdout.readline().strip() == "CHANGED", editor.stderr.read()
        before = shared_database.run("page", cache_dir, "/", article.title)
        assert before == {"status": 200, "shows": False}
        editor.stdin.write("commit\n")
        editor.stdin.flush()
        _out, err = editor.communicate(timeout=60)
        assert editor.returncode == 0, err
    finally:
        if editor.poll() is None:
            editor.kill()

    after = shared_database.run("page", cache_dir, "/", article.title)
    assert after == {"status": 200, "shows": True}


# Real servers: gunicorn as deployed, Redis, nginx and Varnish on 127.0.0.1 ---------


@pytest.fixture
def served(shared_database, cast, people, tmp_path, monkeypatch):
    """Start a server on the shared database (``served(Gunicorn, …)``); all
    are stopped when the test ends. The servers and the editor's processes
    recheck purge numbers as deployed."""
    monkeypatch.setenv("PAGE_CACHE_RECHECK", "0.1")
    started = []

    def start(kind, *args, **kwargs):
        shared_database.share()
        server = kind(*args, **kwargs)
        started.append(server)
        return server

    yield start
    for server in reversed(started):
        server.stop()


def test_without_redis_no_worker_serves_a_change_once_it_has_committed(
    shared_database, cast, make_article, served, tmp_path
):
    """The embedded default: two workers, each caching in its own memory."""
    live, other = cast["live"], make_article("Berita kedua di Belu")
    app = served(Gunicorn, shared_database.url, tmp_path)
    for path in ("/", live.get_absolute_url(), other.get_absolute_url(), "/wilayah/belu/"):
        warm(app.url + path)

    shared_database.run("change", "retitle", str(live.pk), "Judul sesudah koreksi")
    answers, _workers = every_worker(app.url + "/")
    assert all("Judul sesudah koreksi" in answer.body for answer in answers)

    shared_database.run("change", "unpublish", str(live.pk))
    answers, _workers = every_worker(app.url + live.get_absolute_url())
    assert {answer.status for answer in answers} == {404}
    for path in ("/", "/wilayah/belu/"):
        assert not any("Judul sesudah koreksi" in a.body for a in every_worker(app.url + path)[0])

    shared_database.run("change", "trash", str(other.pk))
    answers, _workers = every_worker(app.url + other.get_absolute_url())
    assert {answer.status for answer in answers} == {404}


def test_a_scheduled_article_appears_on_every_worker_at_its_time(
    shared_database, cast, served, tmp_path
):
    article = cast["in_review"]
    app = served(Gunicorn, shared_database.url, tmp_path)
    # Far enough ahead for the editor's process and the warming on a busy machine.
    at = timezone.now() + datetime.timedelta(seconds=15)
    shared_database.run("change", "publish-at", str(article.pk), at.isoformat())
    for path in ("/", "/wilayah/belu/"):
        warm(app.url + path)
        assert article.title not in get(app.url + path).body
    time.sleep(max(0.0, (at - timezone.now()).total_seconds()) + 1.0)
    for path in ("/", "/wilayah/belu/"):
        answers, _workers = every_worker(app.url + path)
        assert all(article.title in answer.body for answer in answers), path


def test_redis_back_from_an_old_snapshot_or_stopped_serves_nothing_stale(
    shared_database, cast, make_article, served, tmp_path
):
    live, other = cast["live"], make_article("Berita kedua di Belu")
    redis = served(Redis, tmp_path)
    app = served(Gunicorn, shared_database.url, tmp_path, REDIS_URL=redis.url)
    warm(app.url + live.get_absolute_url())
    redis.snapshot()
    shared_database.run("change", "unpublish", str(live.pk))
    redis.restart_from_snapshot()
    assert int(redis.cli("DBSIZE")) > 0  # the unpublished article's page is back in Redis
    # Past the pause a worker takes after losing its connection (newsroom/redis_cache.py).
    time.sleep(5.5)
    hits = redis.cli("INFO", "stats").count("keyspace_hits:0")
    answers, _workers = every_worker(app.url + live.get_absolute_url())
    assert {answer.status for answer in answers} == {404}
    assert hits == 1 and "keyspace_hits:0" not in redis.cli("INFO", "stats")

    warm(app.url + other.get_absolute_url())
    os.kill(redis.process.pid, signal.SIGSTOP)
    try:
        shared_database.run("change", "unpublish", str(other.pk))
        answers, _workers = every_worker(app.url + other.get_absolute_url(), each=1)
        assert {answer.status for answer in answers} == {404}
    finally:
        os.kill(redis.process.pid, signal.SIGCONT)


def test_two_app_servers_behind_nginx_never_serve_each_others_stale_pages(
    shared_database, cast, served, tmp_path
):
    live = cast["live"]
    redis = served(Redis, tmp_path)
    first = served(Gunicorn, shared_database.url, tmp_path, workers=1, REDIS_URL=redis.url)
    second = served(Gunicorn, shared_database.url, tmp_path, workers=1, REDIS_URL=redis.url)
    proxy = served(Nginx, tmp_path, [first.port, second.port])
    warm(proxy.url + live.get_absolute_url())
    warm(proxy.url + "/")

    shared_database.run("change", "unpublish", str(live.pk))
    answers, _servers = every_worker(proxy.url + live.get_absolute_url())
    assert {answer.status for answer in answers} == {404}
    assert not any(live.title in answer.body for answer in every_worker(proxy.url + "/")[0])


def test_varnish_serves_cached_pages_and_a_purge_reaches_it_at_once(
    shared_database, cast, served, tmp_path
):
    live = cast["live"]
    app = served(Gunicorn, shared_database.url, tmp_path)
    edge = served(Varnish, tmp_path, app.port)
    url = edge.url + live.get_absolute_url()
    assert get(url).headers["X-Cache"] == "MISS"
    hit = get(url + "?utm_source=wa")
    assert hit.headers["X-Cache"] == "HIT"
    assert "Surrogate-Key" not in hit.headers and "xkey" not in hit.headers
    assert get(edge.url + "/").status == 200
    assert get(edge.url + "/").headers["X-Cache"] == "HIT"

    shared_database.run("change", "retitle", str(live.pk), "Judul baru", env=purging(edge))
    assert "Judul baru" in get(edge.url + "/").body
    shared_database.run("change", "unpublish", str(live.pk), env=purging(edge))
    assert get(url).status == 404
    assert "Judul baru" not in get(edge.url + "/").body


def purging(edge: Varnish) -> dict[str, str]:
    return {"EDGE_PURGE_URLS": edge.url + "/"}
