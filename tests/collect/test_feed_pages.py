"""A feed's teasers and undated entries completed from their article pages (`pages: missing` / `always`), over
real HTTP on loopback; and the page sources' date read from a page's markup (`article.marked_date`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import shutil
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import sqlalchemy as sa

from feeds.collect import Fetcher, Previous, collect_source
from feeds.collect.adapters import feedpages
from feeds.collect.adapters.article import page_date
from feeds.collect.adapters.options import resolve_options
from feeds.collect.errors import CollectError
from feeds.collect.pages import Page
from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items
from feeds.store.testing import engine_of
from tests.support.collecting import FAST
from tests.support.httpserver import FixtureServer, Route, serving

CONFIG = Path(__file__).parent.parent.parent / "config"

LONG_TEXT = (
    "Der Cluster Nanotechnologie Sachsen hat in Dresden eine gemeinsame Pilotlinie für beschichtete Folien "
    "in Betrieb genommen. Zwölf Mitgliedsunternehmen teilen sich die Anlage, die Muster im Rollenformat "
    "herstellt und kleinen Firmen Versuche erlaubt, für die eine eigene Linie zu teuer wäre. Das Land fördert "
    "den Aufbau mit 2,4 Millionen Euro; die Hochschule betreibt die Messtechnik. Erste Aufträge kommen aus der "
    "Verpackungsindustrie und von Herstellern flexibler Sensoren. Im Herbst sollen Schulungen für Fachkräfte "
    "der Mitglieder folgen.")
TEASERS = {
    "pilotlinie": ("Pilotlinie für Folien in Dresden", "Zwölf Firmen teilen sich eine neue Anlage."),
    "messe": ("Gemeinschaftsstand auf der Hannover Messe", "Der Cluster zeigt Projekte seiner Mitglieder."),
    "kaputt": ("Neue Geschäftsstelle in Leipzig", "Der Verein zieht um."),
}


def article(title: str, body: str, head: str = "") -> bytes:
    return (f"<!doctype html><html lang='de'><head><title>{title}</title>{head}</head><body>"
            f"<nav>Start · Aktuelles</nav><article><h1>{title}</h1><p>{body}</p>"
            f"<aside class='share'>Teilen auf …</aside></article></body></html>").encode()


def rss(server: FixtureServer, entries: Sequence[tuple[str, str, str, str | None]]) -> bytes:
    """An RSS document whose items (slug, title, description, RFC 822 date or None) link to `server`'s pages."""
    items = "".join(
        f"<item><title>{title}</title><link>{server.url('/artikel/' + slug + '.html')}</link>"
        f"<guid isPermaLink='false'>{slug}</guid><description>{text}</description>"
        + (f"<pubDate>{date}</pubDate>" if date else "") + "</item>"
        for slug, title, text, date in entries)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Cluster</title>"
            f"<link>{server.url('/')}</link><description>d</description>{items}</channel></rss>").encode()


def pages() -> dict[str, Route]:
    return {
        # the date in JSON-LD only: no <time>, no article:published_time, none in the URL
        "/artikel/pilotlinie.html": Route(article(TEASERS["pilotlinie"][0], LONG_TEXT, head=(
            '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
            '"datePublished": "2024-03-08T09:30:00+01:00"}</script>'))),
        "/artikel/messe.html": Route(article(TEASERS["messe"][0], LONG_TEXT.replace("Dresden", "Hannover"),
                                             head='<meta property="article:published_time" content="2024-04-19">')),
        "/artikel/kaputt.html": Route(b"<html><body><h1>Seite nicht gefunden</h1></body></html>", status=404),
    }


def feed_source(server: FixtureServer, **options: Any) -> SourceConfig:
    return SourceConfig(id="cluster", name="Cluster", kind="feed", url=server.url("/feed.xml"), language="de",
                        options=MappingProxyType(options))


def collect(source: SourceConfig, state: Any = None) -> Any:
    with Fetcher(FAST) as fetcher:
        return collect_source(source, fetcher, Previous(state=state))


