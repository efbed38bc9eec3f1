"""Rows of `dedup_keys` written and read through the driver: story assignment's most frequent statements.

A new item stores ~28 hashed lookup keys and its candidate probe reads ~90 key rows. Through SQLAlchemy
Core every row passes its per-row parameter and result handling, which costs about as much as the driver's
own work (docs/performance.md, "ingest speed, round 4"). Here each statement is the text Core would send,
written once for both dialects in the driver's parameter style, and rows go to and come from the driver as
tuples through `Connection.exec_driver_sql` (in the connection's transaction; driver errors are translated
as for any statement). The one typed column, `published_at`, is converted by the column type's own
processors (`UTCDateTime` over the dialect's DateTime): the same stored values and the same datetimes as
through Core. Callers never see the difference: `stories.py` is the only user.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, CursorResult

from feeds.store.schema import dedup_keys

KeyRow = tuple[str, int, datetime | None]  # (hashed key, items.id, the item's published_at or None)

_COLUMNS = 'dedup_keys."key", dedup_keys.item_id'
_DATED_COLUMNS = f"{_COLUMNS}, dedup_keys.published_at"


@dataclass(frozen=True)
class _Driver:
    """What the statements need of one connection's dialect: placeholders and the date's processors."""

    text: str  # placeholder of a key
    moment: str  # placeholder of a published_at
    integer: str  # placeholder of an integer
    to_driver: Callable[[Any], Any] | None
    from_driver: Callable[[Any], Any] | None

    @classmethod
    def of(cls, connection: Connection) -> _Driver:
        dialect = connection.dialect
        column_type = dedup_keys.c.published_at.type.dialect_impl(dialect)
        # the casts Core writes on PostgreSQL (psycopg binds on the server), none on SQLite
        casts = ("::VARCHAR", "::TIMESTAMP WITH TIME ZONE", "::INTEGER") if dialect.name == "postgresql" else ("",) * 3
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        return cls(mark + casts[0], mark + casts[1], mark + casts[2], column_type.bind_processor(dialect),
                   column_type.result_processor(dialect, None))

    def bind(self, moment: datetime | None) -> Any:
        return moment if self.to_driver is None else self.to_driver(moment)

    def read(self, stored: Any) -> datetime:
        """A stored date (not NULL) as Core reads it."""
        value: datetime = stored if self.from_driver is None else self.from_driver(stored)
        return value

    def keys_in(self, keys: Sequence[str]) -> str:
        return f'dedup_keys."key" IN ({", ".join([self.text] * len(keys))})'


def insert(connection: Connection, rows: Iterable[KeyRow]) -> None:
    """Insert `rows` in one executemany, in the order given."""
    driver = _Driver.of(connection)
    processed: dict[datetime | None, Any] = {}  # one conversion per date: an item's keys share it
    values = []
    for key, item_id, moment in rows:
        if moment not in processed:
            processed[moment] = driver.bind(moment)
        values.append((key, item_id, processed[moment]))
    if values:
        connection.exec_driver_sql(
            "INSERT INTO dedup_keys (\"key\", item_id, published_at) "
            f"VALUES ({driver.text}, {driver.integer}, {driver.moment})", values)


def holders(connection: Connection, keys: Sequence[str]) -> Sequence[tuple[str, int]]:
    """(key, item id) of every stored row of `keys`, at any date."""
    driver = _Driver.of(connection)
    return _rows(connection.exec_driver_sql(f"SELECT {_COLUMNS} FROM dedup_keys WHERE {driver.keys_in(keys)}",
                                             tuple(keys)))


def latest_holders(connection: Connection, keys: Sequence[str], limit: int) -> Sequence[tuple[str, int]]:
    """(key, item id) of the `limit` rows of `keys` with the latest published_at (ordered as the database
    orders `published_at DESC`)."""
    driver = _Driver.of(connection)
    return _rows(connection.exec_driver_sql(
        f"SELECT {_COLUMNS} FROM dedup_keys WHERE {driver.keys_in(keys)} "
        f"ORDER BY dedup_keys.published_at DESC LIMIT {driver.integer}", (*keys, limit)))


def undated_holders(connection: Connection, keys: Sequence[str]) -> Sequence[tuple[str, int]]:
    """(key, item id) of the rows of `keys` without a date."""
    driver = _Driver.of(connection)
    return _rows(connection.exec_driver_sql(f"SELECT {_COLUMNS} FROM dedup_keys WHERE {driver.keys_in(keys)} "
                                             "AND dedup_keys.published_at IS NULL", tuple(keys)))


def holders_between(connection: Connection, keys: Sequence[str], since: datetime,
                    until: datetime) -> Sequence[tuple[str, int]]:
    """(key, item id) of the rows of `keys` published from `since` to `until` (both included), then of the
    undated rows: each part one range of the (key, published_at) index."""
    driver = _Driver.of(connection)
    in_keys = driver.keys_in(keys)
    return _rows(connection.exec_driver_sql(
        f"SELECT {_COLUMNS} FROM dedup_keys WHERE {in_keys} "
        f"AND dedup_keys.published_at BETWEEN {driver.moment} AND {driver.moment} "
        f"UNION ALL SELECT {_COLUMNS} FROM dedup_keys WHERE {in_keys} AND dedup_keys.published_at IS NULL",
        (*keys, driver.bind(since), driver.bind(until), *keys)))


def dated_holders(connection: Connection,
                  keys: Sequence[str], ranges: Sequence[tuple[datetime, bool, datetime, bool]]
                  ) -> list[tuple[str, int, datetime]]:
    """(key, item id, published) of the rows of `keys` published within one of `ranges`, each
    (start, start included, end, end included), one range of the index each."""
    driver = _Driver.of(connection)
    parts = []
    parameters: list[Any] = []
    for start, from_start, end, to_end in ranges:
        parts.append(f"SELECT {_DATED_COLUMNS} FROM dedup_keys WHERE {driver.keys_in(keys)} "
                     f"AND dedup_keys.published_at {'>=' if from_start else '>'} {driver.moment} "
                     f"AND dedup_keys.published_at {'<=' if to_end else '<'} {driver.moment}")
        parameters += [*keys, driver.bind(start), driver.bind(end)]
    read = driver.read
    return [(key, item_id, read(stored))
            for key, item_id, stored in _rows(connection.exec_driver_sql(" UNION ALL ".join(parts), tuple(parameters)))]


def _rows(result: CursorResult[Any]) -> Sequence[Any]:
    """Every row of a statement that has run, fetched at once: one call into the driver, the rows made in C, where
    iterating the result is a few Python calls per row (a batch's probe reads ~140,000). A list of a batch's key rows
    costs the garbage collector nothing: it is paused while a batch is stored (garbage.py; it was not when these
    were read one at a time, round 4)."""
    return result.fetchall()
