"""Ingest with a large store: normalise + tag + dedup + store of already-fetched items (issue 8).

The figure is items/s for source batches of new raw items run through the collect path after
fetching (the fetch hash and its probe, `normalise`, `Tagger.tag_item`, `store.items.save` with
story assignment) into a store that already holds 100,000 stories; the baseline is the same batches
into an empty store in the same run, so the ratio shows how much the stored stories slow ingest down
(issue 17: >= 500 items/s per core, <= 20 % slower than into an empty store). Rates are items per
CPU second of the ingesting process, i.e. per core, so that the load of the shared machine counts less.
Peak RSS is that of a fresh process that ingests like a scheduler (imports, taxonomy, lemma tables,
then the same path), against issue 17's 300 MB.

The synthetic news is built to tempt deduplication: stories are about places, organisations
(acronyms), programmes, dates and figures drawn from shared pools with a skewed (Zipf-like)
popularity, so unrelated items often share a name, an acronym, a date or a figure; one story in
eight is published again in the other language by another source a few days later. The
false-merge rate (share of items put into a story with an item of another true story) and the
recall of the true cross-language duplicates are reported with the speed.

Run alone: `python -m bench.bench_ingest [--quick]`; `bench/run` runs it with the others.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bench import bulk
from bench.data import WORDS_DE, WORDS_EN, sentence
from bench.harness import Result, peak_rss_mb, table, write_json
from feeds.config import SourceConfig
from feeds.config.taxonomy import load_taxonomy
from feeds.model import RawItem
from feeds.process import NormaliseOptions, normalise
from feeds.process.dedup.batch import PreparedBatch
from feeds.process.fetched import fetch_hash
from feeds.process.tagging import Tagger
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items as items_table
from feeds.store.testing import engine_of

ROOT = Path(__file__).parent.parent
BATCH = 200  # a source's batch: what one listing run brings at most
SOURCES = ("de-news", "en-news")
REPUBLISHED = 8  # one story in this many appears again in the other language
NOW = datetime(2026, 1, 2, tzinfo=UTC)
_SYLLABLES = "ka lo mi ren sta vel dor an be ri tus gar no el fi wen ost pra lu hei mar zan ko sel".split()


def _pool(rng: random.Random, size: int, make: object) -> list[str]:
    assert callable(make)
    return list(dict.fromkeys(make(rng) for _ in range(size * 2)))[:size]


def _place(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _acronym(rng: random.Random) -> str:
    return "".join(rng.choice("ABCDEFGHIKLMNOPRSTUVWZ") for _ in range(rng.randint(3, 5)))


@dataclass(frozen=True)
class Pools:
    places: list[str]
    acronyms: list[str]
    programmes: list[str]

    @classmethod
    def make(cls, seed: int = 7) -> Pools:
        rng = random.Random(seed)
        return cls(_pool(rng, 600, _place), _pool(rng, 800, _acronym),
                   [f"{_place(rng)} {word}" for word in ("Innovation", "Cluster", "Bridge", "Scale", "Net") * 20])


def _popular(rng: random.Random, pool: Sequence[str]) -> str:
    """Zipf-like: the first names of a pool come up far more often than the last."""
    return pool[min(int(rng.paretovariate(1.0)) - 1, len(pool) - 1)] if rng.random() < 0.3 else rng.choice(pool)


@dataclass(frozen=True)
class StoryFacts:
    places: tuple[str, ...]
    acronyms: tuple[str, ...]
    programme: str
    event: datetime
    figures: tuple[int, ...]
    published: datetime


def _facts(rng: random.Random, pools: Pools, published: datetime) -> StoryFacts:
    return StoryFacts(
        places=tuple(_popular(rng, pools.places) for _ in range(2)),
        acronyms=tuple(_popular(rng, pools.acronyms) for _ in range(rng.randint(1, 2))),
        programme=_popular(rng, pools.programmes),
        event=published + timedelta(days=rng.randint(-20, 40)),
        figures=(rng.choice((20, 25, 50, 100, 150, 200, 250, 300, 500)), rng.randint(11, 999) * 1000),
        published=published,
    )


def _version(rng: random.Random, facts: StoryFacts, german: bool, source: str, ident: str,
             published: datetime) -> RawItem:
    words = WORDS_DE if german else WORDS_EN
    place, other = facts.places
    acronyms = " und ".join(facts.acronyms) if german else " and ".join(facts.acronyms)
    if german:
        facts_text = (f"Am {facts.event:%d.%m.%Y} treffen sich in {place} rund {facts.figures[0]} Teilnehmende "
                      f"auf Einladung von {acronyms}. Das Programm {facts.programme} stellt {facts.figures[1]:,} Euro "
                      f"bereit; Partner kommen auch aus {other}.").replace(",", ".")
    else:
        facts_text = (f"On {facts.event:%d %B %Y}, some {facts.figures[0]} participants meet in {place} at the "
                      f"invitation of {acronyms}. The {facts.programme} programme provides EUR {facts.figures[1]:,}; "
                      f"partners also come from {other}.")
    body = [sentence(rng, words, 14) for _ in range(3)]
    body.insert(rng.randint(0, 3), facts_text)
    title = f"{place}: {sentence(rng, words, 5).rstrip('.')}"
    return RawItem(source_id=source, url=f"https://{source}.example.eu/news/{ident}", title=title,
                   content_html="".join(f"<p>{part}</p>" for part in body), published=published,
                   language="de" if german else "en", author="Redaktion")


def synthetic_news(first: int, stories: int, seed: int, pools: Pools) -> list[tuple[str, RawItem]]:
    """(true story id, raw item) for `stories` stories from `first` on, about one per hour back in time."""
    rng = random.Random(seed)
    made = []
    for number in range(first, first + stories):
        published = NOW - timedelta(hours=number, minutes=rng.randint(0, 59))
        facts = _facts(rng, pools, published)
        german = rng.random() < 0.5
        story = f"s{number}"
        made.append((story, _version(rng, facts, german, SOURCES[not german], f"{number}", published)))
        if number % REPUBLISHED == 0:
            later = published + timedelta(days=rng.randint(0, 10), hours=rng.randint(0, 23))
            made.append((story, _version(rng, facts, not german, SOURCES[german], f"{number}-r", later)))
    return made


@dataclass
class Ingest:
    settings: Settings
    tagger: Tagger

    def run(self, store: Store, news: Sequence[tuple[str, RawItem]]) -> float:
        """CPU seconds of this process to normalise, tag and save `news` per source in batches of BATCH.

        CPU time, not wall time: the figure is per core (issue 17), and on the shared machine wall time
        mostly measures the other processes' load (SQLite works in this process, so its time counts)."""
        options = NormaliseOptions(summary_length=self.settings.summary_length, languages=self.settings.languages)
        dedup = build_deduplicator(self.settings)
        configs = {name: SourceConfig(id=name, name=name, kind="feed", url=f"https://{name}.example.eu/feed")
                   for name in SOURCES}
        by_source: dict[str, list[RawItem]] = defaultdict(list)
        for _, raw in news:
            by_source[raw.source_id].append(raw)
        started = time.process_time()
        for start in range(0, max(len(batch) for batch in by_source.values()), BATCH):
            for name, raws in by_source.items():
                hashes = [fetch_hash(raw, "bench") for raw in raws[start:start + BATCH]]
                known = store.items.fetched(name, [hashed for hashed in hashes if hashed])
                batch = [self.tagger.tag_item(replace(normalise(raw, configs[name], options, NOW), fetch_hash=hashed))
                         for raw, hashed in zip(raws[start:start + BATCH], hashes, strict=True) if hashed not in known]
                if batch:
                    store.items.save(name, batch, NOW, "bench.test", dedup=PreparedBatch.of(dedup, batch), seen=known)
        return time.process_time() - started


