"""Full-text search of the feeds: which stories of a page's walk have an item matching the words.

SQLite FTS5 or PostgreSQL `to_tsvector('simple', …)` (GIN index of migration 0003); both match whole
words, case- and accent-insensitively on SQLite, case-insensitively on PostgreSQL. What a search
costs is set by how many items match, not by the size of the archive (docs/performance.md):

- SQLite: FTS5 lists the matching rowids (a doclist read: milliseconds for 20,000). Few matches
  (under SET_LIMIT): their stories are looked up and the page walks only those. Many: the page walks
  the stories and checks each one's item rowids against the list through ix_items_story_id alone.
- PostgreSQL: reading a match's story id means reading its wide item row (one heap page per match:
  20,000 matches took 120 ms and more at a million stories). So the walk goes in windows of stories
  in feed order (WINDOWS), one statement per window: the window's stories, and which of them have a
  matching item in the window's id range (a BitmapAnd of the GIN index and ix_items_story_id, so only
  matches' rows are read). The first window spans as many stories as the share of items holding the
  words says the page needs, with a margin (`pg_stats.most_common_elems` of the search column, read
  once per STATISTICS_SECONDS per engine): a query of common words is answered in one window, which
  then runs inside the page's own statement (one statement; a page that comes short of the window's
  guess is asked for again through the windows below). A window after the first spans no more
  stories than the rate of matches so far says the page needs.
  A word too rare to fill the page in the first window (by the statistics, or as found), or one still
  short after the last, is resolved through the GIN index to the ids of every story it matches (cost:
  its matches).
"""

from __future__ import annotations

import math
import re
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    String,
    and_,
    any_,
    bindparam,
    exists,
    false,
    func,
    literal_column,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql import ColumnElement, Select
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import CTE

from feeds.store.schema import items, stories

# A stored generated column with a GIN index (migration 0008): to_tsvector('simple', title, summary, content)
PG_DOCUMENT = "items.search_document"
SET_LIMIT = 2_000  # SQLite: up to this many matching items, search resolves their stories first
WINDOWS = (1_000, 4_000, 16_000)  # PostgreSQL: stories per window of the walk, in turn (at most)
RARE = 10  # PostgreSQL: a first window with under 1/RARE of a page's matches means a rare word
MARGIN = 1.5  # PostgreSQL: a window spans this many times the stories the expected rate of matches needs
STATISTICS_SECONDS = 600.0  # PostgreSQL: how long the words' shares read from pg_stats are used


@dataclass(frozen=True)
class Order:
    """The columns a walk of stories is ordered by, newest first: published_at, then the story id
    (the stories' own, or the copies in story_tags when the walk follows one tag)."""

    published: ColumnElement[Any]
    story_id: ColumnElement[Any]


@dataclass(frozen=True)
class Plan:
    """How a page's searches narrow its walk, decided before its statement is built (`plan`): the statement is
    then the same for every search of this plan, the words its parameters (`narrowed_by`), so a page can keep it.

    SQLite: per search, whether its matches are few (their stories resolved first) or many (each story of the
    walk probed). PostgreSQL: the number of queries of each search, narrowed to the matches of a first window
    of the walk inside the page's statement (a guess: a page shorter than wanted walks on through the windows,
    `narrowed`)."""

    dialect: str
    few: tuple[bool, ...] = ()  # SQLite
    queries: tuple[int, ...] = ()  # PostgreSQL

    @property
    def guess(self) -> bool:
        return self.dialect != "sqlite"


def plan(connection: Connection, searches: Sequence[Sequence[str]], wanted: int) -> tuple[Plan | None, dict[str, Any]]:
    """The plan of a page's searches and the values of its parameters; None when the walk is narrowed window by
    window instead (PostgreSQL, words the statistics do not size a first window for: `narrowed`)."""
    if connection.dialect.name == "sqlite":
        values = {f"fts{number}": _fts_expression(queries) for number, queries in enumerate(searches)}
        few = tuple(connection.execute(_capped(number), values).scalar_one() < SET_LIMIT
                    for number in range(len(searches)))
        return Plan("sqlite", few=few), values
    share = _expected_share(word_shares(connection), searches)
    first = _first_window(share, wanted)
    if first is None or share is None or first * share < wanted * MARGIN:
        return None, {}
    values = {name: query for number, queries in enumerate(searches)
              for name, query in zip(_search_names(len(queries), number), queries, strict=True)}
    return Plan("postgresql", queries=tuple(len(queries) for queries in searches)), {**values, "window_size": first}


