"""The render cache and the WSGI fast path: same answers as Flask, no SQL on a hit,
invalidation by the store version, Redis shared between processes, a Redis outage is only a miss."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
import redis
from flask import Flask
from sqlalchemy import event

from feeds import metrics
from feeds.config import SourceConfig
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of
from feeds.web import create_app
from feeds.web.cache import CachedResponse, RedisCache, RenderCache, StoreVersion
from feeds.web.fastpath import FeedFastPath
from tests.support.items import NOW, news_item
from tests.support.processes import free_port, wait_for

REDIS_URL = "redis://127.0.0.1:6379/0"
URLS = [
    ("/feeds/all.atom", {}),
    ("/feeds/all.rss?limit=3", {"Accept-Encoding": "gzip, br"}),
    ("/feeds/topics/innovation.json?hl=de", {}),
    ("/feeds/countries/pl.atom", {"Accept-Language": "de-DE,de;q=0.9"}),
    ("/feeds/sources/news.rss?lang=en&limit=2", {"Accept-Encoding": "gzip", "Accept-Language": "fr"}),
]


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="news", name="News", kind="feed", url="https://news.example.eu/feed")])
    store.items.save("news", [news_item(n) for n in range(8)], NOW, "feeds.test")
    yield store
    store.close()


TRANSACTION_CONTROL = frozenset({"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"})


def statements(store: Store) -> list[str]:
    """Every SQL statement the store's engine runs from now on."""
    seen: list[str] = []
    event.listen(engine_of(store), "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def flask_entries(app: Flask) -> list[str]:
    entered: list[str] = []
    app.before_request(lambda: entered.append("flask") and None)
    return entered


def headers_without_date(response: Any) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in response.headers.items() if k != "Date")


def test_the_fast_path_answers_like_flask_without_flask_or_sql(settings: Settings, store: Store) -> None:
    # every request checks the store's version (no interval to wait for: what load made happen sometimes)
    cached_app = create_app(replace(settings, cache_check_ms=0), store)
    plain_app = create_app(replace(settings, cache_max_mb=0))  # its own store: its SQL is not counted
    assert isinstance(cached_app.wsgi_app, FeedFastPath)
    assert not isinstance(plain_app.wsgi_app, FeedFastPath)
    cached, plain = cached_app.test_client(), plain_app.test_client()
    entered = flask_entries(cached_app)
    for url, headers in URLS:  # the first request fills the cache through Flask
        assert cached.get(url, headers=headers).status_code == 200
    assert len(entered) == len(URLS)
    entered.clear()
    sql = statements(store)
    for url, headers in URLS:
        expected, answer = plain.get(url, headers=headers), cached.get(url, headers=headers)
        assert answer.status_code == expected.status_code == 200
        assert headers_without_date(answer) == headers_without_date(expected)
        assert "Date" in answer.headers
        assert answer.data == expected.data
        assert len(answer.data) > 500
        etag, last_modified = expected.headers["ETag"], expected.headers["Last-Modified"]
        for condition in ({"If-None-Match": etag}, {"If-Modified-Since": last_modified},
                          {"If-None-Match": f'"other", {etag}'}):
            expected = plain.get(url, headers={**headers, **condition})
            answer = cached.get(url, headers={**headers, **condition})
            assert answer.status_code == expected.status_code == 304
            assert answer.data == expected.data == b""
            assert headers_without_date(answer) == headers_without_date(expected)
        expected, answer = plain.head(url, headers=headers), cached.head(url, headers=headers)
        assert answer.status_code == 200
        assert answer.data == b""
        assert headers_without_date(answer) == headers_without_date(expected)
        stale = cached.get(url, headers={**headers, "If-None-Match": '"stale"'})
        assert stale.status_code == 200
        assert stale.data == plain.get(url, headers=headers).data
    assert entered == []
    # only version checks (a read of store_meta in its own transaction), no feed query
    assert any("store_meta" in s for s in sql)
    assert [s for s in sql if "store_meta" not in s and s.strip().upper() not in TRANSACTION_CONTROL] == []


def test_a_conditional_first_request_is_answered_from_the_entry_it_fills(settings: Settings, store: Store) -> None:
    plain = create_app(replace(settings, cache_max_mb=0), store).test_client()
    etag = plain.get("/feeds/all.json").headers["ETag"]
    cached = create_app(settings, store).test_client()
    answer = cached.get("/feeds/all.json", headers={"If-None-Match": etag})
    assert answer.status_code == 304
    assert answer.data == b""
    assert cached.get("/feeds/all.json").data == plain.get("/feeds/all.json").data


def test_errors_and_other_urls_pass_through_uncached(settings: Settings, store: Store) -> None:
    app = create_app(settings, store)
    entered = flask_entries(app)
    client = app.test_client()
    for _ in range(2):
        assert client.get("/feeds/topics/no-such-topic.atom").status_code == 404
        assert client.get("/feeds/all.atom?limit=zero").status_code == 400
        assert client.get("/topics").status_code == 200
    assert len(entered) == 6
    assert len(app.wsgi_app.cache) == 0  # type: ignore[attr-defined]


def test_a_change_in_this_process_shows_at_once(settings: Settings, store: Store) -> None:
    client = create_app(replace(settings, cache_check_ms=3_600_000), store).test_client()
    before = client.get("/feeds/all.json").get_json()
    store.items.save("news", [news_item(-1)], NOW, "feeds.test")  # a commit in this process
    after = client.get("/feeds/all.json").get_json()
    assert after["items"][0]["title"] == "Story -1"
    assert [item["title"] for item in after["items"][1:]] == [item["title"] for item in before["items"]]


