"""`Store`: the only way into the database. Its areas, by entity, each own their statements:

- `store.feeds` (queries.py): pages of published stories, the last change, the content version
- `store.tags` (tags.py): which countries and topics published stories carry
- `store.sources` (sources.py): source rows and fetch state
- `store.items` (items.py): saving batches (story assignment in stories.py), retag reads and writes
- `store.coordination` (coordination.py): per-source locks, collect claims, heartbeats
- `store.maintenance` (maintenance.py): export, import, prune
- `store.corrections` (corrections.py): an editor's corrections, their audit log and undo

Every public method is one transaction (or one read) and raises `DatabaseUnavailable` when
the database does not answer. Writes that change published content end in changes.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, event, text

from feeds.store import db
from feeds.store.coordination import Coordination
from feeds.store.corrections import Corrections
from feeds.store.items import Items
from feeds.store.maintenance import Maintenance
from feeds.store.queries import Feeds
from feeds.store.reading import StoryReader
from feeds.store.sources import Sources
from feeds.store.tags import Tags


class Store:
    def __init__(self, engine: Engine):
        self._engine = engine
        self._commits = 0
        event.listen(engine, "commit", self._count_commit)
        self.feeds = Feeds(engine)
        self.tags = Tags(engine)
        self.sources = Sources(engine)
        self.items = Items(engine)
        self.coordination = Coordination(engine)
        self.maintenance = Maintenance(engine)
        self.corrections = Corrections(engine)
        self.stories = StoryReader(engine)  # what the HTML pages read (feeds/store/reading.py)

    @classmethod
    def open(cls, url: str, migrate: bool = True, timeouts: db.Timeouts | None = None) -> Store:
        """Connect to `url`; apply pending migrations unless `migrate` is False
        (DatabaseUnavailable when that fails)."""
        engine = db.make_engine(url, timeouts)
        if migrate:
            try:
                db.upgrade(engine)
            except db.DRIVER_FAILURES as exc:
                reason = getattr(exc, "orig", exc)
                raise db.DatabaseUnavailable(f"cannot open the database {engine.url!r}: {reason}") from None
        return cls(engine)

    def close(self) -> None:
        self._engine.dispose()

    def ping(self) -> None:
        """Return when the database answers a trivial statement; DatabaseUnavailable otherwise."""
        with db.reading(self._engine) as connection:
            connection.execute(text("select 1"))

    def revision(self) -> str | None:
        """The schema revision the database is at (None before the first migration)."""
        return db.current_revision(self._engine)

    def head_revision(self) -> str | None:
        """The schema revision this code expects."""
        return db.head_revision(self._engine)

    def commits(self) -> int:
        """How many transactions this store has committed in this process: a cache that saw this number
        change knows its content may be stale without asking the database."""
        return self._commits

    def limit_statements(self, seconds: float, applies: Callable[[], bool]) -> None:
        """On PostgreSQL, bound the statements of transactions begun while `applies()` is true
        (web requests) by `seconds` (db.limit_statements)."""
        db.limit_statements(self._engine, seconds, applies)

    def _count_commit(self, _connection: Any) -> None:
        self._commits += 1
