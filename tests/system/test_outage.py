"""The database goes away: the scheduler pauses with backoff and logs once per state change, the web
serves cached feeds or 503 with Retry-After, and both recover by themselves. SQLite that is read-only
or full gives a clear error and stays intact.

PostgreSQL outages go through a loopback TCP proxy that can be cut and restored: the machine's
server is shared with other tests and must keep running.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from feeds.config import SourceConfig
from feeds.outage import DatabaseWatch
from feeds.runner import collect_sources
from feeds.scheduler import build_scheduler
from feeds.settings import Settings
from feeds.store import DatabaseUnavailable, Store, Timeouts
from feeds.store.db import make_engine
from feeds.store.testing import engine_of
from feeds.web import create_app
from tests.support.configs import POSTGRES_URL
from tests.support.documents import RSS_TWO_ITEMS as RSS
from tests.support.httpserver import FixtureServer, Route, serving
from tests.support.processes import free_port
from tests.support.tcpproxy import TCPProxy

POSTGRES_ONLY = pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                                        indirect=True)


def test_watch_backs_off_and_logs_once_per_state_change(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    watch = DatabaseWatch(first_retry=2, max_retry=16, clock=lambda: now[0])
    calls: list[int] = []

    def failing() -> None:
        calls.append(1)
        raise DatabaseUnavailable("OperationalError: connection refused")

    caplog.set_level(logging.INFO, logger="feeds.outage")
    delays = []
    for _ in range(6):
        assert watch.run(failing) is None
        delays.append(watch.retry_at - now[0])
        assert watch.run(failing) is None  # skipped: waiting out the backoff
        now[0] = watch.retry_at
    assert delays == [2, 4, 8, 16, 16, 16]
    assert len(calls) == 6
    assert watch.run(lambda: "ok") == "ok"
    assert not watch.down
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 2, messages
    assert "database unavailable" in messages[0]
    assert "connection refused" in messages[0]
    assert "available again" in messages[1]


def test_every_store_area_raises_database_unavailable_when_the_database_refuses() -> None:
    """A PostgreSQL URL on a port nothing listens on: every area answers with the one outage error."""
    store = Store(make_engine(f"postgresql://postgres@127.0.0.1:{free_port()}/nothing", Timeouts(connect=2)))
    source = SourceConfig(id="s", name="S", kind="feed", url="https://example.org/feed")
    calls: list[Callable[[], object]] = [
        store.ping, store.revision, store.feeds.version, store.feeds.last_change, lambda: store.feeds.latest(5),
        lambda: store.tags.counts("topic"), store.sources.states, lambda: store.sources.sync([source]),
        store.sources.names, lambda: store.items.save("s", [], datetime.now(UTC), "feeds.test"),
        lambda: list(store.items.stored()), store.coordination.last_heartbeat, store.maintenance.is_empty,
        lambda: store.coordination.lock("s").__enter__(),
    ]
    for call in calls:
        with pytest.raises(DatabaseUnavailable, match="OperationalError"):
            call()
    store.close()


def test_other_errors_are_not_outages() -> None:
    watch = DatabaseWatch()
    with pytest.raises(ValueError, match="bug"):
        watch.run(lambda: (_ for _ in ()).throw(ValueError("bug")))
    assert not watch.down


@pytest.fixture
def feed_server() -> Iterator[FixtureServer]:
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        yield server


@pytest.fixture
def proxied(database_url: str) -> Iterator[tuple[str, TCPProxy]]:
    """(URL of the test schema through a proxy, the proxy) — stop() is the outage, start() the recovery."""
    assert POSTGRES_URL
    upstream = urlsplit(POSTGRES_URL)
    proxy = TCPProxy((upstream.hostname or "127.0.0.1", upstream.port or 5432)).start()
    url = database_url.replace(f"{upstream.hostname}:{upstream.port or 5432}", f"127.0.0.1:{proxy.port}")
    assert url != database_url
    try:
        yield url, proxy
    finally:
        proxy.stop()


def _item_count(store: Store) -> int:
    with engine_of(store).connect() as connection:
        return int(connection.execute(sa.text("select count(*) from items")).scalar_one())


def _job(scheduler: Any, source_id: str) -> tuple[DatabaseWatch, Any]:
    job = scheduler.get_job(f"collect:{source_id}")
    return job.func.__self__, lambda: job.func(*job.args)


@POSTGRES_ONLY
def test_scheduler_rides_out_an_outage_mid_run(settings: Settings, proxied: tuple[str, TCPProxy],
                                               feed_server: FixtureServer, caplog: pytest.LogCaptureFixture) -> None:
    url, proxy = proxied
    settings = dataclasses.replace(settings, database_url=url)
    store = Store.open(url)
    source = SourceConfig(id="local", name="Local", kind="feed", url=feed_server.url("/feed.rss"), interval=10)
    scheduler = build_scheduler(settings, store, [source])
    watch, run_job = _job(scheduler, "local")
    caplog.set_level(logging.INFO, logger="feeds.outage")
    assert run_job() is True
    assert _item_count(store) == 2

    proxy.stop()
    for _ in range(5):  # every timer tick during the outage: one attempt, then skipped until the retry time
        assert run_job() is None
    assert watch.down
    assert watch.failures == 1
    assert len([r for r in caplog.records if "unavailable" in r.getMessage()]) == 1

    proxy.start()
    watch.retry_at = 0.0  # the backoff has passed
    store.sources.sync([source])
    with engine_of(store).begin() as connection:  # let the claim be due again without waiting an interval
        connection.execute(sa.text("delete from store_meta where key like 'claim:%'"))
    assert run_job() is True
    assert not watch.down
    assert len([r for r in caplog.records if "available again" in r.getMessage()]) == 1
    assert _item_count(store) == 2
    store.close()


@POSTGRES_ONLY
def test_scheduler_starts_while_the_database_is_away(settings: Settings, proxied: tuple[str, TCPProxy],
                                                     feed_server: FixtureServer) -> None:
    url, proxy = proxied
    Store.open(url).close()  # migrated once; then the server goes away before the scheduler starts
    proxy.stop()
    store = Store(make_engine(url))
    source = SourceConfig(id="local", name="Local", kind="feed", url=feed_server.url("/feed.rss"), interval=10)
    scheduler = build_scheduler(dataclasses.replace(settings, database_url=url), store, [source])
    watch, run_job = _job(scheduler, "local")
    assert watch.down
    assert run_job() is None
    proxy.start()
    watch.retry_at = 0.0
    assert run_job() is True
    assert _item_count(store) == 2
    store.close()


@POSTGRES_ONLY
def test_web_serves_cached_feeds_or_503_and_recovers(settings: Settings, proxied: tuple[str, TCPProxy],
                                                     feed_server: FixtureServer) -> None:
    url, proxy = proxied
    settings = dataclasses.replace(settings, database_url=url, cache_check_ms=0)
    store = Store.open(url)
    (run,) = collect_sources(settings, store, [SourceConfig(id="local", name="Local", kind="feed",
                                                            url=feed_server.url("/feed.rss"))])
    assert run.ok
    client = create_app(settings, store).test_client()
    cached = client.get("/feeds/all.atom")
    assert cached.status_code == 200

    proxy.stop()
    again = client.get("/feeds/all.atom")
    assert again.status_code == 200  # from the render cache
    assert again.data == cached.data
    for path in ["/", "/topics", "/feeds/all.json?lang=de", "/embed/all"]:
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"

    proxy.start()
    assert client.get("/topics").status_code == 200
    assert client.get("/feeds/all.json?lang=de").status_code == 200
    store.close()


def big_feed(items: int = 200) -> bytes:
    """Enough text that a batch needs new database pages."""
    body = "".join(
        f"<item><title>Cluster report {n}</title><link>https://example.org/reports/{n}</link>"
        f"<pubDate>Tue, 3 Mar 2026 10:00:00 +0100</pubDate><description>{f'Cluster text {n}. ' * 150}"
        f"</description></item>" for n in range(items))
    return f'<rss version="2.0"><channel><title>Big</title><link>https://example.org/</link>{body}</channel></rss>'.encode()


def _sqlite_store(settings: Settings, pragma: str) -> Store:
    engine = make_engine(settings.database_url)
    sa.event.listen(engine, "connect", lambda connection, _record: connection.execute(pragma))
    return Store(engine)


def _integrity(database_url: str) -> str:
    engine = sa.create_engine(database_url)
    with engine.connect() as connection:
        result = str(connection.execute(sa.text("pragma integrity_check")).scalar_one())
    engine.dispose()
    return result


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(("pragma", "words"), [("pragma query_only = 1", "readonly"),
                                               ("pragma max_page_count = {pages}", "full")],
                         ids=["read-only", "disk-full"])
@pytest.mark.slow
def test_sqlite_read_only_or_full_is_a_clear_error_and_no_corruption(
        settings: Settings, feed_server: FixtureServer, pragma: str, words: str) -> None:
    feed_server.routes["/big.rss"] = Route(big_feed(), content_type="application/rss+xml")
    store = Store.open(settings.database_url)
    source = SourceConfig(id="local", name="Local", kind="feed", url=feed_server.url("/big.rss"))
    store.sources.sync([source])
    with engine_of(store).connect() as connection:
        pages = int(connection.execute(sa.text("pragma page_count")).scalar_one())
    store.close()
    limited = _sqlite_store(settings, pragma.format(pages=pages))
    try:  # the batch fails; recording the failure is a write too, which fails in a read-only store
        (run,) = collect_sources(settings, limited, [source])
        error = str(run.error)
        assert not run.ok
        assert limited.sources.state("local").last_error == run.error
    except DatabaseUnavailable as exc:
        error = str(exc)
    assert words in error.lower(), error
    limited.close()
    assert _integrity(settings.database_url) == "ok"

    store = Store.open(settings.database_url)  # the limit gone, the next collect completes the work
    (run,) = collect_sources(settings, store, [source])
    assert run.ok
    assert _item_count(store) == 200
    store.close()
    assert _integrity(settings.database_url) == "ok"
