"""Migration 0008: the feed walk's partial index, aliases alone in ix_stories_alias_of, the stored search
document on PostgreSQL; stories and items stored before it stay published and searchable."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from feeds.config.feeds import FeedFilter
from feeds.store import Store, db
from feeds.store.schema import items, sources, stories

PUBLISHED = datetime(2026, 3, 15, 9, tzinfo=UTC)


def story_indexes(engine: sa.Engine) -> set[str]:
    with engine.connect() as connection:
        return {index["name"] for index in sa.inspect(connection).get_indexes("stories")}


def test_0008_keeps_stories_searchable_and_downgrades(database_url: str) -> None:
    engine = db.make_engine(database_url)
    command.upgrade(db._alembic_config(engine), "0007")
    with engine.begin() as connection:
        connection.execute(sources.insert().values(id="s", name="S", kind="feed", url="https://example.org/feed",
                                                   consecutive_failures=0, state={}))
        for number, title in enumerate(("Elektrolyseur in Leuna", "Clusterwoche")):
            story_id = connection.execute(stories.insert().values(
                entry_id=f"tag:x,2026:{number}", created_at=PUBLISHED, published_at=PUBLISHED,
                updated_at=PUBLISHED)).inserted_primary_key[0]
            item_id = connection.execute(items.insert().values(
                story_id=story_id, source_id="s", key=str(number), canonical_url=f"https://example.org/{number}",
                url=f"https://example.org/{number}", title=title, content_html="<p>Wasserstoff</p>", summary="s",
                published_at=PUBLISHED, updated_at=PUBLISHED, first_seen_at=PUBLISHED, last_seen_at=PUBLISHED,
                content_hash="h", categories=[], links=[], item_metadata={}, dated=True, tags=[])
            ).inserted_primary_key[0]
            connection.execute(stories.update().where(stories.c.id == story_id).values(primary_item_id=item_id))
    db.upgrade(engine)
    assert {"ix_stories_published_visible", "ix_stories_alias_of"} <= story_indexes(engine)
    store = Store(engine)
    [found] = store.feeds.page(FeedFilter(queries=("elektrolyseur",)), 5).entries
    assert found.entry_id == "tag:x,2026:0"  # stored before the migration, found through the new document
    assert len(store.feeds.page(FeedFilter(queries=("wasserstoff",)), 5).entries) == 2
    with engine.begin() as connection:
        connection.execute(items.update().where(items.c.key == "1").values(title="Quantenkryptografie"))
    [found] = store.feeds.page(FeedFilter(queries=("quantenkryptografie",)), 5).entries
    assert found.entry_id == "tag:x,2026:1"
    command.downgrade(db._alembic_config(engine), "0007")
    assert "ix_stories_published_visible" not in story_indexes(engine)
    with engine.connect() as connection:
        assert "search_document" not in {column["name"] for column in sa.inspect(connection).get_columns("items")}
    db.upgrade(engine)  # and up again
    assert len(Store(engine).feeds.page(FeedFilter(queries=("wasserstoff",)), 5).entries) == 2
    engine.dispose()
