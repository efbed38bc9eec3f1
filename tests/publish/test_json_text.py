"""JSON Feed documents are written by `render.json_text`: exactly what `json.dumps(..., ensure_ascii=False,
indent=1)` writes, for every kind of value a document holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from feeds.model import Entry, Link, Tag
from feeds.publish.render import FeedMeta, json_text, render

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
