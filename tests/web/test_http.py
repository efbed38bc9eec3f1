"""HTTP behaviour of the public documents, the pages and OPML, and WebSub pings after collects."""

from __future__ import annotations

import gzip
import hashlib

import httpx
import pytest
from flask.testing import FlaskClient
from lxml import etree

from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.appserver import running_app
from tests.support.documents import FIRST, SECOND, rss
from tests.support.httpserver import Route, serving
from tests.support.hub import websub_hub

MEDIA_TYPES = {"atom": "application/atom+xml; charset=utf-8", "rss": "application/rss+xml; charset=utf-8",
               "json": "application/feed+json; charset=utf-8"}


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_validators_caching_and_content_types(filled: tuple[Settings, Store, FlaskClient], fmt: str) -> None:
    settings, _, client = filled
    path = f"/feeds/topics/innovation.{fmt}?hl=en"
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == MEDIA_TYPES[fmt]
    assert first.headers["Cache-Control"] in ("public, max-age=300", "max-age=300, public")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert etag == f'"{hashlib.sha256(first.data).hexdigest()[:32]}"'  # the renderer's, the bytes' own
    assert client.get(path).headers["ETag"] == etag  # from the content, not the time
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(path, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"}).status_code == 200
    newest = max(client.get("/feeds/topics/innovation.json").get_json()["items"],
                 key=lambda item: item["date_modified"])["date_modified"]
    assert first.last_modified is not None
    assert first.last_modified.isoformat()[:19] == newest[:19]
    head = client.head(path)
    assert head.status_code == 200
    assert head.data == b""
    assert head.headers["ETag"] == etag
    zipped = client.get(path, headers={"Accept-Encoding": "gzip, deflate"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["Vary"]
    assert gzip.decompress(zipped.data) == first.data
    assert client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]}
                      ).status_code == 304
    assert settings.feed_max_age == 300


def test_304_over_real_http(filled: tuple[Settings, Store, FlaskClient]) -> None:
    settings, store, _ = filled
    with running_app(create_app(settings, store)) as base_url, httpx.Client(base_url=base_url) as http:
        first = http.get("/feeds/all.atom")
        assert first.headers["content-encoding"] == "gzip"
        second = http.get("/feeds/all.atom", headers={"If-None-Match": first.headers["etag"]})
        assert second.status_code == 304
        assert second.content == b""


