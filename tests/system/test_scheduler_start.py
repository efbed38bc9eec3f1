"""Scheduler manners: a start collects only the sources that are due, jitter stays within a tenth
of a source's interval, and a restart right after a collect fetches nothing (real processes, a real
HTTP server on loopback, request counts; no timing)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from apscheduler.triggers.interval import IntervalTrigger

from feeds.config import SourceConfig
from feeds.model import SourceState
from feeds.scheduler import build_scheduler, first_run, jitter
from feeds.settings import Settings
from feeds.store import FetchRecord, Store
from feeds.store.coordination import Mark
from tests.support.configs import write_sources
from tests.support.httpserver import Route, serving
from tests.support.processes import free_port, wait_for

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
HOUR = 3600


def rss(name: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{name}</title>'
            f"<link>https://{name}.example/</link><description>d</description><item>"
            f"<title>{name.title()} cluster meets in Tallinn</title><link>https://{name}.example/news/1</link>"
            f"<guid>https://{name}.example/news/1</guid><pubDate>Tue, 3 Mar 2026 10:00:00 +0100</pubDate>"
            "<description>Cluster managers from Estonia met to plan joint projects.</description>"
            "</item></channel></rss>").encode()


def test_a_source_is_due_at_start_only_when_an_interval_has_passed() -> None:
    assert first_run(NOW, HOUR, None, None) == NOW  # never seen
    assert first_run(NOW, HOUR, SourceState("s"), None) == NOW  # never collected
    old = SourceState("s", last_success=NOW - timedelta(hours=2))
    assert first_run(NOW, HOUR, old, None) == NOW
    recent = SourceState("s", last_success=NOW - timedelta(minutes=10))
    assert first_run(NOW, HOUR, recent, None) == NOW + timedelta(minutes=50)
    # A collect started later than the last success (still running, failed, or killed) counts too.
    assert first_run(NOW, HOUR, old, Mark(NOW - timedelta(minutes=5), "h:1")) == NOW + timedelta(minutes=55)
    # A source backing off after failures waits for the end of the backoff.
    failing = SourceState("s", last_success=NOW - timedelta(hours=5), consecutive_failures=3,
                          next_attempt=NOW + timedelta(hours=2))
    assert first_run(NOW, HOUR, failing, None) == NOW + timedelta(hours=2)


def test_jitter_never_exceeds_a_tenth_of_the_interval() -> None:
    assert jitter(10, 60) == 1
    assert jitter(300, 60) == 30
    assert jitter(HOUR, 60) == 60
    assert jitter(HOUR, 0) == 0
    assert all(jitter(interval, 60) <= interval / 10 for interval in range(10, 2 * HOUR))


def test_the_scheduler_plans_each_source_from_its_state(settings: Settings) -> None:
    sources = [SourceConfig(id=f"s-{name}", name=name, kind="feed", url=f"http://127.0.0.1:9/{name}.rss",
                            interval=interval) for name, interval in (("fresh", HOUR), ("stale", HOUR), ("fast", 10))]
    store = Store.open(settings.database_url)
    store.sources.sync(sources)
    now = datetime.now(UTC)
    store.sources.record_success("s-fresh", FetchRecord(), now - timedelta(minutes=1))
    store.sources.record_success("s-stale", FetchRecord(), now - timedelta(hours=2))
    scheduler = build_scheduler(Settings(**{**settings.__dict__, "scheduler_jitter": 60}), store, sources)
    scheduler.start(paused=True)  # plans the jobs, runs none
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        fresh, stale, fast = jobs["collect:s-fresh"], jobs["collect:s-stale"], jobs["collect:s-fast"]
        assert fresh.next_run_time > now + timedelta(minutes=58)
        assert stale.next_run_time < now + timedelta(minutes=1)
        assert fast.next_run_time < now + timedelta(minutes=1)  # never collected
        for job, interval in ((fresh, HOUR), (stale, HOUR), (fast, 10)):
            assert isinstance(job.trigger, IntervalTrigger)
            assert job.trigger.jitter <= interval / 10
        assert fast.trigger.jitter == 1
    finally:
        scheduler.shutdown(wait=False)
        store.close()


@contextmanager
def running(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        child = subprocess.Popen(args, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            yield child
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()


@pytest.mark.slow
def test_restarting_run_right_after_a_collect_fetches_nothing(settings: Settings, tmp_path: Path) -> None:
    """`clusterfeeds collect` of one source, then `clusterfeeds run`: only the source whose last success is
    an interval old is fetched. Stopped and started again right away, `run` fetches nothing at all."""
    paths = {"fresh": "/fresh.rss", "stale": "/stale.rss"}
    routes = {path: Route(rss(name), content_type="application/rss+xml", etag=False) for name, path in paths.items()}
    with serving(routes) as server:
        write_sources(settings.config_dir, [{"id": name, "name": name.title(), "kind": "feed",
                                             "url": server.url(path), "interval": "1h"}
                                            for name, path in paths.items()])
        env = {**os.environ, "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_SCHEDULER_HEARTBEAT": "1",
               "CLUSTERFEEDS_CONFIG_DIR": str(settings.config_dir), "CLUSTERFEEDS_DATABASE_URL": settings.database_url}
        feeds = [sys.executable, "-m", "feeds"]

        def count(name: str) -> int:
            return len(server.requests_for(paths[name]))

        subprocess.run([*feeds, "collect", "--source", "fresh"], env=env, check=True, capture_output=True, timeout=120)
        assert (count("fresh"), count("stale")) == (1, 0)
        store = Store.open(settings.database_url)
        store.sources.record_success("stale", FetchRecord(), datetime.now(UTC) - timedelta(hours=2))

        port = free_port()

        def start_run(log: Path) -> AbstractContextManager[subprocess.Popen[bytes]]:
            return running([*feeds, "run", "--port", str(port)], env, log)

        def beat_from(child: subprocess.Popen[bytes]) -> bool:
            """The scheduler of `child` has run its first round of jobs (the heartbeat is planned last)."""
            mark = store.coordination.last_heartbeat()
            return mark is not None and mark.by.endswith(f":{child.pid}")

        first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
        with start_run(first_log) as first:
            assert wait_for(lambda: count("stale") == 1, timeout=120), first_log.read_text()
            assert wait_for(lambda: "source=stale ok" in first_log.read_text(), timeout=120), first_log.read_text()
            assert wait_for(lambda: beat_from(first), timeout=120), first_log.read_text()
            assert count("fresh") == 1, first_log.read_text()  # collected a minute ago: not due
            assert "source=fresh next collect at" in first_log.read_text()
            first.send_signal(signal.SIGTERM)
            first.wait(30)

        with start_run(second_log) as second:
            assert wait_for(lambda: beat_from(second), timeout=120), second_log.read_text()
            assert wait_for(lambda: _status(f"http://127.0.0.1:{port}/healthz") == 200, timeout=120)
            second.send_signal(signal.SIGTERM)
            second.wait(30)
        log = second_log.read_text()
        assert "source=fresh next collect at" in log
        assert "source=stale next collect at" in log
        assert (count("fresh"), count("stale")) == (1, 1), log
        assert "HTTP Request:" not in first_log.read_text() + log  # httpx's per-request lines: debug only
        store.close()


def _status(url: str) -> int:
    try:
        return httpx.get(url, timeout=5).status_code
    except httpx.HTTPError:
        return 0
