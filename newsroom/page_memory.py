"""Each worker's own copy of the cached pages it serves, kept exact by Redis.

A page cache hit from Redis is one round trip, but still a round trip, and
Redis shares the machine's cores with the workers. So each worker also keeps
the pages it has served in its own memory (at most ``PAGE_MEMORY_BYTES``),
stored with the generation they were rendered under, and serves them only
while that generation is current.

The worker learns of a new generation at once through Redis publish/subscribe:
``invalidate_pages`` publishes it, a thread in every worker listens, drops
its pages and says so, and the change waits for every worker (at most half a
second) before it returns, so a page from before it is never served after. The
thread subscribes first and reads the generation second, so no change can
fall between; it also compares its generation with Redis every few seconds,
in case a message was ever lost. Whenever it is not connected, the worker's
generation is unknown and its memory is not used: every request goes to Redis
as if this layer did not exist.

Only with the Redis cache backend: with the per-process cache of development
there is nothing to save, and other backends cannot publish.
"""

import logging
import os
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import caches

from newsroom.redis_cache import RedisCache

logger = logging.getLogger(__name__)

CHANNEL = "pages:generation"
# How long a change waits for every worker to say it has dropped its pages.
HEARD_SECONDS = 0.5
RECHECK_SECONDS = 5.0
RETRY_SECONDS = 1.0


class Page(NamedTuple):
    generation: int
    expires: float  # time.time()
    status: int
    headers: list[tuple[str, str]]
    content: bytes


class PageMemory:
    """A bounded, least-recently-stored map of pages for one generation."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.generation: int | None = None
        self._pages: OrderedDict[str, Page] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Page | None:
        page = self._pages.get(key)
        if page is None or page.generation != self.generation or page.expires <= time.time():
            return None
        return page

    def put(self, key: str, page: Page) -> None:
        if page.generation != self.generation or len(page.content) > self.max_bytes:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._bytes -= len(old.content)
            self._pages[key] = page
            self._bytes += len(page.content)
            while self._bytes > self.max_bytes:
                _key, evicted = self._pages.popitem(last=False)
                self._bytes -= len(evicted.content)

    def reset(self, generation: int | None) -> None:
        """Forget every page: the generation moved on, or is unknown."""
        with self._lock:
            self.generation = generation
            self._pages.clear()
            self._bytes = 0

    @property
    def size(self) -> int:
        return self._bytes


class Listener:
    """The thread that keeps a worker's ``PageMemory`` generation current."""

    def __init__(self, memory: PageMemory, cache: RedisCache, read_generation):
        self.memory = memory
        self.cache = cache
        self.read_generation = read_generation
        self.stopping = threading.Event()
        self.failing = False
        self.thread = threading.Thread(target=self._run, name="page-memory", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        """Ask the thread to end; it does within ``RECHECK_SECONDS``, touching
        only its own memory, which nothing else reads any more."""
        self.stopping.set()

    def _run(self) -> None:
        while not self.stopping.is_set():
            try:
                self._listen()
            except Exception as error:
                if not self.failing:  # once per outage, not every retry
                    logger.warning("Page memory is off until Redis answers again: %s", error)
                self.failing = True
            self.memory.reset(None)
            self.stopping.wait(RETRY_SECONDS)

    def _listen(self) -> None:
        pubsub = self.cache.subscribe(CHANNEL)
        try:
            # Wait until Redis confirms the subscription before reading the
            # generation: a change published after that read is then heard.
            while pubsub.get_message(timeout=RECHECK_SECONDS) is None:
                if self.stopping.is_set():
                    return
            self.memory.reset(self.read_generation())
            self.failing = False
            checked = time.monotonic()
            while not self.stopping.is_set():
                message = pubsub.get_message(timeout=RECHECK_SECONDS)
                if message is not None and message["type"] == "message":
                    generation = int(message["data"])
                    self.memory.reset(generation)
                    self.cache.count(heard_key(generation), timeout=60)
                if time.monotonic() - checked >= RECHECK_SECONDS:
                    current = self.read_generation()
                    if current != self.memory.generation:
                        self.memory.reset(current)
                    checked = time.monotonic()
        finally:
            pubsub.close()


_state: dict[str, object] = {}
_state_lock = threading.Lock()


def memory() -> PageMemory | None:
    """This process's page memory, its listener started on first use; None
    when the cache is not Redis or the memory is switched off."""
    cache = caches["default"]
    if settings.PAGE_MEMORY_BYTES <= 0 or not isinstance(cache, RedisCache):
        return None
    if _state.get("pid") != os.getpid():
        with _state_lock:
            if _state.get("pid") != os.getpid():
                from newsroom.cache import generation

                page_memory = PageMemory(settings.PAGE_MEMORY_BYTES)
                listener = Listener(page_memory, cache, generation)
                listener.start()
                _state.update(pid=os.getpid(), memory=page_memory, listener=listener)
    return _state["memory"]


def heard_key(generation: int) -> str:
    return f"pages:heard:{generation}"


def announce(generation: int) -> None:
    """Tell every process's listener of a new generation, and return once
    they have all dropped their pages (or after ``HEARD_SECONDS``), so no
    reader who asks after the change is served a page from before it."""
    page_memory = _state.get("memory") if _state.get("pid") == os.getpid() else None
    # Only while listening: a memory whose listener is reconnecting stays unused.
    if page_memory is not None and page_memory.generation is not None:
        page_memory.reset(generation)
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return
    listeners = cache.publish(CHANNEL, str(generation))
    deadline = time.monotonic() + HEARD_SECONDS
    while (cache.get(heard_key(generation)) or 0) < listeners and time.monotonic() < deadline:
        time.sleep(0.001)


def stop() -> None:
    """Forget this process's memory and stop its listener; the next request
    starts afresh (after the cache is cleared, in tests)."""
    with _state_lock:
        listener = _state.pop("listener", None)
        _state.clear()
    if listener is not None:
        listener.stop()
