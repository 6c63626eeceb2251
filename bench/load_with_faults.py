"""Readers under load while an editor works, and a gunicorn worker restarted mid-run.

On the production stack (gunicorn with gunicorn.conf.py, DEBUG off, PostgreSQL,
Redis, the documented page cache) it:

- holds wrk at 32 connections for 60 seconds on the public pages (home, a
  region, a program, the archive, search, the feed, the news sitemap, two
  articles);
- meanwhile, every few seconds, has an editor (a separate Django process using
  ``articles.workflow``) publish an article, edit its title, or unpublish it,
  and after each change polls the pages that show it (home, its region, its
  program, the feed and the article itself) until they do, recording how long
  each took and every response that was stale although requested after the
  change was committed;
- a third of the way in, stops one gunicorn worker (SIGTERM; the master starts
  another), and two thirds of the way in, reloads every worker (SIGHUP).

It prints a summary and exits with status 1 if any request failed or any page
stayed stale after a change. Traffic goes to 127.0.0.1 only; everything is
bounded in time and the script stops gunicorn and the editor by itself.

    .venv/bin/python bench/load_with_faults.py
    .venv/bin/python bench/load_with_faults.py --duration 20 --articles 300
"""

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from stack import DATA, POSTGRES, PYTHON, ROOT, Gunicorn, latency_ms, manage, production_env

REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
DATABASE = os.environ.get("BENCH_FAULTS_DATABASE", "newsroom_faults")
ACTIONS = ("publish", "edit", "unpublish")


# The editor: a Django process driven through stdin -------------------------------


def editor() -> None:
    """Publish, edit and unpublish one article on command; print when each committed."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import transaction

    from articles import workflow
    from articles.models import Article
    from articles.revisions import claim_version, record_baseline, record_revision

    user, _ = User.objects.get_or_create(
        username="bench-editor", defaults={"is_staff": True, "is_superuser": True}
    )
    article = (
        Article.objects.live()
        .filter(region__isnull=False, program_links__isnull=False)
        .select_related("region")
        .order_by("-published_at")
        .first()
    )
    # A title no other article has, so that "gone from the page" can be checked.
    article.title = "Kabar uji beban NTT nomor 0"
    article.save()
    workflow.unpublish(article, by=user, reason="Uji beban dimulai.")
    program = article.programs.order_by("slug").first()
    edits = 0
    print(
        json.dumps({"region": article.region.slug, "program": program.slug, "pk": article.pk}),
        flush=True,
    )
    for command in sys.stdin:
        command = command.strip()
        if command == "publish":
            workflow.publish(article, by=user)
        elif command == "edit":
            edits += 1
            with transaction.atomic():
                record_baseline(article)
                claim_version(article, expected=article.version)
                article.title = f"Kabar uji beban NTT nomor {edits}"
                article.save()
                record_revision(article, by=user)
        elif command == "unpublish":
            workflow.unpublish(article, by=user, reason="Uji beban.")
        else:
            return
        committed = time.time()
        print(
            json.dumps(
                {
                    "action": command,
                    "committed": committed,
                    "title": article.title,
                    "url": article.get_absolute_url(),
                    "live": article.is_live,
                }
            ),
            flush=True,
        )


# The bench ---------------------------------------------------------------------------


def environment(cache: str) -> dict[str, str]:
    """PostgreSQL, and Redis or (``cache="memory"``) each worker's own memory."""
    env = production_env(f"{POSTGRES}/{DATABASE}", REDIS_URL=REDIS)
    if cache == "memory":
        env.pop("REDIS_URL")
    return env


def prepare(env: dict[str, str], articles: int) -> None:
    """A fresh database with ``articles`` generated articles, and an empty cache."""
    DATA.mkdir(parents=True, exist_ok=True)
    for statement in (f"DROP DATABASE IF EXISTS {DATABASE}", f"CREATE DATABASE {DATABASE}"):
        subprocess.run(
            ["psql", f"{POSTGRES}/postgres", "-qc", statement], check=True, capture_output=True
        )
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "generate_demo_content", "--articles", str(articles), "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    import redis

    redis.Redis.from_url(REDIS).flushdb()


def wrk_script(paths: list[str]) -> Path:
    """A wrk Lua script that cycles through ``paths``."""
    script = DATA / "readers.lua"
    quoted = ", ".join(json.dumps(path) for path in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )
    return script


