"""bench/bulk.py: the bulk fill writes what the feeds read, leaves the schema as it found it, and is
the same store on both databases."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bench import bulk
from feeds.config.feeds import FeedFilter
from feeds.store import Store
from feeds.store.testing import engine_of

COUNT = 1_000


def schema_objects(store: Store) -> set[str]:
    """Names of the indexes (and SQLite's FTS triggers) on the tables the fill writes."""
    engine = engine_of(store)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type IN ('index', 'trigger') "
                "AND tbl_name IN ('stories', 'items', 'story_tags')")
        else:
            rows = connection.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename IN ('stories', 'items', 'story_tags')")
        return {row[0] for row in rows}


def test_the_fill_writes_a_realistic_store_and_keeps_every_index(database_url: str) -> None:
    store = Store.open(database_url)
    before = schema_objects(store)
    assert bulk.ensure(store, COUNT) is not None
    assert schema_objects(store) == before
    with engine_of(store).connect() as connection:
        def scalar(sql: str) -> int:
            return int(connection.exec_driver_sql(sql).scalar_one())

        assert scalar("SELECT count(*) FROM stories") == COUNT
        assert scalar("SELECT count(*) FROM stories WHERE alias_of IS NOT NULL") == COUNT // 200
        published = COUNT - COUNT // 200
        several = scalar("SELECT count(*) FROM (SELECT story_id FROM items GROUP BY story_id HAVING count(*) > 1) s")
        assert 0.15 * published < several < 0.35 * published
        assert scalar("SELECT count(DISTINCT language) FROM items") == 4
        assert scalar("SELECT count(DISTINCT source_id) FROM items") == len(bulk.SOURCES)
        assert scalar("SELECT count(*) FROM items WHERE id NOT IN (SELECT primary_item_id FROM stories "
                      "WHERE primary_item_id IS NOT NULL) AND story_id IN (SELECT id FROM stories)") > 0
    # the feeds read it through their indexes, full-text search included (FTS5 rebuilt / GIN recreated)
    found = store.feeds.page(FeedFilter(queries=(bulk.SEARCH_WORD,)), 100)
    assert len(found.entries) == COUNT // 50 - COUNT // 1000  # every 1,000th story is hidden
    assert all(bulk.SEARCH_WORD in entry.content_html for entry in found.entries)
    topic = store.feeds.page(FeedFilter(topics=("funding",)), 50)
    assert topic.entries
    assert all(any(tag.code == "funding" for tag in entry.tags) for entry in topic.entries)
    assert topic.changed == bulk.NOW
    assert bulk.ensure(store, COUNT) is None  # a kept store is reused
    with pytest.raises(ValueError, match="other stories"):
        bulk.ensure(store, COUNT + 1)
    store.close()


def test_the_same_seed_gives_the_same_rows() -> None:
    first, second = next(bulk.chunks(300, seed=3)), next(bulk.chunks(300, seed=3))
    assert first == second
    assert next(bulk.chunks(300, seed=4)) != first
    published = [row[3] for row in first.stories]
    assert published == sorted(published)  # ids grow with time, as when collected


def test_a_new_item_after_the_fill_is_searchable(database_url: str) -> None:
    """The FTS5 triggers (SQLite) are back: an item written after the fill is found."""
    store = Store.open(database_url)
    bulk.fill(store, 300)
    engine = engine_of(store)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE items SET title = 'Quantenkryptografie' WHERE id = 1"))
    [entry] = store.feeds.page(FeedFilter(queries=("quantenkryptografie",)), 10).entries
    assert entry.title == "Quantenkryptografie"
    store.close()
