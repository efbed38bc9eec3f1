"""Concurrent writers on the embedded SQLite store: no spurious "database is locked", no lost update.

`clusterfeeds run` has the scheduler's jobs and the web threads in one process; several
jobs may write at once (claims, heartbeats, batches). Each reads, then writes.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from feeds.config import SourceConfig
from feeds.model import Item
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store import Store, db
from feeds.store.schema import items, store_meta
from feeds.store.testing import engine_of

THREADS = 6
ROUNDS = 25


def increment(engine: sa.Engine, key: str) -> None:
    with db.writing(engine) as connection:
        value = connection.execute(sa.select(store_meta.c.value).where(store_meta.c.key == key)).scalar()
        time.sleep(0.001)  # widen the window between the read and the write
        if value is None:
            connection.execute(store_meta.insert().values(key=key, value="1"))
        else:
            connection.execute(sa.update(store_meta).where(store_meta.c.key == key).values(value=str(int(value) + 1)))


def test_concurrent_read_then_write_transactions_on_sqlite(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(ROUNDS):
                increment(engine_of(store), "counter")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with engine_of(store).connect() as connection:
        value = connection.execute(sa.select(store_meta.c.value).where(store_meta.c.key == "counter")).scalar()
    assert value == str(THREADS * ROUNDS)  # writers were serialised: no update lost
    store.close()


def test_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    """WAL: a reader sees the last committed state while a write transaction is open."""
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    increment(engine_of(store), "counter")
    with db.writing(engine_of(store)) as writer:
        writer.execute(sa.update(store_meta).where(store_meta.c.key == "counter").values(value="99"))
        with engine_of(store).connect() as reader:
            seen = reader.execute(sa.select(store_meta.c.value).where(store_meta.c.key == "counter")).scalar()
        assert seen == "1"
    store.close()


def test_parallel_batches_never_start_the_same_story_twice(settings: Settings) -> None:
    """Two sources saving the same story at the same moment (two schedulers, or a parallel
    collect): story assignment is serialised, so the second batch joins the first's story."""
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id=s, name=s, kind="feed", url=f"https://{s}.example/") for s in ("a", "b")])
    matcher = build_deduplicator(settings)
    now = datetime(2026, 11, 25, tzinfo=UTC)
    for round_ in range(10):
        url = f"https://news.example.eu/cluster-story-{round_}"
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def save(source_id: str, url: str = url, barrier: threading.Barrier = barrier,
                 errors: list[BaseException] = errors) -> None:
            item = Item(source_id=source_id, key=f"{source_id}-{url}", canonical_url=url, url=url,
                        title="Cluster managers meet in Riga", content_html="<p>Latvian clusters met.</p>",
                        summary="Latvian clusters met.", published=now, updated=now, language="en",
                        content_hash=f"{source_id}{url}")
            barrier.wait()
            try:
                store.items.save(source_id, [item], now, "test.example", dedup=matcher)
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=save, args=(source_id,)) for source_id in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        with engine_of(store).connect() as connection:
            story_ids = connection.execute(
                sa.select(items.c.story_id).where(items.c.canonical_url == url)).scalars().all()
        assert len(story_ids) == 2
        assert len(set(story_ids)) == 1, f"round {round_}: the same story was started twice"
    store.close()
