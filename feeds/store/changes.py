"""The writes every change to published content ends with: story tags refreshed, the version bumped.

Saving a batch, retagging and pruning all change what the feeds show; each calls these inside
its own transaction, so a reader never sees new items with old story tags, and the render
cache (which compares `Feeds.version()`) never keeps a document the change made stale.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from feeds.model import Tag
from feeds.store.editorial import replay_tags
from feeds.store.schema import items, store_meta, stories, story_tags

VERSION_KEY = "version"
CHANGED_AT_KEY = "changed_at"  # when published content last changed (ISO 8601, UTC): empty feeds' date
_CHUNK = 500


def content_changed(connection: Connection, story_ids: Iterable[int], at: datetime | None = None) -> None:
    """After a write touched `story_ids`: recompute their tags, bump the version, record the time."""
    refresh_story_tags(connection, sorted(set(story_ids)))
    bump_version(connection, at)


def bump_version(connection: Connection, at: datetime | None = None) -> None:
    """Increase the published-content version (under a row lock: two writers never read the same value)
    and record `at` (default: now) as the last change."""
    current = connection.execute(
        select(store_meta.c.value).where(store_meta.c.key == VERSION_KEY).with_for_update()
    ).scalar()
    if current is None:
        connection.execute(store_meta.insert().values(key=VERSION_KEY, value="1"))
    else:
        connection.execute(update(store_meta).where(store_meta.c.key == VERSION_KEY)
                           .values(value=str(int(current) + 1)))
    _mark_changed(connection, at or datetime.now(UTC))


def _mark_changed(connection: Connection, at: datetime) -> None:
    """Record `at` as the time published content last changed (never moves backwards)."""
    stamp = at.astimezone(UTC).isoformat()
    current = connection.execute(select(store_meta.c.value).where(store_meta.c.key == CHANGED_AT_KEY)).scalar()
    if current is None:
        connection.execute(store_meta.insert().values(key=CHANGED_AT_KEY, value=stamp))
    elif datetime.fromisoformat(current) < at:
        connection.execute(update(store_meta).where(store_meta.c.key == CHANGED_AT_KEY).values(value=stamp))


def aggregate_tags(item_tags: Iterable[Sequence[Any]]) -> list[Tag]:
    """A story's tags from its items' tags: the highest confidence per (kind, code) wins;
    explicit source metadata wins over text at equal confidence."""
    best: dict[tuple[str, str], Tag] = {}
    for kind, code, confidence, provenance in item_tags:
        tag = Tag(kind, code, float(confidence), provenance)
        current = best.get((kind, code))
        if current is None or (tag.confidence, tag.provenance == "source") > (
                current.confidence, current.provenance == "source"):
            best[(kind, code)] = tag
    return sorted(best.values(), key=lambda t: (t.kind, -t.confidence, t.code))


def refresh_story_tags(connection: Connection, story_ids: Sequence[int]) -> None:
    """Rewrite the story_tags rows of `story_ids` from their items' current tags (a story with
    no items left keeps no tags), each with its story's published_at (the feed order the
    conjunctions walk, migration 0010), then replay the editors' tag corrections over them.

    Every write that changes a story's published_at refreshes its tags afterwards, in the same
    transaction: that keeps the copy equal to the story's value."""
    for start in range(0, len(story_ids), _CHUNK):
        chunk = list(story_ids[start:start + _CHUNK])
        per_story: dict[int, list[Sequence[Any]]] = {story_id: [] for story_id in chunk}
        published: dict[int, datetime] = {}
        for row in connection.execute(select(items.c.story_id, items.c.tags, stories.c.published_at)
                                      .join(stories, stories.c.id == items.c.story_id)
                                      .where(items.c.story_id.in_(chunk))):
            per_story[row.story_id].extend(row.tags or [])
            published[row.story_id] = row.published_at
        connection.execute(story_tags.delete().where(story_tags.c.story_id.in_(chunk)))
        rows = [
            {"story_id": story_id, "kind": tag.kind, "code": tag.code, "confidence": tag.confidence,
             "provenance": tag.provenance, "published_at": published[story_id]}
            for story_id, tags in per_story.items() for tag in aggregate_tags(tags)
        ]
        if rows:
            connection.execute(story_tags.insert(), rows)
        replay_tags(connection, chunk)  # an editor's tag corrections outlive every recomputation
