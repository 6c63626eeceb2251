"""Surrogate keys: the names of what a public page shows.

While a ``public_page`` view renders, every article, region, program and
reporter it links to (through ``get_absolute_url``) adds its key, and list
pages add the key of the list they are (``list_key``). The keys go out in the
``Surrogate-Key`` header, for an edge cache that purges by key (Varnish
``xkey``, Fastly, a CDN's cache tags), and the app's own page cache stores
them with the page. A change then purges only the keys it touches
(``articles/signals.py``), which makes stale only the pages that show it.

This module imports no model, so models can call it.
"""

import contextvars
from contextlib import contextmanager

# Lists fed from every live article: home, the site feed, the archive.
ARTICLES = "articles"
SEARCH = "search"
SITEMAP = "sitemap"
# Pages whose filter forms name regions, programs and reporters.
FILTERS = "filters"

_shown: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("shown", default=None)


def key_of(thing) -> str:
    """The key of one article, region, program or reporter: ``article-12``."""
    return f"{thing._meta.model_name}-{thing.pk}"


def list_key(thing) -> str:
    """The key of the list of articles about ``thing`` (its page and feeds)."""
    return f"{key_of(thing)}-list"


def shown(*keys: str) -> None:
    """Record that the page being rendered shows ``keys``; outside a public
    page, or on a page that names its keys itself, this does nothing."""
    collected = _shown.get()
    if collected is not None:
        collected.update(keys)


@contextmanager
def collecting(itemised: bool = True):
    """Collect the keys shown while the block runs into the set it yields.
    With ``itemised=False`` nothing is collected (a sitemap links every
    article, and names itself with one key instead)."""
    keys: set[str] = set()
    token = _shown.set(keys if itemised else None)
    try:
        yield keys
    finally:
        _shown.reset(token)
