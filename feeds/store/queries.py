"""`store.feeds`: the queries behind the published feeds, filtered, paged, served from indexes.

The page walks stories newest first from a cursor — one tag's stories from
`ix_story_tags_kind_code_published_at` when a filter names a single country or topic, else
`ix_stories_published_visible` — and every other filter is an index probe per story (story_tags
by primary key, items by (source, story) or (language, story)), so a page stops after about
`limit` matches; full-text search resolves its words through the
FTS5 / GIN index first. No query reads all stories (tests/store/test_query_plans.py). Full-text search is SQLite FTS5 or
PostgreSQL `to_tsvector('simple', …)`; both match whole words, case- and accent-insensitively
on SQLite, case-insensitively on PostgreSQL.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Integer, Text, and_, bindparam, exists, func, or_, select
from sqlalchemy import cast as sa_cast
from sqlalchemy.sql import Select
from sqlalchemy.sql.elements import BindParameter

from feeds.config.feeds import FeedFilter
from feeds.model import Entry, Link, Tag
from feeds.store import db, search
from feeds.store.changes import CHANGED_AT_KEY, VERSION_KEY
from feeds.store.schema import items, sources, store_meta, stories, story_tags
from feeds.store.stories import resolve_alias

_CURSOR = re.compile(r"^(\d{8}T\d{12})Z(\d{1,10})$", re.ASCII)
MAX_STORY_ID = 2**31 - 1  # stories.id is a 32-bit integer on PostgreSQL


@dataclass(frozen=True, order=True)
class Cursor:
    """Where a page ends: the (published, story id) of its last entry. Stable while stories are added."""

    published: datetime
    story_id: int

    def encode(self) -> str:
        return f"{self.published.astimezone(UTC):%Y%m%dT%H%M%S%f}Z{self.story_id}"

    @classmethod
    def decode(cls, value: str) -> Cursor:
        match = _CURSOR.match(value)
        if not match:
            raise ValueError(f"{value!r} is not a paging cursor")
        published = datetime.strptime(match.group(1), "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
        if int(match.group(2)) > MAX_STORY_ID:
            raise ValueError(f"{value!r} is not a paging cursor")
        return cls(published, int(match.group(2)))


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    next_cursor: Cursor | None  # None on the last page
    changed: datetime | None = None  # when published content last changed (Feeds.last_change), read with the page


class Feeds:
    """`store.feeds`: the pages of published stories, and when they last changed."""

    def __init__(self, engine: Engine):
        self._engine = engine

    def page(self, feed_filter: FeedFilter | Sequence[FeedFilter], limit: int, before: Cursor | None = None,
             threshold: float = 0.5) -> Page:
        """Up to `limit` stories matching `feed_filter` (several filters: all of them), newest first,
        older than `before` when given, with their tags of confidence >= `threshold`, and when
        published content last changed (`last_change`, read in the same connection).

        When a filter names languages, each entry shows the story's version in the first such
        language it has; the other versions become `related` links. One statement: the page's
        stories with their tags, their versions and the last change (a search of common words finds its
        matches in the same statement, other searches ask first which stories match, search.py; before the
        first change the last collect is read, `_last_change`).
        Every statement on PostgreSQL is a round trip, and under load each costs milliseconds.
        """
        filters = [feed_filter] if isinstance(feed_filter, FeedFilter) else list(feed_filter)
        driver = _driving_tag(filters)
        shape, values = _shape(filters, driver, before)
        values.update(threshold=threshold, limit=limit + 1)
        preferred = next((each.languages for each in reversed(filters) if each.languages), ())
        searches = [each.queries for each in filters if each.queries]
        with db.reading(self._engine, transaction=False) as connection:  # a round trip per statement, no more
            dialect = connection.dialect.name
            if not searches:
                found, at = _stories_with_versions(connection, _page_statement(dialect, shape), values)
            else:
                searched, search_values = search.plan(connection, searches, limit + 1)
                values.update(search_values)
                if searched is not None:
                    found, at = _stories_with_versions(connection, _search_page_statement(dialect, shape, searched),
                                                       values)
                # no plan, or a guess whose window held less than a page: the walk is narrowed window by window
                if searched is None or (searched.guess and len(found) <= limit):
                    query, order = _narrowed_walk(shape)
                    walk = search.narrowed(connection, query.params(values), order, searches, limit + 1)
                    found, at = _stories_with_versions(connection, _versions_of(_page_of(walk, order, dialect)),
                                                       values)
            changed_at = found[0][0][at.changed_at] if found else None
            changed = (datetime.fromisoformat(changed_at).astimezone(UTC) if changed_at
                       else _last_change(connection))
        more = len(found) > limit
        found = found[:limit]
        entries = [_entry(story, versions, preferred, at) for story, versions in found if versions]
        last = found[-1][0] if found else None
        return Page(entries, Cursor(last[at.published_at], last[at.id]) if more and last is not None else None,
                    changed)

    def latest(self, limit: int, threshold: float = 0.5) -> list[Entry]:
        """The newest `limit` published stories: the unfiltered first page."""
        return self.page(FeedFilter(), limit, None, threshold).entries

    def resolve_entry_id(self, entry_id: str) -> str | None:
        """The entry id to show for `entry_id`: the surviving story's when it was merged away,
        itself when it was not, None when no story ever had it."""
        with db.reading(self._engine) as connection:
            return resolve_alias(connection, entry_id)

    def last_change(self) -> datetime | None:
        """When published content last changed (every write of feeds/store/changes.py records it);
        before any change, the last successful collect (the empty content was current then); else None."""
        with db.reading(self._engine) as connection:
            return _last_change(connection)

    def version(self) -> int:
        """A counter every change to published content increases (cache invalidation)."""
        with db.reading(self._engine, transaction=False) as connection:
            value = connection.execute(select(store_meta.c.value).where(store_meta.c.key == VERSION_KEY)).scalar()
        return int(value or 0)


# A page's statement is built once per shape — which filters it has, which tag it walks, whether it starts at a
# cursor — with every value a bound parameter (`_shape` gives the values); SQLAlchemy keeps its compiled form
# and its cache key on the statement. Building it and its cache key cost about a millisecond a request.
_THRESHOLD: BindParameter[Any] = bindparam("threshold")
_LIMIT: BindParameter[int] = bindparam("limit", type_=Integer)
_DRIVER_CODE: BindParameter[Any] = bindparam("driver_code")
_BEFORE_PUBLISHED: BindParameter[Any] = bindparam("before_published")
_BEFORE_STORY: BindParameter[Any] = bindparam("before_story")
Shape = tuple[str | None, tuple[tuple[str, ...], ...], bool]  # walked tag's kind, each filter's keys, a cursor


def _shape(filters: Sequence[FeedFilter], driver: tuple[str, str] | None,
           before: Cursor | None) -> tuple[Shape, dict[str, Any]]:
    """The shape of the page's statement and the values of its parameters (but the threshold and the limit):
    every key of every filter but its searches (search.py) and the tag the walk already follows (`driver`)."""
    values: dict[str, Any] = {}
    keys = []
    for number, each in enumerate(filters):
        present = []
        for kind, codes in (("topic", each.topics), ("country", each.countries),
                            ("source", each.sources), ("language", each.languages)):
            if codes and (driver is None or (kind, tuple(codes)) != (driver[0], (driver[1],))):
                present.append(kind)
                values[f"{kind}_{number}"] = list(codes)
        if each.since is not None:
            present.append("since")
            values[f"since_{number}"] = each.since
        keys.append(tuple(present))
    if driver is not None:
        values["driver_code"] = driver[1]
    if before is not None:
        values.update(before_published=before.published, before_story=before.story_id)
    return (driver[0] if driver else None, tuple(keys), before is not None), values


@functools.lru_cache(maxsize=1_024)  # shapes: a few per feed route and query-string filter
def _page_statement(dialect: str, shape: Shape) -> Select[Any]:
    """The statement of a page without searches, its values bound at execution (`_shape`)."""
    walk, order = _narrowed_walk(shape)
    return _versions_of(_page_of(walk, order, dialect))


@functools.lru_cache(maxsize=1_024)
def _search_page_statement(dialect: str, shape: Shape, searched: search.Plan) -> Select[Any]:
    """The statement of a page with searches, as their plan says (search.py), its values bound at execution."""
    walk, order = _narrowed_walk(shape)
    return _versions_of(_page_of(search.narrowed_by(walk, order, searched), order, dialect))


def _narrowed_walk(shape: Shape) -> tuple[Select[Any], search.Order]:
    """The walk of `shape` narrowed by every filter it has (values bound at execution), with its order."""
    driver_kind, keys, from_cursor = shape
    query, order = _walk(driver_kind)
    if from_cursor:
        query = query.where(or_(order.published < _BEFORE_PUBLISHED,
                                and_(order.published == _BEFORE_PUBLISHED, order.story_id < _BEFORE_STORY)))
    for number, present in enumerate(keys):
        query = _filtered_stories(query, number, present, order)
    return query, order


def _page_of(walk: Select[Any], order: search.Order, dialect: str) -> Select[Any]:
    """The first `limit` stories of `walk` (the limit a parameter), with their tags."""
    return (walk.add_columns(_tags_column(dialect))
            .order_by(order.published.desc(), order.story_id.desc()).limit(_LIMIT))


def _driving_tag(filters: Sequence[FeedFilter]) -> tuple[str, str] | None:
    """The (kind, code) whose stories the page walks, when a filter asks for a single tag: a country
    before a topic (the taxonomies have several times more countries than topics, so a country's
    stories are fewer and the other filters' probes find their matches sooner)."""
    for kind in ("country", "topic"):
        for each in filters:
            codes = each.countries if kind == "country" else each.topics
            if len(codes) == 1:
                return kind, codes[0]
    return None


def _walk(driver_kind: str | None) -> tuple[Select[Any], search.Order]:
    """The stories a feed may show, newest first, with the columns of their order: one tag's stories
    from ix_story_tags_kind_code_published_at (its rows carry the story's published_at, migration 0010),
    else every story from ix_stories_published_visible. Either walk stops after a page's matches."""
    columns = (stories.c.id, stories.c.entry_id, stories.c.published_at, stories.c.updated_at,
               stories.c.primary_item_id)
    visible = (stories.c.alias_of.is_(None), stories.c.hidden.is_(False))
    if driver_kind is None:
        return select(*columns).where(*visible), search.Order(stories.c.published_at, stories.c.id)
    walked = story_tags.alias("walked")  # apart from the story_tags the other filters and the tags column probe
    query = (select(*columns).select_from(walked.join(stories, stories.c.id == walked.c.story_id))
             .where(walked.c.kind == driver_kind, walked.c.code == _DRIVER_CODE, walked.c.confidence >= _THRESHOLD,
                    *visible))
    return query, search.Order(walked.c.published_at, walked.c.story_id)


def _filtered_stories(query: Select[Any], number: int, present: Sequence[str], order: search.Order) -> Select[Any]:
    """`query` narrowed by the keys `present` of filter `number` (`_shape`: their values are its parameters)."""
    # Correlated EXISTS: the page walks newest first and probes an index per story until it has
    # `limit` entries, instead of collecting every matching story and sorting.
    for kind in present:
        values: BindParameter[Any] = bindparam(f"{kind}_{number}", expanding=True)
        if kind in ("topic", "country"):
            query = query.where(exists().where(
                story_tags.c.story_id == stories.c.id, story_tags.c.kind == kind, story_tags.c.code.in_(values),
                story_tags.c.confidence >= _THRESHOLD))
        elif kind == "source":
            query = query.where(exists().where(items.c.story_id == stories.c.id, items.c.source_id.in_(values)))
        elif kind == "language":
            query = query.where(exists().where(items.c.story_id == stories.c.id, items.c.language.in_(values)))
        else:
            query = query.where(order.published >= bindparam(f"since_{number}"))
    return query


def _last_change(connection: Connection) -> datetime | None:
    value = connection.execute(select(store_meta.c.value).where(store_meta.c.key == CHANGED_AT_KEY)).scalar()
    if value:
        return datetime.fromisoformat(value).astimezone(UTC)
    collected: datetime | None = connection.execute(select(func.max(sources.c.last_success_at))).scalar()
    return collected


def _tags_column(dialect: str) -> Any:
    """A story's tags of confidence >= the threshold as one JSON array of [kind, code, confidence, provenance]
    (confidence as text that reads back to the same float; order is set in `_tags`)."""
    aggregate: Any
    if dialect == "sqlite":
        tag = func.json_array(story_tags.c.kind, story_tags.c.code, func.printf("%!.17g", story_tags.c.confidence),
                              story_tags.c.provenance)
        aggregate = func.json_group_array(tag)
    else:
        tag = func.json_build_array(story_tags.c.kind, story_tags.c.code, sa_cast(story_tags.c.confidence, Text),
                                    story_tags.c.provenance)
        aggregate = sa_cast(func.json_agg(tag), Text)  # as text: decoded once per story (`_tags`), not per row
    return (select(aggregate).where(story_tags.c.story_id == stories.c.id, story_tags.c.confidence >= _THRESHOLD)
            .scalar_subquery().label("tags"))


_TAGS_SHARED: dict[tuple[str, str, str, str], Tag] = {}  # a tag as the JSON gives it -> one shared (frozen) Tag
_TAGS_SHARED_MAX = 20_000  # cleared when full: a store's tags are codes x provenances x a few confidences


def _tags(value: str | list[list[str]] | None) -> tuple[Tag, ...]:
    """The tags of `_tags_column`, by kind, most confident first, then by code. A frozen dataclass costs
    microseconds to build and a page shows hundreds of tags, mostly the same few: each is built once."""
    rows = json.loads(value) if isinstance(value, str) else (value or [])
    shared = _TAGS_SHARED
    tags = []
    for row in rows:
        key = tuple(row)
        tag = shared.get(key)
        if tag is None:
            if len(shared) >= _TAGS_SHARED_MAX:
                shared.clear()
            kind, code, confidence, provenance = row
            tag = shared[key] = Tag(kind, code, float(confidence), provenance)
        tags.append(tag)
    return tuple(sorted(tags, key=lambda tag: (tag.kind, -tag.confidence, tag.code)))


class _At:
    """Where each column an entry reads sits in the rows of `_stories_with_versions`: a row read by
    position costs a tenth of a read by name, and a page reads some 1,500 values."""

    id: int
    entry_id: int
    published_at: int
    updated_at: int
    primary_item_id: int
    tags: int
    changed_at: int
    item_id: int
    title: int
    canonical_url: int
    summary: int
    content_html: int
    item_updated_at: int
    language: int
    source_id: int
    author: int
    image_url: int
    image_type: int
    image_length: int
    categories: int
    source_name: int
    source_url: int

    def __init__(self, keys: Sequence[str]):
        position = {key: index for index, key in enumerate(keys)}
        for name in self.__annotations__:
            setattr(self, name, position[name])


def _versions_of(page: Select[Any]) -> Select[Any]:
    """The stories `page` selects, in its order, each with its items (oldest first; none for a story
    without items) and their sources' names, and when content last changed (`changed_at`): only the
    columns an entry shows."""
    chosen = page.subquery("page")
    changed_at = select(store_meta.c.value).where(store_meta.c.key == CHANGED_AT_KEY).scalar_subquery()
    return (select(chosen, changed_at.label("changed_at"), items.c.id.label("item_id"), items.c.title,
                   items.c.canonical_url, items.c.summary,
                   items.c.content_html, items.c.updated_at.label("item_updated_at"), items.c.language,
                   items.c.source_id, items.c.author, items.c.image_url, items.c.image_type, items.c.image_length,
                   sa_cast(items.c.categories, Text).label("categories"),  # decoded for the shown version only
                   sources.c.name.label("source_name"), sources.c.url.label("source_url"))
            .select_from(chosen.outerjoin(items, items.c.story_id == chosen.c.id)
                         .outerjoin(sources, sources.c.id == items.c.source_id))
            .order_by(chosen.c.published_at.desc(), chosen.c.id.desc(), items.c.published_at, items.c.id))


def _stories_with_versions(connection: Connection, query: Select[Any],
                           values: dict[str, Any]) -> tuple[list[tuple[Any, list[Any]]], _At]:
    """The rows of `query` (`_versions_of`) with `values` bound, one statement: each story with its items;
    with where each column sits in the rows."""
    result = connection.execute(query, values)
    at = _At(list(result.keys()))
    story_id, item_id = at.id, at.item_id
    found: list[tuple[Any, list[Any]]] = []
    for row in result.all():  # one fetch: psycopg fetches row by row otherwise
        if not found or found[-1][0][story_id] != row[story_id]:
            found.append((row, []))
        if row[item_id] is not None:
            found[-1][1].append(row)
    return found, at


def _entry(story: Any, versions: list[Any], languages: Sequence[str], at: _At) -> Entry:
    """The entry of `story` from its rows: the version in the first of `languages` it has, else its primary."""
    language_at, item_at, primary = at.language, at.item_id, story[at.primary_item_id]
    shown = next((item for language in languages for item in versions if item[language_at] == language),
                 next((item for item in versions if item[item_at] == primary), versions[0]))
    # the story's updated is its primary's last change at the source; another language's version has its own
    updated = story[at.updated_at] if shown[item_at] == primary else shown[at.item_updated_at]
    categories = shown[at.categories]
    shown_id, url_at, name_at = shown[item_at], at.canonical_url, at.source_name
    return Entry(
        entry_id=story[at.entry_id], title=shown[at.title], link=shown[url_at], summary=shown[at.summary],
        content_html=shown[at.content_html], published=story[at.published_at], updated=updated,
        language=shown[language_at], source_id=shown[at.source_id], source_name=shown[name_at],
        author=shown[at.author], image_url=shown[at.image_url], image_type=shown[at.image_type],
        image_length=shown[at.image_length], source_url=shown[at.source_url],
        related=tuple(Link(item[url_at], item[name_at], item[language_at])
                      for item in versions if item[item_at] != shown_id),
        categories=tuple(json.loads(categories) if categories else ()), tags=_tags(story[at.tags]),
    )


def story_tags_of(connection: Connection, story_ids: list[int], threshold: float) -> dict[int, list[Tag]]:
    if not story_ids:
        return {}
    query = (select(story_tags).where(story_tags.c.story_id.in_(story_ids), story_tags.c.confidence >= threshold)
             .order_by(story_tags.c.story_id, story_tags.c.kind, story_tags.c.confidence.desc(), story_tags.c.code))
    found: dict[int, list[Tag]] = {}
    for row in connection.execute(query):
        found.setdefault(row.story_id, []).append(Tag(row.kind, row.code, row.confidence, row.provenance))
    return found
