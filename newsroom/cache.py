"""Whole-page caching of what anonymous readers see, and its invalidation.

Public views are wrapped in ``public_page``. A cached page is keyed by host,
language, path and query string, and by a *generation* number. Any change a
reader could see (an article published, corrected, edited while public,
unpublished; a region, program or reporter renamed) moves the generation on,
so every page cached before it is simply never read again and expires by
itself. No entry outlives the next scheduled ``published_at``, so a scheduled
article appears on time with no job running.

Visitors with a session (staff) are never served from the cache and their
pages are never stored. Preview views are not wrapped at all.

Every process must share the cache (Redis in production) for invalidation to
reach them all; the per-process memory cache of development is only safe
with a single process, which is why caching is off by default with DEBUG.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import patch_cache_control

from articles.models import Article

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


def invalidate_pages() -> None:
    """Make every cached page stale; called on any change readers could see."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    cache.delete(SCHEDULE_KEY)


def _next_scheduled() -> float:
    """When the next scheduled article goes live (a timestamp), or NO_SCHEDULE."""
    value = cache.get(SCHEDULE_KEY)
    if value is None or (value != NO_SCHEDULE and value <= time.time()):
        moment = (
            Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())
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
    return f"page:{generation()}:{request.get_host()}:{request.LANGUAGE_CODE}:{path}"


def public_page(view):
    """Serve anonymous GET/HEAD requests of ``view`` from the page cache."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if request.method not in ("GET", "HEAD") or not anonymous:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        timeout = page_timeout()
        if timeout == 0:
            return view(request, *args, **kwargs)
        key = _key(request)
        response = cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            patch_cache_control(response, public=True, max_age=min(timeout, settings.CDN_MAX_AGE))
            if hasattr(response, "render") and not response.is_rendered:
                response.add_post_render_callback(lambda r: cache.set(key, r, timeout))
            else:
                cache.set(key, response, timeout)
        return response

    return cached_view
