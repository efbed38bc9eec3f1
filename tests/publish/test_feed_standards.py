"""The rules of issue 18, checked on the documents an outside validator was run on.

The three fixture platforms are collected over HTTP once (clock: 1 January 2027, after every
fixture date), and each rule is asserted on Atom and RSS of: all, a topic, a country, a
source, a named feed, a combined filter, a second page and an empty result. The rules are
RFC 4287 (Atom) and the RSS 2.0 specification as the W3C Feed Validation Service applies
them; these checks are ours.
"""

from __future__ import annotations

import email.utils
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy import select

from feeds.config import SourceConfig
from feeds.model import Item
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import sources
from feeds.store.testing import engine_of
from feeds.web import create_app
from tests.support.collecting import collect_in_order
from tests.support.httpserver import Route, serving
from tests.support.paths import REPO
from tests.support.sites import serve_sites

ATOM = "{http://www.w3.org/2005/Atom}"
COLLECTED = datetime(2027, 1, 1, tzinfo=UTC)
DOCUMENTS = {
    "all": "/feeds/all.{fmt}", "topic": "/feeds/topics/innovation.{fmt}", "country": "/feeds/countries/de.{fmt}",
    "source": "/feeds/sources/eccp.{fmt}", "named": "/feeds/baltic-innovation.{fmt}",
    "combined": "/feeds/all.{fmt}?country=pl,lt,de&topic=innovation", "page2": None,
    "empty": "/feeds/countries/de.{fmt}?q=zzyzxnothing",
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Settings, Store, FlaskClient]]:
    directory = tmp_path_factory.mktemp("standards")
    config = directory / "config"
    config.mkdir()
    for name in ("topics.yaml", "feeds.yaml"):
        shutil.copy(REPO / "config" / name, config / name)
    (config / "sources.yaml").write_text("sources: []\n")
    settings = Settings(database_url=f"sqlite:///{directory / 'store.db'}", config_dir=config,
                        allow_private_networks=True, base_url="http://feeds.test", http_rate_per_host=1000.0,
                        scheduler_jitter=0, cache_max_mb=0)
    store = Store.open(settings.database_url)
    with serve_sites() as servers:
        collect_in_order(settings, store, servers, ("clusterplattform", "eccp", "kooperation"), COLLECTED)
    yield settings, store, create_app(settings, store).test_client()
    store.close()


def url_of(client: FlaskClient, name: str, fmt: str) -> str:
    if name != "page2":
        return str(DOCUMENTS[name]).format(fmt=fmt)
    first = client.get(f"/feeds/all.{fmt}?limit=5").data.decode()
    cursor = re.search(r"before=([0-9TZ]+)", first)
    assert cursor, "the first page links a second one"
    return f"/feeds/all.{fmt}?limit=5&before={cursor.group(1)}"


def document(client: FlaskClient, name: str, fmt: str) -> etree._Element:
    response = client.get(url_of(client, name, fmt))
    assert response.status_code == 200
    return etree.fromstring(response.data)


def atom_date(element: Any, path: str) -> datetime:
    return datetime.fromisoformat(element.findtext(path))


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_atom_entry_has_an_author(sites: tuple[Settings, Store, FlaskClient], name: str) -> None:
    """RFC 4287 §4.1.2: the item's byline, else the source's name with its URL."""
    _, store, client = sites
    urls = set(_source_urls(store))
    names = {"Clusterplattform Deutschland", "European Cluster Collaboration Platform", "Kooperation International"}
    for entry in document(client, name, "atom").iter(f"{ATOM}entry"):
        author = entry.find(f"{ATOM}author")
        assert author is not None
        assert author.findtext(f"{ATOM}name")
        if author.findtext(f"{ATOM}name") in names:
            assert author.findtext(f"{ATOM}uri") in urls


