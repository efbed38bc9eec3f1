"""The database's own plan for a statement the store ran, for tests that check index use."""

from __future__ import annotations

from typing import Any

from feeds.store import Store
from feeds.store.testing import engine_of


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
