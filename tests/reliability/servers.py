"""Real servers on 127.0.0.1 for the cache tests: gunicorn with the production
configuration (``gunicorn.conf.py``), a Redis of their own, nginx and Varnish
with the configurations ``docs/deploy.md`` gives. Each is started in a
temporary folder and stopped by the test that started it. ``bench/edge.py``
uses them too; nothing here needs Django."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_DOC = ROOT / "docs" / "deploy.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


@dataclass
class Answer:
    status: int
    body: str
    headers: dict[str, str]


def get(url: str, **headers: str) -> Answer:
    """One request on a new connection, so that each may reach another worker."""
    request = urllib.request.Request(url, headers={"Connection": "close", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Answer(response.status, response.read().decode(), dict(response.headers))
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode(), dict(error.headers))


def every_worker(url: str, workers: int = 2, each: int = 3) -> tuple[list[Answer], set[str]]:
    """Answers to ``url`` until ``workers`` workers (or app servers) have each
    answered ``each`` times; the second time a worker answers a page, it has
    it cached."""
    answers: list[Answer] = []
    seen: dict[str, int] = {}
    while len([n for n in seen.values() if n >= each]) < workers:
        assert len(answers) < 300, f"only workers {seen} answered {url}"
        answers.append(get(url))
        worker = answers[-1].headers.get("X-Worker", "")
        seen[worker] = seen.get(worker, 0) + 1
    return answers, set(seen)


def warm(url: str, workers: int = 2) -> None:
    answers, _workers = every_worker(url, workers, each=2)
    assert {answer.status for answer in answers} == {200}, url


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fenced_block(heading: str, language: str) -> str:
    """The first ``language`` code block under ``heading`` in docs/deploy.md."""
    text = DEPLOY_DOC.read_text()
    section = text[text.index(heading) :]
    match = re.search(rf"```{language}\n(.*?)```", section, re.DOTALL)
    return match.group(1)


class Gunicorn:
    """``gunicorn newsroom.wsgi -c gunicorn.conf.py`` with DEBUG off, as deployed."""

    def __init__(self, database_url: str, tmp: Path, *, workers: int = 2, **env: str):
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.reliability.served_settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(30),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": str(workers),
            "GUNICORN_MAX_REQUESTS": "0",
            "PAGE_CACHE_SECONDS": "300",
            "LOG_LEVEL": "WARNING",
            **env,
        }
        if "REDIS_URL" not in env:
            self.env.pop("REDIS_URL", None)
        self.log = open(tmp / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "newsroom.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, self.process)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop(self.process)
        self.log.close()


class Redis:
    """A redis-server of the test's own, saving snapshots into ``tmp``."""

    def __init__(self, tmp: Path):
        self.port = free_port()
        self.dir = tmp
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.dir), "--dbfilename", "dump.rdb",
                "--save", "", "--appendonly", "no",
                "--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru",
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, self.process)

    def cli(self, *args: str) -> str:
        return subprocess.run(
            ["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    def snapshot(self) -> None:
        before = self.cli("LASTSAVE")
        self.cli("BGSAVE")
        while self.cli("LASTSAVE") == before:
            time.sleep(0.05)

    def restart_from_snapshot(self) -> None:
        """Stop without saving, and start again from the last snapshot."""
        self.process.kill()
        self.process.wait()
        self.start()

    def stop(self) -> None:
        stop(self.process)


class Nginx:
    """nginx with the upstream and proxy configuration of docs/deploy.md,
    on plain HTTP, in front of ``backends``."""

    def __init__(self, tmp: Path, backends: list[int]):
        self.port = free_port()
        block = fenced_block("## Two app servers", "nginx")
        upstream = "".join(f"    server 127.0.0.1:{port};\n" for port in backends)
        block = re.sub(
            r"(upstream newsroom \{\n)(?:\s*server [^;]+;\n)+", rf"\g<1>{upstream}", block
        )
        block = re.sub(r"listen [^;]+;", f"listen 127.0.0.1:{self.port};", block)
        block = re.sub(r"\s*ssl_[^;]+;", "", block)
        block = re.sub(r"server \{\s*listen 80;.*?\}\n", "", block, flags=re.DOTALL)
        config = tmp / "nginx.conf"
        config.write_text(
            f"daemon off;\nworker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/nginx.log;\n"
            f"events {{ worker_connections 256; }}\nhttp {{\naccess_log off;\n"
            f"client_body_temp_path {tmp};\nproxy_temp_path {tmp};\n{block}\n}}\n"
        )
        self.process = subprocess.Popen(["nginx", "-c", str(config), "-p", str(tmp)])
        wait_for_port(self.port, self.process)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop(self.process)


class Varnish:
    """varnishd with the VCL of docs/deploy.md, in front of one backend."""

    def __init__(self, tmp: Path, backend: int):
        self.port = free_port()
        vcl = fenced_block("## Varnish in front", "vcl")
        vcl = re.sub(r'\.port = "\d+";', f'.port = "{backend}";', vcl)
        (tmp / "default.vcl").write_text(vcl)
        self.process = subprocess.Popen(
            [
                "varnishd", "-F", "-j", "none", "-n", str(tmp / "varnish"),
                "-f", str(tmp / "default.vcl"), "-a", f"127.0.0.1:{self.port}",
                "-T", "none", "-s", "malloc,64m",
            ],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port, self.process)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        stop(self.process)
