"""Whole-page caching of what anonymous readers see, and its invalidation.

Public views are wrapped in ``public_page``, which marks their responses as
cacheable; ``PageCacheMiddleware``, early in the middleware stack, stores
them and serves them again. A cached page is keyed by host, language, path
and query string, and stored with the *generation* number current when it
was rendered. Any change a reader could see (an article published,
corrected, edited while public, unpublished; a region, program or reporter
renamed) moves the generation on, so every page cached before it is never
served again and is overwritten or expires by itself. No entry outlives the
next scheduled ``published_at``, so a scheduled article appears on time with
no job running.

Visitors with a session (staff) are never served from the cache and their
pages are never stored. Preview views are not wrapped at all.

Every process must share the cache (Redis in production) for invalidation to
reach them all; the per-process memory cache of development is only safe
with a single process, which is why caching is off by default with DEBUG.
With Redis, each worker also keeps the pages it serves in its own memory
(``newsroom.page_memory``), told of every new generation through pub/sub.
"""

import hashlib
import threading
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles.models import Article
from newsroom import page_memory
from newsroom.middleware import language_of
from newsroom.page_memory import Page

GENERATION_KEY = "pages:generation"
SCHEDULE_KEY = "pages:next-scheduled"
NO_SCHEDULE = 0.0


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Time-based, so that a restarted cache never reuses an old generation.
        value = time.time_ns()
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


# Set when a change could not make the cached pages stale because the cache
# was unreachable; the next request in this process tries again, so pages
# cached before the outage are not served once the cache is back.
_invalidation_pending = threading.Event()


def invalidate_pages() -> None:
    """Make every cached page stale; called on any change readers could see."""
    new = time.time_ns()
    cache.set(GENERATION_KEY, new, timeout=None)
    cache.delete(SCHEDULE_KEY)
    # Read back: an unreachable Redis drops writes (newsroom/redis_cache.py).
    # A later generation means another process invalidated meanwhile.
    if (cache.get(GENERATION_KEY) or 0) < new:
        _invalidation_pending.set()
        return
    _invalidation_pending.clear()
    page_memory.announce(new)


def _next_scheduled() -> float:
    """When the next scheduled article goes live (a timestamp), or NO_SCHEDULE."""
    value = cache.get(SCHEDULE_KEY)
    if value is None or (value != NO_SCHEDULE and value <= time.time()):
        moment = (
            Article.objects.not_in_trash()
            .filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        value = moment.timestamp() if moment else NO_SCHEDULE
        cache.set(SCHEDULE_KEY, value, timeout=settings.PAGE_CACHE_SECONDS)
    return value


def page_timeout() -> int:
    """Seconds a page may be cached now: the configured window, cut short by
    the next scheduled publication."""
    timeout = settings.PAGE_CACHE_SECONDS
    if timeout <= 0:
        return 0
    scheduled = _next_scheduled()
    if scheduled != NO_SCHEDULE:
        timeout = min(timeout, int(scheduled - time.time()))
    return max(timeout, 0)


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{request.get_host()}:{language_of(request)}:{path}"


def _anonymous_read(request) -> bool:
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def public_page(view):
    """Mark what ``view`` returns to anonymous readers as cacheable.

    The view itself runs as usual; ``PageCacheMiddleware`` stores and serves
    the marked responses. Pages for staff (a session cookie) are marked
    private and never stored.
    """

    @wraps(view)
    def marked_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not _anonymous_read(request):
            patch_cache_control(response, private=True)
            return response
        timeout = page_timeout()
        if timeout and response.status_code == 200:
            patch_cache_control(response, public=True, max_age=min(timeout, settings.CDN_MAX_AGE))
            response.page_cache_timeout = timeout
        return response

    return marked_view


class PageCacheMiddleware:
    """Serve cached public pages before sessions, CSRF or auth run at all.

    It sits right after WhiteNoise. A page is stored with the generation it
    was rendered under, so a hit is at most one cache round trip (the current
    generation and the page, read together), and none when the worker's own
    memory has it (``newsroom.page_memory``). A response is stored, as its
    status, headers (those the inner middleware added too) and body, only
    when a ``public_page`` view marked it, it succeeded and it sets no cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        if _invalidation_pending.is_set():
            invalidate_pages()
        if not _anonymous_read(request):
            return self.get_response(request)
        key = _key(request)
        memory = page_memory.memory()
        page = memory.get(key) if memory is not None else None
        if page is not None:
            return _replay(page)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY) or generation()
        page = found.get(key)
        if page is not None and page.generation == current:
            if memory is not None:
                memory.put(key, page)
            return _replay(page)
        response = self.get_response(request)
        timeout = getattr(response, "page_cache_timeout", 0)
        if timeout and not response.cookies and not response.streaming:
            # A page rendered while a change commits carries the generation
            # read before it, so it is never served once the change is visible.
            page = Page(
                generation=current,
                expires=time.time() + timeout,
                status=response.status_code,
                headers=list(response.items()),
                content=response.content,
            )
            cache.set(key, page, timeout)
            if memory is not None:
                memory.put(key, page)
        return response


def _replay(page: Page) -> HttpResponse:
    return HttpResponse(page.content, status=page.status, headers=page.headers)
