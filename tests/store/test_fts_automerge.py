"""SQLite's full-text index merges sixteen segments at a time, not four (migration 0012), so an entry is
rewritten at half as many levels as the store grows; searches find the same stories either way."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from feeds.config import SourceConfig
from feeds.config.feeds import FeedFilter
from feeds.store import Store, db
from feeds.store.testing import engine_of
from tests.support.items import NOW, news_item

BATCHES = 12  # saves of one item each


def automerge(engine: sa.Engine) -> int | None:
    """FTS5's stored `automerge` of the items' index, None where the default (4) was never changed."""
    with engine.connect() as connection:
        value = connection.execute(sa.text("SELECT v FROM items_fts_config WHERE k = 'automerge'")).scalar()
    return None if value is None else int(value)


def saved_one_by_one(store: Store) -> list[str]:
    """Save BATCHES items, one transaction each; the entry ids a search for their words finds."""
    store.sources.sync([SourceConfig(id="news", name="News", kind="feed", url="https://news.example.eu/feed")])
    for n in range(BATCHES):
        store.items.save("news", [news_item(n)], NOW, "test")
    return sorted(entry.entry_id for entry in store.feeds.page(FeedFilter(queries=("hydrogen",)), 50).entries)


def test_a_new_store_merges_sixteen_segments_at_a_time(database_url: str) -> None:
    store = Store.open(database_url)
    try:
        if engine_of(store).dialect.name != "sqlite":
            pytest.skip("SQLite only: PostgreSQL's GIN index has no segments to merge")
        assert automerge(engine_of(store)) == 16
        assert len(saved_one_by_one(store)) == BATCHES
        assert automerge(engine_of(store)) == 16  # FTS5 keeps it as its writes go on
    finally:
        store.close()


def test_0012_sets_automerge_and_downgrades_with_the_same_search_results(database_url: str) -> None:
    engine = db.make_engine(database_url)
    sqlite = engine.dialect.name == "sqlite"
    command.upgrade(db._alembic_config(engine), "0011")
    if sqlite:
        assert automerge(engine) is None  # FTS5's default, 4
    db.upgrade(engine)
    if sqlite:
        assert automerge(engine) == 16
    store = Store(engine)
    found = saved_one_by_one(store)
    assert len(found) == BATCHES
    command.downgrade(db._alembic_config(engine), "0011")
    if sqlite:
        assert automerge(engine) == 4
    assert sorted(entry.entry_id for entry in Store(engine).feeds.page(
        FeedFilter(queries=("hydrogen",)), 50).entries) == found
    engine.dispose()
