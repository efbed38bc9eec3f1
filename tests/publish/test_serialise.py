"""Atom and RSS documents are indented by libxml2 as it writes them: byte for byte what indenting the
tree first (`etree.indent(root, space="  ")`) and writing it gave, for entries with empty, blank and
multi-line texts, without a source name or author, with related links and images."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from typing import Any

import pytest
from lxml import etree

from feeds.model import Entry, Link, Tag
from feeds.publish.render import FeedMeta, render

rendering = importlib.import_module("feeds.publish.render")  # the package's `render` is the function
WHEN = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
TEXTS = ("", " ", "\n", "a\nb", "  padded  ", "<p>x</p>\n<p>y &amp; z</p>", "Łódź \u2028 ü")


def entries() -> list[Entry]:
    return [Entry(entry_id=f"tag:x,2026:{n}", title=TEXTS[n % len(TEXTS)], link=f"https://example.org/{n}" if n % 4
                  else "", summary=TEXTS[(n + 1) % len(TEXTS)], content_html=TEXTS[(n + 2) % len(TEXTS)],
                  published=WHEN, updated=WHEN, language="de" if n % 2 else None, source_id=f"s{n % 3}",
                  source_name=TEXTS[(n + 3) % len(TEXTS)], author=TEXTS[n % len(TEXTS)] if n % 3 else None,
                  image_url=f"https://example.org/{n}.png" if n % 2 else None, image_length=n or None,
                  source_url="https://example.org/" if n % 5 else None,
                  related=(Link("https://example.org/r", TEXTS[n % len(TEXTS)], "en"),) if n % 2 else (),
                  categories=("Cluster",), tags=(Tag("country", "pl", 0.9, "text"),) if n % 3 else ())
            for n in range(14)]


def indented_first(root: Any) -> bytes:
    etree.indent(root, space="  ")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("count", [0, 1, 14])
def test_a_document_is_what_indenting_the_tree_first_wrote(fmt: str, count: int,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    meta = FeedMeta(feed_id="https://example.org/feeds/all", title="T", self_url="https://example.org/f",
                    home_url="https://example.org/", base_url="https://example.org", language="de",
                    next_url="https://example.org/n", hub_url="https://hub.example.org/", updated=WHEN)
    body = render(fmt, meta, entries()[:count]).body
    monkeypatch.setattr(rendering, "_serialise", indented_first)
    assert body == render(fmt, meta, entries()[:count]).body
    assert not body.endswith(b"\n")
