"""Engines and migrations."""

from __future__ import annotations

import math
import select
import socket
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg.abc import PQGen
from sqlalchemy import Connection, CursorResult, Engine, create_engine, event, text
from sqlalchemy import exc as exc_types
from sqlalchemy.engine import make_url

from feeds.store.watchdog import WATCHDOG, socket_of

MIGRATIONS = Path(__file__).parent / "migrations"
WRITE_OPTION = "clusterfeeds_writes"
_WATCH = "clusterfeeds.watchdog"  # Connection.info key of the armed watchdog handle
RV = TypeVar("RV")


class StoreError(RuntimeError):
    """The database cannot be used (unreachable, read-only, wrong URL)."""


class DatabaseUnavailable(StoreError):  # noqa: N818 - the name says the state; "Error" adds nothing
    """The database did not answer: refused or reset connection, pool or statement timeout, SQLite
    locked past its busy timeout. Every store operation raises it for a driver failure, so the
    scheduler's outage logic, /readyz and the web's 503 catch one error. Its text names the
    driver's error class and first line (never SQL parameters)."""

    @classmethod
    def from_driver(cls, exc: BaseException) -> DatabaseUnavailable:
        line = str(exc).splitlines()[0] if str(exc) else ""
        return cls(f"{type(exc).__name__}: {line}".rstrip(": "))


# Driver failures that mean "the database is away", as opposed to a wrong statement or a broken constraint.
DRIVER_FAILURES = (exc_types.OperationalError, exc_types.InterfaceError, exc_types.TimeoutError)


@contextmanager
def translated() -> Iterator[None]:
    """Raise `DatabaseUnavailable` for a driver failure inside the block."""
    try:
        yield
    except DRIVER_FAILURES as exc:
        raise DatabaseUnavailable.from_driver(exc) from exc


@dataclass(frozen=True)
class Timeouts:
    """Bounds on every connection: opening it (and waiting for a pooled one), and each statement.

    A database that accepts connections but never answers must cost a request seconds, not
    hours. `statement` is PostgreSQL's statement_timeout (0: none); SQLite has its busy timeout.
    """

    connect: float = 10.0
    statement: float = 300.0


def make_engine(url: str, timeouts: Timeouts | None = None) -> Engine:
    """An engine for `url`. SQLite files get WAL, foreign keys and a busy timeout; their folder is created."""
    timeouts = timeouts or Timeouts()
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
    connect_args: dict[str, Any] = {"connect_timeout": max(2, math.ceil(timeouts.connect))}  # libpq: whole seconds, 2+
    # Added to the URL's own libpq options (a search_path, say), not instead of them. A custom plan for every
    # execution: psycopg prepares a statement at its fifth execution, and PostgreSQL may then plan it once for
    # any parameters (a generic plan), blind to how few rows a page's values (a search's story ids, a tag)
    # select (docs/performance.md, 2026-12-04).
    options = ["-c plan_cache_mode=force_custom_plan"]
    if timeouts.statement > 0:
        options.append(f"-c statement_timeout={int(timeouts.statement * 1000)}")
    given = parsed.query.get("options") or ""
    given = " ".join(given) if isinstance(given, tuple) else given
    parsed = parsed.update_query_dict({"options": " ".join([given, *options]).strip()})
    engine = create_engine(parsed, pool_timeout=timeouts.connect, connect_args=connect_args)
    event.listen(engine, "do_connect", _connect_acking)
    _watch(engine, timeouts)
    return engine


class AckingConnection(psycopg.Connection[Any]):
    """A psycopg connection that acknowledges what it reads at once, on TCP.

    PostgreSQL sends a result in 8 KB writes. On TCP the server stops after a congestion window's
    worth of segments until they are acknowledged (BBR keeps that window at about 16 segments on
    loopback: ~130 KB), and the client's kernel delays its ACK when the connection looks
    interactive (a query sent right after a result) and the segments are smaller than the largest
    it has seen: a page of 150-200 KB then waits for the delayed-ACK timer, 15-40 ms, before its
    last segments (docs/performance.md, 2026-12-05, branch `read-pg-tcp`). `TCP_QUICKACK` set
    before each read makes the read acknowledge what it takes. The option does not stick (sending
    the next query turns delayed ACKs back on), so it is set at every wake-up of a statement's
    wait. Unix sockets have no ACKs: nothing is done there.
    """

    _tcp = False

    def wait(self, gen: PQGen[RV], *args: Any, **kwargs: Any) -> RV:
        # the rest as given: psycopg 3.1 has (gen, timeout), 3.2 and later (gen, interval, timeout)
        return super().wait(_acked(gen, self.pgconn.socket) if self._tcp else gen, *args, **kwargs)


