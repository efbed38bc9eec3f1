"""Sources for the fixture sites, and collecting them: item by item (collect + normalise), or
through the runner as a scheduler would, source by source."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from feeds.collect import Fetcher, Previous, collect_source
from feeds.config import SourceConfig
from feeds.model import Item
from feeds.process import NormaliseOptions, normalise
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from tests.support.httpserver import FixtureServer
from tests.support.sites import CANONICAL_HOSTS, HOST_ALIASES

# Fixture sites on loopback: no politeness delay, and deadlines no loaded machine comes near (a fetch that
# timed out would silently lose an article; the timeouts themselves are tested in collect/test_faults.py).
FAST = Settings(allow_private_networks=True, http_rate_per_host=1000.0, http_connect_timeout=30,
                http_read_timeout=30, http_total_timeout=60)
NOW = datetime(2030, 1, 1, tzinfo=UTC)  # after every fixture date
NAMES = {"clusterplattform": "Clusterplattform Deutschland", "eccp": "European Cluster Collaboration Platform",
         "kooperation": "Kooperation International"}
# Kooperation International has no preset: the archive's article pages, as an operator configures them.
# Its second listing page is disallowed by robots.txt (`/*?tx_news_pi1*cHash`), so one page is read.
KOOPERATION = {
    "listings": ["/aktuelles/nachrichten/"], "item": [".news-list-item"], "item_link": [".news-list-item h3 a"],
    "title": ["h1[itemprop=headline]"], "date": ["time[itemprop=datePublished]"], "timezone": "Europe/Berlin",
    "body": [".news-single .article"], "remove": [".header", ".news-backlink-wrap"], "max_pages": 1,
}


def site_source(name: str, server: FixtureServer, kind: str, source_id: str | None = None,
                url: str = "/", **options: Any) -> SourceConfig:
    """A source for fixture site `name` whose loopback host folds into the real canonical host."""
    canonical = "https://" + CANONICAL_HOSTS[name]
    aliases = {f"127.0.0.1:{server.port}": canonical}
    aliases.update({alias: canonical for alias in HOST_ALIASES[name]})
    return SourceConfig(
        id=source_id or name, name=name, kind=kind, url=server.url(url),
        language="de" if name == "clusterplattform" else "en",
        host_aliases=MappingProxyType(aliases), options=MappingProxyType(options),
    )


def collect_items(source: SourceConfig, settings: Settings = FAST) -> list[Item]:
    """The source's items, collected once and normalised (no store, no tags)."""
    with Fetcher(settings) as fetcher:
        collected = collect_source(source, fetcher, Previous())
    options = NormaliseOptions(summary_length=300, languages=("de", "en", "fr"))
    return [normalise(raw, source, options, NOW) for raw in collected.items]


def platform_source(name: str, server: FixtureServer) -> SourceConfig:
    """Fixture platform `name` as an operator configures it: the presets, Kooperation International by selectors."""
    canonical = "https://" + CANONICAL_HOSTS[name]
    aliases = {f"127.0.0.1:{server.port}": canonical, **{alias: canonical for alias in HOST_ALIASES[name]}}
    kind, options = (name, {}) if name != "kooperation" else ("html", KOOPERATION)
    return SourceConfig(id=name, name=NAMES[name], kind=kind, url=server.url("/"),
                        language="en" if name == "eccp" else "de", host_aliases=MappingProxyType(aliases),
                        options=MappingProxyType(options))


def collect_in_order(settings: Settings, store: Store, servers: dict[str, FixtureServer], order: Sequence[str],
                     at: datetime) -> None:
    """One collect run per platform, in `order`, like a scheduler whose sources fall due one by one."""
    for name in order:
        [run] = collect_sources(settings, store, [platform_source(name, servers[name])], clock=lambda: at)
        assert run.ok, run.error
