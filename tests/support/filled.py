"""A store filled the way production fills it: the fixture platforms' pages collected over real HTTP
by the presets, normalised, tagged, then deduplicated and stored by the runner's own steps.

Fetching (about 4 s) and the pure stages (normalise, tag: about 1 s) do not depend on the
database, so their results are computed once per test process and kept; `fill_store` runs story
assignment and the write into a store. On PostgreSQL every test's schema is filled so; on SQLite
the first filled file of a process is the template the others are copied from (`fill_sqlite`).
Stories published on both platforms become one story because dedup merged them, not because a
test wrote it so.
"""

from __future__ import annotations

import atexit
import dataclasses
import shutil
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

from feeds.collect import Fetcher, Previous, collect_source
from feeds.config import SourceConfig
from feeds.config.taxonomy import load_taxonomy
from feeds.model import Item, RawItem
from feeds.process import NormaliseOptions, normalise
from feeds.process.normalise import RejectedItemError
from feeds.process.tagging import Tagger
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store
from tests.support.collecting import FAST
from tests.support.paths import CONFIG
from tests.support.sites import CANONICAL_HOSTS, HOST_ALIASES, expected_articles, serve_sites, stories

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)  # the collect's clock: after every fixture date
# The sources as configured (ids, names, canonical URLs); collected in this order.
SOURCES = {
    "clusterplattform": SourceConfig("cp", "Clusterplattform Deutschland", "clusterplattform",
                                     "https://www.clusterplattform.de/", language="de"),
    "eccp": SourceConfig("eccp", "European Cluster Collaboration Platform", "eccp",
                         "https://www.clustercollaboration.eu/", language="en"),
}
NAMED_FEEDS = {"feeds": {
    "baltic-innovation": {
        "title": {"de": "Innovation und Digitalisierung im Baltikum",
                  "en": "Innovation and digitalisation in the Baltics"},
        "description": "Cluster news on innovation and digitalisation from Estonia, Latvia and Lithuania",
        "filter": {"country": ["ee", "lv", "lt"], "topic": ["innovation", "digitalisation"]},
    },
    "german-news": {"title": "Clusternachrichten auf Deutsch", "description": "Alle deutschen Meldungen",
                    "filter": {"lang": "de"}},
}}


@dataclasses.dataclass(frozen=True)
class Collected:
    """One platform's fetch: the source as it was fetched (loopback URL, host aliases) and its raw items."""

    source: SourceConfig
    raws: tuple[RawItem, ...]


@cache
def collected() -> tuple[Collected, ...]:
    """Every fixture platform's raw items, fetched once per process over real HTTP by the presets."""
    found = []
    with serve_sites(list(SOURCES)) as servers, Fetcher(FAST) as fetcher:
        for site, configured in SOURCES.items():
            server = servers[site]
            canonical = "https://" + CANONICAL_HOSTS[site]
            aliases = {f"127.0.0.1:{server.port}": canonical, **{alias: canonical for alias in HOST_ALIASES[site]}}
            source = dataclasses.replace(configured, url=server.url("/"), host_aliases=MappingProxyType(aliases))
            result = collect_source(source, fetcher, Previous())
            found.append(Collected(source, tuple(result.items)))
    return tuple(found)


def write_config(config_dir: Path) -> None:
    """The shipped taxonomies and the test's named feeds, in the config folder the app and tagger read."""
    for name in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / name, config_dir / name)
    (config_dir / "feeds.yaml").write_text(yaml.safe_dump(NAMED_FEEDS, allow_unicode=True))


def fill_store(settings: Settings, store: Store) -> tuple[Item, ...]:
    """Store the processed items as the runner does (feeds/runner.py::_collect_one): each source's
    batch in one `store.items.save` with the configured deduplicator, so story assignment and merges are
    the store's own. Returns the items as stored (normalised and tagged)."""
    store.sources.sync(SOURCES.values())
    taxonomy = load_taxonomy(settings.config_dir)
    stored: list[Item] = []
    for source_id, batch in processed(settings.summary_length, settings.languages):
        store.items.save(source_id, batch, NOW, settings.entry_id_authority,
                         dedup=build_deduplicator(settings, taxonomy))
        stored += batch
    return tuple(stored)


def fill_sqlite(settings: Settings) -> tuple[Item, ...]:
    """`fill_store` into the new SQLite file of `settings.database_url`: the first call per process (and
    settings) runs it into a template file, later calls copy that file, byte for byte what the pipeline
    wrote. Returns the items as stored."""
    template, stored = _sqlite_template(dataclasses.replace(settings, database_url="", config_dir=Path()))
    target = Path(settings.database_url.removeprefix("sqlite:///"))
    assert not target.exists(), f"{target} exists: fill_sqlite fills a new database"
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{template}{suffix}").exists():
            shutil.copyfile(f"{template}{suffix}", f"{target}{suffix}")
    return stored


@cache
def _sqlite_template(settings: Settings) -> tuple[Path, tuple[Item, ...]]:
    folder = Path(tempfile.mkdtemp(prefix="clusterfeeds-filled-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    config_dir = folder / "config"
    config_dir.mkdir()
    write_config(config_dir)
    settings = dataclasses.replace(settings, database_url=f"sqlite:///{folder / 'store.db'}", config_dir=config_dir)
    store = Store.open(settings.database_url)
    try:
        stored = fill_store(settings, store)
    finally:
        store.close()
    return folder / "store.db", stored


@cache
def processed(summary_length: int, languages: tuple[str, ...]) -> tuple[tuple[str, tuple[Item, ...]], ...]:
    """(source id, batch) per platform: the collected items normalised (a rejected item is skipped, as the
    runner skips it) and tagged with the shipped taxonomies (the ones `write_config` copies). Pure, so
    computed once per process."""
    options = NormaliseOptions(summary_length=summary_length, languages=languages)
    tagger = Tagger(load_taxonomy(CONFIG))
    batches = []
    for fetched in collected():
        items = _normalised(fetched.raws, fetched.source, options)
        batches.append((fetched.source.id, tuple(tagger.tag_item(item) for item in items)))
    return tuple(batches)


def _normalised(raws: Sequence[RawItem], source: SourceConfig, options: NormaliseOptions) -> list[Item]:
    items = []
    for raw in raws:
        try:
            items.append(normalise(raw, source, options, NOW))
        except RejectedItemError:
            continue
    return items


@cache
def gold_story_groups() -> tuple[frozenset[str], ...]:
    """Canonical URLs of the gold articles that are one story on several pages of these platforms
    (tests/fixtures/sites/*/expected.yaml, `story`), as the gold data says, not as dedup found."""
    groups: dict[str, set[str]] = {}
    for site in SOURCES:
        for article in expected_articles(site):
            if article.get("story") and article["kind"] != "profile":
                groups.setdefault(article["story"], set()).add(article["url"])
    assert set(groups) <= set(stories()["stories"])
    return tuple(frozenset(urls) for urls in groups.values() if len(urls) > 1)