def undated_teasers(server: FixtureServer) -> list[tuple[str, str, str, str | None]]:
    return [(slug, title, text, None) for slug, (title, text) in TEASERS.items()]


def test_teasers_without_dates_are_completed_from_their_pages_and_a_broken_page_loses_nothing(
        caplog: pytest.LogCaptureFixture) -> None:
    with serving(pages()) as server, caplog.at_level(logging.WARNING):
        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml")
        collected = collect(feed_source(server, pages="missing", remove=[".share"]))
    assert "source=cluster 1 of 3 entry pages read failed" in caplog.text  # one warning for the operator
    by_guid = {item.guid: item for item in collected.items}
    assert set(by_guid) == set(TEASERS)
    completed = by_guid["pilotlinie"]
    assert "Zwölf Mitgliedsunternehmen teilen sich die Anlage" in (completed.content_html or "")
    assert "Teilen auf" not in (completed.content_html or "")
    assert "Start · Aktuelles" not in (
        completed.content_html or "")
    assert completed.published is not None
    assert completed.published.date().isoformat() == "2024-03-08"
    assert completed.title == TEASERS["pilotlinie"][0]
    assert completed.summary_html == TEASERS["pilotlinie"][1]
    assert by_guid["messe"].published is not None
    assert by_guid["messe"].published.date().isoformat() == "2024-04-19"
    broken = by_guid["kaputt"]  # a 404: the entry as the feed gives it
    assert broken.published is None
    assert broken.summary_html == TEASERS["kaputt"][1]
    assert not broken.content_html
    assert collected.state["failed"][broken.url]["count"] == 1
    assert set(collected.state["pages"]) == {by_guid["pilotlinie"].url, by_guid["messe"].url}


def test_with_pages_never_the_feed_is_all_and_no_page_is_requested() -> None:
    with serving(pages()) as server:
        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml")
        collected = collect(feed_source(server, pages="never"))
        assert not [request for request in server.log if request.path.startswith("/artikel/")]
    assert all(item.published is None and not item.content_html for item in collected.items)
    assert collected.state is None


def test_by_default_pages_of_the_feeds_own_site_are_read_and_other_sites_pages_only_when_named() -> None:
    with serving(pages()) as server:
        # the same server under another name: another site for the feed's links
        elsewhere = rss(server, undated_teasers(server)).replace(b"127.0.0.1", b"localhost")
        server.routes["/feed.xml"] = Route(elsewhere, content_type="application/rss+xml")
        collected = collect(feed_source(server))
        assert not [request for request in server.log if request.path.startswith("/artikel/")]
        assert all(item.published is None for item in collected.items)

        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml")
        own = collect(feed_source(server))
        assert {item.guid for item in own.items if item.published is not None} == {"pilotlinie", "messe"}

        server.routes["/feed.xml"] = Route(elsewhere, content_type="application/rss+xml")
        server.clear_log()
        named = collect(feed_source(server, site_hosts=[f"localhost:{server.port}"]))
        assert {item.guid for item in named.items if item.published is not None} == {"pilotlinie", "messe"}
        # fetched where the feed links, by that name
        assert {request.headers["host"] for request in server.log if request.path.startswith("/artikel/")} == {
            f"localhost:{server.port}"}


def test_a_dated_entry_with_its_full_text_is_read_from_the_feed_unless_pages_is_always() -> None:
    with serving(pages()) as server:
        entries = [("pilotlinie", TEASERS["pilotlinie"][0], LONG_TEXT, "Fri, 8 Mar 2024 11:00:00 +0100")]
        server.routes["/feed.xml"] = Route(rss(server, entries), content_type="application/rss+xml")
        (kept,) = collect(feed_source(server, pages="missing")).items
        assert not server.requests_for("/artikel/pilotlinie.html")
        assert kept.summary_html == LONG_TEXT
        assert not kept.content_html

        (always,) = collect(feed_source(server, pages="always")).items
        assert len(server.requests_for("/artikel/pilotlinie.html")) == 1
        # the page says no more than the feed: the feed's text and date stay
        assert not always.content_html
        assert always.published == kept.published


