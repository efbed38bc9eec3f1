"""Stories from teaser feeds, end to end: a blind set's items served over loopback HTTP as one RSS feed per site whose
entries carry the first sentence of the article and no date, and the articles as pages (the date in JSON-LD where the
item has one). Collected by the runner into a store, with `pages: never` the stories are those of one-sentence,
undated items; with the default (`pages: missing`) the entries are completed from their pages and the stories found
again (docs/sources.md, feedpages.py)."""

from __future__ import annotations

import html
import re
from pathlib import Path
from types import MappingProxyType

import pytest
import sqlalchemy as sa

from feeds.config import SourceConfig
from feeds.process.dedup.evaluation import LabelledItem, PairScores, pair_scores, parse_labelled
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items, stories
from feeds.store.testing import engine_of
from tests.support.httpserver import FixtureServer, Route, serving
from tests.support.paths import CONFIG, DATA

pytestmark = pytest.mark.slow
SET = "dedup_blind215.jsonl"  # 80 items of 30 stories, many across languages, 21 undated


def plain(item: LabelledItem) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", item.raw.content_html or item.raw.summary_html or "").split())


def teaser(item: LabelledItem) -> str:
    return re.split(r"(?<=[.!?])\s", plain(item), maxsplit=1)[0]


def page(item: LabelledItem) -> bytes:
    title = html.escape(item.raw.title)
    dated = (f'<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": '
             f'"{item.raw.published.isoformat()}"}}</script>' if item.raw.published else "")
    return (f"<!doctype html><html lang='{item.language}'><head><title>{title}</title>{dated}</head><body>"
            f"<nav>Home</nav><h1>{title}</h1><article>{item.raw.content_html}</article></body></html>").encode()


def teaser_feeds(server: FixtureServer, labelled: list[LabelledItem]) -> dict[str, str]:
    """One teaser feed per platform on `server`, and each item's page; page URL -> item id."""
    ids: dict[str, str] = {}
    for platform in sorted({item.platform for item in labelled}):
        entries = []
        for item in (item for item in labelled if item.platform == platform):
            path = f"/{platform}/{item.id}.html"
            server.routes[path] = Route(page(item))
            ids[server.url(path)] = item.id
            entries.append(f"<item><title>{html.escape(item.raw.title)}</title><link>{server.url(path)}</link>"
                           f"<guid isPermaLink='false'>{item.id}</guid>"
                           f"<description>{html.escape(teaser(item))}</description></item>")
        server.routes[f"/{platform}/feed.xml"] = Route(
            ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>News</title>"
             f"<link>{server.url('/')}</link><description>d</description>{''.join(entries)}</channel></rss>").encode(),
            content_type="application/rss+xml")
    return ids


def collected_stories(tmp_path: Path, labelled: list[LabelledItem], pages: str) -> tuple[PairScores, int]:
    """Pair scores of the stories a collect of the teaser feeds gives, and how many items it dated."""
    settings = Settings(config_dir=CONFIG, database_url=f"sqlite:///{tmp_path / pages}.db",
                        allow_private_networks=True, http_rate_per_host=10_000.0, http_read_timeout=60,
                        http_total_timeout=120)
    with serving() as server:
        ids = teaser_feeds(server, labelled)
        sources = [SourceConfig(id=platform[:64], name=platform, kind="feed", url=server.url(f"/{platform}/feed.xml"),
                                options=MappingProxyType({"pages": pages}))
                   for platform in sorted({item.platform for item in labelled})]
        store = Store.open(settings.database_url)
        try:
            assert all(run.ok for run in collect_sources(settings, store, sources))
            with engine_of(store).connect() as connection:
                rows = connection.execute(sa.select(items.c.url, items.c.dated, stories.c.entry_id).join(
                    stories, stories.c.id == items.c.story_id)).all()
        finally:
            store.close()
    assert sorted(ids[row.url] for row in rows) == sorted(item.id for item in labelled)  # every item stored
    return pair_scores(labelled, {ids[row.url]: row.entry_id for row in rows}), sum(row.dated for row in rows)


def test_teaser_feeds_completed_from_their_pages_find_the_stories_one_sentence_misses(tmp_path: Path) -> None:
    labelled = parse_labelled((DATA / SET).read_text(encoding="utf-8").splitlines())
    teasers, _ = collected_stories(tmp_path, labelled, "never")
    completed, completed_dated = collected_stories(tmp_path, labelled, "missing")
    # every item whose page states its date is dated (and some others by a date their text names)
    assert completed_dated >= sum(item.raw.published is not None for item in labelled)
    assert completed.recall >= teasers.recall + 0.2, (teasers, completed)
    assert completed.precision >= teasers.precision, (teasers, completed)
