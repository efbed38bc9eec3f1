"""Migration 0007: corrections, never-merge pairs and hidden stories; stories stored before it stay published."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from feeds.store import Store, db
from feeds.store.schema import items, sources, stories

PUBLISHED = datetime(2026, 3, 15, 9, tzinfo=UTC)


def test_0007_keeps_stored_stories_published_and_downgrades(database_url: str) -> None:
    engine = db.make_engine(database_url)
    command.upgrade(db._alembic_config(engine), "0006")
    with engine.begin() as connection:
        connection.execute(sources.insert().values(id="s", name="S", kind="feed", url="https://example.org/feed",
                                                   consecutive_failures=0, state={}))
        story_id = connection.execute(stories.insert().values(
            entry_id="tag:x,2026:1", created_at=PUBLISHED, published_at=PUBLISHED, updated_at=PUBLISHED)
        ).inserted_primary_key[0]
        item_id = connection.execute(items.insert().values(
            story_id=story_id, source_id="s", key="a", canonical_url="https://example.org/a",
            url="https://example.org/a", title="Clusterwoche", content_html="<p>Wasserstoff</p>", summary="s",
            published_at=PUBLISHED, updated_at=PUBLISHED, first_seen_at=PUBLISHED, last_seen_at=PUBLISHED,
            content_hash="h", categories=[], links=[], item_metadata={}, dated=True, tags=[])
        ).inserted_primary_key[0]
        connection.execute(stories.update().values(primary_item_id=item_id))
    db.upgrade(engine)
    store = Store(engine)
    assert [entry.entry_id for entry in store.feeds.latest(5)] == ["tag:x,2026:1"]  # not hidden
    assert store.corrections.recent() == []
    command.downgrade(db._alembic_config(engine), "0006")
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        assert "hidden" not in {column["name"] for column in inspector.get_columns("stories")}
        assert not {"corrections", "never_merge"} & set(inspector.get_table_names())
        assert connection.execute(sa.select(sa.func.count()).select_from(items)).scalar_one() == 1
    engine.dispose()
