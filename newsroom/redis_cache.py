"""Django's Redis cache backend, made cheaper per call and safe when Redis is down.

- Django's own client builds a new ``redis.Redis`` object for every cache
  call. That object is only a thin front to the shared connection pool, but
  building it fills a table of some 170 response callbacks, which costs more
  (about 0.2 ms) than a GET from a local Redis. A ``redis.Redis`` is safe to
  share between threads, so one per pool is enough.
- Redis is a cache: when it cannot be reached, reads miss and writes are
  dropped instead of failing the request, and for ``RETRY_AFTER`` seconds
  after a failure this process does not ask it at all, so an outage costs
  each request nothing but the missing cache. Set connection and socket
  timeouts (``OPTIONS``) so that a Redis that hangs fails quickly too.
"""

import logging
import time

from django.core.cache.backends import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
# Shared by every thread's backend object in the process.
_unreachable_until = [0.0]


class ReusingRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


def reachable() -> bool:
    return time.monotonic() >= _unreachable_until[0]


def _failed(error: RedisError) -> None:
    _unreachable_until[0] = time.monotonic() + RETRY_AFTER
    logger.warning("Redis is unreachable (%s); not caching for %.0f s.", error, RETRY_AFTER)


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _or(self, fallback, call, *args):
        """``call(*args)``, or ``fallback`` when Redis is (or was just) unreachable."""
        if reachable():
            try:
                return call(*args)
            except RedisError as error:
                _failed(error)
        return fallback

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(list(data), super().set_many, data, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)
