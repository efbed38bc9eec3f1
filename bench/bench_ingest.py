"""Ingest with a large store: dedup + store of new items while 100,000 stories are stored (issue 8).

The figure is items/s for batches of new items saved with story assignment into a store that
already holds 100,000 stories; the baseline is the same batches into an empty store in the
same run, so the ratio shows how much the stored stories slow ingest down (the dedup index is
an index probe, so it should stay near 1). Peak RSS is measured after the fill.

Run alone: `python -m bench.bench_ingest [--quick]`.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.data import make_item
from bench.harness import Result, peak_rss_mb, table, write_json
from feeds.config import SourceConfig
from feeds.model import Item
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store

BATCH = 500
ACRONYMS = [f"K{n:03d}" for n in range(400)]  # programme and organisation names, reused across items


def items(start: int, count: int, seed: int) -> list[Item]:
    """Synthetic items with the features real ones carry: a date, an acronym, a figure."""
    rng = random.Random(seed)
    made = []
    for n in range(start, start + count):
        item = make_item(n, rng, source_id="bench")
        day = item.published - timedelta(days=rng.randint(0, 40))
        extra = (f"<p>Termin am {day:%d.%m.%Y} mit {rng.choice(ACRONYMS)}, "
                 f"Budget {rng.randint(10, 900)}.000 Euro.</p>")
        made.append(replace(item, content_html=item.content_html + extra))
    return made


def ingest(store: Store, batch_items: list[Item], settings: Settings) -> float:
    """Seconds to save `batch_items` in batches of BATCH with story assignment."""
    dedup = build_deduplicator(settings)
    now = datetime(2026, 1, 2, tzinfo=UTC)
    started = time.perf_counter()
    for start in range(0, len(batch_items), BATCH):
        store.save_items("bench", batch_items[start:start + BATCH], now, "bench.test", dedup=dedup)
    return time.perf_counter() - started


def open_store(url: str) -> Store:
    store = Store.open(url)
    store.sync_sources([SourceConfig(id="bench", name="Bench", kind="feed", url="https://bench.test/feed")])
    return store


def run(quick: bool = False) -> list[Result]:
    stored = 5_000 if quick else 100_000
    probe = 1_000 if quick else 2_000
    settings = Settings()
    new_items = items(10_000_000, probe, seed=2)
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        empty = open_store(f"sqlite:///{Path(folder) / 'empty.db'}")
        baseline = probe / ingest(empty, new_items, settings)
        empty.close()
        full = open_store(f"sqlite:///{Path(folder) / 'full.db'}")
        rss_before = peak_rss_mb()
        fill_seconds = sum(ingest(full, items(start, 10_000, seed=start), settings)
                           for start in range(0, stored, 10_000)) if stored >= 10_000 else ingest(
            full, items(0, stored, seed=1), settings)
        stories = full.story_count()
        figure = probe / ingest(full, new_items, settings)
        rss = peak_rss_mb()
        full.close()
    note = f"SQLite; dedup+store of pre-normalised items; fill of {stories:,} stories at {stored / fill_seconds:,.0f}/s"
    return [
        Result(f"ingest, {stories:,} stories stored", figure, "items/s", "empty store", baseline,
               "figure >= 500", note),
        Result(f"peak RSS after ingesting {stories:,} stories", rss, "MB", "before the fill", rss_before,
               "figure <= 300"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_ingest")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "ingest.json")
    args = parser.parse_args()
    results = run(quick=args.quick)
    print(table(results))
    write_json(results, args.json)
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
