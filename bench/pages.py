"""Throughput and latency of the public pages under gunicorn, measured with wrk.

For each database (SQLite, PostgreSQL) and size (by default 1,000 and 100,000
articles) it builds a benchmark database with generate_demo_content (kept in
bench/.data/ and reused), starts gunicorn in the production configuration on
127.0.0.1, and runs wrk against: a static file through the same server (the
floor), the home page, a region page (first and a deep page), a program page,
an article, a search and the site feed — cold (page cache off, every request
rendered) and warm (page cache on, primed). Each row is the median of three
wrk runs of a third of --duration. It prints requests/s, p50, p99,
errors and each page's ratio to the floor (measured first and again last; the
higher of the two counts), then the gunicorn workers' memory.

Traffic goes to 127.0.0.1 only; every wrk run is bounded by --duration, and
the script stops gunicorn and exits by itself.

    .venv/bin/python bench/pages.py
    .venv/bin/python bench/pages.py --databases sqlite --sizes 1000 --duration 5
    .venv/bin/python bench/pages.py --modes warm
"""

import argparse
import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

from stack import DATA, POSTGRES, Gunicorn, latency_ms, manage, production_env

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
FLOOR = "static (floor)"
FLOOR_AGAIN = "static, again"


def database_url(database: str, size: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{DATA / f'sqlite-{size}.sqlite3'}"
    return f"{POSTGRES}/newsroom_bench_{size}"


def base_env(database: str, size: int) -> dict[str, str]:
    return production_env(database_url(database, size))


def prepare(database: str, size: int) -> dict[str, str]:
    """A migrated database holding ``size`` generated articles (built once)."""
    DATA.mkdir(parents=True, exist_ok=True)
    env = base_env(database, size)
    marker = DATA / f"{database}-{size}.ready"
    if database == "postgresql" and not marker.exists():
        for statement in (
            f"DROP DATABASE IF EXISTS newsroom_bench_{size}",
            f"CREATE DATABASE newsroom_bench_{size}",
        ):
            subprocess.run(
                ["psql", f"{POSTGRES}/postgres", "-qc", statement], check=True, capture_output=True
            )
    if database == "sqlite" and not marker.exists():
        Path(database_url(database, size).removeprefix("sqlite:///")).unlink(missing_ok=True)
    if not marker.exists():
        manage(env, "migrate", "--noinput", "-v0")
        started = time.monotonic()
        output = manage(env, "generate_demo_content", "--articles", str(size), "-v1")
        print(f"  generated: {output.strip()} [{time.monotonic() - started:.0f} s]")
        marker.touch()
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def targets(env: dict[str, str]) -> dict[str, str]:
    """The URL of each page to measure, read from the benchmark database."""
    script = (
        "import json\n"
        "from articles.models import Article\n"
        "from regions.models import Region\n"
        "belu = Region.objects.get(slug='belu')\n"
        "count = Article.objects.live().in_region(belu).count()\n"
        "article = Article.objects.live().order_by('-published_at')[50]\n"
        "print(json.dumps({'deep': max(1, (count // 20) * 9 // 10),"
        " 'article': article.get_absolute_url()}))\n"
    )
    facts = json.loads(manage(env, "shell", "-v0", "-c", script).strip().splitlines()[-1])
    return {
        FLOOR: "/static/css/site.css",
        "home": "/",
        "region p1": "/wilayah/belu/",
        f"region p{facts['deep']}": f"/wilayah/belu/?halaman={facts['deep']}",
        "program": "/program/jkk/",
        "article": facts["article"],
        "search": "/cari/?q=sabu+raijua",
        "feed": "/feed/",
    }


def wrk(url: str, *, duration: int, connections: int) -> dict[str, float]:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=duration + 30,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = latency_ms(out)
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    ):
        errors += sum(int(n) for n in match.groups())
    return {
        "rate": rate,
        "p50": latency.get("50", 0.0),
        "p99": latency.get("99", 0.0),
        "errors": errors,
    }


