"""`clusterfeeds refingerprint`: stored items fingerprinted again after the method changed, on SQLite and
PostgreSQL. A new item is compared with what the stored ones' fingerprints say; one written by an older method
(fewer features, other lookup keys) can keep a later version of its story from finding it."""

from __future__ import annotations

import dataclasses
import shutil
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from feeds.cli import cli
from feeds.model import Link, item_metadata
from feeds.runner import refingerprint_stories
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import dedup_keys, item_of, items
from feeds.store.testing import engine_of
from tests.support.paths import CONFIG
from tests.support.stories import CP, ECCP, ENGLISH, GERMAN, NOW, POLISH, TAGGER, by_link, collect, open_store


def stored_store(settings: Settings) -> Store:
    """GERMAN and POLISH collected, with the shipped taxonomy in the config folder (the fingerprints' topic
    words and places come from it, as in a deployment)."""
    for name in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / name, settings.config_dir / name)
    store = open_store(settings)
    collect(store, settings, GERMAN)
    collect(store, settings, POLISH)
    return store


def state(store: Store) -> dict[str, tuple[Any, frozenset[str], int]]:
    """key -> (stored fingerprint, lookup keys, story id) of every item."""
    with engine_of(store).connect() as connection:
        rows = connection.execute(sa.select(items.c.id, items.c.key, items.c.fingerprint, items.c.story_id)).all()
        keys = connection.execute(sa.select(dedup_keys.c.item_id, dedup_keys.c.key)).all()
    return {row.key: (row.fingerprint, frozenset(key for item_id, key in keys if item_id == row.id), row.story_id)
            for row in rows}


def make_stale(store: Store, key: str) -> None:
    """As an older method left the item: a fingerprint that read no rare words, features or stage, and lookup
    keys it no longer has."""
    with engine_of(store).begin() as connection:
        row = connection.execute(sa.select(items.c.id, items.c.fingerprint).where(items.c.key == key)).one()
        older = {**row.fingerprint, "terms": [], "feat": [], "stage": None, "tnames": [], "tplaces": [], "sig": ""}
        connection.execute(sa.update(items).where(items.c.id == row.id).values(fingerprint=older))
        connection.execute(sa.delete(dedup_keys).where(dedup_keys.c.item_id == row.id))


def test_refingerprint_rewrites_what_changed_and_keeps_the_stories(settings: Settings) -> None:
    store = stored_store(settings)
    fresh = state(store)
    make_stale(store, CP)
    assert state(store)[CP][0] != fresh[CP][0]
    progress: list[tuple[int, int, int]] = []

    assert refingerprint_stories(store, settings, 1, lambda *step: progress.append(step)) == (2, 1)

    assert state(store) == fresh  # the fingerprint and the lookup keys as a new save writes them; stories as they were
    assert [step[:2] for step in progress] == [(1, 2), (2, 2)]
    assert progress[-1][2] == 1
    assert refingerprint_stories(store, settings, 500) == (2, 0)  # nothing left to change


@pytest.mark.parametrize("refingerprinted", [True, False])
def test_a_later_version_finds_its_story_once_the_stored_item_is_refingerprinted(settings: Settings,
                                                                                refingerprinted: bool) -> None:
    store = stored_store(settings)
    make_stale(store, CP)
    if refingerprinted:
        refingerprint_stories(store, settings, 500)

    collect(store, settings, ENGLISH)

    versions = sorted(sorted([link, *entry["related"]]) for link, entry in by_link(store).items())
    if refingerprinted:  # one story: the English announcement joined the German report
        assert versions == sorted([sorted([CP, ECCP]), [POLISH.url]])
    else:
        assert versions == sorted([[CP], [ECCP], [POLISH.url]])


def test_the_command_reports_what_it_did(settings: Settings) -> None:
    store = stored_store(settings)
    make_stale(store, CP)
    store.close()
    arguments = ["--config-dir", str(settings.config_dir), "--database-url", settings.database_url,
                 "refingerprint", "--batch-size", "1"]

    result = CliRunner().invoke(cli, arguments)

    assert result.exit_code == 0, result.output
    assert "refingerprinted 2 items, 1 with a changed fingerprint" in result.output
    assert "refingerprint: 2/2 items, 1 changed" in result.output
    again = CliRunner().invoke(cli, arguments)
    assert "refingerprinted 2 items, 0 with a changed fingerprint" in again.output


def test_a_stored_row_reads_back_as_the_item_that_was_saved(settings: Settings) -> None:
    store = open_store(settings)
    saved = dataclasses.replace(
        TAGGER.tag_item(GERMAN), author="Redaktion", image_url="https://cp.test/a.png", image_type="image/png",
        image_length=1234, categories=("Konferenz", "EU"), dated=False, fetch_hash="f" * 64,
        links=(Link(ECCP, "ECCP", "en"), Link("https://cp.test/b")),
        metadata=item_metadata({"origin": "ECCP", "read_more": [ECCP]}))
    store.items.save("cp", [saved], NOW, "feeds.test")
    with engine_of(store).connect() as connection:
        row = connection.execute(sa.select(items).where(items.c.key == CP)).one()

    assert item_of(row) == saved
