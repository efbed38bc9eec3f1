"""The service as an operator runs it: `clusterfeeds run` in a real process, the scheduler, `sources`."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from feeds.cli import cli
from feeds.config import SourceConfig
from feeds.runner import backoff, collect_sources
from feeds.scheduler import build_scheduler
from feeds.settings import Settings
from feeds.store import Store
from tests.support.configs import write_sources
from tests.support.documents import RSS
from tests.support.httpserver import Route, serving
from tests.support.processes import free_port, running_service, wait_for


@pytest.mark.slow
def test_run_serves_feeds_and_survives_unreachable_sources(settings: Settings, tmp_path: Path) -> None:
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        write_sources(settings.config_dir, [
            {"id": "local", "name": "Local", "kind": "feed", "url": server.url("/feed.rss")},
            # No internet here: the real platform cannot be resolved, which must not stop the service.
            {"id": "unreachable", "name": "Unreachable", "kind": "feed",
             "url": "https://www.clusterplattform.invalid/feed.xml"},
        ])
        port = free_port()
        env = {"CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_SCHEDULER_JITTER": "0"}
        args = ["--config-dir", str(settings.config_dir), "--database-url", settings.database_url, "run",
                "--port", str(port)]
        base = f"http://127.0.0.1:{port}"
        with running_service(args, env) as process:

            def feed_has_item() -> bool:
                try:
                    return b"Cluster managers meet in Vilnius" in httpx.get(base + "/feeds/all.atom").content
                except httpx.HTTPError:
                    return False

            # generous: the first run imports, builds the gazetteer and migrates on a possibly busy machine
            assert wait_for(feed_has_item, timeout=120), process.stdout.read1().decode() if process.stdout else ""
            assert httpx.get(base + "/healthz").status_code == 200
            assert httpx.get(base + "/").status_code == 200
            assert process.poll() is None
            assert httpx.get(base + "/feeds/all.atom").headers["Server"] != "Werkzeug"

        result = CliRunner().invoke(cli, ["--config-dir", str(settings.config_dir), "--database-url",
                                          settings.database_url, "sources"])
        assert result.exit_code == 0
        lines = {line.split()[0]: line for line in result.output.splitlines()[1:]}
        assert "www.clusterplattform.invalid" in lines["unreachable"]  # the error, with its URL
        assert "Name or service not known" in lines["unreachable"] or "resolve" in lines["unreachable"]
        assert " 1  " in lines["local"]  # one item
        assert "never" in lines["unreachable"]


def test_private_addresses_are_refused_without_the_setting(settings: Settings) -> None:
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        source = SourceConfig(id="local", name="Local", kind="feed", url=server.url("/feed.rss"))
        store = Store.open(settings.database_url)
        strict = Settings(**{**settings.__dict__, "allow_private_networks": False})
        (refused,) = collect_sources(strict, store, [source])
        assert not refused.ok
        assert "refusing to fetch" in (refused.error or "")
        assert server.log == []
        (allowed,) = collect_sources(settings, store, [source])
        assert allowed.ok
        assert allowed.report.created == 1
        store.close()


def test_a_hostname_resolving_to_loopback_is_refused(settings: Settings) -> None:
    """The policy looks at the resolved address, not at the spelling of the host."""
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        source = SourceConfig(id="r", name="R", kind="feed", url=f"http://localhost:{server.port}/feed.rss")
        store = Store.open(settings.database_url)
        strict = Settings(**{**settings.__dict__, "allow_private_networks": False})
        (run,) = collect_sources(strict, store, [source])
        assert not run.ok
        assert "not a public address" in (run.error or "")
        assert server.log == []
        store.close()


def test_failures_back_off_and_recover(settings: Settings) -> None:
    routes = {"/feed.rss": Route(b"oops", status=500)}
    with serving(routes) as server:
        source = SourceConfig(id="flaky", name="Flaky", kind="feed", url=server.url("/feed.rss"), interval=600)
        store = Store.open(settings.database_url)
        for expected_failures in (1, 2):
            (run,) = collect_sources(settings, store, [source])
            assert not run.ok
            state = store.sources.state("flaky")
            assert state.consecutive_failures == expected_failures
            assert state.last_error == f"HTTP 500 ({server.url('/feed.rss')})"
            assert state.next_attempt is not None
            assert state.last_attempt is not None
            assert state.next_attempt - state.last_attempt == backoff(600, expected_failures)
        server.routes["/feed.rss"] = Route(RSS, content_type="application/rss+xml")
        (run,) = collect_sources(settings, store, [source])
        assert run.ok
        state = store.sources.state("flaky")
        assert (state.consecutive_failures, state.last_error, state.next_attempt) == (0, None, None)
        store.close()


def test_backoff_doubles_and_is_capped() -> None:
    assert [backoff(3600, n).total_seconds() for n in (1, 2, 3)] == [3600, 7200, 14400]
    assert backoff(3600, 30).total_seconds() == 24 * 3600


def test_one_failing_source_does_not_stop_the_others(settings: Settings) -> None:
    with serving({"/ok.rss": Route(RSS, content_type="application/rss+xml"),
                  "/broken.rss": Route(b"<html>not a feed</html>", content_type="text/html")}) as server:
        sources = [
            SourceConfig(id="broken", name="Broken", kind="feed", url=server.url("/broken.rss")),
            SourceConfig(id="ok", name="OK", kind="feed", url=server.url("/ok.rss")),
        ]
        store = Store.open(settings.database_url)
        broken, ok = collect_sources(settings, store, sources)
        assert not broken.ok
        assert "not a feed" in (broken.error or "")
        assert ok.ok
        assert ok.report.created == 1
        store.close()


def test_scheduler_has_one_job_per_enabled_source(settings: Settings) -> None:
    sources = [
        SourceConfig(id="a", name="A", kind="feed", url="https://example.org/a", interval=1800),
        SourceConfig(id="b", name="B", kind="feed", url="https://example.org/b", enabled=False),
    ]
    store = Store.open(settings.database_url)
    scheduler = build_scheduler(Settings(**{**settings.__dict__, "scheduler_jitter": 45}), store, sources)
    (job,) = scheduler.get_jobs()
    assert job.id == "collect:a"
    assert job.max_instances == 1
    assert job.coalesce is True
    assert job.trigger.interval.total_seconds() == 1800
    assert job.trigger.jitter == 45
    assert job.next_run_time <= datetime.now(UTC)
    store.close()


@pytest.mark.slow
def test_scheduled_runs_never_overlap(settings: Settings) -> None:
    """A fetch slower than the interval must not start a second run of the same source."""
    with serving({"/slow.rss": Route(RSS, content_type="application/rss+xml", delay=1.5)}) as server:
        source = SourceConfig(id="slow", name="Slow", kind="feed", url=server.url("/slow.rss"), interval=1)
        store = Store.open(settings.database_url)
        scheduler = build_scheduler(settings, store, [source])
        scheduler.start()
        try:
            assert wait_for(lambda: len(server.requests_for("/slow.rss")) >= 3, timeout=20)
        finally:
            scheduler.shutdown(wait=True)
        times = [r.time for r in server.requests_for("/slow.rss")]
        gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
        assert min(gaps) >= 1.4  # each run waited for the previous one to finish
        assert store.sources.state("slow").item_count == 1
        store.close()


def test_a_slow_source_does_not_delay_the_others(settings: Settings) -> None:
    """The fast source is fetched while the slow one is still waiting for its answer."""
    slow_delay = 1.5  # below the test settings' 2 s read timeout
    with serving({"/slow.rss": Route(RSS, content_type="application/rss+xml", delay=slow_delay),
                  "/fast.rss": Route(RSS.replace(b"vilnius", b"riga"), content_type="application/rss+xml")}) as server:
        sources = [SourceConfig(id="slow", name="Slow", kind="feed", url=server.url("/slow.rss")),
                   SourceConfig(id="fast", name="Fast", kind="feed", url=server.url("/fast.rss"))]
        store = Store.open(settings.database_url)
        slow, fast = collect_sources(settings, store, sources)
        assert (slow.source_id, fast.source_id) == ("slow", "fast")  # results in the order given
        assert slow.ok
        assert fast.ok
        (slow_request,) = server.requests_for("/slow.rss")
        (fast_request,) = server.requests_for("/fast.rss")
        assert fast_request.time < slow_request.time + slow_delay  # did not wait for the slow answer
        store.close()
