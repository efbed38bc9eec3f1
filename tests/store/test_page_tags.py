"""A page's tags (feeds/store/queries.py, `_tags`): decoded from the tags column's JSON, sorted, and each
distinct tag built once."""

from __future__ import annotations

import json

import pytest

from feeds.model import Tag
from feeds.store import queries


def test_tags_are_sorted_by_kind_confidence_and_code_and_shared_between_stories() -> None:
    column = json.dumps([["topic", "funding", "0.7", "text"], ["country", "de", "0.9", "source"],
                         ["country", "at", "0.9", "text"], ["country", "fr", "0.55", "text"]])
    first = queries._tags(column)
    assert first == (Tag("country", "at", 0.9, "text"), Tag("country", "de", 0.9, "source"),
                     Tag("country", "fr", 0.55, "text"), Tag("topic", "funding", 0.7, "text"))
    again = queries._tags(json.dumps([["country", "de", "0.9", "source"]]))
    assert again[0] is first[1]  # the same tag of another story is the same (frozen) object
    assert queries._tags(None) == ()
    assert queries._tags("[]") == ()
    # the confidence as the database wrote it reads back to the same float
    assert queries._tags(json.dumps([["topic", "x", "0.30000000000000004", "text"]]))[0].confidence == 0.1 + 0.2


def test_the_shared_tags_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "_TAGS_SHARED", {})
    monkeypatch.setattr(queries, "_TAGS_SHARED_MAX", 2)
    for code in ("a", "b", "c", "d", "e"):
        assert queries._tags(json.dumps([["topic", code, "0.5", "text"]])) == (Tag("topic", code, 0.5, "text"),)
        assert len(queries._TAGS_SHARED) <= 2
