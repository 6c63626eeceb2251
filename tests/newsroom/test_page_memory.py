"""Each worker's memory of cached pages: bounded, and never behind Redis."""

import os
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom import page_memory
from newsroom.cache import GENERATION_KEY
from newsroom.page_memory import CHANNEL, Page, PageMemory

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/11"


def page(generation: int, content: bytes = b"x", *, expires_in: float = 60) -> Page:
    return Page(generation, time.time() + expires_in, 200, [], content)


def test_a_page_is_served_only_under_its_own_generation():
    memory = PageMemory(max_bytes=1000)
    memory.reset(1)
    memory.put("/", page(1, b"home"))
    assert memory.get("/").content == b"home"
    memory.reset(2)
    assert memory.get("/") is None
    memory.put("/", page(1))
    assert memory.get("/") is None


def test_an_unknown_generation_keeps_the_memory_unused():
    memory = PageMemory(max_bytes=1000)
    memory.put("/", page(1))
    assert memory.get("/") is None
    assert memory.size == 0


def test_an_expired_page_is_not_served():
    memory = PageMemory(max_bytes=1000)
    memory.reset(1)
    memory.put("/", page(1, expires_in=-0.01))
    assert memory.get("/") is None


def test_the_memory_keeps_to_its_size_dropping_the_oldest_pages():
    memory = PageMemory(max_bytes=10)
    memory.reset(1)
    for key in "abcd":
        memory.put(key, page(1, b"123"))
    assert memory.size == 9
    memory.put("e", page(1, b"123"))
    assert memory.get("a") is None and memory.get("b") is None
    assert [memory.get(key) is not None for key in "cde"] == [True, True, True]
    memory.put("big", page(1, b"x" * 11))
    assert memory.get("big") is None
    assert memory.size == 9


@pytest.fixture
def redis_pages(settings):
    settings.CACHES = {
        "default": {"BACKEND": "newsroom.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    }
    cache = caches["default"]
    try:
        cache.clear()
    except Exception as error:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    settings.PAGE_CACHE_SECONDS = 300
    page_memory.stop()
    memory = page_memory.memory()
    wait_for(lambda: memory.generation is not None)
    yield cache, memory
    page_memory.stop()
    cache.clear()


def wait_for(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_a_served_page_comes_from_memory_without_asking_redis(
    client, cast, redis_pages, monkeypatch
):
    cache, memory = redis_pages
    first, queries = get(client, "/")
    assert queries > 0
    assert memory.size == len(first.content)

    def unreachable(*args, **kwargs):
        raise AssertionError("Redis was asked")

    monkeypatch.setattr(cache, "get_many", unreachable)
    second, queries = get(client, "/")
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Language"] == first["Content-Language"]


def test_a_change_in_another_process_reaches_the_memory_at_once(client, cast, redis_pages):
    cache, memory = redis_pages
    get(client, "/")
    assert get(client, "/")[1] == 0
    # What invalidate_pages does in another worker: a new generation, published.
    new = time.time_ns()
    cache.set(GENERATION_KEY, new, timeout=None)
    cache.publish(CHANNEL, str(new))
    wait_for(lambda: memory.generation == new, seconds=2)
    assert memory.size == 0
    assert get(client, "/")[1] > 0
    assert get(client, "/")[1] == 0


def test_a_lost_message_is_caught_by_the_periodic_check(client, cast, redis_pages, monkeypatch):
    cache, memory = redis_pages
    monkeypatch.setattr(page_memory, "RECHECK_SECONDS", 0.05)
    page_memory.stop()
    memory = page_memory.memory()
    wait_for(lambda: memory.generation is not None)
    new = time.time_ns()
    cache.set(GENERATION_KEY, new, timeout=None)  # and no message
    wait_for(lambda: memory.generation == new, seconds=2)


def test_staff_pages_never_enter_the_memory(client, cast, people, redis_pages):
    _cache, memory = redis_pages
    client.force_login(people["editor"])
    client.get("/")
    assert memory.size == 0


def test_the_redis_backend_reuses_one_client_per_connection_pool():
    from newsroom.redis_cache import RedisCache

    backend = RedisCache(REDIS_URL, {})
    client = backend._cache.get_client()
    assert backend._cache.get_client(write=True) is client


class BusyWorkerMemory(PageMemory):
    """A worker busy elsewhere: it takes a while to drop its pages."""

    def reset(self, generation):
        if generation == 2:
            time.sleep(0.05)
        super().reset(generation)


def test_a_change_returns_only_once_every_worker_has_dropped_its_pages(redis_pages):
    cache, _memory = redis_pages
    other_worker = BusyWorkerMemory(max_bytes=1000)
    listener = page_memory.Listener(other_worker, cache, lambda: 1)
    listener.start()
    try:
        wait_for(lambda: other_worker.generation == 1)
        other_worker.put("/", page(1))
        page_memory.announce(2)
        # No waiting here: announce returned after the other worker heard.
        assert other_worker.generation == 2
        assert other_worker.get("/") is None
    finally:
        listener.stop()
