"""Item metadata: one typed vocabulary (`model.ItemMetadata`), read from untyped JSON in one place."""

from __future__ import annotations

import json
from typing import get_type_hints

import pytest

from feeds.model import METADATA_ALIASES, ItemMetadata, MetadataError, item_metadata

WHOLE: ItemMetadata = {
    "content_type": "event", "part_of": "https://cp.test/nl.html", "newsletter": "Newsletter 3/2024",
    "kicker": "Newsletter", "subtitle": None, "date_in_header": True, "origin": "Clusterplattform Deutschland",
    "editorial": {"date": "2024-03-12", "editor": "Anna Beispiel", "organisation": None},
    "countries": ["Polen", "EU"], "topics": ["Wirtschaft, Märkte"],
    "read_more": [{"href": "https://eccp.test/news/x", "title": "ECCP: X"}],
    "node_id": 42, "organisation": "Cluster X", "organisation_path": "/organisations/x",
    "organisation_country": "pt", "sectors": ["Textile"], "author_truncated": False,
    "event": {"start": "2024-05-14", "end": "2024-05-15", "location": "Brussels", "organised_by": None,
              "target": None, "type": "Conference", "other_properties": ["Online"]},
    "fields": {"headline": "Eine Überschrift"},
}


def test_every_key_survives_the_store_json() -> None:
    assert set(WHOLE) == set(get_type_hints(ItemMetadata)), "WHOLE names every key"
    assert item_metadata(json.loads(json.dumps(WHOLE)), strict=True) == WHOLE


def test_other_names_are_read_as_their_key() -> None:
    metadata = item_metadata({"countries": ["EU"], "Laender": ["Polen", "EU"], "themen": "Innovation", "tags": ["ICT"],
                              "quelle": "", "source_name": "ECCP", "kind": "newsletter",
                              "zum_nachlesen": ["https://cp.test/a", "siehe oben"], "og:url": "https://cp.test/b"})
    assert metadata == {"countries": ["EU", "Polen"], "topics": ["Innovation"], "sectors": ["ICT"],
                        "origin": "ECCP", "content_type": "newsletter",
                        "read_more": [{"href": "https://cp.test/a", "title": None},
                                      {"href": "https://cp.test/b", "title": None}]}
    assert set(METADATA_ALIASES.values()) <= set(get_type_hints(ItemMetadata))


def test_texts_under_names_of_no_key_are_operator_fields() -> None:
    assert item_metadata({"headline": "H", "kicker": "K", "teaser": None}) == {
        "fields": {"headline": "H", "teaser": None}, "kicker": "K"}
    # a row stored before `fields` next to one stored after: both are kept
    assert item_metadata({"headline": "H", "fields": {"teaser": "T"}}) == {"fields": {"teaser": "T", "headline": "H"}}


@pytest.mark.parametrize(("values", "message"), [
    ({"countries": 3}, "metadata 'countries': a int, not a list of texts"),
    ({"laender": ["Polen", 7]}, "metadata 'laender': a list, not a list of texts"),
    ({"node_id": True}, "metadata 'node_id': a bool, not a whole number"),
    ({"editorial": {"editor": "A", "when": "today"}}, "metadata 'editorial': unknown fields \\['when'\\]"),
    ({"read_more": [{"title": "no link"}]}, "metadata 'read_more': a reference without an href"),
    ({"headline": ["a", "list"]}, "metadata 'headline': a list, not text"),
])
def test_a_wrong_shape_is_named_when_strict_and_left_out_otherwise(values: dict[str, object], message: str) -> None:
    with pytest.raises(MetadataError, match=message):
        item_metadata(values, strict=True)
    assert item_metadata({**values, "kicker": "kept"}) == {"kicker": "kept"}
