"""`store.coordination`: between processes sharing one store, per-source locks, collect claims, heartbeats.

Any number of schedulers may run against one database. Before collecting a source a
scheduler takes that source's lock without waiting; whoever does not get it skips the run.
The lock is the database's own: a PostgreSQL session advisory lock held on a dedicated
connection (released by the server when the holder's connection dies, so a killed process
never leaves a stale lock), or `fcntl.flock` on a file next to the SQLite database
(released by the kernel when the holder dies).

Under the lock a scheduler checks the source's *claim* — when it was last started, and by
whom — and claims it only if a whole interval has passed, so two schedulers whose timers
fire at different moments never fetch the same source twice in one interval.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, create_engine, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

from feeds.store import db
from feeds.store.schema import store_meta

HEARTBEAT_KEY = "scheduler_heartbeat"
_CLAIM_PREFIX = "claim:"
_KEY_LENGTH = 64  # store_meta.key


def advisory_key(namespace: str, source_id: str) -> int:
    """A stable signed 64-bit lock key for `source_id` within `namespace` (the schema).

    Advisory locks are database-wide; the schema in the key keeps two installations that
    share a database (or two test schemas) from blocking each other.
    """
    digest = hashlib.sha256(f"clusterfeeds:{namespace}:{source_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def lock_file_path(database: str, source_id: str) -> Path:
    """The lock file of `source_id` for the SQLite database file `database`."""
    digest = hashlib.sha256(source_id.encode()).hexdigest()[:24]
    return Path(database + ".locks") / f"{digest}.lock"


_memory_locks: dict[tuple[int, str], threading.Lock] = {}
_memory_guard = threading.Lock()


class Coordination:
    def __init__(self, engine: Engine):
        self._engine = engine

    @contextmanager
    def lock(self, source_id: str) -> Iterator[bool]:
        """Try to take the lock of `source_id` without waiting; yield whether it is held.

        The body always runs; it must do nothing that needs the lock when it gets False.
        """
        url = make_url(str(self._engine.url))
        backend = url.get_backend_name()
        if backend == "postgresql":
            with db.translated(), _advisory_lock(self._engine, source_id) as held:
                yield held
        elif backend == "sqlite" and url.database and url.database != ":memory:" \
                and not url.database.startswith("file:"):
            with _file_lock(lock_file_path(url.database, source_id)) as held:
                yield held
        else:  # an in-memory database is private to this process
            with _thread_lock(id(self._engine), source_id) as held:
                yield held

    def claim(self, source_id: str, now: datetime, min_gap_seconds: float, by: str) -> bool:
        """Claim `source_id` for a collect starting `now` unless it was claimed less than
        `min_gap_seconds` ago. Call it while holding the source's lock."""
        with db.writing(self._engine) as connection:
            previous = _read_mark(connection, claim_key(source_id))
            if previous is not None and (now - previous.at).total_seconds() < min_gap_seconds:
                return False
            _write_mark(connection, claim_key(source_id), Mark(now, by))
        return True

    def last_claim(self, source_id: str) -> Mark | None:
        with db.reading(self._engine) as connection:
            return _read_mark(connection, claim_key(source_id))

    def heartbeat(self, mark: Mark) -> None:
        """Record that the scheduler `mark.by` was alive at `mark.at`."""
        try:
            with db.writing(self._engine) as connection:
                _write_mark(connection, HEARTBEAT_KEY, mark)
        except IntegrityError:  # another scheduler wrote the first heartbeat at the same moment
            with db.writing(self._engine) as connection:
                _write_mark(connection, HEARTBEAT_KEY, mark)

    def last_heartbeat(self) -> Mark | None:
        """The newest heartbeat of any scheduler sharing this store."""
        with db.reading(self._engine) as connection:
            return _read_mark(connection, HEARTBEAT_KEY)


_lock_engines: dict[str, Engine] = {}


def _lock_engine(engine: Engine) -> Engine:
    """An unpooled twin of `engine` for lock connections: a held lock must not take a slot of the
    store's pool, or ten concurrent collects (APScheduler's threads) would exhaust it."""
    key = engine.url.render_as_string(hide_password=False)
    with _memory_guard:
        if key not in _lock_engines:
            _lock_engines[key] = create_engine(engine.url, poolclass=NullPool)
        return _lock_engines[key]


@contextmanager
def _advisory_lock(engine: Engine, source_id: str) -> Iterator[bool]:
    # A session-level lock lives as long as this connection, not as a transaction, so the
    # store's own transactions (on other connections) are unaffected.
    connection = _lock_engine(engine).connect()
    try:
        namespace = connection.execute(text("select current_schema()")).scalar_one()
        key = advisory_key(str(namespace), source_id)
        held = bool(connection.execute(text("select pg_try_advisory_lock(:key)"), {"key": key}).scalar_one())
        connection.commit()
        try:
            yield held
        finally:
            if held:
                connection.execute(text("select pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
    finally:
        connection.close()


@contextmanager
def _file_lock(path: Path) -> Iterator[bool]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle: IO[bytes] = open(path, "a+b")  # noqa: SIM115 - closed below, after the lock is released
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            held = True
        except BlockingIOError:
            held = False
        try:
            yield held
        finally:
            if held:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


@contextmanager
def _thread_lock(engine_id: int, source_id: str) -> Iterator[bool]:
    with _memory_guard:
        lock = _memory_locks.setdefault((engine_id, source_id), threading.Lock())
    held = lock.acquire(blocking=False)
    try:
        yield held
    finally:
        if held:
            lock.release()


# -- claims and heartbeats (rows of store_meta) -------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """A timestamped note left by a process: a collect claim or a heartbeat."""

    at: datetime
    by: str  # the process, as host:pid

    def to_json(self) -> str:
        return json.dumps({"at": self.at.isoformat(), "by": self.by})

    @classmethod
    def from_json(cls, raw: str) -> Mark:
        value = json.loads(raw)
        return cls(datetime.fromisoformat(value["at"]), str(value["by"]))


def process_name() -> str:
    """How this process signs its claims and heartbeats."""
    return f"{os.uname().nodename}:{os.getpid()}"


def claim_key(source_id: str) -> str:
    key = _CLAIM_PREFIX + source_id
    if len(key) <= _KEY_LENGTH:
        return key
    return _CLAIM_PREFIX + "#" + hashlib.sha256(source_id.encode()).hexdigest()[:40]


def is_coordination_key(key: str) -> bool:
    """Rows of store_meta that describe running processes rather than content (not exported)."""
    return key == HEARTBEAT_KEY or key.startswith(_CLAIM_PREFIX)


def _read_mark(connection: Connection, key: str) -> Mark | None:
    raw = connection.execute(select(store_meta.c.value).where(store_meta.c.key == key)).scalar()
    return None if raw is None else Mark.from_json(raw)


def _write_mark(connection: Connection, key: str, mark: Mark) -> None:
    done = connection.execute(update(store_meta).where(store_meta.c.key == key).values(value=mark.to_json()))
    if not done.rowcount:
        connection.execute(store_meta.insert().values(key=key, value=mark.to_json()))
