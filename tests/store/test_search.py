"""Full-text search of the feeds (feeds/store/search.py): a search's pages are the stories whose items
hold its words, in feed order, however the search goes about finding them — on SQLite by resolving the
matches first or by walking the stories, on PostgreSQL by windows of the walk of any size, sized by the
statistics of the search column or not, or through the GIN index."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from bench import bulk
from feeds.config.feeds import FeedFilter
from feeds.settings import Settings
from feeds.store import Store, queries, search
from feeds.store.schema import items, stories
from feeds.store.testing import engine_of

POSTGRES_ONLY = pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                                        indirect=True)
SEARCHES = {
    "a word in 2 % of the stories": FeedFilter(queries=("elektrolyseur",)),
    "a word in most stories": FeedFilter(queries=("international",)),
    "either of two common words": FeedFilter(queries=("programme", "programm")),
    "two words of one query": FeedFilter(queries=("international elektrolyseur",)),
    "a word no story holds": FeedFilter(queries=("wasserstoffzug",)),
}
PAGE = 20


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = Store.open(settings.database_url)
    bulk.fill(store, 3_000)  # PostgreSQL: ANALYZE included, so the search column has its statistics
    yield store
    store.close()


def test_a_search_pages_through_the_stories_holding_its_words(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = story_texts(store)
    for name, feed_filter in SEARCHES.items():
        expected = [entry_id for entry_id, versions in texts
                    if any(holds(text, query) for text in versions for query in feed_filter.queries)]
        assert len(expected) > 2 * PAGE or name in ("two words of one query", "a word no story holds"), name
        for way, set_up in ways_of_searching(store).items():
            with monkeypatch.context() as patched:
                set_up(patched)
                assert pages(store, feed_filter) == expected[:3 * PAGE], (name, way)


def ways_of_searching(store: Store) -> dict[str, Callable[[pytest.MonkeyPatch], None]]:
    if engine_of(store).dialect.name == "sqlite":
        return {"as chosen": lambda _: None,
                "walking the stories": lambda patched: patched.setattr(search, "SET_LIMIT", 0),
                "resolving the matches first": lambda patched: patched.setattr(search, "SET_LIMIT", 10**9)}

    def estimated(share: float | None) -> Callable[[pytest.MonkeyPatch], None]:
        shares = None if share is None else search.WordShares({}, share, 1.0)
        return lambda patched: patched.setattr(search, "word_shares", lambda _connection: shares)

    def windows(sizes: tuple[int, ...], rare: int) -> Callable[[pytest.MonkeyPatch], None]:
        def set_up(patched: pytest.MonkeyPatch) -> None:
            estimated(None)(patched)
            patched.setattr(search, "WINDOWS", sizes)
            patched.setattr(search, "RARE", rare)
        return set_up

    return {"by the statistics": lambda _: None,
            "without statistics": estimated(None),
            "every word rare": estimated(0.0),
            "every word in every story": estimated(1.0),  # windows of a page's length
            "every word in one story of 400": estimated(1 / 400),  # a window larger than the store
            "one window of everything": windows((10**6,), 10),
            "small windows, never rare": windows((7, 30, 100), 1),
            "a small window, then the GIN index": windows((50,), 10**6)}


def story_texts(store: Store) -> list[tuple[str, list[str]]]:
    """Every story a feed shows, in feed order, with the text of each of its items."""
    shown = [entry.entry_id for entry in store.feeds.page(FeedFilter(), 10**5).entries]
    with engine_of(store).connect() as connection:
        rows = connection.execute(sa.select(stories.c.entry_id, items.c.title, items.c.summary, items.c.content_html)
                                  .join(items, items.c.story_id == stories.c.id)).all()
    texts: dict[str, list[str]] = {}
    for row in rows:
        texts.setdefault(row.entry_id, []).append(f"{row.title} {row.summary} {row.content_html}")
    return [(entry_id, texts[entry_id]) for entry_id in shown]


def holds(text: str, query: str) -> bool:
    """Whether one item's text holds every word of `query`, each whole."""
    return all(re.search(rf"\b{word}\b", text, re.IGNORECASE) for word in query.split())


def pages(store: Store, feed_filter: FeedFilter) -> list[str]:
    """The entry ids of the first three pages."""
    found: list[str] = []
    cursor = None
    for _ in range(3):
        page = store.feeds.page(feed_filter, PAGE, cursor)
        found += [entry.entry_id for entry in page.entries]
        cursor = page.next_cursor
        if cursor is None:
            break
    return found