def narrowed_by(walk: Select[Any], order: Order, searches: Plan) -> Select[Any]:
    """`walk` (stories in feed order by `order`, every other filter applied) narrowed as `searches` says, its
    words parameters (`plan` gives their values)."""
    if searches.dialect == "sqlite":
        for number, few in enumerate(searches.few):
            walk = walk.where(_sqlite_condition(few, number))
        return walk
    conditions = [_matching_text(count, number) for number, count in enumerate(searches.queries)]
    window = _window(walk, order, _WINDOW_SIZE, None).cte("window").prefix_with("MATERIALIZED")
    matching = _window_matching(window, _bounds(window), conditions)
    return walk.where(stories.c.id.in_(select(window.c.id).where(matching)))


def narrowed(connection: Connection, walk: Select[Any], order: Order, searches: Sequence[Sequence[str]],
             wanted: int) -> Select[Any]:
    """PostgreSQL: `walk` (stories in feed order by `order`, every other filter applied, its values bound)
    narrowed to the stories with an item matching any query of each of `searches` (the searches combine with
    AND), exact for its first `wanted` stories: window by window, or through the GIN index for a rare word."""
    share = _expected_share(word_shares(connection), searches)
    conditions = [_document_matches(queries, number) for number, queries in enumerate(searches)]
    return _postgresql_windows(connection, walk, order, conditions, wanted, _first_window(share, wanted))


_WINDOW_SIZE = bindparam("window_size", type_=Integer)


def _fts_expression(queries: Sequence[str]) -> str:
    return " OR ".join("(" + " ".join(f'"{word}"' for word in re.findall(r"\w+", q)) + ")" for q in queries)


def _fts_matching(number: int) -> Select[Any]:
    """The rowids of the items FTS5 matches to search `number`'s expression (parameter `fts<number>`)."""
    return select(literal_column("rowid")).select_from(text("items_fts")).where(text(f"items_fts MATCH :fts{number}"))


def _capped(number: int) -> Select[Any]:
    """How many items match search `number`, counted up to SET_LIMIT."""
    return select(func.count()).select_from(_fts_matching(number).limit(SET_LIMIT).subquery())


def _sqlite_condition(few: bool, number: int) -> ColumnElement[bool]:
    matching = _fts_matching(number)
    if few:
        return stories.c.id.in_(select(items.c.story_id).where(items.c.id.in_(matching)))
    # The unary `+` keeps SQLite from looping over the list per story (a (story_id, rowid) probe per match).
    return exists().where(items.c.story_id == stories.c.id, literal_column("+items.id").in_(matching))


def _search_names(count: int, number: int) -> list[str]:
    return [f"search{number}_{n}" for n in range(count)]


def _matching_text(count: int, number: int) -> TextClause:
    """Items matching any of `count` queries; parameter names carry `number`, so that several searches can
    share a statement."""
    # One tsquery with the alternatives ORed inside it (`||`), matched once against the indexed
    # document: an OR of `document @@ q` per value made PostgreSQL compute to_tsvector per row and
    # branch (100 values ran over 300 s on 20,000 items).
    names = _search_names(count, number)
    alternatives = " || ".join(f"plainto_tsquery('simple'::regconfig, :{name})" for name in names)
    return text(f"{PG_DOCUMENT} @@ ({alternatives})").bindparams(*(bindparam(name, type_=String) for name in names))


def _document_matches(queries: Sequence[str], number: int) -> TextClause:
    """Items matching any of `queries`, their values bound."""
    return _matching_text(len(queries), number).bindparams(
        **dict(zip(_search_names(len(queries), number), queries, strict=True)))


