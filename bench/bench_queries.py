"""Filtered feeds at 1,000,000 stories (cache miss), the memory of a web worker, and retag (issues 8, 17).

The store is filled in bulk (bench/bulk.py). Each request goes through the app with the render
cache off, so a figure is query + entries + render + Flask. Ten filters (`FILTERS`): a topic, a
country, a source (RSS), a language, a search word in 2 % of the stories (JSON Feed), the second
page of a topic, topic AND country, topic AND language on a country feed (JSON Feed), two
countries (RSS), a source AND a topic (JSON Feed). Every figure is set against the same request
on a store of 1,000 stories filled in the same run; on PostgreSQL the plan of each filter's page
statement (EXPLAIN (ANALYZE, BUFFERS)) is printed.

The web worker's memory is the peak (`VmHWM`) of a fresh process that serves every filter, the
largest page (`limit=500`) and 100 pages deep, with the render cache on, as `clusterfeeds web` runs.

PostgreSQL: a database of its own per store on the server of CLUSTERFEEDS_BENCH_POSTGRES_URL
(default: the machine's), dropped afterwards. To keep the large stores between runs (a fill
takes minutes), set CLUSTERFEEDS_BENCH_SQLITE_STORE and/or CLUSTERFEEDS_BENCH_POSTGRESQL_STORE to a
database URL: an empty store is filled, one holding the same fill is reused.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench import bulk
from bench.harness import Result
from bench.webworker import FILTERS, request_paths
from feeds.config.taxonomy import load_taxonomy
from feeds.process.tagging import Tagger
from feeds.runner import retag_stories
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of
from feeds.web import create_app

ROOT = Path(__file__).parent.parent
POSTGRES_URL = os.environ.get("CLUSTERFEEDS_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
TARGET_MS = 20.0
TARGET_WORKER_MB = 150.0


@contextmanager
def database(backend: str, tmp: Path, name: str, kept: str | None = None) -> Iterator[str]:
    """A database URL for one store: `kept` as given, else a new SQLite file or PostgreSQL database
    (dropped afterwards)."""
    if kept:
        yield kept
        return
    if backend == "sqlite":
        yield f"sqlite:///{tmp / name}.db"
        return
    admin = sa.create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1),
                             isolation_level="AUTOCOMMIT")
    created = f"clusterfeeds_bench_{name}_{uuid.uuid4().hex[:8]}"
    with admin.connect() as connection:
        connection.execute(sa.text(f'create database "{created}"'))
    try:
        yield str(sa.engine.make_url(POSTGRES_URL).set(database=created).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'drop database if exists "{created}" with (force)'))
        admin.dispose()


@dataclass(frozen=True)
class Timings:
    """p95 in milliseconds over every request and per filter: wall time (the figure), and this
    process's CPU time (the app's own work, which other processes on the machine do not stretch;
    on PostgreSQL the server's work is not in it)."""

    wall: float
    per_filter: dict[str, float]
    cpu: float


def p95_per_filter(settings: Settings, store: Store, rounds: int) -> Timings:
    """Every filter `rounds` times through the app, render cache off."""
    client = create_app(replace(settings, cache_max_mb=0), store).test_client()
    paths = request_paths(client)
    for path in paths.values():  # warm connections and the OS cache
        assert client.get(path).status_code == 200, path
    timings: dict[str, list[float]] = {name: [] for name in paths}
    cpu: list[float] = []
    for _ in range(rounds):
        for name, path in paths.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            timings[name].append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200, path
    every = [t for values in timings.values() for t in values]
    return Timings(percentile(every), {name: percentile(values) for name, values in timings.items()},
                   percentile(cpu))


def percentile(values: list[float], share: float = 0.95) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def plans(settings: Settings, store: Store) -> dict[str, str]:
    """EXPLAIN (ANALYZE, BUFFERS) of each filter's statements (PostgreSQL: a search's windows, then the
    page), as a web request runs them (in a request context: the web's statement timeout and no
    parallel workers)."""
    app = create_app(replace(settings, cache_max_mb=0), store)
    client = app.test_client()
    engine = engine_of(store)
    found: dict[str, str] = {}
    for name, path in request_paths(client).items():
        seen: list[tuple[str, Any]] = []

        def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: Any,
                   into: list[tuple[str, Any]] = seen) -> None:
            into.append((statement, parameters))

        sa.event.listen(engine, "before_cursor_execute", record)
        try:
            client.get(path)
        finally:
            sa.event.remove(engine, "before_cursor_execute", record)
        explained = []
        with app.test_request_context(path), engine.connect() as connection:
            connection.begin()  # checked out in the request: the web's session settings (store/db.py)
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            for statement, parameters in seen:
                if statement.lstrip().upper().startswith(("SELECT", "WITH")) and "store_meta" not in statement[:80]:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                    explained.append("\n".join(str(row[0]) for row in cursor.fetchall()))
        found[name] = "\n\n".join(explained)
    return found


