"""`dedup_keys` through the driver (feeds/store/lookup_keys.py): the rows it writes are the rows Core writes,
byte for byte in the database, and each read gives the rows the Core statement it replaces gives (the
statements of story assignment before 2026-12-05), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, timedelta, timezone
from typing import Any

import pytest
import sqlalchemy as sa

from feeds.config import SourceConfig
from feeds.settings import Settings
from feeds.store import Store, lookup_keys
from feeds.store.schema import dedup_keys
from feeds.store.testing import engine_of
from tests.support.items import NOW, news_item

KEYS = [f"{n:032x}" for n in range(6)]
CET = timezone(timedelta(hours=1))


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="news", name="News", kind="feed", url="https://news.example.eu/feed")])
    store.items.save("news", [news_item(n) for n in range(4)], NOW, "test")
    try:
        yield store
    finally:
        store.close()


def item_ids(store: Store) -> list[int]:
    with engine_of(store).connect() as connection:
        return sorted(connection.execute(sa.text("SELECT id FROM items")).scalars())


def key_rows(store: Store) -> list[lookup_keys.KeyRow]:
    """Rows for every key and item: dated around NOW (one in another zone, one to the microsecond) or undated."""
    moments = [NOW - timedelta(days=3), (NOW - timedelta(days=1)).astimezone(CET), NOW,
               NOW + timedelta(days=2, microseconds=7), None]
    ids = item_ids(store)
    return [(key, item_id, moments[(k + i) % len(moments)])
            for k, key in enumerate(KEYS) for i, item_id in enumerate(ids)]


def stored_as_written(store: Store) -> list[tuple[Any, ...]]:
    """The rows as the database holds them, untyped (the driver's values)."""
    with engine_of(store).connect() as connection:
        return sorted((tuple(row) for row in connection.exec_driver_sql(
            'SELECT "key", item_id, published_at FROM dedup_keys')), key=repr)


def test_the_driver_writes_the_rows_core_writes(store: Store) -> None:
    rows = key_rows(store)
    with engine_of(store).begin() as connection:
        connection.execute(dedup_keys.insert(), [{"key": k, "item_id": i, "published_at": p} for k, i, p in rows])
    by_core = stored_as_written(store)
    with engine_of(store).begin() as connection:
        connection.execute(sa.delete(dedup_keys))
        lookup_keys.insert(connection, rows)
        lookup_keys.insert(connection, [])  # nothing to write is no statement
    assert stored_as_written(store) == by_core
    with engine_of(store).connect() as connection:
        typed = connection.execute(sa.select(dedup_keys.c.key, dedup_keys.c.item_id, dedup_keys.c.published_at))
        assert Counter(tuple(row) for row in typed) == Counter(
            (k, i, None if p is None else p.astimezone(UTC)) for k, i, p in rows)


def test_each_read_gives_the_rows_of_its_core_statement(store: Store) -> None:
    with engine_of(store).begin() as connection:
        lookup_keys.insert(connection, key_rows(store))
    published = dedup_keys.c.published_at
    probe = sa.select(dedup_keys.c.key, dedup_keys.c.item_id).where(dedup_keys.c.key.in_(KEYS[:4]))
    edge = sa.select(dedup_keys.c.key, dedup_keys.c.item_id, published).where(dedup_keys.c.key.in_(KEYS[:4]))
    earliest, since, until, latest = NOW - timedelta(days=3), NOW - timedelta(days=1), NOW, NOW + timedelta(days=2)

    def core(statement: Any) -> Counter[tuple[Any, ...]]:
        with engine_of(store).connect() as connection:
            return Counter(tuple(row) for row in connection.execute(statement))

    with engine_of(store).connect() as connection:
        assert Counter(lookup_keys.holders(connection, KEYS[:4])) == core(probe)
        assert Counter(lookup_keys.undated_holders(connection, KEYS[:4])) == core(probe.where(published.is_(None)))
        assert Counter(lookup_keys.holders_between(connection, KEYS[:4], since, until)) == core(sa.union_all(
            probe.where(published.between(since, until)), probe.where(published.is_(None))))
        # edges: a row at each bound, included or not as the range says
        edges = lookup_keys.dated_holders(connection, KEYS[:4], [(earliest, True, since, False),
                                                                 (until, False, latest, True)])
        assert Counter(edges) == core(sa.union_all(edge.where(published >= earliest, published < since),
                                                   edge.where(published > until, published <= latest)))
        assert edges
        assert all(moment.tzinfo == UTC for _, _, moment in edges)
        assert Counter(lookup_keys.dated_holders(connection, KEYS[:4], [(earliest, True, latest, True)])) == core(
            edge.where(published.between(earliest, latest)))
        latest_rows = list(lookup_keys.latest_holders(connection, KEYS[:4], 5))
        assert len(latest_rows) == 5
        assert latest_rows == [tuple(row) for row in connection.execute(probe.order_by(published.desc()).limit(5))]