def test_an_undated_entry_with_its_full_text_takes_only_its_pages_date() -> None:
    routes = pages()
    longer = LONG_TEXT + " " + "Weitere Meldungen: Neue Mitglieder im Netzwerk; Termine im Herbst. " * 10
    routes["/artikel/pilotlinie.html"] = Route(article(TEASERS["pilotlinie"][0], longer, head=(
        '<meta property="article:published_time" content="2024-03-08T09:30:00+01:00">')))
    with serving(routes) as server:
        entries = [("pilotlinie", TEASERS["pilotlinie"][0], LONG_TEXT, None)]
        server.routes["/feed.xml"] = Route(rss(server, entries), content_type="application/rss+xml")
        (item,) = collect(feed_source(server)).items
        (always,) = collect(feed_source(server, pages="always")).items
    assert item.published is not None
    assert item.published.date().isoformat() == "2024-03-08"
    assert item.summary_html == LONG_TEXT
    assert not item.content_html  # the page's longer body (its related news) is not the feed's text
    assert "Weitere Meldungen" in (always.content_html or "")


def test_a_completed_entry_is_not_fetched_nor_yielded_again_until_the_feed_changes_it() -> None:
    with serving(pages()) as server:
        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml",
                                           etag=False)
        source = feed_source(server, pages="missing")
        first = collect(source)
        server.clear_log()
        second = collect(source, first.state)
        assert not server.requests_for("/artikel/pilotlinie.html")
        assert not server.requests_for("/artikel/messe.html")
        assert [item.guid for item in second.items] == ["kaputt"]  # the failed page is tried again
        assert len(server.requests_for("/artikel/kaputt.html")) == 1

        edited = [(slug, title, text + " Neu: Termine für Schulungen." if slug == "messe" else text, date)
                  for slug, title, text, date in undated_teasers(server)]
        server.routes["/feed.xml"].body = rss(server, edited)
        server.clear_log()
        third = collect(source, second.state)
        assert len(server.requests_for("/artikel/messe.html")) == 1
        assert {item.guid for item in third.items} == {"messe", "kaputt"}
        assert feedpages.PAGE_TRIES == 3
        assert "gave_up" in third.state["pages"][server.url("/artikel/kaputt.html")]


def test_a_page_that_keeps_failing_is_given_up_after_its_tries() -> None:
    with serving(pages()) as server:
        entries = [("kaputt", *TEASERS["kaputt"], None)]
        server.routes["/feed.xml"] = Route(rss(server, entries), content_type="application/rss+xml", etag=False)
        source = feed_source(server, pages="missing")
        state: Any = None
        for _ in range(feedpages.PAGE_TRIES + 2):
            state = collect(source, state).state
        assert len(server.requests_for("/artikel/kaputt.html")) == feedpages.PAGE_TRIES
        assert not state["failed"]
        assert "gave_up" in state["pages"][server.url("/artikel/kaputt.html")]


def test_a_page_robots_txt_disallows_is_not_requested_and_the_entry_stays() -> None:
    routes = pages()
    routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /artikel/\n", content_type="text/plain")
    with serving(routes) as server:
        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml")
        collected = collect(feed_source(server, pages="missing"))
        assert not [request for request in server.log if request.path.startswith("/artikel/")]
    assert {item.guid for item in collected.items} == set(TEASERS)
    assert all(item.published is None for item in collected.items)


def test_pages_per_run_caps_the_requests_and_the_rest_follow_at_the_next_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedpages, "PAGES_PER_RUN", 1)
    with serving(pages()) as server:
        entries = [(slug, title, text, None) for slug, (title, text) in TEASERS.items() if slug != "kaputt"]
        server.routes["/feed.xml"] = Route(rss(server, entries), content_type="application/rss+xml", etag=False)
        source = feed_source(server, pages="missing")
        first = collect(source)
        assert len([r for r in server.log if r.path.startswith("/artikel/")]) == 1
        assert [item.published is not None for item in first.items] == [True, False]
        second = collect(source, first.state)
    assert [(item.guid, item.published is not None) for item in second.items] == [("messe", True)]


