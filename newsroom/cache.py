"""Whole-page caching of what anonymous readers see, purged by surrogate key.

Public views are wrapped in ``public_page``, which names the query
parameters the page reads and the lists it is, collects the keys of what it
shows (``newsroom.surrogate``) and marks its response as cacheable.
``PageCacheMiddleware``, early in the middleware stack, stores such pages in
Django's cache and serves them again. A page is keyed by host, language, path
and only the parameters its view reads (the others are dropped before the
view runs), so junk parameters cannot multiply the entries.

A change purges the keys it touches (``purge``, called once the change has
committed): it numbers the purge and records the number against each key in
the ``PagePurge`` table, then tells the edge caches (``EDGE_PURGE_URLS``).
A cached page carries the purge number current before it was rendered and is
served only while none of its keys has a later one. The numbers live in the
database, so every worker and every app server sees a purge (within
``PAGE_CACHE_RECHECK``, which the purge waits out before it returns),
whatever the cache is (each worker's own memory, or Redis), and a cache that
restarts, or comes back from an old snapshot, can hold stale pages but never
serve them.

No page outlives the next scheduled ``published_at``, read before the page
renders, so a scheduled article appears on time with no job running. Readers
with a live session (staff) are never served from the cache and their pages
are never stored; a session cookie that names no live session counts for
nothing. Preview views are not wrapped at all.
"""

import http.client
import logging
import math
import threading
import time
import urllib.parse
from functools import wraps
from importlib import import_module
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from articles.models import Article
from newsroom import surrogate
from newsroom.middleware import language_of
from newsroom.models import PURGE_COUNTER, PagePurge

logger = logging.getLogger(__name__)

# Keys per purge request to an edge cache, to stay well under header limits.
EDGE_KEYS_PER_REQUEST = 100


class Page(NamedTuple):
    version: int  # the purge number current before the page rendered
    keys: tuple[str, ...]
    expires: float  # time.time()
    status: int
    headers: list[tuple[str, str]]
    content: bytes


