"""Every filter kind of the feeds is answered from indexes: no plan reads all stories, items or tags.

On SQLite the plans come from EXPLAIN QUERY PLAN; a full scan shows as `SCAN <table>` without
an index. On PostgreSQL sequential scans are disabled for the EXPLAIN (`enable_seqscan = off`),
so a `Seq Scan` that remains means no index could serve the query — on a table of a few thousand
rows the planner would otherwise prefer a scan that it does not choose at 100,000
(bench/bench_queries.py measures that size).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event

from bench import bulk
from bench.data import WORDS_DE, WORDS_EN
from feeds.config.feeds import FeedFilter
from feeds.settings import Settings
from feeds.store import Store, queries, search
from feeds.store.testing import engine_of
from tests.support.plans import plan

FILTERS = {
    "topic": FeedFilter(topics=("funding",)),
    "country": FeedFilter(countries=("pl", "lt")),
    "source": FeedFilter(sources=("bench-eu",)),
    "language": FeedFilter(languages=("en",)),
    "search": FeedFilter(queries=("elektrolyseur",)),  # 2 % of the stories: SQLite resolves the matches first
    "search, a common word": FeedFilter(queries=("international",)),  # most stories: SQLite walks the stories
    "topic and country": FeedFilter(topics=("innovation",), countries=("de",)),
    "country, topic and language": FeedFilter(topics=("funding",), countries=("de",), languages=("en",)),
    "source and topic": FeedFilter(sources=("bench-de",), topics=("digital",)),
    "two topics and a country": FeedFilter(topics=("funding", "digital"), countries=("pl",)),
}
TAG_WALK = "ix_story_tags_kind_code_published_at"  # one tag's stories in feed order (migration 0010)
STORY_WALK = "ix_stories_published_visible"  # every story a feed may show
FULL_SCAN_SQLITE = re.compile(r"\bSCAN (stories|items|story_tags|sources)\b(?! USING)")
FULL_SCAN_POSTGRES = re.compile(r"Seq Scan on (stories|items|story_tags)\b")


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('plans') / 'store.db'}")
    bulk.fill(store, 3_000)
    yield store
    store.close()


def executed(store: Store, feed_filter: FeedFilter, before: queries.Cursor | None) -> tuple[queries.Page, list[Any]]:
    """The page, and every (statement, parameters) store.feeds.page ran for it."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine_of(store), "before_cursor_execute", record)
    try:
        page = store.feeds.page([FeedFilter(), feed_filter], 50, before)
    finally:
        event.remove(engine_of(store), "before_cursor_execute", record)
    return page, seen


