import datetime

import pytest
import time_machine

# A Monday morning in WITA; every reader-site test that depends on "now" runs here.
NOW = datetime.datetime(2025, 11, 17, 1, 0, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rendition bookkeeping lives in the cache; no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
