"""`store.items.fetched` / `save(seen=)`: items fetched again unchanged are only marked seen."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from feeds.config import SourceConfig
from feeds.model import Item
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items
from feeds.store.testing import engine_of
from tests.support.items import news_item

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _item(n: int) -> Item:
    return dataclasses.replace(news_item(n), source_id="s")


def _store(settings: Settings) -> Store:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="s", name="S", kind="feed", url="https://s.example/feed")])
    return store


def _last_seen(store: Store) -> dict[str, datetime]:
    with engine_of(store).connect() as connection:
        return {row.key: row.last_seen_at for row in connection.execute(sa.select(items.c.key, items.c.last_seen_at))}


def test_fetched_names_the_stored_hashes_of_the_source(settings: Settings) -> None:
    store = _store(settings)
    stored = [dataclasses.replace(_item(n), fetch_hash=f"{n:064x}") for n in range(3)]
    store.items.save("s", stored, NOW, "test", dedup=build_deduplicator(settings))
    assert store.items.fetched("s", [f"{1:064x}", f"{2:064x}", f"{9:064x}"]) == {f"{1:064x}", f"{2:064x}"}
    assert store.items.fetched("other", [f"{1:064x}"]) == set()
    assert store.items.fetched("s", []) == set()
    store.close()


def test_seen_items_are_marked_seen_and_change_nothing_published(settings: Settings) -> None:
    store = _store(settings)
    stored = [dataclasses.replace(_item(n), fetch_hash=f"{n:064x}") for n in range(3)]
    store.items.save("s", stored, NOW, "test", dedup=build_deduplicator(settings))
    version = store.feeds.version()
    later = NOW + timedelta(hours=1)
    report = store.items.save("s", [], later, "test", seen={f"{0:064x}", f"{1:064x}"})
    assert (report.created, report.updated, report.unchanged, report.changed) == (0, 0, 2, False)
    assert store.feeds.version() == version
    seen = _last_seen(store)
    assert sorted(seen[item.key] for item in stored) == [NOW, later, later]
    store.close()


def test_an_item_processed_again_keeps_its_story_and_takes_the_new_hash(settings: Settings) -> None:
    """Items stored before fetch hashes existed (or under another taxonomy) are processed once more: the
    new hash alone is no change of content."""
    store = _store(settings)
    item = _item(1)
    store.items.save("s", [item], NOW, "test", dedup=build_deduplicator(settings))
    version = store.feeds.version()
    report = store.items.save("s", [dataclasses.replace(item, fetch_hash="f" * 64)], NOW, "test",
                              dedup=build_deduplicator(settings))
    assert (report.updated, report.unchanged) == (0, 1)
    assert store.feeds.version() == version
    assert store.items.fetched("s", ["f" * 64]) == {"f" * 64}
    store.close()
