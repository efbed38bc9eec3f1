"""JSON Feed documents are written by `render.json_text`: exactly what `json.dumps(..., ensure_ascii=False,
indent=1)` writes, for every kind of value a document holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from feeds.model import Entry, Link, Tag
from feeds.publish.render import FeedMeta, json_text, render
from tests.support.json_render import render_json_reference

VALUES: list[Any] = [
    {}, [], (), "", 0, -7, 2**70, 0.1, 1e300, -0.0, float("nan"), float("inf"), True, False, None,
    "ü \u2028 \u2029 \x00 \x1f \x7f \" \\ / \t\n\r \ud800 \U0001f600 <&>",
    {"a": [], "b": {}, "c": [1, "x", None, [True, {"d": 1.5}]], "é": ("tuple", 2), "": {"": ""}},
    [[[]], [{}], [{"k": [{"k": []}]}]],
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_every_kind_of_value_is_written_as_the_json_module_writes_it(value: Any) -> None:
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=1)
    assert json_text({"items": [value, value]}) == json.dumps({"items": [value, value]}, ensure_ascii=False, indent=1)


def test_a_json_feed_is_the_json_module_s_document() -> None:
    when = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
    entries = [Entry(entry_id=f"tag:x,2026:{n}", title=f"Wasserstoff \u00fcber \u0141\u00f3d\u017a {n} \"quoted\"",
                     link=f"https://example.org/{n}", summary="s\u2028", content_html="<p>a&amp;b</p>\n",
                     published=when, updated=when, language="de" if n % 2 else None, source_id="s",
                     source_name="Quelle", author="Redaktion" if n % 3 else None,
                     image_url=f"https://example.org/{n}.png" if n % 2 else None,
                     related=(Link("https://example.org/r", "R", "en"),) if n % 2 else (),
                     categories=("Cluster",), tags=(Tag("country", "pl", 0.9, "text"), Tag("topic", "funding", 0.8,
                                                                                           "text")))
               for n in range(5)]
    meta = FeedMeta(feed_id="https://example.org/feeds/all.json", title="T", self_url="https://example.org/f.json",
                    home_url="https://example.org/", base_url="https://example.org", next_url="https://example.org/n",
                    hub_url="https://hub.example.org/", labels={"country:pl": "Polen"})
    body = render("json", meta, entries).body
    assert body == json.dumps(json.loads(body), ensure_ascii=False, indent=1).encode("utf-8")
    assert len(json.loads(body)["items"]) == 5


WHEN = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
TEXTS = ("", " ", "\n", "a\nb", "<p>x</p>\n<p>y &amp; z</p>", "Łódź \u2028 ü \U0001f600", 'q"u\\o\tt\r\ne>s/')
# every character XML 1.0 allows (render keeps only those), in pieces
ALLOWED = "".join(chr(code) for code in (0x9, 0xA, 0xD, *range(0x20, 0xD800), *range(0xE000, 0xFFFE),
                                         *range(0x10000, 0x110000, 97)))


def shapes() -> list[Entry]:
    """Entries with and without each optional value, texts empty, blank, multi-line and with characters to escape."""
    return [Entry(entry_id=f"tag:x,2026:{n}", title=TEXTS[n % len(TEXTS)],
                  link=f"https://example.org/{n}?a=1&b=\"2\"" if n % 4 else "", summary=TEXTS[(n + 1) % len(TEXTS)],
                  content_html=TEXTS[(n + 2) % len(TEXTS)], published=WHEN, updated=WHEN,
                  language="de" if n % 2 else None, source_id=f"s{n % 3}", source_name=TEXTS[(n + 3) % len(TEXTS)],
                  author=TEXTS[n % len(TEXTS)] or None if n % 3 else None,
                  image_url=f"https://example.org/{n}.png" if n % 2 else None, image_length=n or None,
                  related=tuple(Link(f"https://example.org/r{k}", TEXTS[(n + k) % len(TEXTS)] or None,
                                     "en" if k % 2 else None) for k in range(n % 4)),
                  categories=("Cluster",),
                  tags=(Tag("country", "pl", 0.9, "text"), Tag("topic", "funding", 0.7, "text"))[:n % 3])
            for n in range(16)]


@pytest.mark.parametrize("count", [0, 1, 16])
def test_items_are_written_as_the_json_module_wrote_their_dictionaries(count: int) -> None:
    meta = FeedMeta(feed_id="https://example.org/feeds/all.json", title="T", self_url="https://example.org/f.json",
                    home_url="https://example.org/", base_url="https://example.org", language="de",
                    next_url="https://example.org/n", hub_url="https://hub.example.org/",
                    labels={"country:pl": "Polen \"PL\"", "topic:funding": ""})
    assert render("json", meta, shapes()[:count]).body == render_json_reference(meta, shapes()[:count])


def test_every_character_is_written_as_the_json_module_wrote_it() -> None:
    for start in range(0, len(ALLOWED), 8_000):
        piece = ALLOWED[start:start + 8_000]
        url = "https://example.org/?" + piece
        entry = Entry(entry_id=piece, title=piece, link=url, summary=piece, content_html=piece, published=WHEN,
                      updated=WHEN, language=piece, source_id=piece, source_name=piece, author=piece, image_url=url,
                      related=(Link(url + "r", piece, piece),), tags=(Tag("country", piece, 0.9, "text"),))
        meta = FeedMeta(feed_id=piece, title=piece, self_url=url, home_url=url, base_url=piece, description=piece,
                        labels={f"country:{piece}": piece})
        assert render("json", meta, [entry]).body == render_json_reference(meta, [entry])