@POSTGRES_ONLY
def test_the_share_of_a_word_is_read_from_the_statistics_and_kept_a_while(settings: Settings,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(settings.database_url)
    try:
        with engine_of(store).connect() as connection:
            assert search.word_shares(connection) is None  # an empty store: nothing analysed yet
        bulk.fill(store, 3_000)
        with engine_of(store).connect() as connection:
            assert search.word_shares(connection) is None, "kept"
            assert statements_of(store, lambda: search.word_shares(connection)) == []
            monkeypatch.setattr(search, "STATISTICS_SECONDS", 0.0)
            shares = search.word_shares(connection)
        assert shares is not None
        assert 1.2 < shares.items_per_story < 1.45  # a quarter of the stories have two or three versions
        assert 0.018 < shares.shares["elektrolyseur"] * shares.items_per_story < 0.022  # every 50th story
        assert shares.shares["international"] > 0.5
        assert "wasserstoffzug" not in shares.shares
        assert 0 < shares.rarer_than <= min(shares.shares.values())
    finally:
        store.close()


@POSTGRES_ONLY
def test_a_search_of_common_words_is_one_statement(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.feeds.page(SEARCHES["a word in most stories"], 50)  # the statistics read once
    for name in ("a word in 2 % of the stories", "a word in most stories", "either of two common words"):
        ran = statements_of(store, lambda name=name: store.feeds.page(SEARCHES[name], 50))
        assert len(ran) == 1, (name, ran)  # the window the statistics sized, its matches and the page
        assert ran[0].startswith("WITH \"window\"")
        assert "story_tags" in ran[0]
    # without the statistics a 2 % word took a first window of 1,000 stories (20 matches), then another
    monkeypatch.setattr(search, "word_shares", lambda _connection: None)
    assert len(statements_of(store, lambda: store.feeds.page(SEARCHES["a word in 2 % of the stories"], 50))) == 3


@POSTGRES_ONLY
def test_a_window_the_statistics_sized_too_small_is_walked_on(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    feed_filter = SEARCHES["a word in 2 % of the stories"]
    expected = [entry_id for entry_id, versions in story_texts(store)
                if any(holds(text, "elektrolyseur") for text in versions)][:50]
    # statistics that call the word common: a first window of 76 stories holds one or two of the 51 wanted
    monkeypatch.setattr(search, "word_shares", lambda _connection: search.WordShares({}, 1.0, 1.0))
    ran = statements_of(store, lambda: store.feeds.page(feed_filter, 50))
    assert len(ran) > 2, ran  # the guess, then windows and the page
    assert [entry.entry_id for entry in store.feeds.page(feed_filter, 50).entries] == expected
    assert len(expected) == 50


@POSTGRES_ONLY
def test_a_rare_word_goes_to_the_index_without_a_window(store: Store) -> None:
    store.feeds.page(SEARCHES["a word in most stories"], 50)  # the statistics read once
    ran = statements_of(store, lambda: store.feeds.page(SEARCHES["a word no story holds"], 50))
    assert len(ran) == 2, ran  # the matches through the GIN index, then the page
    assert "\"window\"" not in ran[0]
    assert "search_document @@" in ran[0]


def statements_of(store: Store, action: Callable[[], Any]) -> list[str]:
    """The SELECTs `action` ran for stories (not an empty page's look at when content last changed)."""
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")) and not statement.startswith("SELECT store_meta"):
            seen.append(statement)

    sa.event.listen(engine_of(store), "before_cursor_execute", record)
    try:
        action()
    finally:
        sa.event.remove(engine_of(store), "before_cursor_execute", record)
    return seen


def test_searches_of_one_plan_share_the_page_statement(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search page's statement is built once per plan (search.plan): other words of the plan are its
    parameters, and each page still holds the stories with its own words."""
    monkeypatch.setattr(search, "SET_LIMIT", 0)  # SQLite: every word walks the stories (one plan)
    texts = story_texts(store)
    store.feeds.page(FeedFilter(queries=("international",)), PAGE)
    built = queries._search_page_statement.cache_info().misses
    for word in ("international", "programme", "elektrolyseur"):
        expected = [entry_id for entry_id, versions in texts if any(holds(text, word) for text in versions)]
        assert pages(store, FeedFilter(queries=(word,))) == expected[:3 * PAGE], word
    assert queries._search_page_statement.cache_info().misses - built <= 1  # the pages after the first: a cursor
