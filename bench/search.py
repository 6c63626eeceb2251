"""Search: relevance (recall and precision over the relevance set) and speed.

Relevance: the stories and judged queries of ``tests/site/relevance.py`` are
published in a transaction that is rolled back, each query is run, and the
recall (share of the stories it must find that it found) and precision
(share of the judged stories it found that it had to find) are printed, per
query and overall.

Speed: in-process, against whatever the database holds (a demo database from
``manage.py generate_demo_content``): each kind of query is run ``--runs``
times as the search page runs it (read the query, rank the window, load and
highlight the first page; for a query that finds nothing, look for a
suggestion), and the median and the slowest are printed in milliseconds,
with the median CPU time of this process (all of the work on SQLite; without
the database server's share on PostgreSQL), which a busy machine disturbs
less than the wall time.

    export SECRET_KEY=bench ALLOWED_HOSTS=localhost
    DATABASE_URL=sqlite:///demo.sqlite3 .venv/bin/python bench/search.py
    DATABASE_URL=postgres://…/demo .venv/bin/python bench/search.py --speed
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

# Kinds of query, as readers type them; the demo content's vocabulary.
SPEED_QUERIES = {
    "one common word": "pekerja",
    "two common words": "santunan nelayan",
    "a rare word": "4321",
    "an alias": "Labuan Bajo",
    "a typo": "kecelakan",
    "a phrase": '"kecelakaan kerja"',
}


class Rollback(Exception):
    pass


def relevance() -> None:
    from django.core.management import call_command
    from django.db import transaction

    from regions.models import Region
    from tests.site import relevance as judged_set

    rows = []
    try:
        with transaction.atomic():
            if not Region.objects.exists():
                call_command("loaddata", "regions", "programs", verbosity=0)
            keys = judged_set.load()
            for judged in judged_set.QUERIES:
                found = judged_set.found(keys, judged)
                hits = len(found & judged.must)
                judged_found = len(found & (judged.must | judged.must_not))
                recall = hits / len(judged.must) if judged.must else 1.0
                precision = hits / judged_found if judged_found else 1.0
                rows.append((judged.query, recall, precision))
            raise Rollback
    except Rollback:
        pass
    for query, recall, precision in rows:
        print(f"{query:32} recall {recall:5.2f}  precision {precision:5.2f}")
    mean_recall = statistics.mean(r for _, r, _ in rows)
    mean_precision = statistics.mean(p for _, _, p in rows)
    print(
        f"{len(rows)} queries: mean recall {mean_recall:.3f}, mean precision {mean_precision:.3f}"
    )


def one_search(text: str) -> int:
    from articles.models import Article
    from articles.search import parse, search, suggestion

    articles = Article.objects.live().cards()
    query = parse(text)
    results = search(articles, query)
    page = list(results[:20])
    if not page:
        suggestion(Article.objects.live(), text, query)
    return len(results)


def speed(runs: int) -> None:
    from django.db import connection

    from articles.models import Article

    print(f"{connection.vendor}, {Article.objects.count():,} articles, median of {runs} runs")
    for kind, text in SPEED_QUERIES.items():
        found = one_search(text)  # warm: the names, the analyzer's cache, the pages
        timings, cpu = [], []
        for _ in range(runs):
            started, used = time.perf_counter(), time.process_time()
            one_search(text)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        print(
            f"{kind:18} {text!r:22} {found:4} found  median {statistics.median(timings):6.1f} ms"
            f"  slowest {max(timings):6.1f} ms  (this process's CPU: median"
            f" {statistics.median(cpu):5.1f} ms)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--speed", action="store_true", help="Only the speed.")
    parser.add_argument("--relevance", action="store_true", help="Only the relevance set.")
    args = parser.parse_args()
    import django

    django.setup()
    if not args.speed:
        relevance()
    if not args.relevance:
        speed(args.runs)


if __name__ == "__main__":
    main()
