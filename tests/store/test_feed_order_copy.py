"""story_tags.published_at (migration 0010) equals its story's published_at after every write that
changes either: story assignment, re-collected items, corrections and their undo, retag, prune,
the benchmarks' bulk fill, and the migration's backfill. Feeds of one tag walk that copy
(feeds/store/queries.py), so a stale copy would put a story out of order or off a page.

Runs on SQLite and, with CLUSTERFEEDS_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import command

from bench import bulk
from feeds.config.feeds import FeedFilter
from feeds.model import Tag
from feeds.runner import retag_stories
from feeds.settings import Settings
from feeds.store import Store, db
from feeds.store.corrections import Correction
from feeds.store.schema import items, sources, stories, story_tags
from feeds.store.testing import engine_of
from tests.support.stories import ECCP, ENGLISH, GERMAN, NOW, POLISH, TAGGER, collect, item_id, open_store


def copies(store: Store) -> dict[int, set[datetime]]:
    """Each story with tags: the published_at values its tag rows carry, checked against the story's."""
    with engine_of(store).connect() as connection:
        rows = connection.execute(sa.select(story_tags.c.story_id, story_tags.c.published_at,
                                            stories.c.published_at.label("story_published"))
                                  .join(stories, stories.c.id == story_tags.c.story_id)).all()
    found: dict[int, set[datetime]] = {}
    for row in rows:
        assert row.published_at == row.story_published, row
        found.setdefault(row.story_id, set()).add(row.published_at)
    return found


def published_of(store: Store, entry_id: str) -> datetime:
    with engine_of(store).connect() as connection:
        value: datetime = connection.execute(sa.select(stories.c.published_at)
                                             .where(stories.c.entry_id == entry_id)).scalar_one()
    return value


def correct(store: Store, action: str, story: str, **values: Any) -> Any:
    return store.corrections.apply(Correction(action, story, "ed", "test", **values))


def story_of(store: Store, link: str) -> str:
    return next(entry.entry_id for entry in store.feeds.latest(50)
                if entry.link == link or link in {related.href for related in entry.related})


def test_story_assignment_keeps_the_copy(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, POLISH)
    assert len(copies(store)) == 2
    german = story_of(store, GERMAN.canonical_url)
    assert published_of(store, german) == GERMAN.published
    collect(store, settings, ENGLISH, now=NOW + timedelta(hours=1))  # earlier: becomes the primary
    assert published_of(store, german) == ENGLISH.published
    assert ENGLISH.published in set().union(*copies(store).values())
    store.close()


def test_a_recollected_item_with_a_new_date_keeps_the_copy(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, POLISH)
    moved = replace(POLISH, published=POLISH.published + timedelta(days=2))
    collect(store, settings, moved, now=NOW + timedelta(hours=1))
    [entry] = store.feeds.latest(5)
    assert published_of(store, entry.entry_id) == moved.published
    assert set().union(*copies(store).values()) == {moved.published}
    store.close()


def test_corrections_and_their_undo_keep_the_copy(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH, POLISH)
    story = story_of(store, ECCP)
    assert published_of(store, story) == ENGLISH.published
    pinned = correct(store, "pin", story, item_id=item_id(store, GERMAN.canonical_url))
    assert published_of(store, story) == GERMAN.published
    copies(store)
    store.corrections.undo(pinned.id, "ed")
    assert published_of(store, story) == ENGLISH.published
    copies(store)
    added = correct(store, "add_tag", story, kind="topic", code="energy")  # an editor's tag row
    with engine_of(store).connect() as connection:
        assert connection.execute(sa.select(story_tags.c.published_at).where(story_tags.c.code == "energy")
                                  ).scalar_one() == ENGLISH.published
    split = correct(store, "split", story, item_id=item_id(store, ENGLISH.canonical_url))
    assert published_of(store, story) == GERMAN.published  # the rest is shown as the German version
    assert len(copies(store)) == 3
    store.corrections.undo(split.id, "ed")
    assert published_of(store, story) == ENGLISH.published
    copies(store)
    polish = story_of(store, POLISH.canonical_url)
    merged = correct(store, "merge", story, other_story=polish)
    copies(store)
    store.corrections.undo(merged.id, "ed")
    store.corrections.undo(added.id, "ed")
    assert len(copies(store)) == 2
    store.close()


def test_retag_keeps_the_copy(settings: Settings) -> None:
    store = open_store(settings)
    tagged = TAGGER.tag_item(POLISH)
    stale = replace(tagged, tags=(*tagged.tags, Tag("topic", "health", 0.9, "text")))
    store.items.save("fc", [stale], NOW, "feeds.test")
    assert retag_stories(store, TAGGER, 500) == (1, 1)
    assert set().union(*copies(store).values()) == {POLISH.published}
    store.close()


def test_prune_keeps_the_copy(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH)
    story = story_of(store, ECCP)
    store.maintenance.prune("eccp", None, 0)  # the primary goes: the German version is shown
    assert published_of(store, story) == GERMAN.published
    assert set().union(*copies(store).values()) == {GERMAN.published}
    store.close()


def test_the_bulk_fill_writes_the_copy(database_url: str) -> None:
    store = Store.open(database_url)
    bulk.fill(store, 300)
    assert len(copies(store)) > 250
    store.close()


def test_0010_fills_the_copy_of_stored_tags_and_downgrades(database_url: str) -> None:
    engine = db.make_engine(database_url)
    command.upgrade(db._alembic_config(engine), "0009")
    published = datetime(2026, 3, 15, 9, tzinfo=UTC)
    tag_rows = sa.table("story_tags", sa.column("story_id"), sa.column("kind"), sa.column("code"),
                        sa.column("confidence"), sa.column("provenance"))  # as the table was at 0009
    with engine.begin() as connection:
        connection.execute(sources.insert().values(id="s", name="S", kind="feed", url="https://example.org/feed",
                                                   consecutive_failures=0, state={}))
        for number in range(3):
            when = published + timedelta(hours=number)
            story_id = connection.execute(stories.insert().values(
                entry_id=f"tag:x,2026:{number}", created_at=when, published_at=when, updated_at=when)
            ).inserted_primary_key[0]
            item = connection.execute(items.insert().values(
                story_id=story_id, source_id="s", key=str(number), canonical_url=f"https://example.org/{number}",
                url=f"https://example.org/{number}", title="Clusterwoche", content_html="<p>x</p>", summary="s",
                published_at=when, updated_at=when, first_seen_at=when, last_seen_at=when, content_hash="h",
                categories=[], links=[], item_metadata={}, dated=True, tags=[])).inserted_primary_key[0]
            connection.execute(stories.update().where(stories.c.id == story_id).values(primary_item_id=item))
            connection.execute(tag_rows.insert().values(story_id=story_id, kind="topic", code="funding",
                                                        confidence=0.9, provenance="text"))
    db.upgrade(engine)
    store = Store(engine)
    assert sorted(value for values in copies(store).values() for value in values) == [
        published + timedelta(hours=number) for number in range(3)]
    page = store.feeds.page(FeedFilter(topics=("funding",)), 2)
    assert [entry.entry_id for entry in page.entries] == ["tag:x,2026:2", "tag:x,2026:1"]
    command.downgrade(db._alembic_config(engine), "0009")
    with engine.connect() as connection:
        assert "published_at" not in {column["name"] for column in sa.inspect(connection).get_columns("story_tags")}
    db.upgrade(engine)
    assert len(copies(store)) == 3
    engine.dispose()
