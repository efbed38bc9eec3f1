"""Scale-out: per-source database locks, and two scheduler processes with two web workers (`clusterfeeds web`)
sharing one store — no source fetched twice in an interval, the standby takes over when the
active scheduler is killed, readers see no error and no duplicate."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime
from pathlib import Path

import feedparser
import httpx
import pytest
import sqlalchemy as sa
from prometheus_client.parser import text_string_to_metric_families

from feeds.scheduler import claim_gap
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.coordination import advisory_key
from feeds.store.schema import items, stories
from feeds.store.testing import engine_of
from tests.support.configs import write_sources
from tests.support.httpserver import FixtureServer, Route, serving
from tests.support.processes import free_port, wait_for

INTERVAL = 10  # seconds between collects of each source (the shortest sources.yaml accepts)
ARTICLES = {
    "alpha": [("lab", "Bavarian cluster opens a hydrogen laboratory", "Tue, 3 Mar 2026 10:00:00 +0100",
               "Forty member companies in Munich share electrolysers and test benches for fuel cells."),
              ("board", "Textile network elects a new board in Łódź", "Wed, 4 Mar 2026 10:00:00 +0100",
               "Seven weavers and a dye chemist will lead the Polish textile association until 2028.")],
    "beta": [("robots", "Danish robotics cluster counts 300 members", "Thu, 5 Mar 2026 10:00:00 +0100",
              "Odense start-ups building warehouse robots joined the network this winter."),
             ("wine", "Portuguese wine growers digitise their cellars", "Fri, 6 Mar 2026 10:00:00 +0100",
              "Sensors in Douro valley cellars report humidity to a shared dashboard.")],
}


def feed(name: str) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title><link>https://{name}.example/news/{slug}</link>"
        f"<guid>https://{name}.example/news/{slug}</guid><pubDate>{date}</pubDate>"
        f"<description>{text}</description></item>"
        for slug, title, date, text in ARTICLES[name])
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{name}</title>'
            f"<link>https://{name}.example/</link><description>d</description>{entries}</channel></rss>").encode()


PATHS = ("/alpha.rss", "/beta.rss")




# -- the locks themselves ---------------------------------------------------------------------


def test_a_source_lock_is_held_by_one_holder_at_a_time(database_url: str) -> None:
    store = Store.open(database_url)
    with store.coordination.lock("eccp") as first:
        assert first
        with store.coordination.lock("eccp") as second:
            assert not second  # another connection / file handle, as another process would have
        with store.coordination.lock("clusterplattform") as other:
            assert other  # other sources are independent
    with store.coordination.lock("eccp") as again:
        assert again  # released on exit
    store.close()


def test_held_locks_do_not_take_the_stores_connections(database_url: str) -> None:
    """More locks than the store's pool has connections (5 + 10 overflow), and the store still works."""
    store = Store.open(database_url)
    with ExitStack() as stack:
        held = [stack.enter_context(store.coordination.lock(f"source-{n}")) for n in range(20)]
        assert all(held)
        assert store.sources.states() == []
    store.close()


def test_a_lock_dies_with_its_process(database_url: str, tmp_path: Path) -> None:
    store = Store.open(database_url)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom feeds.store import Store\n"
         "store = Store.open(sys.argv[1], migrate=False)\n"
         "with store.coordination.lock('eccp') as held:\n    print(held, flush=True)\n    time.sleep(60)\n",
         database_url], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True"
        with store.coordination.lock("eccp") as held:
            assert not held
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)

        def free() -> bool:
            with store.coordination.lock("eccp") as held:
                return held

        assert wait_for(free, timeout=10)  # the server (or the kernel) released it, nobody cleaned up
    finally:
        holder.kill()
        holder.wait()
        store.close()


def test_advisory_keys_are_stable_and_separate_schemas() -> None:
    assert advisory_key("public", "eccp") == advisory_key("public", "eccp")
    assert advisory_key("public", "eccp") != advisory_key("t_other", "eccp")
    assert advisory_key("public", "eccp") != advisory_key("public", "clusterplattform")
    assert -(2**63) <= advisory_key("public", "x" * 64) < 2**63


