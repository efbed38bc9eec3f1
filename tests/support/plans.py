"""The statements the store runs and the database's own plan for each, for tests that check index use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from feeds.store import Store
from feeds.store.testing import engine_of


@contextmanager
def selects(store: Store) -> Iterator[list[tuple[str, Any]]]:
    """The SELECT statements (and parameters) the store runs meanwhile, to ask the database for their plans."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine_of(store), "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine_of(store), "before_cursor_execute", record)


def plan(store: Store, statement: str, parameters: Any) -> str:
    """SQLite's EXPLAIN QUERY PLAN, or PostgreSQL's EXPLAIN with sequential scans discouraged (a tiny test
    table would otherwise be scanned whatever the indexes)."""
    with engine_of(store).connect() as connection:
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        if engine_of(store).dialect.name == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN " + statement, parameters)
        return "\n".join(str(row[0]) for row in cursor.fetchall())
