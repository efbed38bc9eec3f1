"""One complete path: fixture feeds over real HTTP -> collect -> store -> Atom/RSS over real HTTP."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import httpx
import pytest
from click.testing import CliRunner

from feeds.cli import cli
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support import paths
from tests.support.appserver import running_app
from tests.support.configs import write_sources
from tests.support.httpserver import FixtureServer, Route, serving

FIXTURES = paths.FIXTURES / "feeds"
CP_BASE = "https://www.clusterplattform.de/CLUSTER/Redaktion/DE/Kurzmeldungen/Aktuelles/2026"
FOERDER = f"{CP_BASE}/3_quartal/20260904_foerderaufruf.html"
CLUSTERWOCHE = f"{CP_BASE}/2_Quartal/20260612_clusterwoche.html"
EXZELLENZ = f"{CP_BASE}/4_Quartal/20261102_exzellenz.html"
CONFERENCE = "https://www.clustercollaboration.eu/news/european-cluster-conference-2024"
JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Partner news",
    "items": [{
        "id": "partner-1",
        "url": "https://partner.example/news/baltic-cluster-days",
        "title": "Baltic Cluster Days announced for Riga",
        "content_text": "Cluster organisations from Latvia, Lithuania and Estonia meet in Riga in spring.",
        "date_published": "2026-03-10T08:00:00+01:00",
        "authors": [{"name": "Partner desk"}],
    }],
}


def fixture_routes() -> dict[str, Route]:
    return {
        "/gsb.rss": Route((FIXTURES / "gsb-v1.rss").read_bytes(), content_type="application/rss+xml",
                          last_modified=1_788_000_000),
        "/eccp.atom": Route((FIXTURES / "eccp.atom").read_bytes(), content_type="application/atom+xml"),
        "/partner.json": Route(json.dumps(JSON_FEED).encode(), content_type="application/feed+json"),
    }


def configure(config_dir: Path, server: FixtureServer) -> None:
    write_sources(config_dir, [
        {"id": "cp", "name": "Clusterplattform Deutschland", "kind": "feed", "url": server.url("/gsb.rss"),
         "interval": "30m", "language": "de"},
        {"id": "eccp", "name": "ECCP", "kind": "feed", "url": server.url("/eccp.atom"), "language": "en",
         "host_aliases": {"clustercollaboration.eu": "https://www.clustercollaboration.eu"}},
        {"id": "partner", "name": "Partner", "kind": "feed", "url": server.url("/partner.json")},
    ])


def run_cli(settings: Settings, *args: str) -> str:
    env = {"CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_BASE_URL": settings.base_url}
    result = CliRunner().invoke(
        cli, ["--config-dir", str(settings.config_dir), "--database-url", settings.database_url, *args], env=env
    )
    assert result.exit_code == 0, result.output
    return result.output


def fetch_feed(base_url: str, path: str) -> feedparser.FeedParserDict:
    response = httpx.get(base_url + path)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content, response_headers={"content-type": response.headers["content-type"]})
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def by_link(parsed: feedparser.FeedParserDict) -> dict[str, feedparser.FeedParserDict]:
    return {entry.link: entry for entry in parsed.entries}


def test_collect_then_publish_then_update(settings: Settings) -> None:
    with serving(fixture_routes()) as server:
        configure(settings.config_dir, server)
        output = run_cli(settings, "collect")
        assert "cp: ok, 2 new" in output
        assert "eccp: ok, 2 new" in output
        assert "partner: ok, 1 new" in output

        store = Store.open(settings.database_url)
        with running_app(create_app(settings, store)) as base_url:
            atom = fetch_feed(base_url, "/feeds/all.atom")
            rss = fetch_feed(base_url, "/feeds/all.rss")
            first = by_link(atom)
            assert set(first) == {FOERDER, CLUSTERWOCHE, CONFERENCE, JSON_FEED["items"][0]["url"],
                                  "https://www.clustercollaboration.eu/content/cluster-initiative-expedition"}
            assert set(by_link(rss)) == set(first)
            foerder = first[FOERDER]
            assert foerder.title == "Förderaufruf für internationale Clusterkooperationen veröffentlicht"
            assert foerder.published_parsed[:6] == (2026, 9, 4, 7, 55, 0)  # 09:55 +0200 in UTC
            assert foerder.id.startswith("tag:feeds.test,")
            assert "<script" not in foerder.summary
            assert "alert(1)" not in foerder.summary
            conference = first[CONFERENCE]
            assert "onclick" not in conference.content[0].value
            assert conference.author == "ECCP Team"
            # newest first
            published = [e.published_parsed for e in atom.entries]
            assert published == sorted(published, reverse=True)
            ids_before = {link: entry.id for link, entry in first.items()}
            updated_before = {link: entry.updated_parsed for link, entry in first.items()}

            server.clear_log()
            server.routes["/gsb.rss"] = Route((FIXTURES / "gsb-v2.rss").read_bytes(),
                                              content_type="application/rss+xml", last_modified=1_789_000_000)
            output = run_cli(settings, "collect")
            assert "cp: ok, 1 new, 1 updated, 1 unchanged" in output
            assert "eccp: ok, not modified" in output

            conditional = server.requests_for("/eccp.atom")[0].headers
            assert conditional.get("if-none-match", "").startswith('"')
            assert "if-modified-since" in server.requests_for("/gsb.rss")[0].headers

            second = by_link(fetch_feed(base_url, "/feeds/all.atom"))
            assert len(second) == 6
            assert EXZELLENZ in second
            assert {link: second[link].id for link in ids_before} == ids_before
            assert second[FOERDER].title.endswith("verlängert")
            assert second[FOERDER].updated_parsed > updated_before[FOERDER]
            assert second[CLUSTERWOCHE].updated_parsed == updated_before[CLUSTERWOCHE]
        assert store.items.story_count() == 6
        store.close()


def test_limit_parameter(settings: Settings) -> None:
    with serving(fixture_routes()) as server:
        configure(settings.config_dir, server)
        run_cli(settings, "collect")
    store = Store.open(settings.database_url)
    client = create_app(settings, store).test_client()
    assert len(feedparser.parse(client.get("/feeds/all.atom?limit=2").data).entries) == 2
    for bad in ("0", "501", "abc", "-1", "2.5"):
        response = client.get(f"/feeds/all.rss?limit={bad}")
        assert response.status_code == 400
        assert repr(bad) in response.get_data(as_text=True)
        assert "limit" in response.get_data(as_text=True)
    store.close()


def test_home_page_lists_stories_and_autodiscovery(settings: Settings) -> None:
    with serving(fixture_routes()) as server:
        configure(settings.config_dir, server)
        run_cli(settings, "collect")
    store = Store.open(settings.database_url)
    client = create_app(settings, store).test_client()
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert '<link rel="alternate" type="application/rss+xml"' in page
    assert "Baltic Cluster Days announced for Riga" in page
    assert client.get("/healthz").get_json() == {"status": "ok"}
    store.close()


def test_conditional_get_on_feed(settings: Settings) -> None:
    with serving(fixture_routes()) as server:
        configure(settings.config_dir, server)
        run_cli(settings, "collect")
    store = Store.open(settings.database_url)
    client = create_app(settings, store).test_client()
    first = client.get("/feeds/all.atom")
    assert first.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    again = client.get("/feeds/all.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    since = client.get("/feeds/all.atom", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    store.close()


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_languages_are_detected(settings: Settings, fmt: str) -> None:
    with serving(fixture_routes()) as server:
        configure(settings.config_dir, server)
        run_cli(settings, "collect")
    store = Store.open(settings.database_url)
    entries = {entry.link: entry for entry in store.feeds.latest(50)}
    assert entries[FOERDER].language == "de"
    assert entries[CONFERENCE].language == "en"
    assert entries[JSON_FEED["items"][0]["url"]].published == datetime(2026, 3, 10, 7, 0, tzinfo=UTC)
    body = create_app(settings, store).test_client().get(f"/feeds/all.{fmt}").data
    assert b"Baltic Cluster Days" in body
    store.close()