def run_wrk(url: str, script: Path, *, duration: int, connections: int, out: dict) -> None:
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
    )
    text = result.stdout
    out["requests"] = int(re.search(r"(\d+) requests in", text).group(1))
    out["rate"] = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    for percentile, value in latency_ms(text).items():
        out[f"p{percentile}"] = value
    out["non_2xx_3xx"] = 0
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", text):
        out["non_2xx_3xx"] = int(match.group(1))
    out["socket_errors"] = 0
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    ):
        out["socket_errors"] = sum(int(n) for n in match.groups())
        out["socket_detail"] = match.group(0)


@dataclass
class Check:
    """One change, and how the pages that show it caught up.

    ``staleness`` is, per page, how long after the commit it still answered
    with the old state: 0 when the first request made after the commit was
    already fresh. ``confirmed`` is when that fresh answer arrived.
    """

    action: str
    at: float
    staleness: dict[str, float] = field(default_factory=dict)
    confirmed: dict[str, float] = field(default_factory=dict)
    stale_after_commit: int = 0
    failed: list[str] = field(default_factory=list)
    polls: int = 0


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def follow(server: Gunicorn, change: dict, subject: dict, *, give_up: float, t0: float) -> Check:
    """Poll every page showing the article until each reflects ``change``."""
    pages = {
        "home": "/",
        "region": f"/wilayah/{subject['region']}/",
        "program": f"/program/{subject['program']}/",
        "feed": "/feed/",
        "article": change["url"],
    }
    check = Check(action=change["action"], at=change["committed"] - t0)
    waiting = dict(pages)
    last_stale = dict.fromkeys(pages, change["committed"])
    deadline = change["committed"] + give_up
    while waiting and time.time() < deadline:
        for name, path in list(waiting.items()):
            started = time.time()
            status, body = fetch(server.url(path))
            check.polls += 1
            if name == "article":
                expected_status = 200 if change["live"] else 404
                fresh = status == expected_status and (
                    not change["live"] or change["title"] in body
                )
            else:
                if status != 200:
                    check.failed.append(f"{path} answered {status}")
                fresh = (change["title"] in body) is change["live"]
            if fresh:
                check.staleness[name] = last_stale[name] - change["committed"]
                check.confirmed[name] = time.time() - change["committed"]
                del waiting[name]
            elif started >= change["committed"]:
                check.stale_after_commit += 1
                last_stale[name] = started
        time.sleep(0.05)
    check.failed += [f"{name} still stale after {give_up:.0f} s" for name in waiting]
    return check


