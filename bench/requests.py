"""What one request costs inside a worker, page cache off: the lower bound
under any load, without gunicorn or the network.

It calls the WSGI application directly (production settings, DEBUG off) on a
benchmark database that bench/pages.py built, and prints each page's median
time over --repeat calls after one warm-up call, next to two references: a
static file (WhiteNoise) and robots.txt (a view that renders nothing, through
the whole middleware stack), and the 404 page (the site's base template and
nothing else).

    .venv/bin/python bench/requests.py --database sqlite --size 100000
    .venv/bin/python bench/requests.py --database postgresql --size 100000
"""

import argparse
import io
import os
import statistics
import sys
import time

from stack import DATA, POSTGRES, ROOT, production_env


def database_url(database: str, size: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{DATA / f'sqlite-{size}.sqlite3'}"
    return f"{POSTGRES}/newsroom_bench_{size}"


def wsgi_environ(path: str) -> dict:
    path_info, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--size", type=int, default=100000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    marker = DATA / f"{args.database}-{args.size}.ready"
    if not marker.exists():
        sys.exit(f"No benchmark database yet: run bench/pages.py --sizes {args.size} first.")
    os.environ.update(production_env(database_url(args.database, args.size)))
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()  # sets Django up
    from articles.models import Article
    from regions.models import Region

    belu = Region.objects.get(slug="belu")
    deep = max(1, Article.objects.live().in_region(belu).count() // 20 * 9 // 10)
    article = Article.objects.live().order_by("-published_at")[50]
    pages = {
        "static file": "/static/css/site.css",
        "robots.txt": "/robots.txt",
        "404 page": "/tidak-ada/",
        "home": "/",
        "region p1": "/wilayah/belu/",
        f"region p{deep}": f"/wilayah/belu/?halaman={deep}",
        "program": "/program/jkk/",
        "article": article.get_absolute_url(),
        "search": "/cari/?q=sabu+raijua",
        "feed": "/feed/",
    }

    def call(path: str) -> str:
        status = []
        body = application(wsgi_environ(path), lambda s, h, e=None: status.append(s))
        b"".join(body)
        body.close()
        return status[0]

    import logging

    logging.disable(logging.WARNING)  # the 404 page logs each request
    print(f"{args.database}, {args.size:,} articles: median of {args.repeat} requests")
    for name, path in pages.items():
        status = call(path)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            call(path)
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {name:<14} {statistics.median(times):8.2f} ms   {status}")


if __name__ == "__main__":
    main()
