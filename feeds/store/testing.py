"""For tests and benchmarks only: the engine behind a `Store`.

Some tests must set up or inspect rows the facade never writes or reads (a story merged by
hand, a query plan, a statement counter), and the benchmarks bulk-load rows below it. They
take the engine here. Nothing in `feeds/` imports this module (tests/test_architecture.py).
"""

from __future__ import annotations

from sqlalchemy import Engine

from feeds.store.repository import Store


def engine_of(store: Store) -> Engine:
    return store._engine  # the one sanctioned way past the facade
