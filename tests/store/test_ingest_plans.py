"""Ingest stays index probes: every SELECT that saving a batch (story assignment included) and the
unchanged-item check run is answered from indexes, on SQLite and PostgreSQL.

The statements are the real ones, recorded while `store.items.fetched` and `store.items.save` run;
each is EXPLAINed as tests/store/test_query_plans.py does (sequential scans disabled on PostgreSQL,
so a `Seq Scan` that remains means no index could serve it)."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta

from feeds.config import SourceConfig
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of
from tests.support.items import NOW, news_item
from tests.support.plans import plan, selects

FULL_SCAN_SQLITE = re.compile(r"\bSCAN (stories|items|dedup_keys|story_tags)\b(?! USING)")
FULL_SCAN_POSTGRES = re.compile(r"Seq Scan on (stories|items|dedup_keys|story_tags)\b")


def test_saving_a_batch_and_finding_unchanged_items_use_indexes(settings: Settings) -> None:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="news", name="News", kind="feed", url="https://news.example.eu/feed")])
    dedup = build_deduplicator(settings)
    stored = [dataclasses.replace(news_item(n), fetch_hash=f"{n:064x}") for n in range(40, 240)]
    store.items.save("news", stored, NOW, "test", dedup=dedup)
    # new items that share words, names and dates with stored ones, one edited stored item, one undated item
    new = [dataclasses.replace(news_item(n), fetch_hash=f"{n:064x}") for n in range(0, 40)]
    edited = dataclasses.replace(stored[0], title=stored[0].title + " (update)", fetch_hash="e" * 64)
    undated = dataclasses.replace(news_item(1000), dated=False, published=NOW - timedelta(days=400))
    try:
        with selects(store) as statements:
            assert store.items.fetched("news", [f"{n:064x}" for n in range(0, 80)])
            report = store.items.save("news", [*new, edited, undated], NOW, "test", dedup=dedup,
                                      seen={f"{n:064x}" for n in range(41, 80)})
        assert (report.created, report.updated) == (41, 1)
        assert len(statements) >= 6
        scan = FULL_SCAN_SQLITE if engine_of(store).dialect.name == "sqlite" else FULL_SCAN_POSTGRES
        for statement, parameters in statements:
            text = plan(store, statement, parameters)
            assert not scan.search(text), f"full scan in\n{text}\nfor\n{statement}"
    finally:
        store.close()
