"""Filtered feeds on a large store (cache miss) and retag of every story (issue 8).

The store is filled in bulk (bench/bulk.py). Each request goes through the app with the render
cache off, so the figure is query + render of 50 entries. Filter kinds: topic, country and
source paths, `lang`, `q` (full text, a word in 2 % of the stories), the second page
(`before` cursor), and topic AND country.
The baseline is the same requests on a store of 1,000 stories, in the same run. PostgreSQL
runs against CLUSTERFEEDS_BENCH_POSTGRES_URL (default: the machine's test database), in a
schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import sqlalchemy as sa

from bench import bulk
from bench.harness import Result
from feeds.config.taxonomy import load_taxonomy
from feeds.process.tagging import Tagger
from feeds.runner import retag_stories
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app

ROOT = Path(__file__).parent.parent
POSTGRES_URL = os.environ.get("CLUSTERFEEDS_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REQUESTS = [
    "/feeds/topics/funding.atom", "/feeds/countries/pl.atom", "/feeds/sources/bench-eu.rss",
    "/feeds/all.atom?lang=en", "/feeds/all.json?q=elektrolyseur", "/feeds/topics/innovation.atom?country=de",
]


@contextmanager
def database(backend: str, tmp: Path, name: str) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp / name}.db"
        return
    admin = sa.create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with admin.begin() as connection:
        connection.execute(sa.text(f'create schema "{schema}"'))
    try:
        yield f"{POSTGRES_URL}{'&' if '?' in POSTGRES_URL else '?'}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'drop schema "{schema}" cascade'))
        admin.dispose()


def p95_ms(settings: Settings, store: Store, rounds: int) -> tuple[float, dict[str, float]]:
    """p95 over every request kind (and per kind) in milliseconds, render cache off."""
    client = create_app(replace(settings, cache_max_mb=0), store).test_client()
    second_page = client.get("/feeds/topics/funding.json").get_json()["next_url"]
    paths = [*REQUESTS, urlsplit(second_page).path + "?" + urlsplit(second_page).query]
    for path in paths:  # warm connections and the OS cache
        assert client.get(path).status_code == 200, path
    timings: dict[str, list[float]] = {path: [] for path in paths}
    for _ in range(rounds):
        for path in paths:
            started = time.perf_counter()
            response = client.get(path)
            timings[path].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    every = [t for values in timings.values() for t in values]
    return percentile(every), {path: percentile(values) for path, values in timings.items()}


def percentile(values: list[float], share: float = 0.95) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def retag_rate(store: Store, settings: Settings) -> float:
    tagger = Tagger(load_taxonomy(settings.config_dir))
    started = time.perf_counter()
    done, _ = retag_stories(store, tagger, 500)
    return done / (time.perf_counter() - started)


def run(quick: bool) -> list[Result]:
    stories = 10_000 if quick else 100_000
    rounds = 10 if quick else 30
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as folder:
        tmp = Path(folder)
        for backend in ("sqlite", "postgresql"):
            try:
                with database(backend, tmp, "small") as small_url, database(backend, tmp, "large") as large_url:
                    settings = Settings(database_url=small_url, config_dir=ROOT / "config", log_level="WARNING")
                    small = Store.open(small_url)
                    bulk.fill(small, 1_000)
                    baseline, _ = p95_ms(settings, small, rounds)
                    small_retag = retag_rate(small, settings) if backend == "sqlite" else 0.0
                    small.close()
                    large = Store.open(large_url)
                    started = time.perf_counter()
                    bulk.fill(large, stories)
                    fill_seconds = time.perf_counter() - started
                    figure, per_kind = p95_ms(replace(settings, database_url=large_url), large, rounds)
                    slowest = max(per_kind, key=lambda path: per_kind[path])
                    results.append(Result(
                        f"filtered feed p95, 50 entries, cache miss, {stories:,} stories, {backend}", figure, "ms",
                        "1,000 stories", baseline, "figure <= 20",
                        f"{len(per_kind)} filter kinds x {rounds}; slowest {slowest} {per_kind[slowest]:.1f} ms; "
                        f"bulk fill {fill_seconds:.0f} s"))
                    if backend == "sqlite":
                        results.append(Result(f"retag of {stories:,} stories, sqlite", retag_rate(large, settings),
                                              "items/s", "1,000 stories", small_retag, "figure >= 1000"))
                    large.close()
            except sa.exc.OperationalError as exc:
                if backend == "sqlite":
                    raise
                print(f"PostgreSQL at {POSTGRES_URL} unavailable, skipped: {exc}")
    return results