def _source_urls(store: Store) -> list[str]:
    with engine_of(store).connect() as connection:
        return list(connection.execute(select(sources.c.url).order_by(sources.c.id)).scalars())


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_updated_is_the_source_date_never_the_collection_time(
        sites: tuple[Settings, Store, FlaskClient], name: str) -> None:
    _, _, client = sites
    root = document(client, name, "atom")
    entries = list(root.iter(f"{ATOM}entry"))
    for entry in entries:
        updated, published = atom_date(entry, f"{ATOM}updated"), atom_date(entry, f"{ATOM}published")
        assert published <= updated < COLLECTED
        source = entry.find(f"{ATOM}source")
        assert source.findtext(f"{ATOM}id")
        assert source.findtext(f"{ATOM}title")
        assert atom_date(source, f"{ATOM}updated") == updated
    if entries:
        assert atom_date(root, f"{ATOM}updated") == max(atom_date(e, f"{ATOM}updated") for e in entries)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_an_empty_feed_is_dated_by_the_store_s_last_change(
        sites: tuple[Settings, Store, FlaskClient], fmt: str) -> None:
    _, store, client = sites
    root = document(client, "empty", fmt)
    assert store.feeds.last_change() == COLLECTED
    if fmt == "atom":
        assert not root.findall(f"{ATOM}entry")
        assert atom_date(root, f"{ATOM}updated") == COLLECTED
    else:
        assert not root.findall("channel/item")
        assert email.utils.parsedate_to_datetime(root.findtext("channel/lastBuildDate")) == COLLECTED


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_a_filtered_feed_has_a_title_naming_its_filter_and_an_id_of_its_own(
        sites: tuple[Settings, Store, FlaskClient], fmt: str) -> None:
    _, _, client = sites

    def title_and_id(url: str) -> tuple[str, str]:
        response = client.get(url)
        if fmt == "json":
            feed = response.get_json()
            return feed["title"], feed["home_page_url"]
        root = etree.fromstring(response.data)
        if fmt == "atom":
            return root.findtext(f"{ATOM}title"), root.findtext(f"{ATOM}id")
        return root.findtext("channel/title"), root.findtext("channel/link")

    plain = title_and_id(f"/feeds/all.{fmt}")
    combined = title_and_id(f"/feeds/all.{fmt}?country=pl,lt&topic=funding")
    assert plain[0] == "ClusterFeeds"
    assert combined[0] == "ClusterFeeds – Poland, Lithuania – Funding"
    assert combined[1] != plain[1]
    assert title_and_id(f"/feeds/all.{fmt}?topic=funding&country=lt,pl")[1] == combined[1]  # any parameter order
    assert title_and_id(f"/feeds/all.{fmt}?country=pl")[1] not in (plain[1], combined[1])
    assert title_and_id(f"/feeds/countries/pl.{fmt}?topic=funding")[0] == "ClusterFeeds – Country: Poland – Funding"


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_rss_categories_carry_the_label_and_keep_the_code_in_the_domain(
        sites: tuple[Settings, Store, FlaskClient], name: str) -> None:
    settings, _, client = sites
    for category in document(client, name, "rss").iter("category"):
        domain = category.get("domain", "")
        vocabulary, _, code = domain.partition("#")
        assert vocabulary in (f"{settings.base_url}/countries", f"{settings.base_url}/topics")
        assert code
        assert category.text
        assert category.text != code  # "Germany", not "de"


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_the_rss_channel_link_is_the_html_page_of_the_same_selection(
        sites: tuple[Settings, Store, FlaskClient], name: str) -> None:
    settings, _, client = sites
    rss_url = url_of(client, name, "rss")
    link = document(client, name, "rss").findtext("channel/link")
    assert link.startswith(settings.base_url)
    assert ".rss" not in link
    page = client.get(link.removeprefix(settings.base_url))
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    atom = document(client, name, "atom")
    [alternate] = [e.get("href") for e in atom.findall(f"{ATOM}link") if e.get("rel") == "alternate"]
    assert alternate == link
    if "?" in rss_url and "before" not in rss_url:
        assert "?" in link  # the filter is part of the selection


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_one_link_per_distinct_url(sites: tuple[Settings, Store, FlaskClient], name: str) -> None:
    _, _, client = sites
    for entry in document(client, name, "atom").iter(f"{ATOM}entry"):
        hrefs = [link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel") != "enclosure"]
        assert len(hrefs) == len(set(hrefs))
    for item in document(client, name, "rss").iter("item"):
        hrefs = [item.findtext("link")] + [link.get("href") for link in item.iter(f"{ATOM}link")]
        assert len(hrefs) == len(set(hrefs))


def test_json_feed_items_carry_the_1_0_author_next_to_authors(sites: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = sites
    items = client.get("/feeds/all.json?limit=500").get_json()["items"]
    with_authors = [item for item in items if "authors" in item]
    assert with_authors
    for item in with_authors:
        assert item["author"] == item["authors"][0]


def test_enclosures_carry_the_type_and_length_the_source_states(settings: Settings) -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link>
<description>d</description><item><title>Cluster news from Riga</title><link>https://example.org/a</link>
<enclosure url="https://example.org/picture.jpg" type="image/webp" length="48213"/></item>
<item><title>Cluster news from Tallinn</title><link>https://example.org/b</link>
<enclosure url="https://example.org/photo.png" type="image/png" length=""/></item></channel></rss>"""
    with serving({"/feed": Route(feed, content_type="application/rss+xml")}) as server:
        store = Store.open(settings.database_url)
        (run,) = collect_sources(settings, store, [SourceConfig(id="s", name="S", kind="feed",
                                                                 url=server.url("/feed"))])
        assert run.ok, run.error
        client = create_app(settings, store).test_client()
        atom = etree.fromstring(client.get("/feeds/all.atom").data)
        rss = etree.fromstring(client.get("/feeds/all.rss").data)
        store.close()
    enclosures = {link.get("href"): (link.get("type"), link.get("length"))
                  for link in atom.iter(f"{ATOM}link") if link.get("rel") == "enclosure"}
    assert enclosures == {"https://example.org/picture.jpg": ("image/webp", "48213"),
                          "https://example.org/photo.png": ("image/png", None)}  # no length stated: none given
    assert {(e.get("url"), e.get("type"), e.get("length")) for e in rss.iter("enclosure")} == {
        ("https://example.org/picture.jpg", "image/webp", "48213"), ("https://example.org/photo.png", "image/png", "0")}


def test_updated_moves_only_when_the_published_content_changes(settings: Settings) -> None:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="s", name="S", kind="feed", url="https://example.org/feed")])
    published = datetime(2020, 5, 4, tzinfo=UTC)
    item = Item(source_id="s", key="k", canonical_url="https://example.org/a", url="https://example.org/a",
                title="Cluster news", content_html="<p>One</p>", summary="One", published=published,
                updated=published, language="en", content_hash="one")
    store.items.save("s", [item], datetime(2026, 1, 1, tzinfo=UTC), "feeds.test")
    assert store.feeds.latest(1)[0].updated == published  # not the collection time
    store.items.save("s", [item], datetime(2026, 2, 1, tzinfo=UTC), "feeds.test")  # seen again, unchanged
    assert store.feeds.latest(1)[0].updated == published
    edited_at = datetime(2021, 3, 3, tzinfo=UTC)
    edited = Item(**{**item.__dict__, "content_html": "<p>Two</p>", "content_hash": "two", "updated": edited_at})
    store.items.save("s", [edited], datetime(2026, 3, 1, tzinfo=UTC), "feeds.test")
    assert store.feeds.latest(1)[0].updated == edited_at  # the source's own date of the change
    silent = Item(**{**item.__dict__, "content_html": "<p>Three</p>", "content_hash": "three", "updated": edited_at})
    store.items.save("s", [silent], datetime(2026, 4, 1, tzinfo=UTC), "feeds.test")
    assert store.feeds.latest(1)[0].updated == datetime(2026, 4, 1, tzinfo=UTC)  # changed without a date: seen then
    store.close()
