"""How fast the importer takes in a batch of source files.

It writes N variants of the two sample sources (fixtures/sources/) into a
temporary folder — each with its own numbers and title, so every file is a new
article — and runs `manage.py import_articles` on the folder against a fresh
SQLite database (or DATABASE_URL), then prints files per second, of wall time
and of the command's CPU time.

    .venv/bin/python bench/imports.py --files 2000
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "fixtures" / "sources").glob("*.txt"))


def cpu_seconds() -> float:
    """User and system time of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def write_variants(folder: Path, count: int) -> None:
    originals = [path.read_text(encoding="utf-8") for path in SOURCES]
    for number in range(count):
        text = originals[number % len(originals)]
        # Different figures and a different lead make a different article.
        text = text.replace("17 perusahan", f"{number} perusahaan")
        text = text.replace("Dorong Perangkat Desa", f"Dorong {number} Perangkat Desa")
        text = text.replace("meluncurkan tiga desa", f"meluncurkan {number} desa")
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "sources"
        folder.mkdir()
        write_variants(folder, args.files)
        env = {**os.environ, "DEBUG": "1"}
        env.setdefault("DATABASE_URL", f"sqlite:///{scratch}/imports.sqlite3")
        run = [sys.executable, "manage.py"]
        subprocess.run([*run, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run(
            [*run, "loaddata", "regions", "programs", "-v0"], env=env, cwd=ROOT, check=True
        )
        started, used = time.monotonic(), cpu_seconds()
        result = subprocess.run(
            [*run, "import_articles", str(folder), "-v0"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        elapsed, cpu = time.monotonic() - started, cpu_seconds() - used
        print(result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr)
        print(
            f"{args.files:,} files in {elapsed:.1f} s: {args.files / elapsed:,.0f} files/s "
            "(whole command, including start-up)"
        )
        # On a busy machine the wall time varies from run to run; this does less.
        print(
            f"{cpu:.1f} s of CPU in the command: {args.files / cpu:,.0f} files per CPU second "
            "(not counting the database server's)"
        )
        if result.returncode != 0:
            sys.exit(result.returncode)


if __name__ == "__main__":
    main()
