"""Serving a feed: the app under gunicorn against nginx sending the same bytes (issue 8).

Figures come from `wrk -t2 -c32` against loopback; the baseline is nginx serving the
identical Atom document as a static file in the same run.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench.data import make_item
from bench.harness import Result
from feeds.config import SourceConfig
from feeds.store import Store

ROOT = Path(__file__).parent.parent
FEED = "/feeds/all.atom"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


def wrk(url: str, seconds: int, headers: dict[str, str] | None = None) -> float:
    """Requests per second from `wrk -t2 -c32`."""
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if not match or errors:
        raise RuntimeError(f"wrk failed or saw errors:\n{output}")
    return float(match.group(1))


def fill_store(database_url: str, stories: int) -> None:
    store = Store.open(database_url)
    store.sync_sources([SourceConfig(id="bench", name="Benchmark source", kind="feed", url="https://news.example.eu/")])
    rng = random.Random(7)
    batch = [make_item(n, rng) for n in range(stories)]
    store.save_items("bench", batch, datetime(2026, 1, 2, tzinfo=UTC), "bench.example")
    store.close()


@contextmanager
def gunicorn(env: dict[str, str], workers: int, worker_class: str) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-w", str(workers), "-k", worker_class, "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "feeds.web:create_app()"],
        env={**os.environ, **env}, cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz")
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


NGINX_STATIC = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  types {{ application/atom+xml atom; }}
  server {{
    listen 127.0.0.1:{port};
    root {root};
    location /feeds/ {{ add_header Cache-Control "public, max-age=300"; etag on; }}
  }}
}}
"""


@contextmanager
def nginx_static(root: Path) -> Iterator[str]:
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        conf = Path(tmp) / "nginx.conf"
        conf.write_text(NGINX_STATIC.format(tmp=tmp, port=port, root=root))
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        subprocess.run([nginx, "-c", str(conf), "-e", f"{tmp}/error.log"], check=True)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + FEED)
            yield base
        finally:
            subprocess.run([nginx, "-c", str(conf), "-e", f"{tmp}/error.log", "-s", "quit"], check=False)
            time.sleep(0.5)


def share_not_modified(url: str, requests: int) -> float:
    """Percentage of conditional GETs with a current ETag answered 304 with an empty body."""
    with httpx.Client() as client:
        etag = client.get(url).headers["ETag"]
        hits = 0
        for _ in range(requests):
            response = client.get(url, headers={"If-None-Match": etag})
            hits += response.status_code == 304 and response.content == b""
    return 100.0 * hits / requests


def run(quick: bool) -> list[Result]:
    seconds = 3 if quick else 10
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx workers run unprivileged and must read the static files
        database_url = f"sqlite:///{tmp}/bench.db"
        fill_store(database_url, stories=60)
        env = {"CLUSTERFEEDS_DATABASE_URL": database_url, "CLUSTERFEEDS_CONFIG_DIR": str(ROOT / "config"),
               "CLUSTERFEEDS_LOG_LEVEL": "WARNING"}
        static_root = Path(tmp) / "static"
        (static_root / "feeds").mkdir(parents=True)
        with gunicorn(env, workers=2, worker_class="sync") as app:
            body = httpx.get(app + FEED + "?limit=60").content
            (static_root / "feeds" / "all.atom").write_bytes(body)
            app_rps = wrk(app + FEED + "?limit=60", seconds)
            not_modified = share_not_modified(app + FEED + "?limit=60", 200 if quick else 1000)
        with nginx_static(static_root) as nginx:
            nginx_rps = wrk(nginx + FEED, seconds)
    size = f"{len(body) / 1024:.0f} KB Atom"
    return [
        Result("app alone (gunicorn sync x2), cached feed", app_rps, "req/s", "nginx static", nginx_rps,
               "ratio >= 0.25", size),
        Result("conditional GET with current ETag -> 304", not_modified, "%", "all requests", 100.0,
               "figure == 100"),
    ]