def _acked(gen: PQGen[RV], descriptor: int) -> PQGen[RV]:
    """`gen` (a psycopg generator waiting on the connection's socket) with TCP_QUICKACK set each
    time it is resumed: after the socket became ready, before the generator reads it."""
    try:
        wanted = next(gen)
        while True:
            ready = yield wanted
            quick_ack(descriptor)
            wanted = gen.send(ready)
    except StopIteration as stop:
        result: RV = stop.value
        return result


def quick_ack(descriptor: int) -> None:
    """Set TCP_QUICKACK on the TCP socket `descriptor` (a view of it, detached: the driver owns it)."""
    try:
        view = socket.socket(fileno=descriptor)
    except OSError:
        return  # closed under us: the driver's own read reports it
    try:
        view.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    except OSError:
        pass
    finally:
        view.detach()


def _connect_acking(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> AckingConnection:
    """SQLAlchemy's `do_connect`: an `AckingConnection`, told whether it speaks TCP."""
    connection = AckingConnection.connect(*cargs, **cparams)
    descriptor = socket_of(connection)
    if descriptor is not None and hasattr(socket, "TCP_QUICKACK"):
        view = socket.socket(fileno=descriptor)
        connection._tcp = view.family in (socket.AF_INET, socket.AF_INET6)
        view.detach()
    return connection


def _watch(engine: Engine, timeouts: Timeouts) -> None:
    """Bound every statement and every checkout's round trip on the client side too (watchdog.py),
    and give a checked-out connection the session settings of the work it is for.

    A checkout costs no round trip when the connection was checked in moments ago, the server has
    sent nothing since and its settings are already right (`_fit_for`); otherwise one statement
    does both: the settings that change, or a liveness ping (which replaces `pool_pre_ping`, which
    cannot be bounded). A connection that does not answer it within the connect timeout is
    discarded and the pool opens another.
    """

    def bound() -> float | None:
        limit = _STATEMENT_LIMITS.get(engine)
        seconds = limit[0] / 1000 if limit is not None and limit[1]() else timeouts.statement
        return seconds + timeouts.connect if seconds > 0 else None

    def arm(connection: Connection, *_args: Any) -> None:
        seconds, descriptor = bound(), socket_of(connection.connection.dbapi_connection)
        if seconds is not None and descriptor is not None:
            connection.info[_WATCH] = WATCHDOG.arm(seconds, descriptor)

    def disarm(connection: Connection | None, *_args: Any) -> None:
        handle = connection.info.pop(_WATCH, None) if connection is not None else None
        if handle is not None:
            WATCHDOG.disarm(handle)

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        wanted = _session_settings(engine)
        if record.info.get(_SESSION) == wanted and _fit_for(dbapi_connection, record):
            return
        descriptor = socket_of(dbapi_connection)
        handle = WATCHDOG.arm(timeouts.connect, descriptor) if descriptor is not None else None
        autocommit = dbapi_connection.autocommit
        try:
            dbapi_connection.autocommit = True  # settings for the session, and no transaction opened
            cursor = dbapi_connection.cursor()
            cursor.execute(_settings_statement(wanted) if record.info.get(_SESSION) != wanted else "SELECT 1")
            cursor.close()
            dbapi_connection.autocommit = autocommit
        except Exception as exc:
            raise exc_types.DisconnectionError(f"database did not answer a ping: {exc}") from exc
        finally:
            if handle is not None:
                WATCHDOG.disarm(handle)
        record.info[_SESSION] = wanted

    def answered(_dbapi_connection: Any, record: Any, *_args: Any) -> None:
        record.info[_CHECKED_IN] = time.monotonic()

    event.listen(engine, "before_cursor_execute", arm)
    event.listen(engine, "after_cursor_execute", disarm)
    event.listen(engine, "handle_error", lambda context: disarm(context.connection))
    event.listen(engine, "checkout", checkout)
    event.listen(engine, "connect", answered)  # a new connection needs no ping
    event.listen(engine, "checkin", answered)


IDLE_PING = 10.0  # seconds: a connection idle longer is pinged at checkout (a silent network drop shows no EOF)
_CHECKED_IN = "clusterfeeds.checked_in"  # ConnectionRecord.info: time.monotonic() of the last checkin
_SESSION = "clusterfeeds.session"  # ConnectionRecord.info: the web's limits the session has (None: the defaults)
_STATEMENT_LIMITS: weakref.WeakKeyDictionary[Engine, tuple[int, Callable[[], bool]]] = weakref.WeakKeyDictionary()


def _settings_statement(milliseconds: int | None) -> str:
    """The statement giving a session the web's limits (statement timeout in ms), or (None) the defaults
    back: the connection's own (its libpq options) and the server's."""
    if milliseconds is None:
        return "RESET statement_timeout; RESET max_parallel_workers_per_gather"
    return f"SET statement_timeout = {milliseconds}; SET max_parallel_workers_per_gather = 0"


def _fit_for(dbapi_connection: Any, record: Any) -> bool:
    """Whether a pooled connection can be used without asking the server: it was checked in
    moments ago, is open, and nothing has arrived on its socket since. A server that closes or
    resets a connection (a restart, a proxy cut, an administrator's termination, which sends a
    notice first) makes the idle socket readable; anything readable means a ping decides."""
    last = record.info.get(_CHECKED_IN)
    descriptor = socket_of(dbapi_connection)
    if last is None or time.monotonic() - last > IDLE_PING or descriptor is None or dbapi_connection.closed:
        return False
    poller = select.poll()
    poller.register(descriptor, select.POLLIN | select.POLLPRI)
    return not poller.poll(0)


def _session_settings(engine: Engine) -> int | None:
    """The statement timeout (ms) of the web's limits when they apply to the work at hand, else None."""
    limit = _STATEMENT_LIMITS.get(engine)
    return limit[0] if limit is not None and limit[1]() else None


def limit_statements(engine: Engine, seconds: float, applies: Callable[[], bool]) -> None:
    """On PostgreSQL, connections checked out while `applies()` is true (web requests) get
    `statement_timeout` = `seconds` and no parallel workers; others get the defaults back. The
    settings are the session's, changed only when a connection moves between the two kinds of work
    (a web worker's connections serve requests: no statement per request). Calling it again for the
    same engine replaces the limit.

    A web request reads a page by walking an index until it has enough rows; the planner, which
    cannot see how soon the walk stops, gave such walks parallel workers, whose start took longer
    than the walk (10-15 ms of a 24 ms topic AND country page at a million stories)."""
    if engine.dialect.name != "postgresql" or seconds <= 0:
        return
    _STATEMENT_LIMITS[engine] = (int(seconds * 1000), applies)


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
def reading(engine: Engine, transaction: bool = True) -> Iterator[Connection]:
    """A connection for reads (`engine.connect()`, driver failures raised as `DatabaseUnavailable`).

    `transaction=False`, on PostgreSQL: its statements run without one (autocommit), which spares the
    BEGIN and ROLLBACK round trips. For reads whose statements need not share a snapshot — under READ
    COMMITTED, the isolation every connection has, they never do — and that stream no results (a
    server-side cursor lives in a transaction)."""
    with translated(), engine.connect() as connection:
        if not transaction and engine.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


@contextmanager
def writing(engine: Engine, exclusive: str | None = None) -> Iterator[Connection]:
    """A transaction that writes: like `engine.begin()`, but on SQLite it takes the write lock
    first and waits for it (busy timeout), so read-then-write sequences never fail spuriously.

    `exclusive` names work that must not run in two transactions at once anywhere (e.g. story
    assignment, whose lookups and inserts must see each other): on PostgreSQL a transaction-
    scoped advisory lock per schema and name; SQLite's write lock already serialises writers.
    """
    with translated(), engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if exclusive and engine.dialect.name == "postgresql":
                connection.execute(text("select pg_advisory_xact_lock(hashtext(current_schema() || ':' || :name))"),
                                   {"name": exclusive})
            yield connection


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT wrote."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Apply every migration that has not run yet."""
    command.upgrade(_alembic_config(engine), "head")


def current_revision(engine: Engine) -> str | None:
    with reading(engine) as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(_alembic_config(engine)).get_current_head()
