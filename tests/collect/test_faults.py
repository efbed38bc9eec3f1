"""Faults on one source: recorded on its state, the other source collected, recovery once the fault is gone.

Runs through the runner and a real store, against the fixture sites over real HTTP.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest

from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from tests.support.collecting import site_source
from tests.support.httpserver import FixtureServer, Route
from tests.support.sites import serve_sites, site_dir

LISTING = "/CLUSTER/Navigation/DE/ClusterERFOLGE/clustererfolge.html"
FEED = "/taxonomy/term/205/feed"
ARTICLE_1252 = "/CLUSTER/Redaktion/DE/Kurzmeldungen/Aktuelles/2017/1_Quartal/20170315_Clusterwoche_2017.html"


@pytest.fixture
def fast(settings: Settings) -> Settings:
    """Timeouts far above what a healthy fixture page needs even on a loaded machine; the slow faults below
    are far slower still (a minute), so which side of the deadline a request falls on never depends on load."""
    return dataclasses.replace(settings, http_rate_per_host=1000.0, http_read_timeout=3, http_total_timeout=6,
                               robots_cache_seconds=0)


@pytest.fixture
def sites() -> Iterator[dict[str, FixtureServer]]:
    with serve_sites(["clusterplattform", "eccp"]) as servers:
        yield servers


def _sources(sites: dict[str, FixtureServer]) -> tuple[SourceConfig, SourceConfig]:
    cp = site_source("clusterplattform", sites["clusterplattform"], "clusterplattform", listings=[LISTING])
    feed = site_source("eccp", sites["eccp"], "feed", source_id="eccp-feed", url=FEED)
    return cp, feed


def _challenge() -> bytes:
    return (site_dir("eccp") / "pages/tags/digital__q_page_1").read_bytes()


def _error_page() -> bytes:
    return (site_dir("clusterplattform") / "pages/SiteGlobals/Functions/Fehlerseiten/404.html").read_bytes()


Fault = Callable[[Route], None]
FAULTS: dict[str, tuple[str, str, Fault, str]] = {
    # name: (faulty source, path, how the route breaks, expected words in last_error)
    "500": ("clusterplattform", LISTING, lambda r: setattr(r, "status", 500), "HTTP 500"),
    "503-retry-after": ("clusterplattform", LISTING,
                        lambda r: (setattr(r, "status", 503), r.headers.update({"Retry-After": "7200"})), "HTTP 503"),
    "429": ("clusterplattform", LISTING, lambda r: setattr(r, "status", 429), "HTTP 429"),
    "read-timeout": ("clusterplattform", LISTING, lambda r: setattr(r, "delay", 60.0), "timed out"),
    "dribbled-body": ("clusterplattform", LISTING, lambda r: setattr(r, "dribble", 0.1), "in total"),
    "truncated-body": ("clusterplattform", LISTING, lambda r: setattr(r, "truncate", 300), "Error"),
    "body-over-cap": ("clusterplattform", LISTING, lambda r: setattr(r, "body", r.body + b" " * 3_000_000), "cap"),
    "redirect-loop": ("clusterplattform", LISTING,
                      lambda r: (setattr(r, "status", 302), r.headers.update({"Location": LISTING})), "redirect loop"),
    "200-error-page": ("clusterplattform", LISTING, lambda r: setattr(r, "body", _error_page()), "error page"),
    "bot-challenge": ("clusterplattform", LISTING, lambda r: setattr(r, "body", _challenge()), "bot challenge"),
    "robots-disallow": ("clusterplattform", "/robots.txt",
                        lambda r: setattr(r, "body", b"User-agent: *\nDisallow: /CLUSTER/\n"), "robots.txt"),
    "malformed-xml": ("eccp", FEED, lambda r: setattr(r, "body", b"<html><p>no <b>feed</p> at all"), "not a feed"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_fault_is_recorded_others_collected_and_source_recovers(
        fault: str, fast: Settings, database_url: str, sites: dict[str, FixtureServer]) -> None:
    site, path, breaks, words = FAULTS[fault]
    cp, feed = _sources(sites)
    faulty, healthy = (cp, feed) if site == "clusterplattform" else (feed, cp)
    settings = dataclasses.replace(fast, http_max_bytes=2_000_000)
    store = Store.open(database_url)
    server = sites[site]
    original = dataclasses.replace(server.routes[path], headers=dict(server.routes[path].headers))
    breaks(server.routes[path])

    runs = {run.source_id: run for run in collect_sources(settings, store, [cp, feed])}

    assert not runs[faulty.id].ok
    assert runs[healthy.id].ok
    assert runs[healthy.id].report.created > 0
    state = store.sources.state(faulty.id)
    assert state.consecutive_failures == 1
    assert state.last_error
    assert words.lower() in state.last_error.lower()
    assert state.next_attempt is not None
    assert state.last_attempt is not None
    if fault == "503-retry-after":
        assert state.next_attempt - state.last_attempt >= timedelta(seconds=7200)
    assert store.sources.state(healthy.id).consecutive_failures == 0

    server.routes[path] = original
    runs = {run.source_id: run for run in collect_sources(settings, store, [cp, feed])}
    assert runs[faulty.id].ok
    state = store.sources.state(faulty.id)
    assert (state.consecutive_failures, state.last_error) == (0, None)
    assert state.last_success is not None
    assert state.item_count > 0
    store.close()


def test_junk_before_xml_and_wrong_charset_are_survived(fast: Settings, database_url: str,
                                                         sites: dict[str, FixtureServer]) -> None:
    cp = site_source("clusterplattform", sites["clusterplattform"], "clusterplattform",
                     listings=["/CLUSTER/Navigation/DE/Aktuelles/Kurzmeldungen/kurzmeldungen.html?gtp=5427374_list%253D3"],
                     max_pages=1)
    feed = site_source("eccp", sites["eccp"], "feed", source_id="eccp-feed", url=FEED)
    assert sites["eccp"].routes[FEED].body.lstrip().startswith(b"<!-- THEME DEBUG")
    # cp1252 bytes announced as UTF-8 by the server (the page's own <meta> says windows-1252)
    sites["clusterplattform"].routes[ARTICLE_1252].content_type = "text/html; charset=utf-8"
    store = Store.open(database_url)
    runs = collect_sources(fast, store, [cp, feed])
    assert all(run.ok for run in runs)
    titles = [entry.title for entry in store.feeds.latest(200)]
    assert "Clusterwoche 2017: Mehr als 60 Veranstaltungen in ganz Deutschland" in titles
    assert not any("\ufffd" in title or "Ã" in title for title in titles)
    store.close()


def test_second_collect_sends_only_conditional_requests_and_keeps_the_host_rate(
        settings: Settings, database_url: str) -> None:
    rate = 20.0  # the one test that runs at a low rate: the rate is what it checks
    slow = dataclasses.replace(settings, http_rate_per_host=rate)
    with serve_sites(["clusterplattform"]) as servers:
        server = servers["clusterplattform"]
        source = site_source("clusterplattform", server, "clusterplattform",
                             listings=[LISTING, "/CLUSTER/Navigation/EN/News/news.html"])
        store = Store.open(database_url)
        started = time.monotonic()
        first = collect_sources(slow, store, [source])
        took = time.monotonic() - started
        assert first[0].ok
        assert first[0].report.created == 5
        # n requests to one host at `rate` per second cannot take less than (n - 1) / rate. A lower bound
        # only: a loaded machine makes the collect slower, never faster, so load cannot fail this. (The
        # server's own receive times are not used: a stalled server thread squeezes their gaps.)
        requests = len(server.log)
        assert requests >= 6  # robots.txt, two listings, five articles
        assert took >= (requests - 1) / rate
        server.clear_log()
        second = collect_sources(slow, store, [source])
        assert second[0].ok
        assert second[0].report.created == 0
        articles = [r for r in server.log if "/Redaktion/" in r.path]
        assert all("if-none-match" in r.headers or "if-modified-since" in r.headers for r in articles)
        assert all("if-none-match" in r.headers for r in server.log if r.path != "/robots.txt")
        store.close()


def test_changed_listing_card_refetches_only_that_article_conditionally(fast: Settings, database_url: str) -> None:
    with serve_sites(["clusterplattform"]) as servers:
        server = servers["clusterplattform"]
        source = site_source("clusterplattform", server, "clusterplattform", listings=[LISTING])
        store = Store.open(database_url)
        assert collect_sources(fast, store, [source])[0].ok
        listing = server.routes[LISTING]
        listing.body = listing.body.replace(b"22.10.2020", b"23.10.2020", 1)
        server.clear_log()
        assert collect_sources(fast, store, [source])[0].ok
        article_requests = [r for r in server.log if "/Redaktion/" in r.path]
        assert len(article_requests) == 1
        assert "medizintechnik" in article_requests[0].path
        assert "if-none-match" in article_requests[0].headers
        store.close()
