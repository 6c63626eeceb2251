"""gunicorn settings for Newsroom; every value can be overridden from the environment.

gunicorn reads this file from the working directory: `gunicorn newsroom.wsgi`.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One worker process per core; threads absorb slow clients and I/O waits.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Load the application once before forking: faster start, shared memory.
preload_app = True
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak can grow without bound, but
# not every few seconds at peak: a new worker starts with an empty page cache
# (without Redis) and new database connections.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = 5000
# Behind nginx on the same machine; trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
