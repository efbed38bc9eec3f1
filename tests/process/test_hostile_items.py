"""Hostile items served over real HTTP (issue 19, cases 6 and 7), on SQLite and PostgreSQL.

Case 6: an item URL with a control character in its host used to be stored, and every feed
that showed it failed with 500. It is refused at collection, and rendering cannot fail on a
stored row that still carries such characters (written before the check, or by an import).

Case 7: a port out of range, a non-string content_html, a date of year 1, a lone surrogate,
a NUL in a host each failed the whole source with "internal error". A bad item is skipped
with a warning naming it and the reason; the good items of the same feed are stored.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from feeds.config import SourceConfig
from feeds.model import Item, Link
from feeds.runner import collect_sources, write_static_feeds
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.httpserver import Route, serving

GOOD = [{"id": f"good-{n}", "url": f"https://example.org/good-{n}", "title": f"Cluster news {n} from Riga",
         "content_html": f"<p>Latvian cluster managers met in Riga, part {n}.</p>",
         "date_published": f"2026-11-0{n}T10:00:00+00:00"} for n in (1, 2, 3)]
# Each hostile item: (its id, what the warning must name, the JSON Feed item).
HOSTILE = [
    ("control-host", "control character", {"url": "http://exa\u0001mple.com/x", "title": "Control"}),
    ("port", "Port out of range", {"url": "https://example.org:99999/x", "title": "Port"}),
    ("html-number", "content_html is a int", {"url": "https://example.org/n", "title": "Number",
                                               "content_html": 12345}),
    ("html-list", "content_html is a list", {"url": "https://example.org/l", "title": "List",
                                              "content_html": ["<p>a</p>"]}),
    ("year-one", "out of range", {"url": "https://example.org/y", "title": "Year one",
                                 "date_published": "0001-01-01T00:00:00+01:00"}),
    ("year-one-utc", "before 1900", {"url": "https://example.org/z", "title": "Year one UTC",
                                     "date_published": "0001-01-01T00:00:00Z"}),
    ("surrogate-url", "lone surrogate", {"url": "https://example.org/\ud800", "title": "Surrogate URL"}),
    ("nul-host", "control character", {"url": "http://exa\u0000mple.com/x", "title": "NUL"}),
]
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def json_feed(items: list[dict[str, object]]) -> bytes:
    """A JSON Feed whose strings keep lone surrogates as \\ud800 escapes, as a hostile server sends them."""
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Hostile", "items": items},
                      ensure_ascii=True).encode("ascii")


def test_bad_items_are_skipped_with_a_warning_and_the_good_ones_stored(
        settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    surrogate_title = {"id": "surrogate-title", "url": "https://example.org/s", "title": "Cluster \ud800 news",
                       "content_html": "<p>Text \udfff here</p>"}
    items = [GOOD[0], *(dict(item, id=name) for name, _, item in HOSTILE), GOOD[1], surrogate_title, GOOD[2]]
    with serving({"/feed.json": Route(json_feed(items), content_type="application/feed+json")}) as server:
        source = SourceConfig(id="hostile", name="Hostile", kind="feed", url=server.url("/feed.json"))
        store = Store.open(settings.database_url)
        with caplog.at_level(logging.WARNING, logger="feeds.runner"):
            (run,) = collect_sources(settings, store, [source], clock=lambda: NOW)
            (again,) = collect_sources(settings, store, [source], clock=lambda: NOW)
    assert run.ok, run.error
    assert again.ok, again.error
    assert run.report.created == 4  # three good items and the one whose text only lost its surrogates
    assert store.sources.state("hostile").last_error is None
    for name, reason, _ in HOSTILE:
        warning = [r.getMessage() for r in caplog.records if f"skipped item '{name}'" in r.getMessage()]
        assert warning, f"no warning names {name}"
        assert reason in warning[0], warning[0]
    client = create_app(settings, store).test_client()
    for fmt in ("atom", "rss", "json"):
        response = client.get(f"/feeds/all.{fmt}")
        assert response.status_code == 200
        assert b"example.org/good-1" in response.data
        assert b"\\ud800" not in response.data
    titles = {entry["title"] for entry in client.get("/feeds/all.json").get_json()["items"]}
    assert titles == {"Cluster news 1 from Riga", "Cluster news 2 from Riga", "Cluster news 3 from Riga",
                      "Cluster news"}
    store.close()


def _stored(url: str, key: str) -> Item:
    return Item(source_id="s", key=key, canonical_url=url, url=url, title=f"Title \x01{key}",
                content_html="<p>Body \x00 text\x1b</p>", summary="Summary \ufffe", published=NOW, updated=NOW,
                language="en", content_hash=key, author="Name\x07", image_url="http://img\x01.example/x.png",
                links=(Link("http://rel\x01ated.example/", "Related\x02", "de"),))


def test_rendering_cannot_fail_on_hostile_stored_rows(settings: Settings, tmp_path: Path) -> None:
    """The second line: rows that bypassed collection (old versions, imports) still render."""
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="s", name="Source", kind="feed", url="https://example.org/feed")])
    good = replace(_stored("https://example.org/good", "good"), title="Good", content_html="<p>Good</p>",
                   summary="Good", author=None, image_url=None, links=())
    # SQLite keeps what it is given; PostgreSQL refuses NUL in text, so there the control host only
    hostile = _stored("http://exa\x01mple.com/x", "hostile")
    if settings.database_url.startswith("postgresql"):
        hostile = replace(hostile, title="Title \x01", content_html="<p>Body\x1b</p>", summary="S\x02", author="N\x07")
    store.items.save("s", [good, hostile], NOW, "feeds.test")
    client = create_app(replace(settings, cache_max_mb=0), store).test_client()
    for path in ("/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/", "/embed/all"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"\x01" not in response.data, path
        assert b"exa" not in response.data.replace(b"example.org", b""), path  # no host of a hostile URL
    for fmt in ("atom", "rss"):
        root = etree.fromstring(client.get(f"/feeds/all.{fmt}").data)  # well-formed XML
        assert len(root.findall(".//{http://www.w3.org/2005/Atom}entry") or root.findall(".//item")) == 2
    json.loads(client.get("/feeds/all.json").data.decode("utf-8"))
    publish_dir = tmp_path / "public"
    report = write_static_feeds(replace(settings, publish_dir=str(publish_dir)), store)
    assert "/feeds/all.atom" in report.written
    assert b"\x01" not in (publish_dir / "feeds" / "all.atom").read_bytes()
    store.close()
