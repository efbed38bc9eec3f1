"""Migration 0005: stories' updated from their primary item, the last-change time, enclosure columns."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from feeds.config.feeds import FeedFilter
from feeds.store import Store, db
from feeds.store.schema import items, sources, stories

PUBLISHED = datetime(2017, 3, 15, 9, tzinfo=UTC)
COLLECTED = datetime(2026, 11, 20, tzinfo=UTC)  # what updated_at used to say after a merge


def test_0005_sets_updated_from_the_primary_item_and_keeps_search_working(database_url: str) -> None:
    engine = db.make_engine(database_url)
    command.upgrade(db._alembic_config(engine), "0004")
    with engine.begin() as connection:
        connection.execute(sources.insert().values(id="s", name="S", kind="feed", url="https://example.org/feed",
                                                   consecutive_failures=0, state={}))
        story_id = connection.execute(stories.insert().values(
            entry_id="tag:x,2026:1", created_at=COLLECTED, published_at=PUBLISHED, updated_at=COLLECTED)
        ).inserted_primary_key[0]
        item_id = connection.execute(items.insert().values(
            story_id=story_id, source_id="s", key="k", canonical_url="https://example.org/a",
            url="https://example.org/a", title="Clusterwoche", content_html="<p>Wasserstoff</p>", summary="s",
            published_at=PUBLISHED, updated_at=PUBLISHED, first_seen_at=COLLECTED, last_seen_at=COLLECTED,
            content_hash="h", categories=[], links=[], item_metadata={}, dated=True, tags=[])
        ).inserted_primary_key[0]
        connection.execute(stories.update().values(primary_item_id=item_id))
    db.upgrade(engine)
    store = Store(engine)
    [entry] = store.feeds.latest(5)
    assert entry.updated == PUBLISHED
    assert store.feeds.last_change() == COLLECTED  # the newest first-seen item
    assert [e.entry_id for e in store.feeds.page(FeedFilter(queries=("Wasserstoff",)), 5).entries] == [
        "tag:x,2026:1"]  # the full-text index survived
    with engine.connect() as connection:
        assert connection.execute(sa.select(items.c.image_type, items.c.image_length)).one() == (None, None)
    command.downgrade(db._alembic_config(engine), "0004")
    with engine.connect() as connection:
        columns = {column["name"] for column in sa.inspect(connection).get_columns("items")}
    assert "image_type" not in columns
    engine.dispose()


def test_0005_leaves_an_empty_store_empty(database_url: str) -> None:
    store = Store.open(database_url)
    assert store.feeds.last_change() is None
    assert store.maintenance.is_empty()
    store.close()
