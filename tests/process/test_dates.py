"""Dates a feed gets wrong: written without a zone (read in the source's `timezone`), from the future
(clamped) or missing (first seen). None of these rules may reorder a feed from one collect to the next."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from types import MappingProxyType

import pytest
from lxml import etree

from feeds.collect.adapters.feed import parse_feed
from feeds.collect.errors import CollectError
from feeds.config import SourceConfig
from feeds.process import dates
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.httpserver import Route, serving
from tests.support.texts import LED_PIECES, random_texts

ATOM = "{http://www.w3.org/2005/Atom}"


def source(timezone: str | None = None, url: str = "https://example.org/feed") -> SourceConfig:
    options = {"timezone": timezone} if timezone else {}
    return SourceConfig(id="local", name="Local", kind="feed", url=url, options=MappingProxyType(options))


def rss(*items: tuple[str, str | None]) -> bytes:
    body = "".join(f"<item><title>{title}</title><link>https://example.org/{title.replace(' ', '-')}</link>"
                   + (f"<pubDate>{date}</pubDate>" if date else "") + "<description>Cluster news.</description></item>"
                   for title, date in items)
    return f'<rss version="2.0"><channel><title>T</title><link>https://example.org/</link>{body}</channel></rss>'.encode()


@pytest.mark.parametrize(("written", "berlin", "utc"), [
    ("Tue, 3 Mar 2026 10:00:00", "2026-03-03T09:00:00+00:00", "2026-03-03T10:00:00+00:00"),  # winter, CET
    ("Wed, 1 Jul 2026 10:00", "2026-07-01T08:00:00+00:00", "2026-07-01T10:00:00+00:00"),  # summer, CEST
    ("Tue, 3 Mar 2026 10:00:00 GMT", "2026-03-03T10:00:00+00:00", "2026-03-03T10:00:00+00:00"),
    ("Tue, 3 Mar 2026 10:00:00 +0200", "2026-03-03T08:00:00+00:00", "2026-03-03T08:00:00+00:00"),
])
def test_rss_dates_without_zone_are_in_the_source_zone(written: str, berlin: str, utc: str) -> None:
    (item,) = parse_feed(source("Europe/Berlin"), rss(("A", written)), "https://example.org/feed", None)
    assert item.published is not None
    assert item.published.isoformat() == berlin
    (item,) = parse_feed(source(), rss(("A", written)), "https://example.org/feed", None)
    assert item.published is not None
    assert item.published.isoformat() == utc


def test_atom_and_json_feed_dates_without_zone_are_in_the_source_zone() -> None:
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>urn:a</id><title>A</title>'
            b'<link href="https://example.org/a"/><published>2026-03-03T10:00:00</published>'
            b"<updated>2026-07-01T10:00:00Z</updated></entry></feed>")
    (item,) = parse_feed(source("Europe/Lisbon"), atom, "https://example.org/feed", None)
    assert item.published == datetime(2026, 3, 3, 10, 0, tzinfo=UTC)  # Lisbon is UTC+0 in winter
    assert item.updated == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)  # written with Z: untouched
    (item,) = parse_feed(source("Europe/Helsinki"), atom, "https://example.org/feed", None)
    assert item.published == datetime(2026, 3, 3, 8, 0, tzinfo=UTC)
    feed = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
        {"id": "a", "url": "https://example.org/a", "date_published": "2026-03-03T10:00:00"}]}).encode()
    (item,) = parse_feed(source("Europe/Berlin"), feed, "https://example.org/feed", None)
    assert item.published is not None
    assert item.published.astimezone(UTC) == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def test_an_unknown_zone_is_a_clear_error() -> None:
    with pytest.raises(CollectError, match="unknown timezone 'Mars/Olympus'"):
        parse_feed(source("Mars/Olympus"), rss(("A", "Tue, 3 Mar 2026 10:00:00")), "https://example.org/f", None)


def _entries(client: object) -> list[tuple[str, str, str]]:
    root = etree.fromstring(client.get("/feeds/all.atom?limit=100").data)  # type: ignore[attr-defined]
    return [(e.findtext(f"{ATOM}id"), e.findtext(f"{ATOM}published"), e.findtext(f"{ATOM}updated"))
            for e in root.iter(f"{ATOM}entry")]


def test_no_date_rule_reorders_a_feed_on_every_collect(settings: Settings) -> None:
    """Future, undated and zone-less items, collected again and again as time passes: same order, same dates."""
    body = rss(("Future", "Fri, 1 Jan 2100 10:00:00 +0000"), ("Undated one", None),
               ("Local time", "Tue, 3 Mar 2026 10:00:00"), ("Ordinary", "Mon, 2 Mar 2026 10:00:00 +0100"),
               ("Undated two", None),
               ("Also future", "Sat, 1 Jan 2099 00:00:00 GMT"))
    start = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    store = Store.open(settings.database_url)
    # no validators: every collect reads and stores the whole body again
    with serving({"/feed.rss": Route(body, content_type="application/rss+xml", etag=False)}) as server:
        config = source("Europe/Berlin", server.url("/feed.rss"))
        client = create_app(settings, store).test_client()
        seen = []
        for hours in (0, 1, 30, 24 * 40):
            (run,) = collect_sources(settings, store, [config], clock=lambda h=hours: start + timedelta(hours=h))
            assert run.ok, run.error
            seen.append(_entries(client))
    store.close()
    assert len(seen[0]) == 6
    for entries in seen[1:]:
        assert entries == seen[0]
    local = next(entry for entry in seen[0] if entry[1].startswith("2026-03-03"))
    assert local[1].startswith("2026-03-03T09:00:00")  # 10:00 in Berlin


DATE_PIECES = [*LED_PIECES, "May 5, 2024", "May 5 2024", "MAY 1ST, 2023", "Sept. 12th 2022", "5,", "th", "ST", ", ",
               "  ", "\n", "2024-05-12", "1999-12-31", "-05-12", "-5-12", "12/05/2024", "3. März 2024", "–", "-"]


def _dates_without_hints(text: str) -> tuple[list[tuple[int, object]], str]:
    """dates_in and without_dates as they were before the hints (round 8 of the ingest speed)."""
    found = []
    for pattern, (day, month, year), _ in dates._TEXT_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groups()
            moment = dates.valid_date(groups[year], groups[month], groups[day])
            if moment is not None:
                found.append((match.start(), moment))
    blanked = dates._DAY_BEFORE_MONTH.sub(" ", text)
    for pattern, _, _ in dates._TEXT_PATTERNS:
        blanked = pattern.sub(" ", blanked)
    return sorted(found), blanked


def test_date_patterns_are_tried_where_their_hint_is_found() -> None:
    """A hint finds something in every text its pattern matches, so skipping the pattern where it finds nothing
    finds the same dates and blanks the same text."""
    hinted = [(pattern, hint) for pattern, _, hint in dates._TEXT_PATTERNS if hint is not None]
    assert len(hinted) == 2
    matched = dict.fromkeys((pattern.pattern for pattern, _ in hinted), 0)
    for text in random_texts(DATE_PIECES, seed=47, count=6000):
        for pattern, hint in hinted:
            if pattern.search(text):
                matched[pattern.pattern] += 1
                assert hint.search(text), (pattern.pattern, text)
        assert (dates.dates_in(text), dates.without_dates(text)) == _dates_without_hints(text), text
    assert min(matched.values()) > 100, matched
    assert re.fullmatch(r"\s+", dates.without_dates("May 5, 2024 2024-05-12"))