def test_a_change_by_another_process_shows_after_the_check_interval(settings: Settings, store: Store) -> None:
    """No commit in this process tells the cache: the version read every `cache_check_ms` does. The
    read may take longer than its 1 s wait on a loaded machine (the cached feed is served meanwhile),
    so the answer is polled for until the new version shows, not expected after a fixed sleep."""
    client = create_app(replace(settings, cache_check_ms=200), store).test_client()
    etag = client.get("/feeds/all.atom").headers["ETag"]
    assert client.get("/feeds/all.atom").headers["ETag"] == etag  # served from the cache
    program = (
        "import sys; from datetime import datetime, UTC; from feeds.store import Store; "
        "from tests.support.items import news_item, NOW; "
        "Store.open(sys.argv[1]).items.save('news', [news_item(-2)], NOW, 'feeds.test')"
    )
    subprocess.run([sys.executable, "-c", program, settings.database_url], check=True)
    answers = []

    def changed() -> bool:
        answers.append(client.get("/feeds/all.atom"))
        return answers[-1].headers["ETag"] != etag

    assert wait_for(changed, timeout=120), "the other process's commit never showed"
    assert b"Story -2" in answers[-1].data


def test_the_version_is_read_at_most_once_per_interval() -> None:
    reads: list[int] = []
    version = StoreVersion(lambda: reads.append(1) or len(reads), interval=3600)
    assert [version.current() for _ in range(100)] == [1] * 100
    assert len(reads) == 1


def redis_prefix() -> str:
    return f"clusterfeeds-test:{uuid.uuid4().hex}:"


def shared_fast_path(app: Flask, store: Store, prefix: str, url: str = REDIS_URL) -> FeedFastPath:
    """`app` with its own in-process cache over a Redis shared under `prefix` (like another web process)."""
    inner = app.wsgi_app.app if isinstance(app.wsgi_app, FeedFastPath) else app.wsgi_app
    # The version read is waited for as long as it takes: with the app's 1 s bound, a read slowed by a
    # loaded machine would leave the old version in place and the test would see a stale feed.
    version = StoreVersion(store.feeds.version, 1.0, wait=120, commits=store.commits)
    fast = FeedFastPath(inner, RenderCache(version, shared=RedisCache(url, prefix)))
    app.wsgi_app = fast  # type: ignore[method-assign]
    return fast


def test_redis_shares_rendered_feeds_between_processes(settings: Settings, store: Store) -> None:
    prefix = redis_prefix()
    client = redis.Redis.from_url(REDIS_URL)
    try:
        first, second = create_app(settings, store), create_app(settings, store)
        entered = flask_entries(second)
        shared_fast_path(first, store, prefix)
        shared_fast_path(second, store, prefix)
        rendered = first.test_client().get("/feeds/all.atom", headers={"Accept-Encoding": "gzip"})
        assert rendered.status_code == 200
        assert client.keys(prefix + "*")
        answer = second.test_client().get("/feeds/all.atom", headers={"Accept-Encoding": "gzip"})
        assert entered == []  # the second process rendered nothing
        assert answer.data == rendered.data
        assert answer.headers["ETag"] == rendered.headers["ETag"]
        store.items.save("news", [news_item(-3)], NOW, "feeds.test")
        fresh = second.test_client().get("/feeds/all.atom", headers={"Accept-Encoding": "gzip"})
        assert entered == ["flask"]
        assert fresh.headers["ETag"] != rendered.headers["ETag"]
    finally:
        for key in client.scan_iter(prefix + "*"):
            client.delete(key)
        client.close()


def test_a_redis_outage_means_rendering_not_errors(settings: Settings, store: Store) -> None:
    down = f"redis://127.0.0.1:{free_port()}/0"
    app = create_app(replace(settings, cache_url=down), store)
    assert isinstance(app.wsgi_app, FeedFastPath)
    assert isinstance(app.wsgi_app.cache.shared, RedisCache)
    plain = create_app(replace(settings, cache_max_mb=0), store).test_client()
    errors = metrics.CACHE_LOOKUPS.labels("error")._value.get()
    client = app.test_client()
    for url, headers in URLS:
        answer = client.get(url, headers=headers)
        assert answer.status_code == 200
        assert answer.data == plain.get(url, headers=headers).data
    assert metrics.CACHE_LOOKUPS.labels("error")._value.get() > errors
    assert client.get("/feeds/all.atom").status_code == 200  # served from this process's cache meanwhile


def test_the_local_cache_evicts_the_least_recently_used_beyond_its_bound() -> None:
    cache = RenderCache(StoreVersion(lambda: 1, 3600), max_bytes=5_000)
    for n in range(10):
        cache.put((f"/feeds/{n}.atom", "", "en", "identity"),
                  CachedResponse(1, "/feeds/<name>.<fmt>", "200 OK", (), b"x" * 800, None, None))
        cache.get(("/feeds/0.atom", "", "en", "identity"), 1)  # keeps the first one recently used
    kept = [n for n in range(10) if cache.get((f"/feeds/{n}.atom", "", "en", "identity"), 1) is not None]
    assert kept == [0, 6, 7, 8, 9]
    assert cache.get(("/feeds/9.atom", "", "en", "identity"), 2) is None  # another store version
