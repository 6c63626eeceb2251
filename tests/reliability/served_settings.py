"""Settings of the gunicorn processes the cache tests start: the test settings
with the page cache on as in production, and each response naming the worker
that sent it."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import MIDDLEWARE

PAGE_CACHE_SECONDS = int(os.environ["PAGE_CACHE_SECONDS"])


def worker_header(get_response):
    def middleware(request):
        response = get_response(request)
        response["X-Worker"] = str(os.getpid())
        return response

    return middleware


MIDDLEWARE = ["tests.reliability.served_settings.worker_header", *MIDDLEWARE]
