"""Editorial corrections in the store: applied at once, kept through retag, re-collects and merges, undone exactly.

Runs on SQLite and, with CLUSTERFEEDS_TEST_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from feeds.model import Item, Tag
from feeds.process.normalise import content_hash
from feeds.runner import build_deduplicator, retag_stories
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.corrections import Correction, CorrectionError, NotFoundError
from tests.support.stories import (
    ENGLISH,
    GERMAN,
    NOW,
    POLISH,
    REPUBLISHED,
    TAGGER,
    by_link,
    collect,
    feed,
    item_id,
    open_store,
)


def edited(entry: Item, sentence: str) -> Item:
    """The same item (same source and key) after its source changed the text."""
    text = entry.summary + " " + sentence
    return replace(entry, content_html=f"<p>{entry.content_html[3:-4]} {sentence}</p>", summary=text[:100],
                   content_hash=content_hash(entry.title, text), updated=entry.updated + timedelta(days=1))


def correct(store: Store, action: str, story: str, **values: Any) -> Any:
    return store.corrections.apply(Correction(action, story, "ed", "test", **values))


def test_a_removed_tag_stays_removed_after_retag_and_a_changed_recollect(settings: Settings) -> None:
    store = open_store(settings)
    tagged = TAGGER.tag_item(POLISH)
    stale = replace(tagged, tags=(*tagged.tags, Tag("topic", "health", 0.9, "text")))  # tagged by an older taxonomy
    store.items.save("fc", [stale], NOW, "feeds.test", dedup=build_deduplicator(settings, TAGGER.taxonomy))
    [entry] = feed(store)
    assert ("country", "pl", "text") in entry["tags"]
    version = store.feeds.version()
    recorded = correct(store, "remove_tag", entry["id"], kind="country", code="pl")
    correct(store, "add_tag", entry["id"], kind="topic", code="energy")
    assert store.feeds.version() == version + 2
    expected = [tag for tag in entry["tags"] if tag[1] != "pl"] + [("topic", "energy", "editor")]
    assert feed(store)[0]["tags"] == sorted(expected)

    assert retag_stories(store, TAGGER, 500) == (1, 1)  # the story's tags are computed again
    expected.remove(("topic", "health", "text"))
    assert feed(store)[0]["tags"] == sorted(expected)
    collect(store, settings, edited(POLISH, "Poland hosts the first meeting."), now=NOW + timedelta(hours=1))
    [after] = feed(store)
    assert after["id"] == entry["id"]
    assert ("country", "pl", "text") not in after["tags"]
    assert ("topic", "energy", "editor") in after["tags"]
    assert recorded.editor == "ed"
    assert recorded.action == "remove_tag"
    assert recorded.active
    store.close()


@pytest.mark.parametrize("order", ["german first", "english first"])
def test_a_split_item_never_rejoins_its_old_story(settings: Settings, order: str) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH)
    [story] = feed(store)
    assert story["related"] == [GERMAN.canonical_url]
    version = store.feeds.version()
    recorded = correct(store, "split", story["id"], item_id=item_id(store, GERMAN.canonical_url))
    assert store.feeds.version() == version + 1
    stories = by_link(store)
    assert stories[ENGLISH.canonical_url]["id"] == story["id"]  # the old entry id keeps the rest
    split_id = stories[GERMAN.canonical_url]["id"]
    assert split_id != story["id"]
    assert recorded.other_story == split_id
    assert stories[ENGLISH.canonical_url]["related"] == []
    assert stories[GERMAN.canonical_url]["related"] == []

    changes = [edited(GERMAN, "Das Programm steht online."), edited(ENGLISH, "The agenda is online.")]
    for entry in changes if order == "german first" else changes[::-1]:
        collect(store, settings, entry, now=NOW + timedelta(hours=2))
    collect(store, settings, REPUBLISHED, now=NOW + timedelta(hours=3))  # links the English version, names both
    stories = by_link(store)
    assert stories[ENGLISH.canonical_url]["id"] == story["id"]
    assert stories[GERMAN.canonical_url]["id"] == split_id
    assert GERMAN.canonical_url not in stories[ENGLISH.canonical_url]["related"]
    store.close()


def test_a_merge_survives_recollecting_both_sources(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, POLISH)
    collect(store, settings, GERMAN, now=NOW + timedelta(hours=1))
    older, newer = by_link(store)[POLISH.canonical_url]["id"], by_link(store)[GERMAN.canonical_url]["id"]
    correct(store, "merge", newer, other_story=older)
    [merged] = feed(store)
    assert merged["id"] == older
    assert merged["related"] == [GERMAN.canonical_url]
    assert store.feeds.resolve_entry_id(newer) == older
    collect(store, settings, edited(GERMAN, "Neu."), edited(POLISH, "New."), now=NOW + timedelta(hours=2))
    assert [entry["id"] for entry in feed(store)] == [older]
    store.close()


def test_a_pinned_primary_holds_when_a_version_joins(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN)
    [story] = feed(store)
    correct(store, "pin", story["id"], item_id=item_id(store, GERMAN.canonical_url))
    collect(store, settings, ENGLISH, now=NOW + timedelta(hours=1))  # the deduplicator would show the English one
    [after] = feed(store)
    assert after["link"] == GERMAN.canonical_url
    assert after["related"] == [ENGLISH.canonical_url]
    store.close()


def test_a_hidden_story_leaves_every_feed_and_stays_in_the_store(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, POLISH)
    hidden = by_link(store)[GERMAN.canonical_url]["id"]
    correct(store, "hide", hidden)
    assert [entry["link"] for entry in feed(store)] == [POLISH.canonical_url]
    assert store.items.story_count() == 2
    assert store.feeds.resolve_entry_id(hidden) == hidden
    collect(store, settings, ENGLISH, now=NOW + timedelta(hours=1))  # a new version joins the hidden story
    assert [entry["link"] for entry in feed(store)] == [POLISH.canonical_url]
    with pytest.raises(CorrectionError, match="already hidden"):
        correct(store, "hide", hidden)
    store.close()


@pytest.mark.parametrize("action", ["remove_tag", "add_tag", "split", "merge", "pin", "hide"])
def test_undo_restores_the_previous_state_exactly(settings: Settings, action: str) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH, POLISH)
    before = feed(store)
    target = by_link(store)[ENGLISH.canonical_url]["id"]
    values: dict[str, Any] = {
        "remove_tag": {"kind": "country", "code": "eu"}, "add_tag": {"kind": "country", "code": "mt"},
        "split": {"item_id": item_id(store, GERMAN.canonical_url)},
        "merge": {"other_story": by_link(store)[POLISH.canonical_url]["id"]},
        "pin": {"item_id": item_id(store, GERMAN.canonical_url)}, "hide": {}}[action]
    recorded = correct(store, action, target, **values)
    assert feed(store) != before
    version = store.feeds.version()
    undone = store.corrections.undo(recorded.id, "chief")
    assert feed(store) == before
    assert store.feeds.version() == version + 1
    assert undone.undone_by == "chief"
    assert undone.undone_at is not None
    assert not undone.active
    assert [row.id for row in store.corrections.recent()] == [recorded.id]  # the audit row stays
    with pytest.raises(CorrectionError, match="already undone"):
        store.corrections.undo(recorded.id, "chief")
    store.close()


def test_undo_waits_for_later_corrections_of_the_same_story(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH)
    [story] = feed(store)
    split = correct(store, "split", story["id"], item_id=item_id(store, GERMAN.canonical_url))
    hide = correct(store, "hide", story["id"])
    with pytest.raises(CorrectionError, match=f"#{hide.id}"):
        store.corrections.undo(split.id, "chief")
    store.corrections.undo(hide.id, "chief")
    store.corrections.undo(split.id, "chief")
    [whole] = feed(store)
    assert whole["id"] == story["id"]
    assert whole["related"] == [GERMAN.canonical_url]
    store.close()


def test_bad_corrections_change_nothing(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, POLISH)
    german, polish = by_link(store)[GERMAN.canonical_url]["id"], by_link(store)[POLISH.canonical_url]["id"]
    before, version = feed(store), store.feeds.version()
    with pytest.raises(NotFoundError, match="no story"):
        correct(store, "hide", "tag:nowhere,2024:story:0")
    with pytest.raises(CorrectionError, match="not a version of this story"):
        correct(store, "split", german, item_id=item_id(store, POLISH.canonical_url))
    with pytest.raises(CorrectionError, match="no other version"):
        correct(store, "split", german, item_id=item_id(store, GERMAN.canonical_url))
    with pytest.raises(CorrectionError, match="same story"):
        correct(store, "merge", german, other_story=german)
    with pytest.raises(CorrectionError, match="kind must be"):
        correct(store, "add_tag", polish, kind="colour", code="red")
    with pytest.raises(CorrectionError, match="reason"):
        store.corrections.apply(Correction("hide", german, "ed", "  "))
    assert feed(store) == before
    assert store.feeds.version() == version
    assert store.corrections.recent() == []
    store.close()


def test_a_merge_of_items_split_apart_is_refused(settings: Settings) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH)
    [story] = feed(store)
    split = correct(store, "split", story["id"], item_id=item_id(store, GERMAN.canonical_url))
    with pytest.raises(CorrectionError, match="split"):
        correct(store, "merge", story["id"], other_story=split.other_story)
    store.close()


def test_export_import_and_prune_keep_corrections(settings: Settings, tmp_path: Path) -> None:
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH, POLISH)
    story = by_link(store)[ENGLISH.canonical_url]["id"]
    correct(store, "remove_tag", story, kind="country", code="eu")
    split = correct(store, "split", story, item_id=item_id(store, GERMAN.canonical_url))
    lines = list(store.maintenance.export())
    before = feed(store)
    copy = Store.open(f"sqlite:///{tmp_path / 'copy.db'}")
    copy.maintenance.import_(lines)
    assert feed(copy) == before
    assert [(row.action, row.story) for row in copy.corrections.recent()] == [("split", story), ("remove_tag", story)]
    collect(copy, settings, edited(ENGLISH, "Imported."), now=NOW + timedelta(days=1))
    assert ("country", "eu", "text") not in by_link(copy)[ENGLISH.canonical_url]["tags"]
    copy.close()

    store.maintenance.prune("cp", None, 0)  # the split-off German item goes, and its correction with it
    assert [row.action for row in store.corrections.recent()] == ["remove_tag"]
    assert ("country", "eu", "text") not in by_link(store)[ENGLISH.canonical_url]["tags"]
    assert split.other_story not in {entry["id"] for entry in feed(store)}
    store.close()