def test_framing_only_for_the_embed_page(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    assert "frame-ancestors 'none'" in client.get("/").headers["Content-Security-Policy"]
    assert client.get("/feeds/all.atom").headers["X-Frame-Options"] == "DENY"
    embed = client.get("/embed/topics/innovation?limit=3&hl=de")
    assert embed.status_code == 200
    assert "frame-ancestors *" in embed.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in embed.headers
    assert embed.data.count(b"<article") == 3


def test_pages_in_html_and_json_with_counts(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, store, client = filled
    every = client.get("/feeds/all.json?limit=500").get_json()["items"]
    topics = client.get("/topics.json?hl=en").get_json()["topics"]
    innovation = next(row for row in topics if row["code"] == "innovation")
    assert innovation["count"] == len(client.get("/feeds/topics/innovation.json?limit=500").get_json()["items"])
    assert innovation["feeds"]["atom"] == "http://feeds.test/feeds/topics/innovation.atom"
    countries = {row["code"]: row for row in client.get("/countries.json?hl=de").get_json()["countries"]}
    assert countries["de"]["label"] == "Deutschland"
    assert countries["eu"]["label"] == "Europäische Union"
    assert client.get("/countries.json?hl=en").get_json()["countries"][0]["label"] < "B"  # sorted by name
    assert client.get("/countries", headers={"Accept": "application/json"}).get_json()["countries"]
    sources = {row["code"]: row for row in client.get("/sources.json").get_json()["sources"]}
    assert set(sources) == {"cp", "eccp"}
    states = {state.source_id: state for state in store.sources.states()}
    for source_id, row in sources.items():
        assert row["item_count"] == states[source_id].item_count > 0
        assert row["consecutive_failures"] == 0
        assert {"last_success", "last_error", "next_attempt"} <= set(row)
    assert sum(row["count"] for row in sources.values()) >= len(every)
    html = client.get("/sources?hl=de").get_data(as_text=True)
    assert "Fehlschläge in Folge" in html
    assert "Clusterplattform Deutschland" in html
    assert 'href="http://feeds.test/feeds/sources/eccp.rss"' in html
    topics_html = client.get("/topics", headers={"Accept-Language": "de-DE,de;q=0.9"}).get_data(as_text=True)
    assert "<h1>Themen</h1>" in topics_html
    assert "<h1>Topics</h1>" in client.get("/topics?hl=en").get_data(as_text=True)


def test_home_page_subscribe_links_and_autodiscovery(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    page = client.get("/?hl=de").get_data(as_text=True)
    root = etree.HTML(page)
    alternates = {(link.get("type"), link.get("href")) for link in root.iter("link") if link.get("rel") == "alternate"}
    for fmt, media_type in (("atom", "application/atom+xml"), ("rss", "application/rss+xml"),
                            ("json", "application/feed+json")):
        assert (media_type, f"http://feeds.test/feeds/all.{fmt}") in alternates
        assert (media_type, f"http://feeds.test/feeds/baltic-innovation.{fmt}") in alternates
    hrefs = {a.get("href") for a in root.iter("a")}
    assert "http://feeds.test/feeds/baltic-innovation.atom" in hrefs
    # topics, countries and sources are pages of their own, each with its feed (tests/test_pages.py)
    assert {"/topics/innovation?hl=de", "/countries/pl?hl=de", "/sources/cp?hl=de"} <= hrefs
    assert "Neueste Meldungen" in page
    latest = client.get("/feeds/all.json?limit=1").get_json()["items"][0]
    assert latest["title"] in page


def test_opml_lists_every_topic_and_country_feed(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    response = client.get("/opml?hl=en")
    assert response.headers["Content-Type"].startswith("text/x-opml")
    root = etree.fromstring(response.data)
    assert root.get("version") == "2.0"
    urls = {o.get("xmlUrl") for o in root.iter("outline") if o.get("type") == "rss"}
    topics = {row["feeds"]["atom"] for row in client.get("/topics.json").get_json()["topics"]}
    countries = {row["feeds"]["atom"] for row in client.get("/countries.json").get_json()["countries"]}
    assert topics | countries | {"http://feeds.test/feeds/all.atom"} <= urls
    assert all(o.get("text") for o in root.iter("outline"))


# -- collects: ETags and WebSub ------------------------------------------------------------------

def feed_etags(client: FlaskClient) -> dict[str, str]:
    """The ETag of every feed URL the service lists (all, topics, countries, sources), every format."""
    paths = ["/feeds/all"]
    for kind in ("topics", "countries", "sources"):
        paths += [row["feeds"]["atom"].removeprefix("http://feeds.test").removesuffix(".atom")
                  for row in client.get(f"/{kind}.json").get_json()[kind]]
    return {f"{path}.{fmt}": client.get(f"{path}.{fmt}?hl=en").headers["ETag"]
            for path in paths for fmt in ("atom", "rss", "json")}


def test_collects_ping_the_hub_for_exactly_the_changed_feeds(settings: Settings) -> None:
    with websub_hub() as (hub_url, pings), serving({
        "/a.rss": Route(rss(*FIRST), content_type="application/rss+xml"),
        "/b.rss": Route(rss(*SECOND), content_type="application/rss+xml"),
    }) as site:
        import dataclasses
        settings = dataclasses.replace(settings, websub_hub_url=hub_url)
        sources = [SourceConfig("north", "North news", "feed", site.url("/a.rss"), language="en"),
                   SourceConfig("south", "South news", "feed", site.url("/b.rss"), language="de")]
        store = Store.open(settings.database_url)
        client = create_app(settings, store).test_client()
        collect_sources(settings, store, sources[:1])
        assert len(pings) == 1
        first_ping = pings[0]
        assert ("hub.mode", "publish") in first_ping
        assert {"http://feeds.test/feeds/all.atom", "http://feeds.test/feeds/sources/north.json"} <= {
            value for key, value in first_ping if key == "hub.url"}
        atom = client.get("/feeds/all.atom").data
        assert f'<link href="{hub_url}" rel="hub"/>'.encode() in atom
        assert b'rel="self"' in atom
        assert client.get("/feeds/all.json").get_json()["hubs"] == [{"type": "WebSub", "url": hub_url}]

        before = feed_etags(client)
        collect_sources(settings, store, sources[:1])  # nothing changed: no ping, every ETag the same
        assert len(pings) == 1
        assert feed_etags(client) == before

        collect_sources(settings, store, sources)  # south is new: exactly the feeds it changed
        after = feed_etags(client)
        changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
        assert len(pings) == 2
        notified = {value.removeprefix("http://feeds.test") for key, value in pings[1] if key == "hub.url"}
        assert notified == changed
        assert "/feeds/sources/south.atom" in notified
        assert "/feeds/sources/north.atom" not in notified
        store.close()
