"""Stored fingerprints decoded once per process (feeds/store/fingerprints.py): a later batch that
shows the matcher the same stored items decodes none of them again, and a fingerprint rewritten since
(here or through another store on the same database) is decoded afresh."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from feeds.model import Item
from feeds.process.dedup import Fingerprint
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.fingerprints import DecodedFingerprints
from feeds.store.schema import items
from feeds.store.testing import engine_of
from tests.support.stories import CP, ENGLISH, GERMAN, NOW, REPUBLISHED, item, open_store


def save(store: Store, settings: Settings, entry: Item, now: datetime) -> None:
    store.items.save(entry.source_id, [entry], now, "feeds.test", dedup=build_deduplicator(settings))


def stored(store: Store, key: str) -> tuple[int, str]:
    """An item's id and its stored fingerprint, as the column's text."""
    with engine_of(store).connect() as connection:
        row = connection.execute(sa.select(items.c.id, sa.cast(items.c.fingerprint, sa.Text))
                                 .where(items.c.key == key)).one()
    return row[0], row[1]


def never(_payload: Mapping[str, Any]) -> Fingerprint:
    raise AssertionError("decoded again")


def test_a_payload_is_decoded_once_and_again_when_it_changes() -> None:
    decoded = DecodedFingerprints(size=2)
    loads: list[Mapping[str, Any]] = []

    def load(payload: Mapping[str, Any]) -> Mapping[str, Any]:
        loads.append(payload)
        return payload

    first, rewritten = json.dumps({"title": "a"}), json.dumps({"title": "b"})
    assert decoded.decoded(1, first, load) == {"title": "a"}
    assert decoded.decoded(1, first, load) is loads[0]
    assert decoded.decoded(1, rewritten, load) == {"title": "b"}  # the row holds another payload now
    assert (len(loads), decoded.hits, decoded.misses) == (2, 1, 2)
    decoded.decoded(2, first, load)
    decoded.decoded(1, rewritten, load)  # used again: item 2 is now the least recently used
    decoded.decoded(3, first, load)
    assert len(decoded) == 2
    assert decoded.decoded(1, rewritten, never) == {"title": "b"}
    assert decoded.decoded(3, first, never) == {"title": "a"}
    assert len(loads) == 4
    decoded.decoded(2, first, load)  # dropped: decoded again
    assert len(loads) == 5


def test_later_batches_decode_the_stored_members_they_have_seen_once(settings: Settings) -> None:
    store = open_store(settings)
    save(store, settings, GERMAN, NOW)
    save(store, settings, ENGLISH, NOW + timedelta(hours=1))  # joins: the German item's fingerprint decoded
    assert (store.items.decoded.hits, store.items.decoded.misses) == (0, 1)
    save(store, settings, REPUBLISHED, NOW + timedelta(hours=2))  # the German one kept, the English one new
    assert store.items.decoded.hits >= 1
    assert store.items.decoded.misses == 2
    [entry] = store.feeds.latest(10)
    assert entry.link == ENGLISH.canonical_url
    assert len(entry.related) == 2
    store.close()


def test_a_fingerprint_rewritten_by_another_store_is_decoded_afresh(settings: Settings) -> None:
    ours, theirs = open_store(settings), Store.open(settings.database_url)  # theirs: another scheduler
    save(ours, settings, GERMAN, NOW)
    save(ours, settings, ENGLISH, NOW + timedelta(hours=1))
    german_id, before = stored(ours, CP)
    assert ours.items.decoded.decoded(german_id, before, never).title == "Europäische Clusterkonferenz 2024 in Brüssel"
    edited = item("cp", CP, "Europäische Clusterkonferenz 2024 in Brüssel: Programm online",
                  "Das Programm der European Cluster Conference 2024 am 14. Mai 2024 in Brüssel ist online. Rund 500 "
                  "Teilnehmende diskutieren über Resilienz und den European Competitiveness Fund.", "de", 16)
    save(theirs, settings, edited, NOW + timedelta(hours=2))
    _, after = stored(ours, CP)
    assert after != before
    misses = ours.items.decoded.misses
    save(ours, settings, REPUBLISHED, NOW + timedelta(hours=3))  # shown the story with the edited item
    assert ours.items.decoded.misses > misses
    assert ours.items.decoded.decoded(german_id, after, never).title == (
        "Europäische Clusterkonferenz 2024 in Brüssel: Programm online")
    ours.close()
    theirs.close()
