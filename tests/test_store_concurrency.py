"""Concurrent writers on the embedded SQLite store: no spurious "database is locked", no lost update.

`clusterfeeds run` has the scheduler's jobs and the web threads in one process; several
jobs may write at once (claims, heartbeats, batches). Each reads, then writes.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import sqlalchemy as sa

from feeds.store import Store, db
from feeds.store.schema import store_meta

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
                increment(store.engine, "counter")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with store.engine.connect() as connection:
        value = connection.execute(sa.select(store_meta.c.value).where(store_meta.c.key == "counter")).scalar()
    assert value == str(THREADS * ROUNDS)  # writers were serialised: no update lost
    store.close()


def test_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    """WAL: a reader sees the last committed state while a write transaction is open."""
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    increment(store.engine, "counter")
    with db.writing(store.engine) as writer:
        writer.execute(sa.update(store_meta).where(store_meta.c.key == "counter").values(value="99"))
        with store.engine.connect() as reader:
            seen = reader.execute(sa.select(store_meta.c.value).where(store_meta.c.key == "counter")).scalar()
        assert seen == "1"
    store.close()
