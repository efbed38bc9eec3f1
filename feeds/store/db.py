"""Engines and migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

MIGRATIONS = Path(__file__).parent / "migrations"
WRITE_OPTION = "clusterfeeds_writes"


class StoreError(RuntimeError):
    """The database cannot be used (unreachable, read-only, wrong URL)."""


def make_engine(url: str) -> Engine:
    """An engine for `url`. SQLite files get WAL, foreign keys and a busy timeout; their folder is created."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling skips DDL and begins late; take control so every
    # SQLAlchemy transaction (migrations included) is one real SQLite transaction.
    # (SQLAlchemy docs, "Serializable isolation / Savepoints / Transactional DDL" for pysqlite.)
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A transaction that will write takes the write lock up front (IMMEDIATE): a deferred one
    # that read first cannot wait for a concurrent writer — SQLite answers "database is
    # locked" at once instead of using the busy timeout. Reads stay deferred and never block.
    writes = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


@contextmanager
def writing(engine: Engine, exclusive: str | None = None) -> Iterator[Connection]:
    """A transaction that writes: like `engine.begin()`, but on SQLite it takes the write lock
    first and waits for it (busy timeout), so read-then-write sequences never fail spuriously.

    `exclusive` names work that must not run in two transactions at once anywhere (e.g. story
    assignment, whose lookups and inserts must see each other): on PostgreSQL a transaction-
    scoped advisory lock per schema and name; SQLite's write lock already serialises writers.
    """
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if exclusive and engine.dialect.name == "postgresql":
                connection.execute(text("select pg_advisory_xact_lock(hashtext(current_schema() || ':' || :name))"),
                                   {"name": exclusive})
            yield connection


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration that has not run yet."""
    command.upgrade(_alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
