"""Items written for the story-assignment and correction tests: one conference (14 May 2024, Brussels)
reported on three platforms in two languages, a republication, and an unrelated Polish story; and how
those tests store them (tagged and deduplicated, as the runner does) and read them back."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from feeds.config import SourceConfig
from feeds.config.taxonomy import load_taxonomy
from feeds.model import Item, item_metadata
from feeds.process.normalise import content_hash
from feeds.process.tagging import Tagger
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of
from tests.support.paths import CONFIG

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
    store.sources.sync(SOURCES)
    return store


TAGGER = Tagger(load_taxonomy(CONFIG))
POLISH = item("fc", "https://www.franceclusters.fr/actualites/pologne",
              "Polish and Lithuanian clusters found a network for batteries",
              "Cluster organisations from Poland and Lithuania signed an agreement in Warsaw on 3 April 2024 to "
              "develop battery recycling together.", "en", 4)


def collect(store: Store, settings: Settings, *batch: Item, now: datetime = NOW) -> None:
    """As the runner stores a source's batch: tagged, deduplicated."""
    for source in dict.fromkeys(entry.source_id for entry in batch):
        tagged = [TAGGER.tag_item(entry) for entry in batch if entry.source_id == source]
        store.items.save(source, tagged, now, "feeds.test", dedup=build_deduplicator(settings, TAGGER.taxonomy))


def feed(store: Store) -> list[dict[str, Any]]:
    """What readers see: every entry with its versions and tags."""
    return [{"id": e.entry_id, "link": e.link, "related": sorted(link.href for link in e.related),
             "tags": sorted((t.kind, t.code, t.provenance) for t in e.tags), "updated": e.updated}
            for e in store.feeds.latest(50)]


def by_link(store: Store) -> dict[str, dict[str, Any]]:
    return {entry["link"]: entry for entry in feed(store)}


def item_id(store: Store, url: str) -> int:
    from sqlalchemy import select

    from feeds.store.schema import items
    with engine_of(store).connect() as connection:
        return int(connection.execute(select(items.c.id).where(items.c.canonical_url == url)).scalar_one())
