"""Story assignment in the store: joins, related links, merges with aliases, primary switching."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from feeds.model import Item, Link, item_metadata
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import SaveReport, Store
from tests.support.stories import CP, ECCP, ENGLISH, FC, GERMAN, NOW, REPUBLISHED, item, open_store


def save(store: Store, settings: Settings, *batch: Item, now: datetime = NOW) -> list[SaveReport]:
    by_source: dict[str, list[Item]] = {}
    for entry in batch:
        by_source.setdefault(entry.source_id, []).append(entry)
    return [store.items.save(source, items, now, "feeds.test", dedup=build_deduplicator(settings))
            for source, items in by_source.items()]


def test_versions_join_one_story_with_related_links(settings: Settings) -> None:
    store = open_store(settings)
    save(store, settings, GERMAN)
    [before] = store.feeds.latest(10)
    save(store, settings, ENGLISH, REPUBLISHED, now=NOW + timedelta(hours=1))
    [entry] = store.feeds.latest(10)
    assert entry.entry_id == before.entry_id
    # the English item is earlier and not a copy: it becomes the primary; the story's updated is
    # the new primary's own date at its source, not the time of the merge
    assert entry.link == ECCP
    assert entry.updated == ENGLISH.updated
    assert [(link.href, link.title, link.hreflang) for link in entry.related] == [
        (CP, "Clusterplattform Deutschland", "de"),
        (REPUBLISHED.canonical_url, "Kooperation International", "de")]
    assert store.items.story_count() == 1
    store.close()


def test_a_later_member_does_not_bump_updated(settings: Settings) -> None:
    store = open_store(settings)
    save(store, settings, ENGLISH)
    [before] = store.feeds.latest(10)
    save(store, settings, REPUBLISHED, now=NOW + timedelta(days=1))
    [entry] = store.feeds.latest(10)
    assert (entry.entry_id, entry.link, entry.updated) == (before.entry_id, ECCP, before.updated)
    assert len(entry.related) == 1
    store.close()


def test_bridging_item_merges_stories_and_the_older_id_survives(settings: Settings) -> None:
    french = item("fc", FC, "Assises des clusters à Lyon", "France Clusters réunit ses membres à Lyon.", "fr", 18)
    store = open_store(settings)
    [first] = save(store, settings, GERMAN)
    [second] = save(store, settings, french, now=NOW + timedelta(hours=1))
    assert (first.stories_started, second.stories_started) == (1, 1)
    ids = {entry.link: entry.entry_id for entry in store.feeds.latest(10)}
    assert len(ids) == 2
    bridge = item("ki", "https://www.kooperation-international.de/x/", "Zwei Meldungen", "Kurz.", "de", 25,
                  metadata=item_metadata({"read_more": [CP, FC]}))
    [bridged] = save(store, settings, bridge, now=NOW + timedelta(hours=2))
    assert (bridged.created, bridged.stories_started, bridged.stories_merged) == (1, 0, 1)
    [entry] = store.feeds.latest(10)
    assert entry.entry_id == ids[CP]
    assert store.feeds.resolve_entry_id(ids[FC]) == ids[CP]
    assert store.feeds.resolve_entry_id(ids[CP]) == ids[CP]
    assert store.feeds.resolve_entry_id("tag:feeds.test,2024-01-01:story:unknown") is None
    store.close()


def test_newsletter_links_join_nothing(settings: Settings) -> None:
    newsletter = item("cp", "https://www.clusterplattform.de/newsletter-04-2024.html", "Newsletter 04/2024",
                      "Themen: European Cluster Conference 2024 am 14. Mai 2024 in Brüssel, 500 Teilnehmende, "
                      "DG GROW und EISMEA, Anmeldung bis 30. April 2024.", "de", 28,
                      links=(Link(CP, "Mehr"), Link(ECCP, "Read more")))
    store = open_store(settings)
    save(store, settings, GERMAN, newsletter)
    assert store.items.story_count() == 2
    store.close()


def test_without_dedup_each_item_starts_a_story(settings: Settings) -> None:
    store = open_store(settings)
    store.items.save("cp", [GERMAN], NOW, "feeds.test")
    store.items.save("eccp", [item("eccp", CP, "Same URL", "x", "en", 1)], NOW, "feeds.test")
    assert store.items.story_count() == 2
    store.close()


def test_an_edited_item_is_matched_again_and_merges_the_stories(settings: Settings) -> None:
    french = item("fc", FC, "Assises des clusters à Lyon", "France Clusters réunit ses membres à Lyon.", "fr", 18)
    store = open_store(settings)
    save(store, settings, GERMAN)
    save(store, settings, french, now=NOW + timedelta(hours=1))
    ids = {entry.link: entry.entry_id for entry in store.feeds.latest(10)}
    assert len(ids) == 2
    edited = replace(french, content_html=french.content_html + f'<p>Mehr: <a href="{CP}">Clusterkonferenz</a></p>',
                     content_hash="edited")
    [report] = save(store, settings, edited, now=NOW + timedelta(hours=2))
    assert (report.updated, report.stories_started, report.stories_merged) == (1, 0, 1)
    [entry] = store.feeds.latest(10)
    assert entry.entry_id == ids[CP]  # the older story keeps its id
    assert store.feeds.resolve_entry_id(ids[FC]) == ids[CP]
    assert [link.href for link in entry.related] == [FC]
    store.close()


def test_an_edit_that_matches_nothing_keeps_the_story(settings: Settings) -> None:
    store = open_store(settings)
    save(store, settings, GERMAN, ENGLISH)
    [before] = store.feeds.latest(10)
    edited = replace(ENGLISH, title="Save the date: European Cluster Conference 2024", content_hash="edited")
    save(store, settings, edited, now=NOW + timedelta(hours=1))
    [entry] = store.feeds.latest(10)
    assert (entry.entry_id, entry.title) == (before.entry_id, edited.title)
    assert store.items.story_count() == 1
    store.close()
