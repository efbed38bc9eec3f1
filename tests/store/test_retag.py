"""Tags through the store: the collect run tags items, `retag` recomputes stored tags after a
taxonomy change (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from sqlalchemy import update

from feeds.cli import cli
from feeds.config import SourceConfig
from feeds.config.taxonomy import load_taxonomy
from feeds.model import Item, Tag
from feeds.process.normalise import content_hash
from feeds.process.tagging import Tagger
from feeds.runner import collect_sources, retag_stories
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items
from feeds.store.testing import engine_of
from tests.support.configs import write_sources
from tests.support.httpserver import Route, serving
from tests.support.paths import CONFIG

NOW = datetime(2024, 6, 1, tzinfo=UTC)
SOURCE = SourceConfig(id="cp", name="Clusterplattform Deutschland", kind="feed", url="https://cp.test/feed")


def copy_taxonomy(config_dir: Path) -> None:
    for name in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / name, config_dir / name)


def stored_item(number: int, title: str, text: str, tags: tuple[Tag, ...] = ()) -> Item:
    url = f"https://cp.test/news/{number}"
    published = datetime(2024, 5, number, tzinfo=UTC)
    return Item(source_id="cp", key=url, canonical_url=url, url=url, title=title, content_html=f"<p>{text}</p>",
                summary=text[:100], published=published, updated=published, language="de",
                content_hash=content_hash(title, text), tags=tags)


ITEMS = [
    stored_item(1, "Polnische Cluster gründen Netzwerk", "Cluster aus Polen und Litauen arbeiten zusammen.",
                (Tag("country", "fr", 0.9, "text"),)),  # a stale tag from an older taxonomy
    stored_item(2, "Förderaufruf für Wasserstoff", "Projektskizzen zur Elektrolyse können eingereicht werden."),
    stored_item(3, "Textilcluster in Portugal", "Portugiesische Modeunternehmen testen recycelte Garne."),
]


def open_store(settings: Settings) -> Store:
    store = Store.open(settings.database_url)
    store.sources.sync([SOURCE])
    store.items.save("cp", ITEMS, NOW, "feeds.test")
    return store


def entry_tags(store: Store) -> dict[str, set[tuple[str, str]]]:
    return {entry.title: {(tag.kind, tag.code) for tag in entry.tags} for entry in store.feeds.latest(10)}


def test_retag_recomputes_item_and_story_tags(settings: Settings) -> None:
    store = open_store(settings)
    assert entry_tags(store)["Polnische Cluster gründen Netzwerk"] == {("country", "fr")}
    version = store.feeds.version()
    progress: list[tuple[int, int, int]] = []
    tagger = Tagger(load_taxonomy(CONFIG))

    assert retag_stories(store, tagger, 2, lambda *step: progress.append(step)) == (3, 3)

    assert progress == [(2, 3, 2), (3, 3, 3)]
    tags = entry_tags(store)
    assert {("country", "pl"), ("country", "lt"), ("topic", "networks")} <= tags["Polnische Cluster gründen Netzwerk"]
    assert ("country", "fr") not in tags["Polnische Cluster gründen Netzwerk"]
    assert {("topic", "funding"), ("topic", "renewable-energy")} <= tags["Förderaufruf für Wasserstoff"]
    assert {("country", "pt"), ("topic", "textile")} <= tags["Textilcluster in Portugal"]
    assert store.feeds.version() > version
    # nothing changed: nothing is written and the published content version stays
    version = store.feeds.version()
    assert retag_stories(store, tagger, 500) == (3, 0)
    assert store.feeds.version() == version


def test_retag_reads_metadata_as_older_versions_stored_it(settings: Settings) -> None:
    """Rows stored before ItemMetadata: other names (`laender`), an operator's field at the top level,
    a value of the wrong shape (left out, the rest is read)."""
    store = open_store(settings)
    with engine_of(store).begin() as connection:
        connection.execute(update(items).where(items.c.canonical_url == ITEMS[2].canonical_url).values(
            item_metadata={"laender": ["Spanien"], "kicker": "Meldung", "headline": "Textil", "sectors": 7}))
    stored = {item.title: item.metadata for batch in store.items.stored() for item in batch}
    assert stored["Textilcluster in Portugal"] == {"countries": ["Spanien"], "kicker": "Meldung",
                                                   "fields": {"headline": "Textil"}}
    retag_stories(store, Tagger(load_taxonomy(CONFIG)), 500)
    tags = store.feeds.latest(10)
    spain = next(tag for entry in tags if entry.title == "Textilcluster in Portugal" for tag in entry.tags
                 if tag.code == "es")
    assert spain.provenance == "source"


def test_retag_after_a_taxonomy_change(settings: Settings, tmp_path: Path) -> None:
    store = open_store(settings)
    folder = tmp_path / "taxonomy"
    folder.mkdir()
    (folder / "topics.yaml").write_text(yaml.safe_dump({"topics": [
        {"slug": "fashion", "labels": {"de": "Mode", "en": "Fashion", "fr": "Mode"},
         "phrases": {"de": ["mode*", "garn*"]}}]}, allow_unicode=True))
    retag_stories(store, Tagger(load_taxonomy(folder)), 500)
    tags = entry_tags(store)
    assert ("topic", "fashion") in tags["Textilcluster in Portugal"]
    assert not any(kind == "topic" for kind, _ in tags["Förderaufruf für Wasserstoff"])


def test_retag_command_prints_progress(settings: Settings) -> None:
    open_store(settings).close()
    copy_taxonomy(settings.config_dir)
    result = CliRunner().invoke(cli, ["--config-dir", str(settings.config_dir), "--database-url",
                                      settings.database_url, "retag", "--batch-size", "1"])
    assert result.exit_code == 0, result.output
    assert "retag: 1/3 items" in result.output
    assert "retag: 3/3 items" in result.output
    assert "retagged 3 items, 3 with changed tags" in result.output


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>CP</title><link>https://cp.test/</link><description>d</description>
<item><title>Lettische und estnische Cluster kooperieren</title><link>https://cp.test/news/lv</link>
<guid>https://cp.test/news/lv</guid><pubDate>Tue, 04 Jun 2024 08:00:00 +0000</pubDate>
<description>Clusterorganisationen aus Riga und Tallinn vereinbaren eine Partnerschaft. Quelle: Clusterplattform
Deutschland</description><category>Netzwerke</category></item>
</channel></rss>"""


