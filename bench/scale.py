"""What each page costs as the archive grows: 10,000, 100,000 and 1,000,000 articles.

For each database (SQLite, PostgreSQL) and size it builds, once, a database with
generate_demo_content and keeps it (SQLite files and ``.ready`` markers in
--data, PostgreSQL databases named newsroom_scale_<size>); a later run only
migrates it, and carries on a build that was stopped part way. Then, in a
fresh process per database and size, with the production settings and the
page cache off, it requests every page bench/scale_pages.py lists through
Django's test client, in-process: one warm-up call, then the
median of --repeat calls, and the number of queries of the last call. It prints
one table: median ms and queries per size, and the ratio of the largest size
to the smallest.

No server and no network: everything runs in the measuring process.

    .venv/bin/python bench/scale.py
    .venv/bin/python bench/scale.py --databases sqlite --sizes 10000,100000
    .venv/bin/python bench/scale.py --build-only --databases postgresql
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from stack import DATA, POSTGRES, PYTHON, ROOT, manage, production_env

SEED = 2018  # generate_demo_content's default
LABELS = {10_000: "10k", 100_000: "100k", 1_000_000: "1M"}


def label(size: int) -> str:
    return LABELS.get(size, f"{size:,}")


def database_url(data: Path, database: str, size: int) -> str:
    if database == "sqlite":
        return f"sqlite:///{data / f'scale-{label(size)}.sqlite3'}"
    return f"{POSTGRES}/newsroom_scale_{label(size).lower()}"


def prepare(data: Path, database: str, size: int) -> dict[str, str]:
    """A migrated database holding ``size`` generated articles (built once, kept).

    A build that was stopped part way is carried on from where it stopped,
    with another seed for the rest, rather than started again.
    """
    data.mkdir(parents=True, exist_ok=True)
    url = database_url(data, database, size)
    env = production_env(url, STATIC_ROOT=str(DATA / "static"))
    marker = data / f"scale-{database}-{label(size)}.ready"
    if database == "postgresql" and not marker.exists():
        name = url.rsplit("/", 1)[1]
        exists = subprocess.run(
            [
                "psql",
                f"{POSTGRES}/postgres",
                "-Atc",
                f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(
                ["psql", f"{POSTGRES}/postgres", "-qc", f"CREATE DATABASE {name}"],
                check=True,
                capture_output=True,
            )
    manage(env, "migrate", "--noinput", "-v0")
    if not marker.exists():
        count = "from articles.models import Article; print(Article.objects.count())"
        have = int(manage(env, "shell", "-v0", "-c", count).strip().splitlines()[-1])
        if have >= size:
            marker.touch()
    if not marker.exists():
        started = time.monotonic()
        output = manage(
            env,
            "generate_demo_content",
            "--articles",
            str(size - have),
            "--seed",
            str(SEED + have),
            "-v0",
        )
        print(
            f"  {database} {label(size)}: {output.strip()} [{time.monotonic() - started:.0f} s]",
            flush=True,
        )
        marker.touch()
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def measure(database: str, size: int, data: Path, repeat: int) -> dict:
    """Run ``bench/scale_pages.py`` in a fresh process on one database."""
    env = prepare(data, database, size)
    env["PAGE_CACHE_SECONDS"] = "0"
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "scale_pages.py"), str(repeat)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"measuring {database} {label(size)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def table(results: dict, databases: list[str], sizes: list[int]) -> str:
    pages = list(next(iter(results.values())))
    first, last = label(sizes[0]), label(sizes[-1])
    lines = []
    for database in databases:
        header = ["page", *(f"{label(s)} ms" for s in sizes), f"{last}/{first}", "queries"]
        lines += [f"\n{database}", "| " + " | ".join(header) + " |"]
        lines.append("|" + "---|" * len(header))
        for page in pages:
            statuses = {results[(database, size)][page]["status"] for size in sizes}
            cells = [page if statuses == {200} else f"{page} (HTTP {'/'.join(map(str, statuses))})"]
            times = [results[(database, size)][page]["ms"] for size in sizes]
            counts = [results[(database, size)][page]["queries"] for size in sizes]
            cells += [f"{ms:,.1f}" for ms in times]
            cells.append(f"{times[-1] / times[0]:.2f}" if times[0] else "-")
            cells.append(
                str(counts[0]) if len(set(counts)) == 1 else "/".join(str(c) for c in counts)
            )
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgresql", type=lambda v: v.split(","))
    parser.add_argument(
        "--sizes",
        default="10000,100000,1000000",
        type=lambda v: [int(n) for n in v.split(",")],
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("BENCH_SCALE_DATA", DATA)),
        help="where the SQLite databases are kept (default: $BENCH_SCALE_DATA or bench/.data)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="calls per page after a warm-up")
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    results = {}
    for database in args.databases:
        for size in args.sizes:
            if args.build_only:
                prepare(args.data, database, size)
                continue
            print(f"{database} {label(size)}: measuring…", file=sys.stderr, flush=True)
            results[(database, size)] = measure(database, size, args.data, args.repeat)
    if results:
        print(table(results, args.databases, args.sizes))


if __name__ == "__main__":
    main()
