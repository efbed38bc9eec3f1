"""Deduplication end to end: the three fixture platforms collected for real, checked against the gold stories.

Clusterplattform and the ECCP are read through their presets, Kooperation International through
`kind: html` with the selectors an operator would write. The published Atom feed must hold each
gold story exactly once — one entry whose alternate and related links are exactly its versions,
one `related` link (title = source name, `hreflang`) per other version — keep every gold article
without a story alone, keep the hard negatives apart, whatever order the sources are collected in,
and keep every entry id when everything is collected again in another order.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from lxml import etree

from feeds.config.taxonomy import load_taxonomy
from feeds.process.tagging import Tagger
from feeds.settings import Settings
from feeds.store import FetchRecord, Store
from feeds.web import create_app
from tests.support.collecting import NAMES, collect_in_order
from tests.support.paths import REPO
from tests.support.sites import CANONICAL_HOSTS, SITES, expected_articles, serve_sites, stories

ATOM = "{http://www.w3.org/2005/Atom}"
# Gold articles the adapters do not reach: those listed only on Kooperation International's page 2.
KOOPERATION_PAGE_TWO = {
    "https://www.kooperation-international.de/aktuelles/nachrichten/detail/info/potenzialanalyse-cluster-in-den-eu-13-staaten/",
    "https://www.kooperation-international.de/aktuelles/nachrichten/detail/info/"
    "westbalkan-cluster-in-bosnien-und-herzegowina-staerken-holz-und-metallindustrie/",
}
ORDERS = [("clusterplattform", "eccp", "kooperation"), ("kooperation", "eccp", "clusterplattform"),
          ("eccp", "kooperation", "clusterplattform")]


@dataclass(frozen=True)
class Related:
    href: str
    title: str | None
    hreflang: str | None


@dataclass(frozen=True)
class FeedEntry:
    entry_id: str
    link: str
    related: tuple[Related, ...]

    @property
    def urls(self) -> set[str]:
        return {self.link, *(link.href for link in self.related)}


def feed_entries(settings: Settings, store: Store) -> list[FeedEntry]:
    response = create_app(settings, store).test_client().get("/feeds/all.atom?limit=500")
    assert response.status_code == 200
    root = etree.fromstring(response.data)
    found = []
    for entry in root.iter(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link")
        [alternate] = [link.get("href") for link in links if link.get("rel") == "alternate"]
        related = tuple(Related(link.get("href"), link.get("title"), link.get("hreflang"))
                        for link in links if link.get("rel") == "related")
        found.append(FeedEntry(entry.findtext(f"{ATOM}id"), alternate, related))
    assert len(found) < 500
    return found


def gold() -> dict[str, dict[str, Any]]:
    """Gold article URL -> its site, language and story slug (None: a story of its own)."""
    return {article["url"]: {"site": site, "language": article["language"], "story": article.get("story")}
            for site in SITES for article in expected_articles(site) if article["kind"] != "profile"}


def check_against_gold(entries: list[FeedEntry]) -> None:
    articles = gold()
    collected = {url for entry in entries for url in entry.urls}
    missing = set(articles) - collected
    assert missing <= KOOPERATION_PAGE_TWO, f"gold articles not collected: {sorted(missing - KOOPERATION_PAGE_TWO)}"
    entry_of = {}
    for entry in entries:
        for url in entry.urls:
            assert url not in entry_of, f"{url} is published twice"
            entry_of[url] = entry
    groups: dict[str, set[str]] = {}
    for url, article in articles.items():
        if url in collected:
            groups.setdefault(article["story"] or url, set()).add(url)
    for slug, members in groups.items():
        [entry] = {entry_of[url].entry_id: entry_of[url] for url in members}.values()
        assert entry.urls & set(articles) == members, f"{slug}: {sorted(entry.urls ^ members)}"
        assert len(entry.related) == len(entry.urls) - 1, f"{slug}: one related link per other version"
        for link in entry.related:
            if link.href in articles:
                assert (link.title, link.hreflang) == (NAMES[articles[link.href]["site"]],
                                                       articles[link.href]["language"]), slug
    incomplete = {articles[url]["story"] for url in missing}
    for slug, story in stories()["stories"].items():
        if story["scope"] == "cross-site" and slug not in incomplete:  # one entry, versions from several sites
            assert len({articles[url]["site"] for url in groups[slug]}) >= 2, slug
    for negative in stories()["hard_negatives"]:
        urls = ["https://" + CANONICAL_HOSTS[member["site"]] + member["path"] for member in negative["members"]]
        assert len({entry_of[url].entry_id for url in urls}) == len(urls), negative["name"]


@pytest.mark.parametrize("order", ORDERS, ids=["-".join(name[:2] for name in order) for order in ORDERS])
@pytest.mark.slow
def test_fixture_sites_are_published_as_the_gold_stories(settings: Settings, order: tuple[str, ...]) -> None:
    shutil.copy(REPO / "config" / "topics.yaml", settings.config_dir / "topics.yaml")
    store = Store.open(settings.database_url)
    with serve_sites() as servers:
        collect_in_order(settings, store, servers, order, datetime(2030, 1, 1, tzinfo=UTC))
        first = feed_entries(settings, store)
        check_against_gold(first)
        # Everything again, in the reverse order, every page fetched and compared anew.
        for name in order:
            store.sources.record_success(name, FetchRecord(adapter_state={}), datetime(2030, 1, 2, tzinfo=UTC))
        collect_in_order(settings, store, servers, order[::-1], datetime(2030, 1, 2, tzinfo=UTC))
        again = feed_entries(settings, store)
    store.close()
    assert {entry.link: entry.entry_id for entry in again} == {entry.link: entry.entry_id for entry in first}
    assert again == first


@pytest.mark.slow
def test_every_kooperation_article_s_editor_countries_are_published_tags(settings: Settings) -> None:
    """Kooperation International's "Länder / Organisationen" is the editor's choice: every name in it,
    official long forms included, is a country of the published story ("Global" is none)."""
    shutil.copy(REPO / "config" / "topics.yaml", settings.config_dir / "topics.yaml")
    shutil.copy(REPO / "config" / "countries.yaml", settings.config_dir / "countries.yaml")
    tagger = Tagger(load_taxonomy(REPO / "config"))
    store = Store.open(settings.database_url)
    with serve_sites() as servers:
        collect_in_order(settings, store, servers, ORDERS[0], datetime(2030, 1, 1, tzinfo=UTC))
    response = create_app(settings, store).test_client().get("/feeds/all.json?limit=500")
    store.close()
    countries_of: dict[str, set[str]] = {}
    for item in response.get_json()["items"]:
        codes = {c["term"] for c in item["_clusterfeeds"]["categories"] if c["scheme"].endswith("/countries")}
        for url in [item["url"], *(related["url"] for related in item["_clusterfeeds"]["related"])]:
            countries_of[url] = codes
    checked = 0
    for article in expected_articles("kooperation"):
        names = article.get("metadata", {}).get("laender") or []
        if article["url"] in KOOPERATION_PAGE_TWO or not names:
            continue
        expected = {tagger.country_of_name(name) for name in names} - {None}
        assert all(tagger.country_of_name(name) or name in ("Global", "Weltweit") for name in names), names
        missing = expected - countries_of[article["url"]]
        assert not missing, (article["url"], sorted(missing))
        checked += 1
    assert checked >= 8
