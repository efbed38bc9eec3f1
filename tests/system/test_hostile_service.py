"""Issue 19, done-when: `clusterfeeds run` with one hostile source of each kind and one normal source.

The normal source's items arrive, every hostile source ends in a recorded state (failed or
capped), and `/healthz`, polled throughout from another thread, answers every time within 10 s.
The freezes this guards against lasted from 88 s to hours; a tighter bound would measure the
machine's load, not the service. The rebinding case needs an injected resolver and is tested in
collect/test_hostile_sources.py.
"""

from __future__ import annotations

import gzip
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from feeds.settings import Settings
from tests.support.configs import write_sources
from tests.support.documents import RSS, gzip_zeros
from tests.support.httpserver import Route, serving
from tests.support.processes import free_port, running_service, wait_for

HOSTILE = ("robots-and-comments", "sitemap-locs", "gzip-bomb", "huge-feed", "trickle", "retry-after", "metadata")


def _feed(count: int) -> bytes:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    items = "".join(
        f"<item><title>Item {n}</title><link>https://big.example/{n}</link><pubDate>"
        f"{(start + timedelta(hours=n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for n in range(count))
    return f'<rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>{items}</channel></rss>'.encode()


def _trickle(req: BaseHTTPRequestHandler) -> None:
    try:
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
            req.wfile.write(bytes([byte]))
            req.wfile.flush()
            time.sleep(0.2)
    except (BrokenPipeError, ConnectionResetError):
        return


@pytest.mark.slow
def test_run_survives_one_hostile_source_of_each_kind(settings: Settings) -> None:
    long_path = "/" + "a" * 4000
    hostile_routes = {
        "/robots.txt": Route(b"User-agent: *\nDisallow: /*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*X\n",
                             content_type="text/plain"),
        long_path: Route(b"<html><body>" + b"<!--" * 30_000 + b"</body></html>"),
        "/sitemap.xml": Route(b"<urlset><url>" + b"<loc>" * 16_000, content_type="application/xml"),
        "/bomb.rss": Route(gzip.compress(gzip_zeros(256 << 20)), headers={"Content-Encoding": "gzip, gzip"}),
        "/big.rss": Route(_feed(10_000), content_type="application/rss+xml"),
        "/slow.rss": Route(handler=_trickle),
        "/busy.rss": Route(status=503, headers={"Retry-After": "300000000000"}),
    }
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as normal, \
            serving(hostile_routes) as hostile:
        write_sources(settings.config_dir, [
            {"id": "normal", "name": "Normal", "kind": "feed", "url": normal.url("/feed.rss")},
            {"id": "robots-and-comments", "name": "R", "kind": "html", "url": hostile.base_url,
             "listings": [long_path], "item": "li", "item_link": "a"},
            {"id": "sitemap-locs", "name": "S", "kind": "sitemap", "url": hostile.url("/sitemap.xml")},
            {"id": "gzip-bomb", "name": "G", "kind": "feed", "url": hostile.url("/bomb.rss")},
            {"id": "huge-feed", "name": "H", "kind": "feed", "url": hostile.url("/big.rss")},
            {"id": "trickle", "name": "T", "kind": "feed", "url": hostile.url("/slow.rss")},
            {"id": "retry-after", "name": "A", "kind": "feed", "url": hostile.url("/busy.rss")},
            {"id": "metadata", "name": "M", "kind": "feed", "url": "http://169.254.169.254/latest/meta-data/"},
        ])
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        env = {"CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_SCHEDULER_JITTER": "0",
               "CLUSTERFEEDS_HTTP_RATE_PER_HOST": "1000", "CLUSTERFEEDS_HTTP_TOTAL_TIMEOUT": "5",
               "CLUSTERFEEDS_COLLECT_MAX_ITEMS": "500", "CLUSTERFEEDS_COLLECT_WORKERS": "8"}
        args = ["--config-dir", str(settings.config_dir), "--database-url", settings.database_url, "run",
                "--port", str(port)]
        slow_or_failed: list[str] = []
        answered = 0
        polling = threading.Event()

        def poll_healthz() -> None:
            nonlocal answered
            with httpx.Client(timeout=10.0) as client:
                while not polling.is_set():
                    try:
                        status = client.get(base + "/healthz").status_code
                        if status != 200:
                            slow_or_failed.append(f"HTTP {status}")
                        answered += 1
                    except httpx.ConnectError:
                        if answered:  # before the server is up, a refused connection is expected
                            slow_or_failed.append("connection refused")
                    except httpx.HTTPError as exc:
                        slow_or_failed.append(type(exc).__name__)
                    polling.wait(0.2)

        def states() -> dict[str, dict[str, object]]:
            try:
                return {row["code"]: row for row in httpx.get(base + "/sources.json", timeout=10).json()["sources"]}
            except (httpx.HTTPError, ValueError, KeyError):
                return {}

        def settled() -> bool:
            found = states()
            items_arrived = found.get("normal", {}).get("item_count") == 1
            return items_arrived and all(
                found.get(name, {}).get("last_success") or found.get(name, {}).get("consecutive_failures")
                for name in HOSTILE)

        poller = threading.Thread(target=poll_healthz)
        with running_service(args, env) as process:
            poller.start()
            try:
                ok = wait_for(settled, timeout=240)
                final = states()
            finally:
                polling.set()
                poller.join()
            assert ok, (final, process.stdout.read1().decode() if process.stdout else "")
            assert process.poll() is None
            assert b"Cluster managers meet in Vilnius" in httpx.get(base + "/feeds/all.atom").content
    assert answered > 0
    assert slow_or_failed == []  # /healthz answered within 10 s every time, the whole run long
    assert final["huge-feed"]["item_count"] == 500
    for name in ("gzip-bomb", "trickle", "retry-after", "metadata", "sitemap-locs"):
        assert final[name]["consecutive_failures"], name
        assert "\n" not in str(final[name]["last_error"])
    assert "link-local" in str(final["metadata"]["last_error"])
    assert hostile.requests_for("/latest/meta-data/") == []