def test_a_bad_pages_value_is_a_clear_error() -> None:
    with serving(pages()) as server:
        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml")
        with pytest.raises(CollectError, match="pages must be one of never, missing, always, not 'sometimes'"):
            collect(feed_source(server, pages="sometimes"))


def _stored(store: Store) -> dict[str, tuple[str, bool, str]]:
    with engine_of(store).connect() as connection:
        rows = connection.execute(sa.select(items.c.key, items.c.content_html, items.c.dated, items.c.published_at))
        return {row.key.rsplit("/", 1)[-1]: (row.content_html, row.dated, row.published_at.date().isoformat())
                for row in rows}


def test_through_the_store_a_completed_entry_keeps_its_page_text_and_date_when_the_feed_comes_again(
        settings: Settings) -> None:
    for name in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / name, settings.config_dir / name)
    fast = dataclasses.replace(settings, allow_private_networks=True, http_rate_per_host=1000.0)
    with serving(pages()) as server:
        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml",
                                           etag=False)
        source = feed_source(server, pages="missing")
        store = Store.open(settings.database_url)
        try:
            (first,) = collect_sources(fast, store, [source])
            assert first.ok
            assert first.report.created == 3
            completed = _stored(store)
            (again,) = collect_sources(fast, store, [source])
            assert again.ok
            assert (again.report.created, again.report.updated) == (0, 0)
            assert _stored(store) == completed
        finally:
            store.close()
    text, dated, day = completed["pilotlinie"]
    assert "Zwölf Mitgliedsunternehmen" in text
    assert dated
    assert day == "2024-03-08"
    assert not completed["kaputt"][1]  # no date anywhere: collected, undated


@pytest.mark.parametrize(("head", "body", "expected"), [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-02T08:00:00Z"}</script>',
     "<p>Die Ausschreibung läuft.</p>", "2023-11-02"),
    ('<meta name="DC.date.issued" content="2022-06-15">', "<p>Die Ausschreibung läuft.</p>", "2022-06-15"),
    # a date named in the text only is an event's, not the page's: no date
    ("", "<p>Die Konferenz findet am 14. Mai 2024 in Leipzig statt.</p>", None),
])
def test_a_page_source_reads_the_date_its_markup_states_where_no_selector_finds_one(
        head: str, body: str, expected: str | None) -> None:
    page = Page.parse("https://cluster.example/aktuelles/ausschreibung.html",
                      f"<html><head><title>t</title>{head}</head><body><main>{body}</main></body></html>".encode(),
                      "text/html; charset=utf-8")
    found = page_date(page, resolve_options(SourceConfig(id="s", name="s", kind="html", url="https://x/"), {}))
    assert (found.date().isoformat() if found else None) == expected
    assert found is None or (found.hour, found.utcoffset()) == (12, dt.timedelta(0))


def test_a_run_stops_reading_pages_after_failures_in_a_row_and_keeps_the_counts_of_pages_it_skips(
        monkeypatch: pytest.MonkeyPatch) -> None:
    routes = pages()
    broken = [f"kaputt{number}" for number in range(feedpages.FAILURES_IN_A_ROW + 1)]
    for slug in broken:
        routes[f"/artikel/{slug}.html"] = Route(b"<html><body>Service Unavailable</body></html>", status=503)
    with serving(routes) as server:
        entries = [(slug, f"Meldung {slug}", "Kurz.", None) for slug in broken]
        entries.append(("pilotlinie", TEASERS["pilotlinie"][0], TEASERS["pilotlinie"][1], None))
        server.routes["/feed.xml"] = Route(rss(server, entries), content_type="application/rss+xml", etag=False)
        source = feed_source(server)
        first = collect(source)
        requested = [request.path for request in server.log if request.path.startswith("/artikel/")]
        assert requested == [f"/artikel/{slug}.html" for slug in broken[:feedpages.FAILURES_IN_A_ROW]]
        assert [item.guid for item in first.items] == [*broken, "pilotlinie"]  # every entry, as the feed gives it
        assert all(item.published is None for item in first.items)

        server.routes[f"/artikel/{broken[0]}.html"] = routes["/artikel/messe.html"]  # the site recovers in part
        server.clear_log()
        second = collect(source, first.state)
        requested = [request.path for request in server.log if request.path.startswith("/artikel/")]
        assert requested == [f"/artikel/{slug}.html" for slug in broken]  # a success starts the count again
        assert next(item for item in second.items if item.guid == broken[0]).published is not None
        counts = {url.rsplit("/", 1)[-1]: entry["count"] for url, entry in second.state["failed"].items()}
        assert counts == {f"{broken[1]}.html": 2, f"{broken[2]}.html": 2, f"{broken[3]}.html": 1}

        monkeypatch.setattr(feedpages, "PAGES_SECONDS", -1.0)  # a run with no time for pages: the counts stay
        third = collect(source, second.state)
    assert third.state["failed"] == second.state["failed"]