@dataclass(frozen=True)
class WordShares:
    """PostgreSQL's statistics of the search column: the share of items holding each common word
    (lexeme), a bound under which every other word's share lies, and the items per story."""

    shares: dict[str, float]
    rarer_than: float
    items_per_story: float


_STATISTICS: weakref.WeakKeyDictionary[Engine, tuple[float, WordShares | None]] = weakref.WeakKeyDictionary()


def word_shares(connection: Connection) -> WordShares | None:
    """The statistics of the search column (None before ANALYZE has seen it), read at most once per
    STATISTICS_SECONDS per engine: they change with ANALYZE, and an estimate only sizes windows."""
    now = time.monotonic()
    kept = _STATISTICS.get(connection.engine)
    if kept is not None and now - kept[0] < STATISTICS_SECONDS:
        return kept[1]
    row = connection.execute(text(
        "select s.most_common_elems::text::text[] as words, s.most_common_elem_freqs as shares,"
        " (select reltuples from pg_class where oid = 'items'::regclass) as items,"
        " (select reltuples from pg_class where oid = 'stories'::regclass) as stories"
        " from pg_stats s where s.schemaname = current_schema() and s.tablename = 'items'"
        " and s.attname = 'search_document'")).one_or_none()
    found = None
    if row is not None and row.words and row.items > 0 and row.stories > 0:
        # a tsvector's frequencies end with the least and the greatest of them (ts_typanalyze.c)
        found = WordShares(dict(zip(row.words, row.shares, strict=False)), row.shares[-2],
                           row.items / row.stories)
    _STATISTICS[connection.engine] = (now, found)
    return found


def _expected_share(statistics: WordShares | None, searches: Sequence[Sequence[str]]) -> float | None:
    """The share of stories expected to match every search (None: unknown). A query's words all match
    (plainto_tsquery), so it matches at most as often as its rarest word; a search matches when any of its
    queries does; a word the statistics do not list counts as their least common one."""
    if statistics is None:
        return None
    share = 1.0
    for queries in searches:
        either = sum(min((statistics.shares.get(word, statistics.rarer_than)
                          for word in re.findall(r"\w+", query.lower())), default=0.0) for query in queries)
        share = min(share, either)
    return min(1.0, share * statistics.items_per_story)


def _first_window(share: float | None, wanted: int) -> int | None:
    """The stories of the first window for words of the expected `share` (None: a rare word, which the
    GIN index resolves without a window): as many as that share says a page needs, with a margin."""
    if share is None:
        return WINDOWS[0]
    if share * WINDOWS[0] * RARE < wanted:  # a rare word: the first window would find too few
        return None
    return max(wanted, min(WINDOWS[-1], math.ceil(wanted * MARGIN / share)))


def _window(walk: Select[Any], order: Order, size: int | ColumnElement[int], after: int | None) -> Select[Any]:
    """The ids and published_at of the first `size` stories of `walk` (after the story `after`)."""
    window = walk.with_only_columns(stories.c.id, order.published.label("published")).order_by(
        order.published.desc(), order.story_id.desc()).limit(size)
    return window if after is None else window.where(_older(order, after))


def _postgresql_windows(connection: Connection, walk: Select[Any], order: Order, conditions: list[TextClause],
                        wanted: int, first: int | None) -> Select[Any]:
    found: list[int] = []
    after: int | None = None  # the last story of the previous window
    walked = 0
    if first is None:
        return walk.where(_among(sorted(_stories_matching_all(connection, conditions))))
    for number, largest in enumerate(WINDOWS):
        # after the first window, no more stories than the rate of matches so far says the page needs
        # (with a margin): the window's id range costs what it spans
        if number == 0:
            size = first
        else:
            size = min(largest, math.ceil((wanted - len(found)) * walked * MARGIN / len(found))) if found else largest
        matched, last, count = _window_matches(connection, _window(walk, order, size, after), conditions)
        found += matched
        walked += count
        if len(found) >= wanted or count < size:
            return walk.where(_among(found))
        after = last
        if number == 0 and len(found) * RARE < wanted:
            break
    # The rest of the walk: every story with matching items, through the GIN index (the cost of its
    # matches), as ids: a condition on the walk made PostgreSQL walk every story to test it.
    return walk.where(_among(sorted(set(found) | _stories_matching_all(connection, conditions))))