def fresh_process_rss(database_url: str, count: int) -> tuple[float, float]:
    """(peak RSS while ingesting `count` new items, RSS after start-up) of a new Python process, in MB."""
    code = ("import sys; from bench.bench_ingest import ingest_and_report; "
            "ingest_and_report(sys.argv[1], int(sys.argv[2]))")
    done = subprocess.run([sys.executable, "-c", code, database_url, str(count)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    peak, start = done.stdout.split()[-2:]
    return float(peak), float(start)


def ingest_and_report(database_url: str, count: int) -> None:
    """Run in a fresh process: ingest `count` new items into the store at `database_url`, print peak RSS."""
    settings = Settings()
    ingest = Ingest(settings, Tagger(load_taxonomy(ROOT / "config")))
    store = Store.open(database_url)
    started = peak_rss_mb()
    ingest.run(store, synthetic_news(-count, count, seed=3, pools=Pools.make()))
    store.close()
    print(f"{peak_rss_mb():.1f} {started:.1f}")


def open_store(url: str) -> Store:
    store = Store.open(url)
    store.sources.sync([SourceConfig(id=name, name=name, kind="feed", url=f"https://{name}.example.eu/feed")
                        for name in SOURCES])
    return store


def quality(store: Store, news: Sequence[tuple[str, RawItem]]) -> tuple[float, float]:
    """(share of items in a story with an item of another true story, share of the true
    cross-language duplicates published as one story)."""
    truth = {raw.url: story for story, raw in news}
    with engine_of(store).connect() as connection:
        rows = connection.execute(sa.select(items_table.c.url, items_table.c.story_id).where(
            items_table.c.source_id.in_(SOURCES))).all()  # not the bulk archive's
    true_stories: dict[int, list[str]] = defaultdict(list)
    predicted: dict[str, set[int]] = defaultdict(set)
    for url, story_id in rows:
        true_stories[story_id].append(truth[url])
        predicted[truth[url]].add(story_id)
    falsely = sum(len(found) for found in true_stories.values() if len(set(found)) > 1)
    versions: dict[str, int] = defaultdict(int)
    for story, _ in news:
        versions[story] += 1
    duplicated = [story for story, count in versions.items() if count > 1]
    joined = sum(1 for story in duplicated if len(predicted[story]) == 1)
    return falsely / max(1, len(rows)), joined / max(1, len(duplicated))


def run(quick: bool = False, bulk_stories: int = 0, pipeline_stories: int = 0) -> list[Result]:
    """`pipeline_stories` (default 5,000 / 100,000) go through the whole pipeline, the newest first, one
    an hour back in time: they fill the deduplication window (120 days). `bulk_stories` are written in
    bulk before them (bench/bulk.py), the archive of years: no lookup keys (like items stored before
    deduplication existed), so they make tables and indexes large without adding candidates. With an
    archive, the same new items also go into a store of the pipeline's fill alone: what the archive costs."""
    stored = pipeline_stories or (5_000 if quick else 100_000)
    probe = 1_000 if quick else 2_000
    settings = Settings()
    ingest = Ingest(settings, Tagger(load_taxonomy(ROOT / "config")))
    pools = Pools.make()
    fill = synthetic_news(probe, stored - stored // (REPUBLISHED * 2), seed=1, pools=pools)
    new_news = synthetic_news(0, probe, seed=2, pools=pools)  # the newest hours: after the fill in time
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        empty = open_store(f"sqlite:///{Path(folder) / 'empty.db'}")
        baseline = len(new_news) / ingest.run(empty, new_news)
        empty.close()
        window_only = _ingest_after_fill(ingest, f"sqlite:///{Path(folder) / 'window.db'}", fill, new_news) \
            if bulk_stories else None
        full_url = f"sqlite:///{Path(folder) / 'full.db'}"
        bulk_seconds = 0.0
        if bulk_stories:
            archive = Store.open(full_url)
            started = time.perf_counter()
            bulk.fill(archive, bulk_stories)
            bulk_seconds = time.perf_counter() - started
            archive.close()
        full = open_store(full_url)
        fill_seconds = sum(ingest.run(full, fill[start:start + 20_000]) for start in range(0, len(fill), 20_000))
        stories = full.items.story_count()
        figure = len(new_news) / ingest.run(full, new_news)
        again = len(new_news) / ingest.run(full, new_news)  # fetched again unchanged: only marked seen
        false_merges, recall = quality(full, fill + new_news)
        full.close()
        # Memory as a service process has it: a fresh process ingests into the full store (last,
        # as its items are not part of the quality check). This process holds every synthetic item
        # of the fill, which would be measured along otherwise.
        rss, rss_before = fresh_process_rss(full_url, probe)
    archive = (f"{bulk_stories:,} of them written in bulk without lookup keys in {bulk_seconds:,.0f} s; "
               if bulk_stories else "")
    note = (f"SQLite; normalise+tag+dedup+store; {archive}pipeline fill of {len(fill):,} items at "
            f"{len(fill) / fill_seconds:,.0f}/s; false merges {false_merges:.2%} of items, cross-language "
            f"duplicate recall {recall:.1%}")
    results = [
        Result(f"ingest, {stories:,} stories stored", figure, "items/s", "empty store", baseline,
               "figure >= 500", note),
        Result(f"ingest into {stories:,} stories against an empty store", figure, "items/s", "empty store", baseline,
               "ratio >= 0.8", "at most 20 % slower with the stories stored"),
    ]
    if window_only is not None:
        results.append(Result(f"ingest with the archive of {bulk_stories:,} stories against without", figure,
                              "items/s", "the pipeline's fill alone", window_only, "ratio >= 0.8",
                              "the archive must not slow ingest down"))
    return [
        *results,
        Result(f"peak RSS of a scheduler-like process ingesting into {stories:,} stories", rss, "MB",
               "the same process at start", rss_before, "figure <= 300",
               "a fresh process: imports, taxonomy, lemma tables, then normalise+tag+dedup+store"),
        Result(f"re-collect of the same {len(new_news):,} items, unchanged (skipped by fetch hash)", again,
               "items/s", "new items into the same store", figure, "ratio >= 5",
               "most items of a feed are the same at every collect"),
        Result("synthetic false merges (items in a wrong story)", false_merges * 100, "%", "none", 0.0,
               "figure <= 1", note),
    ]


def _ingest_after_fill(ingest: Ingest, url: str, fill: Sequence[tuple[str, RawItem]],
                       new_news: Sequence[tuple[str, RawItem]]) -> float:
    """items/s of `new_news` into a store holding `fill`."""
    store = open_store(url)
    for start in range(0, len(fill), 20_000):
        ingest.run(store, fill[start:start + 20_000])
    rate = len(new_news) / ingest.run(store, new_news)
    store.close()
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench.bench_ingest")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--bulk", type=int, default=0, metavar="STORIES",
                        help="stories written in bulk before the pipeline's fill, the archive")
    parser.add_argument("--fill", type=int, default=0, metavar="STORIES",
                        help="stories through the pipeline (default 5,000 quick, 100,000 full); "
                             "a million: --fill 20000 --bulk 980000")
    parser.add_argument("--json", type=Path, default=Path(__file__).parent / "results" / "ingest.json")
    args = parser.parse_args()
    results = run(quick=args.quick, bulk_stories=args.bulk, pipeline_stories=args.fill)
    print(table(results))
    write_json(results, args.json)
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