def worker_peak_mb(database_url: str, rounds: int) -> float:
    """Peak RSS (VmHWM, MiB) of a fresh process serving the filters, the largest page and deep paging."""
    code = ("import sys; from bench.webworker import serve_and_report; "
            "serve_and_report(sys.argv[1], int(sys.argv[2]))")
    done = subprocess.run([sys.executable, "-c", code, database_url, str(rounds)], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    return float(json.loads(done.stdout.splitlines()[-1])["peak_mb"])


def retag_rate(store: Store, settings: Settings) -> float:
    tagger = Tagger(load_taxonomy(settings.config_dir))
    started = time.perf_counter()
    done, _ = retag_stories(store, tagger, 500)
    return done / (time.perf_counter() - started)


def run(quick: bool) -> list[Result]:
    stories = 10_000 if quick else 1_000_000
    rounds = 10 if quick else 30
    results: list[Result] = []
    print(f"load average at start: {os.getloadavg()}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as folder:
        for backend in ("sqlite", "postgresql"):
            kept = os.environ.get(f"CLUSTERFEEDS_BENCH_{backend.upper()}_STORE") if not quick else None
            try:
                results += measure(backend, Path(folder), stories, rounds, kept)
            except sa.exc.OperationalError as exc:
                if backend == "sqlite":
                    raise
                print(f"PostgreSQL at {POSTGRES_URL} unavailable, skipped: {exc}")
    print(f"load average at end: {os.getloadavg()}", file=sys.stderr)
    return results


def measure(backend: str, tmp: Path, stories: int, rounds: int, kept: str | None) -> list[Result]:
    """Every figure of one backend: per-filter p95 (large vs 1,000 stories), all filters, a worker's peak RSS."""
    with database(backend, tmp, "small") as small_url, database(backend, tmp, "large", kept) as large_url:
        settings = Settings(database_url=small_url, config_dir=ROOT / "config", log_level="WARNING")
        small = Store.open(small_url)
        bulk.fill(small, 1_000)
        baseline = p95_per_filter(settings, small, rounds)
        small_worker = worker_peak_mb(small_url, 2)
        small_retag = retag_rate(small, settings) if backend == "sqlite" else 0.0
        small.close()
        large = Store.open(large_url)
        fill_seconds = bulk.ensure(large, stories)
        large_settings = replace(settings, database_url=large_url)
        figure = p95_per_filter(large_settings, large, rounds)
        per_filter = figure.per_filter
        size = f"{stories:,} stories, {backend}"
        fill = f"bulk fill {fill_seconds:.0f} s" if fill_seconds is not None else "kept store"
        results = [Result(f"filtered feed p95, {name}, {size}", per_filter[name], "ms", "1,000 stories",
                          baseline.per_filter[name], f"figure <= {TARGET_MS:g}") for name in FILTERS]
        slowest = max(per_filter, key=lambda name: per_filter[name])
        results.append(Result(f"filtered feed p95, all 10 filters, 50 entries, cache miss, {size}", figure.wall,
                              "ms", "1,000 stories", baseline.wall, f"figure <= {TARGET_MS:g}",
                              f"{len(per_filter)} filters x {rounds}; slowest {slowest} {per_filter[slowest]:.1f} ms; "
                              f"{fill}"))
        results.append(Result(f"same, CPU time of the web process, {size}", figure.cpu, "ms", "1,000 stories",
                              baseline.cpu, f"figure <= {TARGET_MS:g}", "the app's own work, load aside"))
        results.append(Result(f"web worker peak RSS (VmHWM), {size}", worker_peak_mb(large_url, 2), "MB",
                              "1,000 stories", small_worker, f"figure <= {TARGET_WORKER_MB:g}"))
        if backend == "postgresql":
            for name, plan in plans(large_settings, large).items():
                print(f"-- plan, {name} ({size}):\n{plan}\n")
        if backend == "sqlite" and stories <= 100_000:  # 1,000,000 would take a quarter of an hour
            results.append(Result(f"retag of {stories:,} stories, sqlite", retag_rate(large, settings),
                                  "items/s", "1,000 stories", small_retag, "figure >= 1000"))
        large.close()
    return results