def _stories_matching_all(connection: Connection, conditions: list[TextClause]) -> set[int]:
    matching = _stories_with_matching_items(connection, conditions[0])
    for condition in conditions[1:]:
        matching &= _stories_with_matching_items(connection, condition)
    return matching


def _among(story_ids: list[int]) -> ColumnElement[bool]:
    """Stories among `story_ids`, as one array parameter: the statement's text stays the same whatever
    their number (an IN list made a new statement for the driver to parse each time: milliseconds)."""
    return stories.c.id == any_(bindparam("story_ids", story_ids, type_=ARRAY(Integer))) if story_ids else false()


def _window_matches(connection: Connection, window: Select[Any], conditions: list[TextClause]
                    ) -> tuple[list[int], int | None, int]:
    """One statement for a window of the walk (its stories' ids and published_at, in feed order): which
    of its stories have an item matching every condition (in no particular order), its last story and
    its size.

    The items are asked for by the range of ids the window spans (stories are numbered as they are
    created, so a window is about a range): the planner intersects the GIN index with
    ix_items_story_id (a BitmapAnd), so only matching rows are read. The window is MATERIALIZED and
    walked once; its bounds and size are one aggregate over it, its last story a top-1 sort of it (a
    statement per window and one for its matches cost a round trip more, and the window's ids went
    through Python; ranking the window with row_number() and reading it three times more cost a
    third of the statement, docs/performance.md)."""
    stories_of_window = window.cte("window").prefix_with("MATERIALIZED")
    bounds = _bounds(stories_of_window)
    last = (select(stories_of_window.c.id, select(bounds.c.size).scalar_subquery().label("size"))
            .order_by(stories_of_window.c.published, stories_of_window.c.id).limit(1).subquery("last"))
    query = union_all(
        select(stories_of_window.c.id, null().label("size")).where(
            _window_matching(stories_of_window, bounds, conditions)),
        select(last.c.id, last.c.size))
    rows = connection.execute(query).all()
    ending = [row for row in rows if row.size is not None]
    if not ending:
        return [], None, 0
    return [row.id for row in rows if row.size is None], ending[0].id, ending[0].size


def _bounds(window: CTE) -> CTE:
    """The least and greatest story id of a window, and its size: one aggregate over it."""
    return (select(func.min(window.c.id).label("low"), func.max(window.c.id).label("high"),
                   func.count().label("size")).cte("bounds").prefix_with("MATERIALIZED"))


def _window_matching(window: CTE, bounds: CTE, conditions: list[TextClause]) -> ColumnElement[bool]:
    """The stories of `window` with an item matching every condition, asked for by the window's id range
    (`bounds`)."""
    return and_(*(window.c.id.in_(select(items.c.story_id).where(
        items.c.story_id.between(select(bounds.c.low).scalar_subquery(), select(bounds.c.high).scalar_subquery()),
        condition)) for condition in conditions))


def _stories_with_matching_items(connection: Connection, condition: TextClause) -> set[int]:
    # MATERIALIZED: resolve the words through the GIN index first; the planner underestimates how
    # many items match and would otherwise compute the match for each story it walks.
    matching_items = select(items.c.story_id).where(condition).cte("matching_items").prefix_with("MATERIALIZED")
    return set(connection.execute(select(matching_items.c.story_id).distinct()).scalars())


def _older(order: Order, story_id: int) -> ColumnElement[bool]:
    """Stories after the story `story_id` in feed order (its published_at looked up in the statement)."""
    published = select(stories.c.published_at).where(stories.c.id == story_id).scalar_subquery()
    return or_(order.published < published, and_(order.published == published, order.story_id < story_id))