# -- two schedulers, two web workers ----------------------------------------------------------


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        child = subprocess.Popen(args, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield child
        finally:
            if child.poll() is None:
                child.terminate()
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()


class Reader(threading.Thread):
    """A feed reader polling the web processes during the whole test."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.stopping = threading.Event()
        self.statuses: list[int] = []
        self.duplicates: list[str] = []
        self.largest = 0

    def run(self) -> None:
        with httpx.Client(timeout=10) as client:
            while not self.stopping.is_set():
                response = client.get(self.base + "/feeds/all.atom")
                self.statuses.append(response.status_code)
                ids = [entry.id for entry in feedparser.parse(response.content).entries]
                self.duplicates += [i for i in set(ids) if ids.count(i) > 1]
                self.largest = max(self.largest, len(ids))
                time.sleep(0.05)


def fetch_times(server: FixtureServer, path: str) -> list[float]:
    return [request.time for request in server.requests_for(path)]


def metric_total(base: str, name: str, **labels: str | Callable[[str], bool]) -> float:
    """The sum of a metric's samples on /metrics whose labels match (a value, or a test of the value)."""
    def matches(sample_labels: dict[str, str]) -> bool:
        return all(want(sample_labels.get(key, "")) if callable(want) else sample_labels.get(key) == want
                   for key, want in labels.items())

    text = httpx.get(base + "/metrics").text
    return sum(sample.value for family in text_string_to_metric_families(text) for sample in family.samples
               if sample.name == name and matches(sample.labels))


@pytest.mark.slow  # two 10 s intervals at least, plus process start-ups: about 35 s
@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_two_schedulers_share_the_work_and_the_standby_takes_over(settings: Settings, tmp_path: Path) -> None:
    routes = {path: Route(feed(path[1:-4]), content_type="application/rss+xml",
                          etag=False) for path in PATHS}  # no validators: every collect is a full fetch
    with serving(routes) as server:
        write_sources(settings.config_dir, [
            {"id": path[1:-4], "name": path[1:-4].title(), "kind": "feed", "url": server.url(path),
             "interval": f"{INTERVAL}s"} for path in PATHS
        ])
        env = {"CLUSTERFEEDS_DATABASE_URL": settings.database_url, "CLUSTERFEEDS_CONFIG_DIR": str(settings.config_dir),
               "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_SCHEDULER_JITTER": "0",
               "CLUSTERFEEDS_SCHEDULER_HEARTBEAT": "1", "CLUSTERFEEDS_SCHEDULER_EXPECTED": "1",
               "CLUSTERFEEDS_LOG_FORMAT": "json"}
        scheduler = [sys.executable, "-m", "feeds", "scheduler"]
        port = free_port()
        metrics_dir = tmp_path / "prometheus"
        metrics_dir.mkdir()
        web = [sys.executable, "-m", "feeds", "web", "--host", "127.0.0.1", "--port", str(port)]  # as in compose
        base = f"http://127.0.0.1:{port}"
        store = Store.open(settings.database_url)  # migrated before anyone starts
        with process(scheduler, env, tmp_path / "first.log") as first:
            started = wait_for(lambda: all(server.requests_for(path) for path in PATHS))
            assert started, (tmp_path / "first.log").read_text()
            with process(scheduler, env, tmp_path / "second.log") as second, \
                    process(web, {**env, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir), "CLUSTERFEEDS_WEB_WORKERS": "2"},
                            tmp_path / "web.log"):
                assert wait_for(lambda: _status(base + "/readyz") == 200), (tmp_path / "web.log").read_text()
                reader = Reader(base)
                reader.start()
                # Both schedulers alive: each source is still collected once per interval.
                assert wait_for(lambda: all(len(server.requests_for(path)) >= 2 for path in PATHS),
                                timeout=INTERVAL + 5)

                claim = store.coordination.last_claim("alpha")
                assert claim is not None
                active = first if claim.by.endswith(f":{first.pid}") else second
                standby = second if active is first else first
                assert claim.by.endswith(f":{active.pid}")
                active.send_signal(signal.SIGKILL)
                killed_at = time.time()
                active.wait(5)

                def standby_collected() -> bool:
                    for path in PATHS:
                        taken = store.coordination.last_claim(path[1:-4])
                        if taken is None or not taken.by.endswith(f":{standby.pid}"):
                            return False
                        if fetch_times(server, path)[-1] < killed_at:
                            return False
                    return True

                assert wait_for(standby_collected, timeout=2 * INTERVAL + 2)
                reader.stopping.set()
                reader.join(15)
                assert _status(base + "/readyz") == 200  # the standby's heartbeat is fresh
                served = metric_total(base, "clusterfeeds_http_requests_total", status="200",
                                      route=lambda rule: rule.startswith("/feeds/all."))

            standby.send_signal(signal.SIGTERM)  # a clean stop of the survivor
            assert standby.wait(15) == 0
        heartbeat = store.coordination.last_heartbeat()

    claims = claims_in_logs(tmp_path / "first.log", tmp_path / "second.log")
    for path in PATHS:
        times = fetch_times(server, path)
        claimed = sorted(claims[path[1:-4]])
        assert len(times) >= 3, (path, times)
        assert len(times) == len(claimed), (path, times, claimed)  # every fetch was claimed under the lock
        claim_gaps = [later - earlier for earlier, later in itertools.pairwise(claimed)]
        assert min(claim_gaps) >= claim_gap(INTERVAL), (path, claim_gaps)  # never twice in one interval
        # The handover took at most one more interval, read from the claims: a request on the wire lags its
        # claim by however long the machine makes the collect wait (a fresh process's warm-up, the load), so
        # the gaps between requests say nothing about the lock (a 7.7 s gap at 9.5 s claims under load).
        assert max(claim_gaps) <= 2 * INTERVAL + 1, (path, claim_gaps)
    with engine_of(store).connect() as connection:
        assert connection.execute(sa.select(sa.func.count()).select_from(items)).scalar_one() == 4
        assert connection.execute(sa.select(sa.func.count()).select_from(stories)
                                  .where(stories.c.alias_of.is_(None))).scalar_one() == 4
    assert all(state.consecutive_failures == 0 for state in store.sources.states())
    assert heartbeat is not None
    assert heartbeat.by.endswith(f":{standby.pid}")
    store.close()

    assert reader.statuses
    assert set(reader.statuses) == {200}, "readers saw an error during the handover"
    assert reader.duplicates == []
    assert reader.largest == 4
    # Both web workers' counters are summed (multiprocess mode): every poll is counted.
    assert served >= len(reader.statuses)
    assert "scheduler" in (tmp_path / "second.log").read_text() + (tmp_path / "first.log").read_text()


def claims_in_logs(*logs: Path) -> dict[str, list[float]]:
    """Claim times per source from the schedulers' JSON log lines."""
    claims: dict[str, list[float]] = {}
    for log in logs:
        for line in log.read_text().splitlines():
            event = json.loads(line)
            if "claim" in event:
                claims.setdefault(event["source"], []).append(datetime.fromisoformat(event["claim"]).timestamp())
    return claims


def _status(url: str) -> int:
    try:
        return httpx.get(url, timeout=5).status_code
    except httpx.HTTPError:
        return 0
