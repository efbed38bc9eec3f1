"""`dedup_keys` is written into one index ordered by the (random) key, not two (migration 0011): no primary
key beside `ix_dedup_keys_key_published_item`, whose item_id lets SQLite answer the probes without reading
the table; rows stored before the migration are kept, and the downgrade restores the primary key."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from feeds.config import SourceConfig
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store, db
from feeds.store.schema import dedup_keys, items, sources, stories
from feeds.store.testing import engine_of
from tests.support.items import NOW, news_item
from tests.support.plans import plan, selects

PUBLISHED = datetime(2026, 3, 15, 9, tzinfo=UTC)


def key_ordered_indexes(engine: sa.Engine) -> list[list[str | None]]:
    """The columns of the primary key and of each index of dedup_keys that begin with the key."""
    with engine.connect() as connection:
        inspector = sa.inspect(connection)
        primary = inspector.get_pk_constraint("dedup_keys")["constrained_columns"]
        indexes = [index["column_names"] for index in inspector.get_indexes("dedup_keys")]
    return [columns for columns in [primary, *indexes] if columns and columns[0] == "key"]


def test_key_rows_go_into_one_index_ordered_by_the_key(database_url: str) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    assert key_ordered_indexes(engine) == [["key", "published_at", "item_id"]]
    engine.dispose()


def test_sqlite_probes_read_the_key_rows_from_the_index_alone(settings: Settings) -> None:
    store = Store.open(settings.database_url)
    if engine_of(store).dialect.name != "sqlite":
        store.close()
        return  # PostgreSQL's index-only scans depend on its visibility map, not on the statement
    store.sources.sync([SourceConfig(id="news", name="News", kind="feed", url="https://news.example.eu/feed")])
    dedup = build_deduplicator(settings)
    store.items.save("news", [news_item(n) for n in range(40, 120)], NOW, "test", dedup=dedup)
    try:
        with selects(store) as statements:
            store.items.save("news", [news_item(n) for n in range(0, 40)], NOW, "test",
                             dedup=dedup)
        probes = [(statement, parameters) for statement, parameters in statements if "FROM dedup_keys" in statement]
        assert probes
        for statement, parameters in probes:
            text = plan(store, statement, parameters)
            reads = [line for line in text.splitlines() if "dedup_keys" in line]
            assert reads, text
            assert all("COVERING INDEX ix_dedup_keys_key_published_item" in line for line in reads), text
    finally:
        store.close()


def test_0011_keeps_the_key_rows_and_downgrades(database_url: str) -> None:
    engine = db.make_engine(database_url)
    command.upgrade(db._alembic_config(engine), "0010")
    with engine.begin() as connection:
        connection.execute(sources.insert().values(id="s", name="S", kind="feed", url="https://example.org/feed",
                                                   consecutive_failures=0, state={}))
        story_id = connection.execute(stories.insert().values(
            entry_id="tag:x,2026:0", created_at=PUBLISHED, published_at=PUBLISHED,
            updated_at=PUBLISHED)).inserted_primary_key[0]
        item_id = connection.execute(items.insert().values(
            story_id=story_id, source_id="s", key="0", canonical_url="https://example.org/0",
            url="https://example.org/0", title="Elektrolyseur", content_html="<p>Wasserstoff</p>", summary="s",
            published_at=PUBLISHED, updated_at=PUBLISHED, first_seen_at=PUBLISHED, last_seen_at=PUBLISHED,
            content_hash="h", categories=[], links=[], item_metadata={}, dated=True, tags=[])
        ).inserted_primary_key[0]
        connection.execute(stories.update().where(stories.c.id == story_id).values(primary_item_id=item_id))
        connection.execute(dedup_keys.insert(), [{"key": "a" * 32, "item_id": item_id, "published_at": PUBLISHED},
                                                 {"key": "b" * 32, "item_id": item_id, "published_at": None}])
    rows = sa.select(dedup_keys.c.key, dedup_keys.c.item_id, dedup_keys.c.published_at).order_by(dedup_keys.c.key)
    with engine.connect() as connection:
        before = connection.execute(rows).all()
    db.upgrade(engine)
    assert key_ordered_indexes(engine) == [["key", "published_at", "item_id"]]
    with engine.connect() as connection:
        assert connection.execute(rows).all() == before
    with engine.begin() as connection:  # the item's keys still go with it
        connection.execute(sa.delete(items))
        assert connection.execute(sa.select(sa.func.count()).select_from(dedup_keys)).scalar() == 0
        connection.execute(sa.delete(stories))
    command.downgrade(db._alembic_config(engine), "0010")
    assert sorted(key_ordered_indexes(engine)) == [["key", "item_id"], ["key", "published_at"]]
    db.upgrade(engine)
    engine.dispose()