class Purges:
    """This process's copy of the ``PagePurge`` rows a cached page may need.

    The latest purge number is read at most every ``PAGE_CACHE_RECHECK``
    seconds (a primary-key read); a purge waits that long before it returns,
    so that once it has, no process serves a page from before it. Only when
    purges happened since a page was rendered are the new rows read, once per
    process, and kept for the next pages.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._versions: dict[str, int] = {}
        self._floor: int | None = None  # rows with versions above it are known,
        self._top: int | None = None  # up to this one
        self._latest = 0
        self._read_at = -math.inf  # time.monotonic() before the latest read
        self._query: tuple[str, tuple] | None = None

    def current(self) -> int:
        """The latest purge number, as read at most ``PAGE_CACHE_RECHECK`` ago."""
        started = time.monotonic()
        if started - self._read_at >= settings.PAGE_CACHE_RECHECK:
            self._latest, self._read_at = self._read(), started
        return self._latest

    def recheck(self) -> None:
        """Read the latest purge number again on the next request."""
        self._read_at = -math.inf

    def _read(self) -> int:
        # Built once and run as plain SQL: it runs on every few hits, and
        # building the query each time cost more than running it.
        if self._query is None:
            query = PagePurge.objects.filter(key=PURGE_COUNTER).values_list("version")
            self._query = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(*self._query)
            row = cursor.fetchone()
        return row[0] if row else 0

    def stale(self, page: Page) -> bool:
        current = self.current()
        if current == page.version:
            return False
        if current < page.version:
            return True  # rendered before the database was restored from a backup
        with self._lock:
            self._know(page.version, current)
            versions = self._versions
            return any(versions.get(key, 0) > page.version for key in page.keys)

    def _know(self, low: int, high: int) -> None:
        """Read the rows numbered above ``low`` up to ``high`` not read yet."""
        if self._top is not None and high < self._top:
            self.forget()  # the database was restored: start again
        if self._floor is None:
            self._load(version__gt=low)
            self._floor, self._top = low, high
            return
        if high > self._top:
            self._load(version__gt=self._top)
            self._top = high
        if low < self._floor:
            self._load(version__gt=low, version__lte=self._floor)
            self._floor = low

    def forget(self) -> None:
        self._versions.clear()
        self._floor = self._top = None
        self.recheck()

    def _load(self, **versions) -> None:
        rows = PagePurge.objects.filter(**versions).exclude(key=PURGE_COUNTER)
        for key, version in rows.values_list("key", "version"):
            if version > self._versions.get(key, 0):
                self._versions[key] = version


purges = Purges()


def purge(keys) -> None:
    """Make stale every cached page that shows one of ``keys``, here and at
    the edge. Call it once the change is committed (``purge_on_commit``): a
    page rendered before the commit then carries an earlier number."""
    keys = sorted(set(keys))
    if not keys:
        return
    with transaction.atomic():
        # The counter row stays locked until this commits, so purges commit
        # in the order of their numbers.
        if not PagePurge.objects.filter(key=PURGE_COUNTER).update(version=F("version") + 1):
            PagePurge.objects.get_or_create(key=PURGE_COUNTER, defaults={"version": 0})
            PagePurge.objects.filter(key=PURGE_COUNTER).update(version=F("version") + 1)
        version = PagePurge.objects.get(key=PURGE_COUNTER).version
        PagePurge.objects.bulk_create(
            [PagePurge(key=key, version=version) for key in keys],
            update_conflicts=True,
            unique_fields=["key"],
            update_fields=["version"],
        )
    purges.recheck()
    # Every process has read the new number by then, so an edge cache that
    # asks again after its purge is sent a fresh page.
    time.sleep(settings.PAGE_CACHE_RECHECK)
    for url in settings.EDGE_PURGE_URLS:
        purge_edge(url, keys)


def purge_on_commit(keys) -> None:
    keys = frozenset(keys)
    transaction.on_commit(lambda: purge(keys))


def purge_edge(url: str, keys: list[str]) -> None:
    """Ask the edge cache at ``url`` (Varnish with xkey, docs/deploy.md) to
    drop every object carrying one of ``keys``. A failure is logged: the page
    then lives at the edge until its time is up."""
    parts = urllib.parse.urlsplit(url)
    for start in range(0, len(keys), EDGE_KEYS_PER_REQUEST):
        chunk = " ".join(keys[start : start + EDGE_KEYS_PER_REQUEST])
        connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=1.0)
        try:
            connection.request("PURGE", parts.path or "/", headers={"xkey-purge": chunk})
            status = connection.getresponse().status
            if status != 200:
                logger.error("Edge cache %s refused a purge: HTTP %s", url, status)
        except OSError as error:
            logger.error("Edge cache %s could not be purged: %s", url, error)
        finally:
            connection.close()


_schedule: dict[str, object] = {}


def forget() -> None:
    """Drop what this process knows of purges and schedules (tests flush the database)."""
    purges.forget()
    _schedule.clear()


def _next_scheduled(version: int) -> float | None:
    """When the next scheduled article goes live (a timestamp), read again
    only after a purge or once that moment has passed: any change to a
    schedule purges the lists the article will appear in."""
    moment = _schedule.get("moment")
    if _schedule.get("version") != version or (moment is not None and moment <= time.time()):
        scheduled = Article.objects.next_scheduled()
        moment = scheduled.timestamp() if scheduled else None
        _schedule.update(version=version, moment=moment)
    return moment


def page_seconds(version: int) -> float:
    """How long a page rendered from now on may be cached: the configured
    window, cut short by the next scheduled publication."""
    seconds = float(settings.PAGE_CACHE_SECONDS)
    if seconds <= 0:
        return 0.0
    scheduled = _next_scheduled(version)
    if scheduled is not None:
        seconds = min(seconds, scheduled - time.time())
    return max(seconds, 0.0)


def _live_session(session_key: str) -> bool:
    engine = import_module(settings.SESSION_ENGINE)
    return bool(engine.SessionStore(session_key).load())


def is_reader(request) -> bool:
    """A GET or HEAD without a live session: what may be served from the cache.
    Costs a session lookup when the request carries a session cookie."""
    if request.method not in ("GET", "HEAD"):
        return False
    reader = getattr(request, "_page_reader", None)
    if reader is None:
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        reader = request._page_reader = not session_key or not _live_session(session_key)
    return reader


def public_page(view, *, reads=(), keys=(), itemised=True):
    """Mark what ``view`` returns to anonymous readers as cacheable.

    ``reads`` are the query parameters the page depends on, ``keys`` the
    lists it is (``newsroom.surrogate``); with ``itemised=False`` the page
    carries only those, not a key for everything it links. Pages for staff
    (a live session) are marked private and never stored.
    """

    @wraps(view)
    def marked_view(request, *args, **kwargs):
        if not is_reader(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        if settings.PAGE_CACHE_SECONDS <= 0:
            return view(request, *args, **kwargs)
        # Both read before the view reads anything (the purge number may be
        # older still), so that a change committed while it renders makes
        # this page stale.
        version = purges.current()
        seconds = page_seconds(version)
        expires = time.time() + seconds
        with surrogate.collecting(itemised) as shown:
            response = view(request, *args, **kwargs)
        if seconds > 0 and response.status_code == 200:
            page_keys = tuple(sorted(shown.union(keys)))
            if page_keys:
                response["Surrogate-Key"] = " ".join(page_keys)
            _mark_cacheable(response, expires)
            response.page_entry = (version, page_keys, expires)
        return response

    marked_view.page_reads = frozenset(reads)
    return marked_view


def _mark_cacheable(response, expires: float) -> None:
    """Tell the caches downstream how long the page may still be kept."""
    left = max(int(expires - time.time()), 0)
    response["Surrogate-Control"] = f"max-age={left}"
    patch_cache_control(response, public=True, max_age=min(left, settings.CDN_MAX_AGE))


def _public_view(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.func if hasattr(match.func, "page_reads") else None


def _keep_only(request, names: frozenset[str]) -> None:
    """Drop the query parameters the page does not read, so that neither the
    view nor the cache key sees them, and sort the rest."""
    kept = QueryDict(mutable=True)
    for name in sorted(names & request.GET.keys()):
        kept.setlist(name, request.GET.getlist(name))
    query = kept.urlencode()
    request.GET = kept
    request.META["QUERY_STRING"] = query


def _key(request) -> str:
    return f"page:{request.get_host()}:{language_of(request)}:{request.get_full_path()}"


class PageCacheMiddleware:
    """Serve cached public pages before sessions, CSRF or auth run at all.

    It sits right after WhiteNoise. A hit costs one cache read, and a
    primary-key read of the latest purge number when the last one is older
    than ``PAGE_CACHE_RECHECK``. A response is stored, as
    its status, headers (those the inner middleware added too) and body,
    only when a ``public_page`` view marked it, it succeeded and it sets no
    cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        view = _public_view(request)
        if view is None or not is_reader(request):
            return self.get_response(request)
        _keep_only(request, view.page_reads)
        key = _key(request)
        page = cache.get(key)
        if page is not None and page.expires > time.time() and not purges.stale(page):
            response = HttpResponse(page.content, status=page.status, headers=page.headers)
            _mark_cacheable(response, page.expires)
            return response
        response = self.get_response(request)
        entry = getattr(response, "page_entry", None)
        if entry and not response.cookies and not response.streaming:
            version, page_keys, expires = entry
            page = Page(
                version,
                page_keys,
                expires,
                response.status_code,
                list(response.items()),
                response.content,
            )
            cache.set(key, page, math.ceil(expires - time.time()))
        return response
