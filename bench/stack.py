"""What the benchmark scripts share: the production environment, manage.py,
and a gunicorn server on 127.0.0.1 that they start and stop."""

import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / ".data"
PYTHON = sys.executable
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://newsroom:newsroom@127.0.0.1:5432")
WRK_LINE = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The settings ``make serve`` uses, on plain HTTP, with a fresh secret key."""
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(DATA / "static"),
        "LOG_LEVEL": "WARNING",
        # No worker recycling: at benchmark rates gunicorn.conf.py's 50,000
        # requests come every ten seconds or so, and each recycle drops wrk's
        # keep-alive connections and starts a worker with an empty page
        # memory in the middle of a measurement. At a newsroom's
        # real traffic a worker lives for hours. The memory figures are then
        # those of workers that served every request of the run.
        "GUNICORN_MAX_REQUESTS": "0",
        **extra,
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def latency_ms(wrk_output: str) -> dict[str, float]:
    """The 50th and 99th percentiles of ``wrk --latency``, in milliseconds."""
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        percentile: float(value) * scale[unit]
        for percentile, value, unit in WRK_LINE.findall(wrk_output)
    }


class Gunicorn:
    """gunicorn with gunicorn.conf.py on 127.0.0.1:``port``, ready when built."""

    def __init__(self, env: dict[str, str], port: int, *, workers: int | None = None):
        self.port = port
        command = [
            str(Path(PYTHON).parent / "gunicorn"),
            "newsroom.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
        ]
        if workers is not None:
            command += ["--workers", str(workers)]
        self.process = subprocess.Popen(
            command,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url("/robots.txt"), timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        sys.exit("gunicorn did not start")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True
        ).stdout
        return sorted(int(pid) for pid in out.split())

    def worker_memory_mb(self) -> list[float]:
        sizes = []
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return sizes

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
