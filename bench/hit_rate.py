"""The page cache's hit rate for a realistic reader mix while an editor saves
a live article every 10 s: purging by surrogate key, against making every
page stale on each save (what a global generation number did).

Runs in one process against the 100,000-article SQLite benchmark database
(built by ``pages.py``), with the production settings and each worker's own
memory cache, at a fixed request rate; no network. A hit is a response the
cache served without calling the view.

    .venv/bin/python bench/hit_rate.py                 # 30 s warm-up, 120 s measured, each mode
    .venv/bin/python bench/hit_rate.py --seconds 60 --rate 50
"""

import argparse
import os
import random
import threading
import time

from stack import DATA, production_env

# What readers ask for, by share of requests: the home page and today's stories
# lead, region, program and feed pages follow, and a fifth of the requests are
# the long tail of the archive (any live article, uniformly).
MIX = {"home": 25, "fresh": 35, "region": 10, "program": 5, "feed": 5, "tail": 20}
FRESH = 50
EDIT_EVERY = 10.0


def setup(size: int) -> None:
    os.environ.update(
        production_env(
            f"sqlite:///{DATA / f'sqlite-{size}.sqlite3'}",
            ALLOWED_HOSTS="testserver",
            PAGE_CACHE_SECONDS="300",
        )
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("EDGE_PURGE_URLS", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    import django

    django.setup()


def pages() -> dict[str, list[str]]:
    from articles.models import Article, ProgramTag
    from regions.models import Region

    live = Article.objects.live().order_by("-published_at")
    ids = list(live.values_list("pk", flat=True))
    fresh = [a.get_absolute_url() for a in live.only("slug", "published_at")[:FRESH]]
    regencies = Region.objects.filter(parent__isnull=False, parent__parent__isnull=True)
    return {
        "home": ["/"],
        "fresh": fresh,
        "region": [region.get_absolute_url() for region in regencies],
        "program": [program.get_absolute_url() for program in ProgramTag.objects.all()],
        "feed": ["/feed/"],
        "tail_ids": ids,
    }


def editor(stop: threading.Event, mode: str, fresh_ids: list[int], all_ids: list[int]) -> None:
    """Every EDIT_EVERY seconds, a save of a live story: three of four a story
    of the day, one an old one corrected."""
    from django.core.cache import cache
    from django.db import connection

    from articles.models import Article

    rng = random.Random(7)
    count = 0
    while not stop.wait(EDIT_EVERY):
        count += 1
        pk = rng.choice(all_ids) if count % 4 == 0 else rng.choice(fresh_ids)
        article = Article.objects.get(pk=pk)
        article.dek = f"{article.dek.rstrip('.')}."
        article.save()
        if mode == "every page":
            cache.clear()
    connection.close()


def run(mode: str, *, rate: float, warmup: float, seconds: float) -> dict:
    from django.core.cache import cache
    from django.test import Client

    from articles.models import Article

    cache.clear()
    targets = pages()
    tail_ids = targets.pop("tail_ids")
    fresh_ids = list(
        Article.objects.live().order_by("-published_at").values_list("pk", flat=True)[:FRESH]
    )
    tail = {pk: a.get_absolute_url() for pk, a in Article.objects.in_bulk(tail_ids).items()}
    tail_urls = list(tail.values())
    rng = random.Random(42)
    kinds, weights = zip(*MIX.items(), strict=True)
    client = Client()
    stop = threading.Event()
    thread = threading.Thread(target=editor, args=(stop, mode, fresh_ids, tail_ids))
    thread.start()
    hits = requests = 0
    by_kind = {kind: [0, 0] for kind in kinds}
    started = time.monotonic()
    try:
        n = 0
        while (elapsed := time.monotonic() - started) < warmup + seconds:
            kind = rng.choices(kinds, weights)[0]
            if kind == "tail":
                url = rng.choice(tail_urls)
            elif kind == "fresh":
                # Newer stories are read more: a rank drawn from a Zipf-like law.
                url = targets["fresh"][min(int(rng.paretovariate(1.2)) - 1, FRESH - 1)]
            else:
                url = rng.choice(targets[kind])
            response = client.get(url)
            if elapsed >= warmup:
                hit = not hasattr(response, "page_entry")
                requests += 1
                hits += hit
                by_kind[kind][0] += hit
                by_kind[kind][1] += 1
            n += 1
            pause = started + n / rate - time.monotonic()
            if pause > 0:
                time.sleep(pause)
    finally:
        stop.set()
        thread.join()
    return {"requests": requests, "hits": hits, "by_kind": by_kind, "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=50.0, help="reader requests per second")
    parser.add_argument("--warmup", type=float, default=30.0)
    parser.add_argument("--seconds", type=float, default=120.0)
    args = parser.parse_args()
    setup(args.size)
    print(
        f"{args.size:,} articles; readers at {args.rate:g}/s; an editor saves every "
        f"{EDIT_EVERY:g} s; {args.warmup:g} s warm-up, {args.seconds:g} s measured"
    )
    for mode in ("every page", "by key"):
        result = run(mode, rate=args.rate, warmup=args.warmup, seconds=args.seconds)
        share = result["hits"] / result["requests"]
        kinds = ", ".join(
            f"{kind} {hit / total:.0%}" for kind, (hit, total) in result["by_kind"].items() if total
        )
        print(
            f"a save makes stale {mode:10}: {result['requests']:,} requests, "
            f"hit rate {share:.1%} ({kinds})"
        )


if __name__ == "__main__":
    main()
