"""Atom and RSS documents are written as text directly: byte for byte what the lxml trees of before gave
(tests/support/lxml_render.py), written indented by libxml2 or indented by `etree.indent` first, for entries
with empty, blank and multi-line texts, without a source name or author, with related links and images, and
for every character XML 1.0 allows in every text and attribute the documents carry."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from lxml import etree

from feeds.model import Entry, Link, Tag
from feeds.publish.render import FeedMeta, render
from tests.support.lxml_render import render_lxml

WHEN = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
TEXTS = ("", " ", "\n", "a\nb", "  padded  ", "<p>x</p>\n<p>y &amp; z</p>", "Łódź \u2028 ü", 'q"u\'o\tt\r\ne>s')
META = FeedMeta(feed_id="https://example.org/feeds/all", title="T", self_url="https://example.org/f",
                home_url="https://example.org/", base_url="https://example.org", language="de",
                next_url="https://example.org/n", hub_url="https://hub.example.org/", updated=WHEN)
# every character XML 1.0 allows, in pieces of a few thousand (a text of all of them at once is slow to compare)
ALLOWED = "".join(chr(code) for code in (0x9, 0xA, 0xD, *range(0x20, 0xD800), *range(0xE000, 0xFFFE),
                                         *range(0x10000, 0x110000, 97)))
PIECES = [ALLOWED[start:start + 8_000] for start in range(0, len(ALLOWED), 8_000)]


def entries() -> list[Entry]:
    return [Entry(entry_id=f"tag:x,2026:{n}", title=TEXTS[n % len(TEXTS)], link=f"https://example.org/{n}" if n % 4
                  else "", summary=TEXTS[(n + 1) % len(TEXTS)], content_html=TEXTS[(n + 2) % len(TEXTS)],
                  published=WHEN, updated=WHEN, language="de" if n % 2 else None, source_id=f"s{n % 3}",
                  source_name=TEXTS[(n + 3) % len(TEXTS)], author=TEXTS[n % len(TEXTS)] if n % 3 else None,
                  image_url=f"https://example.org/{n}.png" if n % 2 else None, image_length=n or None,
                  source_url="https://example.org/" if n % 5 else None,
                  related=(Link("https://example.org/r", TEXTS[n % len(TEXTS)], "en"),) if n % 2 else (),
                  categories=("Cluster",), tags=(Tag("country", "pl", 0.9, "text"),) if n % 3 else ())
            for n in range(16)]


def every_character(piece: str) -> Entry:
    """An entry carrying `piece` in every text and, where a URL allows it, in the URL's query."""
    url = "https://example.org/?" + piece
    return Entry(entry_id=piece, title=piece, link=url, summary=piece, content_html=piece, published=WHEN,
                 updated=WHEN, language=piece, source_id=piece, source_name=piece, author=piece, image_url=url,
                 image_type=piece, image_length=7, source_url=url, related=(Link(url + "r", piece, piece),),
                 categories=(piece,), tags=(Tag("country", piece, 0.9, "text"), Tag("topic", piece, 0.8, "text")))


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("count", [0, 1, 16])
def test_a_document_is_what_the_lxml_tree_wrote(fmt: str, count: int) -> None:
    body = render(fmt, META, entries()[:count]).body
    assert body == render_lxml(fmt, META, entries()[:count])
    assert body == render_lxml(fmt, META, entries()[:count], indent_first=True)
    assert not body.endswith(b"\n")


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_every_character_is_written_as_libxml2_wrote_it(fmt: str) -> None:
    for piece in PIECES:
        meta = replace(META, feed_id=piece, title=piece, description=piece, language=piece, first_url=META.self_url,
                       self_url=META.self_url + "?" + piece, home_url=piece, labels={f"country:{piece}": piece},
                       base_url=piece, source_feed_url="https://example.org/{id}?" + piece)
        body = render(fmt, meta, [every_character(piece)]).body
        assert body == render_lxml(fmt, meta, [every_character(piece)])
        etree.fromstring(body)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_absent_and_empty_values_are_written_as_the_tree_wrote_them(fmt: str) -> None:
    """None leaves an element's text out (`<x/>`), an empty text is written (`<x></x>`); empty attributes as before."""
    bare = Entry(entry_id="", title="", link="", summary="", content_html="", published=WHEN, updated=WHEN,
                 language=None, source_id="", source_name="", author=None, image_url=None, source_url=None,
                 tags=(Tag("country", "", 0.9, "text"),))
    metas = [replace(META, source_feed_url=""), replace(META, labels={"country:": ""}, base_url="", language=None,
                                                         next_url=None, hub_url=None, home_url="", self_url="")]
    for meta in metas:
        assert render(fmt, meta, [bare]).body == render_lxml(fmt, meta, [bare])
