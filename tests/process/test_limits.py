"""Absurd input never breaks a batch or an output document: long fields are cut with a marker."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser

from feeds.config import SourceConfig
from feeds.model import RawItem
from feeds.process import NormaliseOptions, normalise
from feeds.process.normalise import MAX_CONTENT, MAX_KEY, MAX_TITLE, TRUNCATED_CONTENT
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.httpserver import Route, serving

SOURCE = SourceConfig(id="s", name="S", kind="feed", url="https://example.org/feed")
OPTIONS = NormaliseOptions(summary_length=300, languages=("de", "en"))
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def test_long_fields_are_truncated_with_a_marker() -> None:
    raw = RawItem(
        source_id="s", url="https://example.org/a", title="Cluster " * 400, guid="g" * 2000,
        content_html="<p>" + "Netzwerk " * 40_000 + "</p>", author="Redaktion " * 100,
        categories=tuple(f"Kategorie {n} " * 30 for n in range(80)),
    )
    item = normalise(raw, SOURCE, OPTIONS, NOW)
    assert len(item.title) <= MAX_TITLE
    assert item.title.endswith("…")
    assert len(item.content_html) <= MAX_CONTENT + len(TRUNCATED_CONTENT) + 10
    assert item.content_html.endswith(TRUNCATED_CONTENT)
    assert item.content_html.count("<p>") == item.content_html.count("</p>")
    assert item.author is not None
    assert item.author.endswith("…")
    assert len(item.categories) <= 50
    assert all(len(c) <= 100 for c in item.categories)
    assert len(item.key) <= MAX_KEY
    assert item.key.startswith("sha256:")
    assert normalise(raw, SOURCE, OPTIONS, NOW).key == item.key  # the same GUID keeps its identity


def test_control_characters_never_reach_an_item() -> None:
    raw = RawItem(source_id="s", url="https://example.org/b\x00", guid="id\x00-1", title="Cluster\x00 news\x1b\x0c",
                  content_html="<p>Text \x08 with \ufffe controls</p>", author="Name\x07")
    item = normalise(raw, SOURCE, OPTIONS, NOW)
    for value in (item.title, item.content_html, item.summary, item.author or "", item.key, item.canonical_url):
        assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in value)
        assert "\ufffe" not in value


def test_an_item_with_a_monstrous_url_is_skipped_not_the_batch(settings: Settings) -> None:
    long_url = "https://example.org/" + "x" * 3000
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.org/</link>
<description>d</description>
<item><title>Too long</title><link>{long_url}</link></item>
<item><title>Fine cluster news from Riga</title><link>https://example.org/fine</link>
<description>Latvian cluster managers met in Riga.</description></item>
<item><title>{"Very long title " * 300}</title><link>https://example.org/long-title</link>
<description>{"Lange Beschreibung " * 20000}</description></item>
</channel></rss>""".encode()
    with serving({"/feed": Route(feed, content_type="application/rss+xml")}) as server:
        source = SourceConfig(id="s", name="S", kind="feed", url=server.url("/feed"))
        store = Store.open(settings.database_url)
        (run,) = collect_sources(settings, store, [source])
        assert run.ok, run.error
        assert run.report.created == 2
        body = create_app(settings, store).test_client().get("/feeds/all.atom").data
        parsed = feedparser.parse(body)
        assert parsed.bozo == 0
        titles = [entry.title for entry in parsed.entries]
        assert "Fine cluster news from Riga" in titles
        assert any(len(t) <= MAX_TITLE and t.endswith("…") for t in titles)
        store.close()
