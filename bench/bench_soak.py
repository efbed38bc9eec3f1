"""Soak: `clusterfeeds run` polling the fixture sites every 10 s with faults switched on and off,
under a steady HTTP load on its feeds and pages, for 10 minutes (quick: 1 minute). Issue 9.

Figures: responses with a 5xx status (target 0); lost stories — item URLs that a clean,
uninterrupted collect of the same sites stores, or that the soak's own store held at any
sample, but that are missing once the faults are off and every source has collected again
(target 0); resident memory of the service's process tree at the end against its value
after the first minute (target: within 10 %).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
import yaml

from bench.harness import Result
from feeds.store import Store, schema
from feeds.store.testing import engine_of
from tests.support.collecting import site_source
from tests.support.httpserver import FixtureServer, Route
from tests.support.sites import serve_sites

ROOT = Path(__file__).parent.parent
INTERVAL = 10  # seconds between collects of a source (the shortest sources.yaml accepts)
FEEDS = [
    ("cp-feed", "clusterplattform", "/SiteGlobals/Functions/RSSFeed/DE/RSSNewsfeed/Kurzmeldungen.xml"),
    ("eccp-205", "eccp", "/taxonomy/term/205/feed"),
    ("eccp-208", "eccp", "/taxonomy/term/208/feed"),
    ("ki", "kooperation", "/aktuelles/nachrichten/rss.xml"),
]
LOAD_PATHS = ["/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/feeds/all.atom?lang=de&limit=20",
              "/feeds/topics/innovation.json", "/feeds/all.json?q=cluster", "/", "/topics", "/sources.json",
              "/embed/all", "/opml"]


def _faults() -> list[tuple[str, Any]]:
    return [
        ("500", lambda r: setattr(r, "status", 500)),
        ("503 Retry-After", lambda r: r.__dict__.update(status=503, headers={**r.headers, "Retry-After": "5"})),
        ("slow", lambda r: setattr(r, "delay", 3.0)),
        ("truncated", lambda r: setattr(r, "truncate", max(10, len(r.body) // 3))),
        ("garbage", lambda r: setattr(r, "body", b"<html><p>maintenance</p></html>")),
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of `pid` and all its descendants, from /proc, in MiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def _sources(servers: dict[str, FixtureServer]) -> list[dict[str, Any]]:
    entries = []
    for source_id, site, path in FEEDS:
        config = site_source(site, servers[site], "feed", source_id=source_id, url=path)
        entries.append({"id": config.id, "name": config.name, "kind": "feed", "url": config.url,
                        "language": config.language, "interval": f"{INTERVAL}s",
                        "host_aliases": dict(config.host_aliases)})
    return entries


def _item_urls(database_url: str) -> set[str]:
    store = Store.open(database_url, migrate=False)
    try:
        with engine_of(store).connect() as connection:
            return set(connection.execute(sa.select(schema.items.c.canonical_url)).scalars())
    finally:
        store.close()


def _all_collected_since(database_url: str, since: float, source_ids: list[str]) -> bool:
    store = Store.open(database_url, migrate=False)
    try:
        states = {s.source_id: s for s in store.sources.states()}
    finally:
        store.close()
    for source_id in source_ids:
        state = states.get(source_id)
        if state is None or state.consecutive_failures or not state.last_success:
            return False
        if state.last_success.timestamp() <= since:
            return False
    return True


@dataclasses.dataclass
class Load:
    base_url: str
    statuses: Counter[int] = dataclasses.field(default_factory=Counter)
    errors: int = 0
    stop: threading.Event = dataclasses.field(default_factory=threading.Event)

    def run(self, seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=self.base_url, timeout=30) as client:
            while not self.stop.is_set():
                try:
                    response = client.get(rng.choice(LOAD_PATHS), headers={"Accept-Encoding": "gzip"})
                    self.statuses[response.status_code] += 1
                except httpx.HTTPError:
                    self.errors += 1
                self.stop.wait(0.05)


def _reference(env: dict[str, str], config_dir: Path, work: Path) -> set[str]:
    """Item URLs of one clean collect of the same sites, in a store of its own."""
    url = f"sqlite:///{work / 'reference.db'}"
    subprocess.run([sys.executable, "-m", "feeds", "--config-dir", str(config_dir), "--database-url", url,
                    "collect"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return _item_urls(url)


def run(quick: bool) -> list[Result]:
    duration = 60 if quick else 600
    first_minute = 20 if quick else 60
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp, serve_sites() as servers:
        work = Path(tmp)
        config_dir = work / "config"
        config_dir.mkdir()
        (config_dir / "topics.yaml").write_bytes((ROOT / "config" / "topics.yaml").read_bytes())
        (config_dir / "sources.yaml").write_text(yaml.safe_dump({"sources": _sources(servers)}, sort_keys=False))
        env = {**os.environ, "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_SCHEDULER_JITTER": "0",
               "CLUSTERFEEDS_HTTP_RATE_PER_HOST": "1000", "CLUSTERFEEDS_HTTP_READ_TIMEOUT": "2",
               "CLUSTERFEEDS_HTTP_TOTAL_TIMEOUT": "5", "CLUSTERFEEDS_BACKOFF_CAP": "30",
               "CLUSTERFEEDS_LOG_LEVEL": "WARNING"}
        reference = _reference(env, config_dir, work)
        database_url = f"sqlite:///{work / 'soak.db'}"
        port = _free_port()
        log = (work / "service.log").open("wb")
        service = subprocess.Popen([sys.executable, "-m", "feeds", "--config-dir", str(config_dir), "--database-url",
                                    database_url, "run", "--port", str(port)], env=env, cwd=ROOT, stdout=log,
                                   stderr=log)
        load = Load(f"http://127.0.0.1:{port}")
        threads: list[threading.Thread] = []
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and load.statuses.total() == 0:
                try:
                    httpx.get(load.base_url + "/healthz", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            threads = [threading.Thread(target=load.run, args=(seed,), daemon=True) for seed in range(2)]
            for thread in threads:
                thread.start()
            seen, rss_first, faults_on = _soak(servers, database_url, service.pid, duration, first_minute)
            faults_off = time.time()
            deadline = time.monotonic() + 4 * INTERVAL + 60  # backoff is capped at 30 s
            source_ids = [sid for sid, _, _ in FEEDS]
            while time.monotonic() < deadline and not _all_collected_since(database_url, faults_off, source_ids):
                time.sleep(1)
            rss_end = _tree_rss_mb(service.pid)
        finally:
            load.stop.set()
            for thread in threads:
                thread.join(timeout=35)
            service.send_signal(signal.SIGTERM)
            try:
                service.wait(30)
            except subprocess.TimeoutExpired:
                service.kill()
            log.close()
        final = _item_urls(database_url)
        lost = (reference | seen) - final
        server_errors = sum(n for status, n in load.statuses.items() if status >= 500)
        requests = load.statuses.total() + load.errors
        note = (f"{duration} s, {faults_on} fault switches, {requests} requests "
                f"({dict(sorted(load.statuses.items()))}, {load.errors} transport errors), "
                f"{len(final)} items at the end, {len(reference)} in the clean reference")
        if lost:
            note += f"; lost: {sorted(lost)[:5]}"
        return [
            Result("soak: 5xx responses", server_errors, "responses", "requests", requests, "figure == 0", note),
            Result("soak: lost stories", len(lost), "items", "reference items", len(reference), "figure == 0"),
            Result("soak: resident memory at the end", rss_end, "MiB", "after the first minute", rss_first,
                   "ratio <= 1.10"),
        ]


def _soak(servers: dict[str, FixtureServer], database_url: str, pid: int, duration: int,
          first_minute: int) -> tuple[set[str], float, int]:
    """Switch faults on and off for `duration` s: (item URLs ever seen, RSS after the first minute, switches)."""
    rng = random.Random(9)
    started = time.monotonic()
    seen: set[str] = set()
    rss_first = 0.0
    broken: dict[tuple[str, str], Route] = {}
    switches = 0
    while time.monotonic() - started < duration:
        if broken:
            for (site, path), original in broken.items():
                servers[site].routes[path] = original
            broken.clear()
        else:
            for _ in range(2):
                _, site, path = rng.choice(FEEDS)
                if (site, path) in broken:
                    continue
                original = servers[site].routes[path]
                faulty = dataclasses.replace(original, headers=dict(original.headers))
                rng.choice(_faults())[1](faulty)
                broken[(site, path)] = original
                servers[site].routes[path] = faulty
        switches += 1
        time.sleep(min(15.0, max(0.0, duration - (time.monotonic() - started))))
        if not rss_first and time.monotonic() - started >= first_minute:
            rss_first = _tree_rss_mb(pid)
        with contextlib.suppress(Exception):  # the service may be migrating or writing; a later sample will do
            seen |= _item_urls(database_url)
    for (site, path), original in broken.items():
        servers[site].routes[path] = original
    return seen, rss_first or _tree_rss_mb(pid), switches
