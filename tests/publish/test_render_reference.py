"""The Atom and RSS documents are byte for byte what the feedgen rendering gave (tests/support/feedgen_render.py):
every entry shape the store can hand over, and the filled store's feeds."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from lxml import etree

from feeds.config.feeds import FeedFilter
from feeds.model import Entry, Link, Tag
from feeds.publish.render import FeedMeta, render
from feeds.store import Store
from tests.support.feedgen_render import render_reference

PUBLISHED = datetime(2026, 3, 5, 7, 8, 9, tzinfo=UTC)
BASE = Entry(entry_id="tag:example.org,2026:story:1", title="Förderaufruf für Cluster & Netzwerke <2026>",
             link="https://example.org/a?x=1&y=2", summary="Ein Aufruf <b>nicht</b> fett",
             content_html="<p>Text &amp; mehr</p>", published=PUBLISHED, updated=PUBLISHED + timedelta(hours=3),
             language="de", source_id="quelle", source_name="Quelle & Co", author="Anna Muster",
             source_url="https://example.org/", tags=(Tag("country", "de", 0.9, "text"),
                                                      Tag("topic", "funding", 0.8, "source")))
ENTRIES = {
    "full": BASE,
    "no byline": replace(BASE, author=None),
    "no byline, no source URL": replace(BASE, author=None, source_url=None),
    "no link": replace(BASE, link=""),
    "hostile link": replace(BASE, link="javascript:alert(1)", image_url="data:image/png;base64,AAAA"),
    "no content": replace(BASE, content_html=""),
    "no summary": replace(BASE, summary=""),
    "no language": replace(BASE, language=None),
    "image with type and length": replace(BASE, image_url="https://example.org/i.webp", image_type="image/webp",
                                          image_length=1234),
    "image guessed": replace(BASE, image_url="https://example.org/i.PNG?v=2"),
    "related versions": replace(BASE, related=(Link("https://example.fr/b", "Source FR", "fr"),
                                               Link("https://example.org/a?x=1&y=2", "same as the entry", "de"),
                                               Link("https://example.fr/b", "twice", "fr"),
                                               Link("https://example.pl/c", None, None))),
    "control characters": replace(BASE, title="Tab\there\x00 nul\x0b vt\r\ncrlf \ud800", summary="\x1f",
                                  source_name="Name\x08"),
    "no tags, categories kept": replace(BASE, tags=(), categories=("Cluster",)),
    "unknown tag kind": replace(BASE, tags=(Tag("other", "x", 0.9, "text"),)),
    "microseconds and another zone": replace(BASE, published=datetime(2025, 12, 31, 23, 59, 59, 123456,
                                                                       tzinfo=ZoneInfo("Europe/Berlin"))),
}
META = FeedMeta(feed_id="https://feeds.example/feeds/all", title="ClusterFeeds – Alle",
                self_url="https://feeds.example/feeds/all.atom?x=1&y=2", home_url="https://feeds.example/",
                base_url="https://feeds.example", description="Nachrichten", language="de",
                labels={"country:de": "Deutschland", "topic:funding": "Förderung"},
                next_url="https://feeds.example/feeds/all.atom?before=1",
                first_url="https://feeds.example/feeds/all.atom", hub_url="https://hub.example/",
                source_feed_url="https://feeds.example/feeds/sources/{id}.atom")
METAS = {
    "every link": META,
    "plain": FeedMeta(feed_id="https://feeds.example/feeds/all", title="T", self_url="https://feeds.example/a",
                      home_url="https://feeds.example/"),
    "empty feed": replace(META, updated=PUBLISHED),
}


def assert_as_feedgen(fmt: str, meta: FeedMeta, entries: list[Entry]) -> bool:
    """The document equals feedgen's; True. Where feedgen could not render the input (an entry without
    a link in a feed without source feeds; without title, content and summary), the document is
    well-formed instead; False."""
    body = render(fmt, meta, entries).body
    try:
        expected = render_reference(fmt, meta, entries)
    except (AttributeError, ValueError):
        etree.fromstring(body)
        return False
    assert body == expected
    return True


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("shape", list(ENTRIES))
def test_each_entry_shape_renders_as_feedgen_did(fmt: str, shape: str) -> None:
    entries = [ENTRIES[shape], replace(BASE, entry_id="tag:example.org,2026:story:2")]
    compared = [assert_as_feedgen(fmt, meta, entries) for meta in METAS.values()]
    assert compared[0]  # the feeds the service builds always have source feeds: always compared


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_an_empty_feed_renders_as_feedgen_did(fmt: str) -> None:
    assert all(assert_as_feedgen(fmt, meta, []) for meta in METAS.values())


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_the_filled_store_renders_as_feedgen_did(filled_store: tuple[Store, object], fmt: str) -> None:
    """The real pipeline's stories (tests/support/filled.py): every version, tag and byline it produced."""
    entries = filled_store[0].feeds.page(FeedFilter(), 500).entries
    assert len(entries) > 20
    assert all(assert_as_feedgen(fmt, meta, entries) for meta in METAS.values())