@pytest.mark.parametrize("with_taxonomy", [True, False])
def test_the_collect_run_tags_each_item(settings: Settings, with_taxonomy: bool) -> None:
    if with_taxonomy:
        copy_taxonomy(settings.config_dir)
    with serving({"/feed.rss": Route(RSS.encode(), content_type="application/rss+xml")}) as server:
        write_sources(settings.config_dir, [{"id": "cp", "name": "CP", "kind": "feed",
                                             "url": server.url("/feed.rss"), "language": "de"}])
        store = Store.open(settings.database_url)
        [source] = [SourceConfig(id="cp", name="CP", kind="feed", url=server.url("/feed.rss"), language="de")]
        [run] = collect_sources(settings, store, [source])
    assert run.ok, run.error
    [entry] = store.feeds.latest(10)
    countries = {tag.code: tag for tag in entry.tags if tag.kind == "country"}
    # without countries.yaml the platform's name is not known as boilerplate
    assert set(countries) == {"lv", "ee"} if with_taxonomy else set(countries) >= {"lv", "ee"}
    assert countries["lv"].provenance == "text"
    topics = {tag.code: tag.provenance for tag in entry.tags if tag.kind == "topic"}
    # the feed category maps with provenance "source"; whatever the text adds is marked "text"
    if with_taxonomy:
        assert topics["networks"] == "source"
        assert set(topics.values()) <= {"source", "text"}
    else:
        assert topics == {}
    json.dumps([tag.__dict__ for tag in entry.tags])  # plain values, ready for publishing
