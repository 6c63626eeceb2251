"""Varnish in front (the VCL of docs/deploy.md): warm pages through it against
the same static file served by nginx alone, and how long a change takes to
reach it.

gunicorn (production settings, 2 workers, each caching in its own memory)
behind Varnish; nginx serves the site's stylesheet from disk on its own port.
Each row is the median of three wrk runs. Then, ten times: warm an article
through Varnish, unpublish or re-title it in another process, and poll
Varnish every 2 ms until the page has changed; the time is counted from the
start of the change (its commit and purge included) to the first fresh answer.

    .venv/bin/python bench/edge.py                 # 1,000 articles, 10 s per row
    .venv/bin/python bench/edge.py --size 100000 --duration 6
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from pages import prepare, settle, wrk
from stack import DATA, PYTHON, ROOT, Gunicorn

sys.path.insert(0, str(ROOT))
from tests.reliability.servers import Varnish, free_port, stop, wait_for_port

STYLESHEET = "/static/css/site.css"


def nginx_static(tmp: Path) -> tuple[subprocess.Popen, int]:
    """nginx alone, serving the collected stylesheet as it would any static file."""
    port = free_port()
    config = tmp / "nginx-static.conf"
    config.write_text(
        f"daemon off;\nworker_processes 2;\npid {tmp}/nginx.pid;\nerror_log {tmp}/nginx.log;\n"
        "events { worker_connections 1024; }\n"
        f"http {{ access_log off; server {{ listen 127.0.0.1:{port}; "
        f"location /static/ {{ alias {DATA / 'static'}/; }} }} }}\n"
    )
    process = subprocess.Popen(["nginx", "-c", str(config), "-p", str(tmp)])
    wait_for_port(port, process)
    return process, port


def status_and_body(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


CHANGE = """
import time
from django.contrib.auth.models import User
from articles import workflow
from articles.models import Article
article = Article.objects.get(pk={pk})
editor = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser("bench")
print("START", time.time(), flush=True)
input()
started = time.time()
{action}
print("DONE", started, time.time(), flush=True)
"""


def purge_times(env: dict, edge_url: str, rounds: int) -> list[float]:
    from_script = (
        "import json\nfrom articles.models import Article\n"
        "print(json.dumps([[a.pk, a.get_absolute_url()] for a in "
        f"Article.objects.live().order_by('-published_at')[100:{100 + rounds}]]))"
    )
    import json

    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v0", "-c", from_script],
        env=env, cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    times = []
    for index, (pk, path) in enumerate(json.loads(out.strip().splitlines()[-1])):
        url = edge_url + path
        status_and_body(url)
        before = status_and_body(url)
        if index % 2:
            action = "workflow.unpublish(article, by=editor, reason='bench')"
        else:
            action = "article.title = article.title + ' (diperbarui)'; article.save()"
        editor = subprocess.Popen(
            [PYTHON, "manage.py", "shell", "-v0", "-c", CHANGE.format(pk=pk, action=action)],
            env=env, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        editor.stdout.readline()  # Django is up; the change starts when told
        editor.stdin.write("\n")
        editor.stdin.flush()
        started = time.time()
        while status_and_body(url) == before:
            time.sleep(0.002)
            if time.time() - started > 10:
                raise SystemExit(f"{url} was still stale after 10 s")
        seen = time.time()
        line = editor.stdout.readline().split()
        editor.wait(timeout=30)
        times.append(seen - float(line[1]))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per row")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=10, help="changes timed through Varnish")
    args = parser.parse_args()

    env = prepare("sqlite", args.size)
    env = {**env, "PAGE_CACHE_SECONDS": "300"}
    env.pop("REDIS_URL", None)
    with tempfile.TemporaryDirectory(prefix="newsroom-edge-") as folder:
        tmp = Path(folder)
        server = Gunicorn(env, free_port(), workers=2)
        edge = Varnish(tmp, server.port)
        env["EDGE_PURGE_URLS"] = edge.url + "/"
        static, static_port = nginx_static(tmp)
        try:
            rows = {
                "nginx: static file": f"http://127.0.0.1:{static_port}{STYLESHEET}",
                "varnish: home": edge.url + "/",
                "varnish: region": edge.url + "/wilayah/belu/",
                "varnish: feed": edge.url + "/feed/",
                "gunicorn: home (its own cache)": server.url("/"),
            }
            results = {}
            for name, url in rows.items():
                urllib.request.urlopen(url, timeout=30).read()
                runs = sorted(
                    (wrk(url, duration=max(1, args.duration // 3), connections=args.connections)
                     for _ in range(3)),
                    key=lambda run: run["rate"],
                )  # fmt: skip
                results[name] = runs[1]
                settle(server)
                print(f"  {name}: {runs[1]['rate']:,.0f}/s", flush=True)
            floor = results["nginx: static file"]["rate"]
            print(f"\n{'':32} {'req/s':>9} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} {'×nginx':>6}")
            for name, result in results.items():
                print(
                    f"{name:32} {result['rate']:>9,.0f} {result['p50']:>7.2f} "
                    f"{result['p99']:>7.2f} {result['errors']:>6} {result['rate'] / floor:>6.2f}"
                )
            times = purge_times(env, edge.url, args.rounds)
            print(
                f"\nchange to fresh page through Varnish, {len(times)} changes: "
                f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
            )
        finally:
            stop(static)
            edge.stop()
            server.stop()


if __name__ == "__main__":
    main()
