"""What an editor reads before correcting: recent stories with their tags and versions, one story whole,
and corrected stories as labelled versions (for `clusterfeeds export-labels`).

Unlike the feed queries (feeds/store/queries.py), hidden stories are listed too, and every tag is
shown with its confidence, published or not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, and_, exists, func, or_, select

from feeds.model import Tag
from feeds.store.correction_steps import story_id_of
from feeds.store.schema import corrections, items, sources, stories, story_tags

BORDERLINE = 0.2  # "low confidence": a tag this close to the publishing threshold, either side


@dataclass(frozen=True)
class Version:
    """One item of a story, as the editor compares it with the others."""

    id: int
    source_id: str
    source_name: str
    url: str
    title: str
    summary: str
    content_html: str
    language: str | None
    published: datetime
    tags: tuple[Tag, ...]  # the item's own, before aggregation


@dataclass(frozen=True)
class StoryView:
    id: int
    entry_id: str
    published: datetime
    hidden: bool
    primary_item_id: int | None
    tags: tuple[Tag, ...]  # every story tag with its confidence and provenance ("editor" for an editor's)
    versions: tuple[Version, ...]  # the primary first
    aliases: tuple[str, ...] = ()  # entry ids merged into this story

    @property
    def primary(self) -> Version | None:
        return self.versions[0] if self.versions else None


@dataclass(frozen=True)
class StoryListing:
    """Which stories the editor's list shows (all filters combine)."""

    source: str | None = None
    country: str | None = None
    topic: str | None = None
    low_confidence: bool = False
    page: int = 1
    per_page: int = 50


def recent_stories(engine: Engine, listing: StoryListing, threshold: float) -> list[StoryView]:
    """Stories newest first (merged-away ones left out, hidden ones included), filtered by `listing`."""
    query = select(stories.c.id).where(stories.c.alias_of.is_(None))
    for kind, code in (("country", listing.country), ("topic", listing.topic)):
        if code:
            query = query.where(exists().where(story_tags.c.story_id == stories.c.id, story_tags.c.kind == kind,
                                               story_tags.c.code == code))
    if listing.source:
        query = query.where(exists().where(items.c.story_id == stories.c.id, items.c.source_id == listing.source))
    if listing.low_confidence:
        borderline = and_(story_tags.c.confidence > threshold - BORDERLINE,
                          story_tags.c.confidence < threshold + BORDERLINE, story_tags.c.provenance != "editor")
        untagged = ~exists().where(story_tags.c.story_id == stories.c.id)
        query = query.where(or_(exists().where(story_tags.c.story_id == stories.c.id, borderline), untagged))
    query = (query.order_by(stories.c.published_at.desc(), stories.c.id.desc())
             .limit(listing.per_page).offset((max(1, listing.page) - 1) * listing.per_page))
    with engine.connect() as connection:
        ids = list(connection.execute(query).scalars())
        return _views(connection, ids)


def story(engine: Engine, entry_id: str) -> StoryView:
    """The story with `entry_id` (or the story it was merged into). Raises NotFoundError."""
    with engine.connect() as connection:
        [view] = _views(connection, [story_id_of(connection, entry_id)])
        return view


def _views(connection: Connection, story_ids: Sequence[int]) -> list[StoryView]:
    if not story_ids:
        return []
    rows = {row.id: row for row in connection.execute(select(stories).where(stories.c.id.in_(story_ids)))}
    tags: dict[int, list[Tag]] = {story_id: [] for story_id in story_ids}
    for row in connection.execute(select(story_tags).where(story_tags.c.story_id.in_(story_ids))
                                  .order_by(story_tags.c.kind, story_tags.c.confidence.desc(), story_tags.c.code)):
        tags[row.story_id].append(Tag(row.kind, row.code, row.confidence, row.provenance))
    versions: dict[int, list[Version]] = {story_id: [] for story_id in story_ids}
    query = (select(items, sources.c.name.label("source_name")).join(sources, sources.c.id == items.c.source_id)
             .where(items.c.story_id.in_(story_ids)).order_by(items.c.published_at, items.c.id))
    for row in connection.execute(query):
        versions[row.story_id].append(_version(row))
    aliases: dict[int, list[str]] = {story_id: [] for story_id in story_ids}
    for alias in connection.execute(select(stories.c.alias_of, stories.c.entry_id)
                                    .where(stories.c.alias_of.in_(story_ids)).order_by(stories.c.id)):
        aliases[alias.alias_of].append(alias.entry_id)
    views = []
    for story_id in story_ids:
        row = rows[story_id]
        ordered = sorted(versions[story_id], key=lambda version: version.id != row.primary_item_id)
        views.append(StoryView(row.id, row.entry_id, row.published_at, row.hidden, row.primary_item_id,
                               tuple(tags[story_id]), tuple(ordered), tuple(aliases[story_id])))
    return views


def _version(row: Any) -> Version:
    return Version(row.id, row.source_id, row.source_name, row.canonical_url, row.title, row.summary,
                   row.content_html, row.language, row.published_at,
                   tuple(Tag(kind, code, float(confidence), provenance)
                         for kind, code, confidence, provenance in row.tags or []))


def corrected_stories(engine: Engine, batch: int = 100) -> Iterator[StoryView]:
    """Every story that carries an active correction (directly or through a story merged into it)."""
    with engine.connect() as connection:
        active = corrections.c.undone_at.is_(None)
        named = or_(stories.c.id.in_(select(corrections.c.story_id).where(active)),
                    stories.c.id.in_(select(corrections.c.other_story_id).where(active)))
        query = select(stories.c.id, func.coalesce(stories.c.alias_of, stories.c.id).label("survivor")).where(named)
        ids = sorted({row.survivor for row in connection.execute(query)})
    for start in range(0, len(ids), batch):
        with engine.connect() as connection:
            yield from _views(connection, ids[start:start + batch])