def test_with_no_time_left_for_pages_none_is_read_and_every_entry_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feedpages, "PAGES_SECONDS", -1.0)
    with serving(pages()) as server:
        server.routes["/feed.xml"] = Route(rss(server, undated_teasers(server)), content_type="application/rss+xml")
        collected = collect(feed_source(server))
        assert not [request for request in server.log if request.path.startswith("/artikel/")]
    assert {item.guid for item in collected.items} == set(TEASERS)


def test_a_malformed_entry_is_passed_on_untouched_and_the_others_are_completed() -> None:
    with serving(pages()) as server:
        entries = [{"id": "number", "url": server.url("/artikel/messe.html"), "title": "Zahl", "content_html": 12345},
                   {"id": "surrogate", "url": server.url("/artikel/kaputt.html"), "title": "Cluster \ud800"},
                   {"id": "pilotlinie", "url": server.url("/artikel/pilotlinie.html"), "title": "Pilotlinie",
                    "content_html": TEASERS["pilotlinie"][1]}]
        body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": entries})
        server.routes["/feed.json"] = Route(body.encode(), content_type="application/feed+json")
        source = SourceConfig(id="cluster", name="Cluster", kind="feed", url=server.url("/feed.json"), language="de")
        collected = collect(source)
        requested = [request.path for request in server.log if request.path.startswith("/artikel/")]
    assert requested == ["/artikel/pilotlinie.html"]
    by_id = {item.guid: item for item in collected.items}
    assert by_id["number"].content_html == 12345  # refused later by the runner, with its reason
    assert by_id["pilotlinie"].published is not None


@pytest.mark.parametrize(("end", "teaser"), [
    (" […]", True), (" [...]", True), ("…", True), ("... Read more", True), (" … Weiterlesen »", True),
    (". Lire la suite →", True), (". Weiterlesen", True),
    (". Die Anlage läuft seit März.", False), (" mehr", False),
])
def test_a_long_excerpt_cut_off_with_an_ellipsis_or_a_read_more_is_a_teaser(end: str, teaser: bool) -> None:
    assert feedpages.is_teaser(LONG_TEXT + end) is teaser
    assert len(LONG_TEXT) >= feedpages.PAGE_TEXT_CHARACTERS  # long enough to be read as full text otherwise


def test_a_long_cut_off_excerpt_takes_its_pages_body() -> None:
    routes = pages()
    routes["/artikel/pilotlinie.html"] = Route(article(TEASERS["pilotlinie"][0], LONG_TEXT + " " + LONG_TEXT))
    with serving(routes) as server:
        entries = [("pilotlinie", TEASERS["pilotlinie"][0], LONG_TEXT + " […]", "Fri, 8 Mar 2024 11:00:00 +0100")]
        server.routes["/feed.xml"] = Route(rss(server, entries), content_type="application/rss+xml")
        (item,) = collect(feed_source(server)).items
    assert (item.content_html or "").count("Zwölf Mitgliedsunternehmen") == 2
