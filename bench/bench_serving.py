"""Serving a feed: the shipped deployment and the app alone against nginx sending the same bytes (issue 8).

Figures come from `wrk -t2 -c32` against loopback; the baseline is nginx serving the
identical Atom document (about 100 KB) as a static file in the same run. Servers measured on
the cached feed: granian (what `clusterfeeds web` runs), gunicorn sync and gunicorn gthread.
"""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx

from bench import nginx
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
    store.sources.sync([SourceConfig(id="bench", name="Benchmark source", kind="feed", url="https://news.example.eu/")])
    rng = random.Random(7)
    batch = [make_item(n, rng) for n in range(stories)]
    store.items.save("bench", batch, datetime(2026, 1, 2, tzinfo=UTC), "bench.example")
    store.close()


def publish(env: dict[str, str]) -> None:
    """What the scheduler does after a collect: write the static files (feeds.runner.write_static_feeds)."""
    from feeds.runner import write_static_feeds
    from feeds.settings import Settings

    settings = Settings.from_env(env)
    store = Store.open(settings.database_url)
    write_static_feeds(settings, store)
    store.close()


@contextmanager
def server(command: list[str], env: dict[str, str]) -> Iterator[str]:
    """Run a WSGI server `command` (with {port} filled in) until the block ends; yield its base URL."""
    port = free_port()
    process = subprocess.Popen([part.format(port=port) for part in command], env={**os.environ, **env}, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz")
        httpx.get(base + FEED)  # render once: the figure is the cached path
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


GUNICORN = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-b", "127.0.0.1:{port}", "--log-level", "warning"]
SERVERS = {
    "granian x2 (clusterfeeds web)": [sys.executable, "-m", "feeds", "web", "--port", "{port}"],
    "gunicorn sync x2": [*GUNICORN, "-w", "2", "-k", "sync", "feeds.wsgi:create_app()"],
    "gunicorn gthread 2x4": [*GUNICORN, "-w", "2", "-k", "gthread", "--threads", "4", "feeds.wsgi:create_app()"],
}
CHOSEN = "granian x2 (clusterfeeds web)"


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
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)  # nginx workers read the files
        database_url = f"sqlite:///{tmp}/bench.db"
        fill_store(database_url, stories=40)
        published = Path(tmp) / "published"
        env = {"CLUSTERFEEDS_DATABASE_URL": database_url, "CLUSTERFEEDS_CONFIG_DIR": str(ROOT / "config"),
               "CLUSTERFEEDS_LOG_LEVEL": "WARNING", "CLUSTERFEEDS_FEED_DEFAULT_LIMIT": "36",
               "CLUSTERFEEDS_PUBLISH_DIR": str(published)}
        publish(env)
        static_root = Path(tmp) / "static"
        (static_root / "feeds").mkdir(parents=True)
        body = (published / "feeds" / "all.atom").read_bytes()
        (static_root / "feeds" / "all.atom").write_bytes(body)
        size = f"{len(body) / 1024:.0f} KB Atom"
        nginx_dir = Path(tmp) / "nginx-static"
        nginx_dir.mkdir()
        port = free_port()
        rates: dict[str, tuple[float, float]] = {}  # name -> (figure, baseline measured just before it)
        with nginx.running(nginx.static_config(static_root, port, nginx_dir), nginx_dir, port, FEED) as static:

            def paired(url: str) -> tuple[float, float]:
                """The baseline right before the figure: other load on the machine drifts over a run."""
                baseline = wrk(static + FEED, seconds)
                return wrk(url, seconds), baseline

            for name, command in SERVERS.items():
                with server(command, env) as app:
                    assert httpx.get(app + FEED).content == body
                    rates[name] = paired(app + FEED)
                    if name != CHOSEN:
                        continue
                    not_modified = share_not_modified(app + FEED, 200 if quick else 1000)
                    proxy_dir = Path(tmp) / "nginx-shipped"
                    proxy_dir.mkdir()
                    proxy_port = free_port()
                    config = nginx.shipped_config(published, int(app.rsplit(":", 1)[1]), proxy_port, proxy_dir)
                    with nginx.running(config, proxy_dir, proxy_port, FEED) as proxy:
                        assert httpx.get(proxy + FEED).content == body
                        shipped = paired(proxy + FEED)
    results.append(Result("shipped deployment (nginx + static files), cached path feed", shipped[0], "req/s",
                          "nginx static", shipped[1], "ratio >= 0.8", size))
    for name, (rate, baseline) in rates.items():
        results.append(Result(f"app alone, {name}, cached feed", rate, "req/s", "nginx static", baseline,
                              "ratio >= 0.25", size + (" (chosen)" if name == CHOSEN else "")))
    results.append(Result("conditional GET with current ETag -> 304", not_modified, "%", "all requests", 100.0,
                          "figure == 100", CHOSEN))
    return results
