"""Story assignment in the store: joins, related links, merges with aliases, primary switching."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from feeds.config import SourceConfig
from feeds.model import Item, Link, item_metadata
from feeds.process.normalise import content_hash
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import SaveReport, Store

NOW = datetime(2024, 6, 1, tzinfo=UTC)
CP = "https://www.clusterplattform.de/news/ecc-2024.html"
ECCP = "https://www.clustercollaboration.eu/news/ecc-2024"
FC = "https://www.franceclusters.fr/actualites/ecc-2024"
SOURCES = [SourceConfig(id=s, name=n, kind="feed", url=f"https://{s}.test/feed")
           for s, n in [("cp", "Clusterplattform Deutschland"), ("eccp", "ECCP"), ("ki", "Kooperation International"),
                        ("fc", "France Clusters")]]


def item(source: str, url: str, title: str, text: str, language: str, day: int, **extra: object) -> Item:
    published = datetime(2024, 4, day, 8, tzinfo=UTC)
    return Item(source_id=source, key=url, canonical_url=url, url=url, title=title, content_html=f"<p>{text}</p>",
                summary=text[:100], published=published, updated=published, language=language,
                content_hash=content_hash(title, text), **extra)  # type: ignore[arg-type]


GERMAN = item("cp", CP, "Europäische Clusterkonferenz 2024 in Brüssel",
              "Die European Cluster Conference 2024 findet am 14. Mai 2024 in Brüssel statt. Rund 500 Teilnehmende "
              "diskutieren über Resilienz und den European Competitiveness Fund. Ausrichter sind DG GROW und EISMEA. "
              "Die Anmeldung ist bis zum 30. April 2024 möglich.", "de", 16)
ENGLISH = item("eccp", ECCP, "Save the date: European Cluster Conference, 14 May 2024",
               "DG GROW and EISMEA invite the cluster community to the European Cluster Conference 2024 in Brussels "
               "on 14 May 2024. Some 500 participants will discuss resilience and the European Competitiveness Fund. "
               "Registration closes on 30 April 2024.", "en", 10)
REPUBLISHED = item("ki", "https://www.kooperation-international.de/ecc-2024/", "ECC 2024: Anmeldung offen",
                   "Für die Konferenz in Brüssel ist die Anmeldung geöffnet.", "de", 22,
                   metadata=item_metadata({"origin": "ECCP", "read_more": [ECCP]}))


def open_store(settings: Settings) -> Store:
    store = Store.open(settings.database_url)
    store.sync_sources(SOURCES)
    return store


def save(store: Store, settings: Settings, *batch: Item, now: datetime = NOW) -> list[SaveReport]:
    by_source: dict[str, list[Item]] = {}
    for entry in batch:
        by_source.setdefault(entry.source_id, []).append(entry)
    return [store.save_items(source, items, now, "feeds.test", dedup=build_deduplicator(settings))
            for source, items in by_source.items()]


def test_versions_join_one_story_with_related_links(settings: Settings) -> None:
    store = open_store(settings)
    save(store, settings, GERMAN)
    [before] = store.latest_entries(10)
    save(store, settings, ENGLISH, REPUBLISHED, now=NOW + timedelta(hours=1))
    [entry] = store.latest_entries(10)
    assert entry.entry_id == before.entry_id
    # the English item is earlier and not a copy: it becomes the primary; the story's updated is
    # the new primary's own date at its source, not the time of the merge
    assert entry.link == ECCP
    assert entry.updated == ENGLISH.updated
    assert [(link.href, link.title, link.hreflang) for link in entry.related] == [
        (CP, "Clusterplattform Deutschland", "de"),
        (REPUBLISHED.canonical_url, "Kooperation International", "de")]
    assert store.story_count() == 1
    store.close()


def test_a_later_member_does_not_bump_updated(settings: Settings) -> None:
    store = open_store(settings)
    save(store, settings, ENGLISH)
    [before] = store.latest_entries(10)
    save(store, settings, REPUBLISHED, now=NOW + timedelta(days=1))
    [entry] = store.latest_entries(10)
    assert (entry.entry_id, entry.link, entry.updated) == (before.entry_id, ECCP, before.updated)
    assert len(entry.related) == 1
    store.close()


def test_bridging_item_merges_stories_and_the_older_id_survives(settings: Settings) -> None:
    french = item("fc", FC, "Assises des clusters à Lyon", "France Clusters réunit ses membres à Lyon.", "fr", 18)
    store = open_store(settings)
    [first] = save(store, settings, GERMAN)
    [second] = save(store, settings, french, now=NOW + timedelta(hours=1))
    assert (first.stories_started, second.stories_started) == (1, 1)
    ids = {entry.link: entry.entry_id for entry in store.latest_entries(10)}
    assert len(ids) == 2
    bridge = item("ki", "https://www.kooperation-international.de/x/", "Zwei Meldungen", "Kurz.", "de", 25,
                  metadata=item_metadata({"read_more": [CP, FC]}))
    [bridged] = save(store, settings, bridge, now=NOW + timedelta(hours=2))
    assert (bridged.created, bridged.stories_started, bridged.stories_merged) == (1, 0, 1)
    [entry] = store.latest_entries(10)
    assert entry.entry_id == ids[CP]
    assert store.resolve_entry_id(ids[FC]) == ids[CP]
    assert store.resolve_entry_id(ids[CP]) == ids[CP]
    assert store.resolve_entry_id("tag:feeds.test,2024-01-01:story:unknown") is None
    store.close()


def test_newsletter_links_join_nothing(settings: Settings) -> None:
    newsletter = item("cp", "https://www.clusterplattform.de/newsletter-04-2024.html", "Newsletter 04/2024",
                      "Themen: European Cluster Conference 2024 am 14. Mai 2024 in Brüssel, 500 Teilnehmende, "
                      "DG GROW und EISMEA, Anmeldung bis 30. April 2024.", "de", 28,
                      links=(Link(CP, "Mehr"), Link(ECCP, "Read more")))
    store = open_store(settings)
    save(store, settings, GERMAN, newsletter)
    assert store.story_count() == 2
    store.close()


def test_without_dedup_each_item_starts_a_story(settings: Settings) -> None:
    store = open_store(settings)
    store.save_items("cp", [GERMAN], NOW, "feeds.test")
    store.save_items("eccp", [item("eccp", CP, "Same URL", "x", "en", 1)], NOW, "feeds.test")
    assert store.story_count() == 2
    store.close()


def test_an_edited_item_is_matched_again_and_merges_the_stories(settings: Settings) -> None:
    french = item("fc", FC, "Assises des clusters à Lyon", "France Clusters réunit ses membres à Lyon.", "fr", 18)
    store = open_store(settings)
    save(store, settings, GERMAN)
    save(store, settings, french, now=NOW + timedelta(hours=1))
    ids = {entry.link: entry.entry_id for entry in store.latest_entries(10)}
    assert len(ids) == 2
    edited = replace(french, content_html=french.content_html + f'<p>Mehr: <a href="{CP}">Clusterkonferenz</a></p>',
                     content_hash="edited")
    [report] = save(store, settings, edited, now=NOW + timedelta(hours=2))
    assert (report.updated, report.stories_started, report.stories_merged) == (1, 0, 1)
    [entry] = store.latest_entries(10)
    assert entry.entry_id == ids[CP]  # the older story keeps its id
    assert store.resolve_entry_id(ids[FC]) == ids[CP]
    assert [link.href for link in entry.related] == [FC]
    store.close()


def test_an_edit_that_matches_nothing_keeps_the_story(settings: Settings) -> None:
    store = open_store(settings)
    save(store, settings, GERMAN, ENGLISH)
    [before] = store.latest_entries(10)
    edited = replace(ENGLISH, title="Save the date: European Cluster Conference 2024", content_hash="edited")
    save(store, settings, edited, now=NOW + timedelta(hours=1))
    [entry] = store.latest_entries(10)
    assert (entry.entry_id, entry.title) == (before.entry_id, edited.title)
    assert store.story_count() == 1
    store.close()