def assert_indexed(store: Store, feed_filter: FeedFilter, before: queries.Cursor | None = None) -> queries.Page:
    page, statements = executed(store, feed_filter, before)
    selects = [(s, p) for s, p in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    [(page_statement, _)] = [(s, p) for s, p in selects if "AS page" in s]  # one statement reads the page
    # a search asks first which stories match: SQLite counts, PostgreSQL asks once per window of the walk
    # (and once through the GIN index for a rare word)
    assert len(selects) <= (2 + len(search.WINDOWS) if feed_filter.queries else 1), [s for s, _ in selects]
    sqlite = engine_of(store).dialect.name == "sqlite"
    scan = FULL_SCAN_SQLITE if sqlite else FULL_SCAN_POSTGRES
    for statement, parameters in selects:
        text = plan(store, statement, parameters)
        assert not scan.search(text), f"{feed_filter}: full scan in\n{text}\nfor\n{statement}"
        # SQLite walks the stories a feed may show (or one tag's stories) newest first and stops after a
        # page: its one sort is of the page's rows by version, not of every story (PostgreSQL's plans at
        # 3,000 stories are not those at 1,000,000: bench/bench_queries.py prints those)
        if sqlite and statement == page_statement and not feed_filter.queries:
            assert walked_index(feed_filter) in text.splitlines()[1], text
            assert text.count("TEMP B-TREE FOR ORDER BY") <= 1, text
    return page


def walked_index(feed_filter: FeedFilter) -> str:
    """A filter with a single country or topic walks that tag's stories; any other, every story."""
    return TAG_WALK if 1 in (len(feed_filter.countries), len(feed_filter.topics)) else STORY_WALK


@pytest.mark.parametrize("kind", list(FILTERS))
def test_each_filter_kind_uses_indexes_sqlite(big_store: Store, kind: str) -> None:
    page = assert_indexed(big_store, FILTERS[kind])
    assert page.entries


def test_both_ways_of_searching_find_the_same_stories(big_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "international" in WORDS_DE
    assert "international" in WORDS_EN
    two = [FeedFilter(queries=("international",)), FeedFilter(queries=("programme", "programm"))]
    both = {entry.entry_id for entry in big_store.feeds.page(FeedFilter(queries=("international",)), 10**5).entries}
    both &= {entry.entry_id for entry in big_store.feeds.page(FeedFilter(queries=("programme", "programm")),
                                                              10**5).entries}
    assert len(both) > 60
    expected_two = store_pages(big_store, two)
    assert {entry_id for page in expected_two for entry_id in page} <= both  # two searches: both match
    for word in ("elektrolyseur", "international"):
        expected = store_pages(big_store, FeedFilter(queries=(word,)))
        for limit in (0, 10**9):  # always walk the stories / always resolve the matches first
            monkeypatch.setattr(search, "SET_LIMIT", limit)
            assert store_pages(big_store, FeedFilter(queries=(word,))) == expected
            assert store_pages(big_store, two) == expected_two


@pytest.mark.postgres
def test_every_way_of_searching_finds_the_same_stories_postgresql(settings: Settings,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of the walk, the GIN index for the rest, or both: the same pages, and a search with
    other filters or two searches (AND) too."""
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    store = Store.open(settings.database_url)
    try:
        bulk.fill(store, 3_000)
        selections = [FeedFilter(queries=("elektrolyseur",)), FeedFilter(queries=("international",)),
                      FeedFilter(queries=("elektrolyseur", "mittelstand"), languages=("de",)),
                      FeedFilter(queries=("international",), topics=("funding",))]
        expected = [store_pages(store, selection) for selection in selections]
        two = [FeedFilter(queries=("international",)), FeedFilter(queries=("programme", "programm"))]
        expected_two = store_pages(store, two)
        for windows, rare in (((10**6,), 10), ((50,), 10**6), ((7, 30, 100), 1), ((30,), 1)):
            monkeypatch.setattr(search, "WINDOWS", windows)
            monkeypatch.setattr(search, "RARE", rare)
            assert [store_pages(store, selection) for selection in selections] == expected, (windows, rare)
            assert store_pages(store, two) == expected_two
    finally:
        store.close()


def store_pages(store: Store, feed_filter: FeedFilter | list[FeedFilter]) -> list[list[str]]:
    """The entry ids of the first three pages of 20."""
    pages: list[list[str]] = []
    cursor = None
    for _ in range(3):
        page = store.feeds.page(feed_filter, 20, cursor)
        pages.append([entry.entry_id for entry in page.entries])
        cursor = page.next_cursor
    assert pages[-1]
    return pages


def test_the_check_sees_a_full_scan(big_store: Store) -> None:
    assert FULL_SCAN_SQLITE.search(plan(big_store, "SELECT id FROM items WHERE title = ?", ("x",)))
    assert FULL_SCAN_SQLITE.search(plan(big_store, "SELECT id FROM stories ORDER BY created_at LIMIT 5", ()))


def test_paging_uses_indexes_sqlite(big_store: Store) -> None:
    first = assert_indexed(big_store, FILTERS["topic"])
    assert first.next_cursor is not None
    second = assert_indexed(big_store, FILTERS["topic"], first.next_cursor)
    assert second.entries[0].published <= first.entries[-1].published


@pytest.mark.postgres
def test_each_filter_kind_and_paging_use_indexes_postgresql(settings: Settings) -> None:
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    store = Store.open(settings.database_url)
    try:
        bulk.fill(store, 3_000)
        for feed_filter in FILTERS.values():
            assert assert_indexed(store, feed_filter).entries
        first = assert_indexed(store, FILTERS["country"])
        assert first.next_cursor is not None
        assert assert_indexed(store, FILTERS["country"], first.next_cursor).entries
    finally:
        store.close()


def test_walking_a_tag_gives_the_pages_of_walking_every_story(big_store: Store,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The tag walk follows story_tags' copy of published_at: the same stories, in the same order, with
    the same cursors as the walk of every story, the driving tag's threshold included."""
    selections = [selection for selection in FILTERS.values() if walked_index(selection) == TAG_WALK]
    selections += [FeedFilter(topics=("funding",), queries=("international",)),
                   FeedFilter(countries=("de",), since=bulk.NOW - timedelta(days=5))]
    walked = [store_pages(big_store, selection) for selection in selections]
    monkeypatch.setattr(queries, "_driving_tag", lambda _filters: None)
    assert [store_pages(big_store, selection) for selection in selections] == walked
