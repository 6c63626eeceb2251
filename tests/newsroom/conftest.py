"""What the page-cache tests share: the cache switched on, and commits run."""

import pytest
from django.core.cache import cache
from django.db import connection

# A hit reads one row, the latest purge number (every time: PAGE_CACHE_RECHECK is 0 here).
HIT = 1


@pytest.fixture
def caching(settings):
    """The page cache on, with what the test set up so far taken as committed."""
    for _savepoints, callback, _robust in connection.run_on_commit:
        callback()
    connection.run_on_commit.clear()
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Pages are invalidated once a change commits; a test's transaction never
    does, so run what a commit would run when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