def bench(args: argparse.Namespace) -> int:
    env = environment(args.cache)
    print(f"Preparing {DATABASE} with {args.articles} articles …", flush=True)
    prepare(env, args.articles)
    server = Gunicorn(env, args.port)
    editor_process = subprocess.Popen(
        [PYTHON, __file__, "--editor"],
        env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        subject = json.loads(editor_process.stdout.readline())
        articles = json.loads(
            manage(
                env,
                "shell",
                "-v0",
                "-c",
                "import json; from articles.models import Article; "
                f"print(json.dumps([a.get_absolute_url() for a in "
                f"Article.objects.live().exclude(pk={subject['pk']})[:2]]))",
            ).strip()
        )
        readers = [
            "/",
            f"/wilayah/{subject['region']}/",
            f"/program/{subject['program']}/",
            "/arsip/",
            "/cari/?q=nelayan",
            "/feed/",
            "/sitemap-news.xml",
            *articles,
        ]
        load: dict = {}
        started = time.time()
        wrk_thread = threading.Thread(
            target=run_wrk,
            args=(server.url("/"), wrk_script(readers)),
            kwargs={"duration": args.duration, "connections": args.connections, "out": load},
        )
        wrk_thread.start()

        faults = []
        checks: list[Check] = []
        fault_times = {args.duration / 3: "term-worker", 2 * args.duration / 3: "hup-master"}
        step = 0
        # A change every interval, from two seconds in, until one interval before the end.
        while (slot := 2 + step * args.interval) < args.duration - args.interval:
            time.sleep(max(0.0, started + slot - time.time()))
            elapsed = time.time() - started
            for fault in faults:
                fault.setdefault("after", server.workers())
            for moment, fault in list(fault_times.items()):
                if elapsed >= moment:
                    before = server.workers()
                    if fault == "term-worker":
                        os.kill(before[0], signal.SIGTERM)
                    else:
                        server.process.send_signal(signal.SIGHUP)
                    faults.append({"fault": fault, "at": elapsed, "before": before})
                    del fault_times[moment]
            action = ACTIONS[step % len(ACTIONS)]
            step += 1
            editor_process.stdin.write(action + "\n")
            editor_process.stdin.flush()
            change = json.loads(editor_process.stdout.readline())
            checks.append(follow(server, change, subject, give_up=args.interval - 0.5, t0=started))
        wrk_thread.join()
        for fault in faults:
            fault.setdefault("after", server.workers())
    finally:
        if editor_process.poll() is None:
            editor_process.stdin.close()
            editor_process.wait(timeout=30)
        server.stop()
    return report(args, load, checks, faults)


def report(args, load: dict, checks: list[Check], faults: list[dict]) -> int:
    print()
    print(
        f"Readers: wrk, {args.connections} connections, {args.duration} s, "
        f"{len(ACTIONS)} kinds of change every {args.interval:.0f} s"
    )
    print(f"  requests        {load['requests']:>10,}")
    print(f"  requests/s      {load['rate']:>10,.0f}")
    print(f"  latency p50     {load.get('p50', 0):>10.1f} ms")
    print(f"  latency p99     {load.get('p99', 0):>10.1f} ms")
    print(f"  non-2xx/3xx     {load['non_2xx_3xx']:>10}")
    print(f"  socket errors   {load['socket_errors']:>10}  {load.get('socket_detail', '')}")
    print()
    print("Faults")
    for fault in faults:
        replaced = sorted(set(fault["before"]) - set(fault["after"]))
        print(
            f"  {fault['fault']:<12} at {fault['at']:5.1f} s   workers {fault['before']} -> "
            f"{fault['after']} (replaced {len(replaced)})"
        )
    print()
    print(
        "Editor changes: seconds each page still showed the old state after the commit "
        "(then, in brackets, when the fresh page arrived)"
    )
    header = f"  {'at':>6}  {'change':<10}" + "".join(
        f"{name:>16}" for name in ("home", "region", "program", "feed", "article")
    )
    print(header + f"{'stale*':>8}{'polls':>7}")
    for check in checks:
        cells = "".join(
            f"{check.staleness[name]:>7.3f} ({check.confirmed[name]:5.3f})"
            if name in check.staleness
            else f"{'—':>16}"
            for name in ("home", "region", "program", "feed", "article")
        )
        print(
            f"  {check.at:>6.1f}  {check.action:<10}{cells}"
            f"{check.stale_after_commit:>8}{check.polls:>7}"
        )
    waits = [value for check in checks for value in check.staleness.values()]
    arrivals = [value for check in checks for value in check.confirmed.values()]
    stale = sum(check.stale_after_commit for check in checks)
    failures = [line for check in checks for line in check.failed]
    print("  * responses requested after the commit that still showed the old state")
    print()
    print(
        f"Staleness after a change: max {max(waits, default=0):.3f} s over {len(waits)} "
        f"page checks (fresh page in hand: median "
        f"{statistics.median(arrivals) if arrivals else 0:.3f} s, max "
        f"{max(arrivals, default=0):.3f} s)."
    )
    print(
        "Documented window (docs/deploy.md, Caching): at the origin, the next request; "
        "PAGE_CACHE_SECONDS=300 only bounds an unchanged page; CDN_MAX_AGE=60 s via a CDN."
    )
    failed = load["non_2xx_3xx"] + load["socket_errors"] + stale + len(failures)
    for line in failures:
        print(f"  FAILED: {line}")
    print(f"Failed requests or stale pages: {failed}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (60)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--interval", type=float, default=4.0, help="seconds between changes")
    parser.add_argument("--articles", type=int, default=2000, help="articles generated (2000)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--cache", choices=("redis", "memory"), default="redis", help="where pages are cached"
    )
    parser.add_argument("--editor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.editor:
        editor()
        return 0
    return bench(args)


if __name__ == "__main__":
    sys.exit(main())
