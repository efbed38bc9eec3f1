"""A batch fingerprinted ahead (`PreparedBatch`) makes the very stories the deduplicator makes."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

from feeds.process.dedup.batch import PreparedBatch
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store
from tests.support.filled import NOW, SOURCES, fill_sqlite, processed, write_config


def _stories(store: Store) -> set[frozenset[tuple[str, str]]]:
    """The stories as sets of (source, item key): entry ids are random, membership is the decision."""
    members: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for member, entry_id in store.items.stories_of_items().items():
        members[entry_id].add(member)
    return {frozenset(found) for found in members.values()}


def test_fingerprints_of_the_batch_are_the_deduplicators_and_others_are_computed() -> None:
    settings = Settings()
    dedup = build_deduplicator(settings)
    (_, batch), *_ = processed(settings.summary_length, settings.languages)
    prepared = PreparedBatch.of(dedup, batch[:5])
    assert [prepared.fingerprint(item) for item in batch[:8]] == [dedup.fingerprint(item) for item in batch[:8]]
    copy = dataclasses.replace(batch[0])  # equal, but not the item fingerprinted ahead
    assert prepared.fingerprint(copy) == dedup.fingerprint(copy)


def test_the_fixture_platforms_make_the_same_stories_with_prepared_batches(settings: Settings,
                                                                          tmp_path: Path) -> None:
    write_config(settings.config_dir)
    store = Store.open(settings.database_url)
    store.sources.sync(SOURCES.values())
    for source_id, batch in processed(settings.summary_length, settings.languages):
        prepared = PreparedBatch.of(build_deduplicator(settings), batch)
        store.items.save(source_id, batch, NOW, settings.entry_id_authority, dedup=prepared)
    plain = dataclasses.replace(settings, database_url=f"sqlite:///{tmp_path / 'plain.db'}")
    fill_sqlite(plain)  # the pipeline's own fill, with the deduplicator itself
    reference = Store.open(plain.database_url)
    try:
        assert _stories(store) == _stories(reference)
        assert any(len(story) > 1 for story in _stories(store))
    finally:
        store.close()
        reference.close()
