"""A page's statement is built once per shape (feeds/store/queries.py, `_shape` and `_page_statement`): pages of
other values of the same shape reuse it, and each gets the stories its own values select."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta

import pytest
import sqlalchemy as sa

from bench import bulk
from feeds.config.feeds import FeedFilter
from feeds.store import Store, queries
from feeds.store.schema import items, stories, story_tags
from feeds.store.testing import engine_of


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = Store.open(database_url)
    bulk.fill(store, 1_000)
    yield store
    store.close()


def expected(store: Store, *conditions: sa.ColumnElement[bool]) -> list[str]:
    """The entry ids of the visible stories meeting every condition, in feed order (the page's, written apart)."""
    query = (sa.select(stories.c.entry_id).where(stories.c.alias_of.is_(None), stories.c.hidden.is_(False),
                                                 *conditions)
             .order_by(stories.c.published_at.desc(), stories.c.id.desc()))
    with engine_of(store).connect() as connection:
        return list(connection.execute(query).scalars())


def tagged(kind: str, codes: Sequence[str], threshold: float = 0.5) -> sa.ColumnElement[bool]:
    return sa.exists().where(story_tags.c.story_id == stories.c.id, story_tags.c.kind == kind,
                             story_tags.c.code.in_(codes), story_tags.c.confidence >= threshold)


def of_source(source: str) -> sa.ColumnElement[bool]:
    return sa.exists().where(items.c.story_id == stories.c.id, items.c.source_id == source)


def ids(page: queries.Page) -> list[str]:
    return [entry.entry_id for entry in page.entries]


def test_pages_of_one_shape_share_a_statement_and_each_gets_its_own_stories(store: Store) -> None:
    store.feeds.page([FeedFilter(topics=("funding",)), FeedFilter()], 20)  # the shape's statement built
    built = queries._page_statement.cache_info().misses
    for topic in ("funding", "digital", "innovation"):
        first = store.feeds.page([FeedFilter(topics=(topic,)), FeedFilter()], 20)
        assert ids(first) == expected(store, tagged("topic", [topic]))[:20]
        assert first.next_cursor is not None
        second = store.feeds.page([FeedFilter(topics=(topic,)), FeedFilter()], 20, first.next_cursor)
        assert ids(second) == expected(store, tagged("topic", [topic]))[20:40]
    for source in ("bench-de", "bench-pl"):  # a source and a topic: one more shape
        page = store.feeds.page([FeedFilter(sources=(source,)), FeedFilter(topics=("digital",))], 30)
        assert ids(page) == expected(store, of_source(source), tagged("topic", ["digital"]))[:30]
    assert queries._page_statement.cache_info().misses - built <= 2  # the cursor's shape, the source's shape


def test_lists_of_any_length_limits_and_thresholds_are_values_of_the_same_statement(store: Store) -> None:
    for countries in (("pl", "lt"), ("pl", "lt", "de"), ("fr", "at")):
        page = store.feeds.page([FeedFilter(topics=("funding", "digital")), FeedFilter(countries=countries)], 25)
        assert ids(page) == expected(store, tagged("topic", ["funding", "digital"]),
                                     tagged("country", list(countries)))[:25]
    for limit, threshold in ((5, 0.5), (40, 0.5), (10, 0.8)):
        page = store.feeds.page(FeedFilter(countries=("de",)), limit, threshold=threshold)
        assert ids(page) == expected(store, tagged("country", ["de"], threshold))[:limit]
        assert all(tag.confidence >= threshold for entry in page.entries for tag in entry.tags)


def test_since_and_languages_are_values(store: Store) -> None:
    for days, language in ((3, "fr"), (30, "en")):
        since = bulk.NOW - timedelta(days=days)
        page = store.feeds.page([FeedFilter(since=since), FeedFilter(languages=(language,))], 50)
        wanted = sa.exists().where(items.c.story_id == stories.c.id, items.c.language == language)
        assert ids(page) == expected(store, stories.c.published_at >= since, wanted)[:50]
        assert all(entry.language == language for entry in page.entries)


def test_the_shape_leaves_out_the_walked_tag_and_names_each_value() -> None:
    filters = [FeedFilter(countries=("pl",)), FeedFilter(countries=("pl",), topics=("funding",), sources=("a", "b"))]
    driver = queries._driving_tag(filters)
    assert driver == ("country", "pl")
    shape, values = queries._shape(filters, driver, None)
    assert shape == ("country", ((), ("topic", "source")), False)
    assert values == {"topic_1": ["funding"], "source_1": ["a", "b"], "driver_code": "pl"}
    assert queries._shape([FeedFilter()], None, None) == ((None, ((),), False), {})
