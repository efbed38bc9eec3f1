"""What the HTML pages read: one story with all its versions, stories like it, and paged lists.

A list page and its feed must show exactly the same stories, so `page` is the feeds' own query
(`queries.feed_page`) plus the story ids the pages link to (`/stories/<id>`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, and_, func, select, union_all

from feeds.config.feeds import FeedFilter
from feeds.model import Entry, Tag
from feeds.store import queries
from feeds.store.schema import items, sources, stories, story_tags

RELATED_CANDIDATES = 500  # the most recent stories of each tag that "more like this" counts


@dataclass(frozen=True)
class Version:
    """One source's item of a story: what a reader needs to pick the version to read."""

    title: str
    link: str
    summary: str
    language: str | None
    published: datetime
    source_id: str
    source_name: str


@dataclass(frozen=True)
class StoryView:
    story_id: int
    published: datetime
    versions: tuple[Version, ...]  # the primary version first, the others oldest first
    tags: tuple[Tag, ...]


@dataclass(frozen=True)
class Listed:
    story_id: int
    entry: Entry


@dataclass(frozen=True)
class StoryPage:
    stories: list[Listed]
    next_cursor: queries.Cursor | None  # None on the last page


class StoryReader:
    def __init__(self, engine: Engine):
        self.engine = engine

    def get(self, story_id: int, tag_threshold: float = 0.5) -> StoryView | None:
        """The story with its versions and tags; None when there is no such story (merged ones included:
        see `survivor`) or an editor hid it."""
        with self.engine.connect() as connection:
            story = connection.execute(select(stories).where(stories.c.id == story_id, stories.c.alias_of.is_(None),
                                                             stories.c.hidden.is_(False))).first()
            if story is None:
                return None
            rows = list(connection.execute(
                select(items.c.id, items.c.title, items.c.canonical_url, items.c.summary, items.c.language,
                       items.c.published_at, items.c.source_id, sources.c.name.label("source_name"))
                .join(sources, sources.c.id == items.c.source_id)
                .where(items.c.story_id == story_id).order_by(items.c.published_at, items.c.id)))
            tags = queries.story_tags_of(connection, [story_id], tag_threshold).get(story_id, [])
        rows.sort(key=lambda row: row.id != story.primary_item_id)  # stable: the primary first, then by date
        versions = tuple(Version(row.title, row.canonical_url, row.summary, row.language, row.published_at,
                                 row.source_id, row.source_name) for row in rows)
        return StoryView(story_id, story.published_at, versions, tuple(tags))

    def survivor(self, story_id: int) -> int | None:
        """The published story a merged-away story now lives in (itself when not merged); None if unknown."""
        seen: set[int] = set()
        current: int | None = story_id
        with self.engine.connect() as connection:
            while current is not None and current not in seen:
                seen.add(current)
                row = connection.execute(select(stories.c.alias_of).where(stories.c.id == current)).first()
                if row is None:
                    return None
                if row.alias_of is None:
                    return current
                current = row.alias_of
        return None

    def page(self, feed_filter: FeedFilter | Sequence[FeedFilter], limit: int, before: queries.Cursor | None = None,
             tag_threshold: float = 0.5) -> StoryPage:
        """The stories of the feed with the same filter and cursor, each with its id."""
        page = queries.Feeds(self.engine).page(feed_filter, limit, before, tag_threshold)
        ids = self._ids([entry.entry_id for entry in page.entries])
        return StoryPage([Listed(ids[entry.entry_id], entry) for entry in page.entries], page.next_cursor)

    def related(self, story: StoryView, limit: int = 5, tag_threshold: float = 0.5,
                candidates: int = RELATED_CANDIDATES) -> list[Listed]:
        """Stories sharing most of `story`'s tags, newest first among equals; none when it has no tags.

        Only the `candidates` most recent stories of each tag are counted: a tag such as `eu` is on a third
        of a large archive, and "more like this" wants recent neighbours, not a count over the archive
        (each tag's list is a walk down ix_story_tags_kind_code)."""
        if not story.tags:
            return []
        per_tag = [select(story_tags.c.story_id)
                   .where(story_tags.c.kind == tag.kind, story_tags.c.code == tag.code,
                          story_tags.c.confidence >= tag_threshold, story_tags.c.story_id != story.story_id)
                   .order_by(story_tags.c.story_id.desc()).limit(candidates).subquery()
                   for tag in story.tags]
        found = union_all(*(select(each.c.story_id) for each in per_tag)).subquery()
        shared = func.count().label("shared")
        query = (select(found.c.story_id, shared)
                 .join(stories, and_(stories.c.id == found.c.story_id, stories.c.alias_of.is_(None),
                                     stories.c.hidden.is_(False)))
                 .group_by(found.c.story_id, stories.c.published_at)
                 .order_by(shared.desc(), stories.c.published_at.desc(), found.c.story_id.desc()).limit(limit))
        with self.engine.connect() as connection:
            chosen = [row.story_id for row in connection.execute(query)]
            entry_ids = {story_id: entry_id for story_id, entry_id in connection.execute(
                select(stories.c.id, stories.c.entry_id).where(stories.c.id.in_(chosen)))}
        listed = []
        for story_id in chosen:
            view = self.get(story_id, tag_threshold)
            if view is not None:
                listed.append((story_id, entry_ids[story_id], view))
        return [Listed(story_id, _entry(entry_id, view)) for story_id, entry_id, view in listed]

    def _ids(self, entry_ids: list[str]) -> dict[str, int]:
        if not entry_ids:
            return {}
        with self.engine.connect() as connection:
            rows = connection.execute(select(stories.c.entry_id, stories.c.id).where(stories.c.entry_id.in_(entry_ids)))
            return {entry_id: story_id for entry_id, story_id in rows}


def _entry(entry_id: str, view: StoryView) -> Entry:
    """A list entry for a story read whole: its primary version."""
    primary = view.versions[0]
    return Entry(entry_id=entry_id, title=primary.title, link=primary.link, summary=primary.summary,
                 content_html="", published=view.published, updated=view.published, language=primary.language,
                 source_id=primary.source_id, source_name=primary.source_name, tags=view.tags)