def measure(server: Gunicorn, url: str, *, duration: int, connections: int) -> dict:
    """The median of three wrk runs (by requests/s), each a third of ``duration``.

    Single runs of the same URL, a static file included, swung by up to 2×,
    likely from wrk's keep-alive connections landing unevenly on the two
    workers; a fresh set of connections in each run, and the median, keep one
    such run from deciding a row. Between runs the server is left to finish
    what the last run had queued.
    """
    runs = []
    for _ in range(3):
        runs.append(wrk(url, duration=max(1, duration // 3), connections=connections))
        settle(server)
    runs.sort(key=lambda run: run["rate"])
    return {**runs[1], "errors": sum(run["errors"] for run in runs)}


def settle(server: Gunicorn, *, seconds: float = 20.0) -> None:
    """Wait until a small request is answered quickly again (at most ``seconds``)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        urllib.request.urlopen(server.url("/robots.txt"), timeout=seconds).read()
        if time.monotonic() - started < 0.02:
            return
        time.sleep(0.2)


def row(*cells: str) -> str:
    widths = (10, 8, 5, 14, 9, 8, 8, 6, 6)
    return " ".join(
        cell.ljust(width) if index in (0, 2, 3) else cell.rjust(width)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    )


def run(args) -> None:
    print(
        f"wrk: 2 threads, {args.connections} connections, {args.duration} s per page; "
        f"gunicorn: {args.workers} workers × {os.environ.get('GUNICORN_THREADS', '4')} threads"
    )
    header = row("db", "articles", "mode", "page", "req/s", "p50 ms", "p99 ms", "errors", "×floor")
    rows = [header, "-" * len(header)]
    memory_notes = []
    for database in args.databases:
        for size in args.sizes:
            print(f"{database}, {size:,} articles: preparing…", flush=True)
            env = prepare(database, size)
            pages = targets(env)
            for mode in args.modes:
                mode_env = dict(env)
                mode_env["PAGE_CACHE_SECONDS"] = "0" if mode == "cold" else "300"
                if mode == "warm":
                    mode_env["REDIS_URL"] = REDIS
                server = Gunicorn(mode_env, args.port, workers=args.workers)
                try:
                    if mode == "warm":
                        subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], capture_output=True)
                    # The floor is measured first and again last; ratios use
                    # the higher of the two, so a slow start flatters nothing.
                    order = [*pages, FLOOR_AGAIN]
                    results = {}
                    for name in order:
                        url = server.url(pages[FLOOR if name == FLOOR_AGAIN else name])
                        urllib.request.urlopen(url, timeout=30).read()
                        results[name] = measure(
                            server, url, duration=args.duration, connections=args.connections
                        )
                        rate = results[name]["rate"]
                        print(f"  {database} {size:,} {mode} {name}: {rate:,.0f}/s", flush=True)
                    floor = max(results[FLOOR]["rate"], results[FLOOR_AGAIN]["rate"])
                    for name in order:
                        result = results[name]
                        rows.append(
                            row(
                                database,
                                f"{size:,}",
                                mode,
                                name,
                                f"{result['rate']:,.0f}",
                                f"{result['p50']:.1f}",
                                f"{result['p99']:.1f}",
                                str(result["errors"]),
                                f"{result['rate'] / floor:.2f}",
                            )
                        )
                    memory = server.worker_memory_mb()
                    memory_notes.append(
                        f"{database}, {size:,} articles, {mode}: worker RSS "
                        + ", ".join(f"{mb:.0f} MB" for mb in memory)
                    )
                finally:
                    server.stop()
    print()
    print("\n".join(rows))
    print()
    print("\n".join(memory_notes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgresql", type=lambda v: v.split(","))
    parser.add_argument(
        "--sizes", default="1000,100000", type=lambda v: [int(n) for n in v.split(",")]
    )
    parser.add_argument(
        "--modes",
        default="cold,warm",
        type=lambda v: v.split(","),
        help="cold (no page cache), warm (Redis), local (each worker's memory)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8100)
    run(parser.parse_args())


if __name__ == "__main__":
    main()
