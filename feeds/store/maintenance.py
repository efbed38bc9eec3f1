"""Whole-store maintenance: export to JSON lines, import into an empty store, prune old items.

The export covers every table of the schema (feeds.store.schema.metadata), in foreign-key
order, each row as `{"table": ..., "row": {...}}` with times in ISO 8601 UTC, after a
header naming the format and the schema revision. Import restores rows with their ids, so
entry ids, story membership and tags come back exactly; it accepts only an export of the
same schema revision, into a store with no content, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import IO, Any

from sqlalchemy import Connection, Engine, Integer, Table, delete, func, select, text, update

from feeds.store import db
from feeds.store.corrections import replay_tags
from feeds.store.locks import is_coordination_key
from feeds.store.repository import VERSION_KEY, aggregate_tags, mark_changed
from feeds.store.schema import UTCDateTime, items, metadata, store_meta, stories, story_tags

EXPORT_FORMAT = "clusterfeeds-export"
EXPORT_VERSION = 1
_BATCH = 500

Progress = Callable[[str, int], None]  # (table, rows done so far)


class MaintenanceError(RuntimeError):
    """An export cannot be imported (wrong format, other schema revision, store not empty)."""


def _no_progress(_table: str, _rows: int) -> None:
    return None


# -- export ------------------------------------------------------------------------------------


def export_lines(engine: Engine, progress: Progress = _no_progress) -> Iterator[str]:
    """The whole store as JSON lines (without newlines), header first."""
    header = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "schema": db.current_revision(engine)}
    yield json.dumps(header)
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            count = 0
            query = select(table).order_by(*table.primary_key.columns)
            for row in connection.execution_options(stream_results=True, yield_per=_BATCH).execute(query):
                values = dict(row._mapping)
                if table is store_meta and is_coordination_key(values["key"]):
                    continue
                yield json.dumps({"table": table.name, "row": _encode(table, values)}, ensure_ascii=False)
                count += 1
                if count % 1000 == 0:
                    progress(table.name, count)
            progress(table.name, count)


def _encode(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    for column in table.columns:
        value = values.get(column.name)
        if isinstance(column.type, UTCDateTime) and isinstance(value, datetime):
            values[column.name] = value.isoformat()
    return values


# -- import ------------------------------------------------------------------------------------


def is_empty(engine: Engine) -> bool:
    """True when the store holds no content (coordination rows of running processes do not count)."""
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table is store_meta:
                keys = connection.execute(select(store_meta.c.key)).scalars()
                if any(not is_coordination_key(key) for key in keys):
                    return False
            elif connection.execute(select(func.count()).select_from(table)).scalar_one():
                return False
    return True


def import_lines(engine: Engine, lines: Iterable[str], progress: Progress = _no_progress) -> dict[str, int]:
    """Restore an export into this (empty) store in one transaction. Returns rows per table."""
    if not is_empty(engine):
        raise MaintenanceError("the store is not empty; import restores into an empty store only")
    numbered = enumerate(lines, start=1)
    _check_header(engine, next(numbered, (1, ""))[1])
    tables = {table.name: table for table in metadata.sorted_tables}
    counts: dict[str, int] = {}
    with db.writing(engine) as connection:
        pending: list[dict[str, Any]] = []
        pending_table: Table | None = None
        deferred: dict[Table, list[tuple[Any, dict[str, Any]]]] = {}
        for number, line in numbered:
            if not line.strip():
                continue
            table, row, self_references = _decode_line(tables, number, line)
            if self_references:
                (key,) = table.primary_key.columns
                deferred.setdefault(table, []).append((row[key.name], self_references))
            if table is not pending_table:
                _insert(connection, pending_table, pending)
                pending, pending_table = [], table
            pending.append(row)
            counts[table.name] = counts.get(table.name, 0) + 1
            if len(pending) >= _BATCH:
                _insert(connection, pending_table, pending)
                pending = []
                progress(table.name, counts[table.name])
        _insert(connection, pending_table, pending)
        for name, count in counts.items():
            progress(name, count)
        _restore_self_references(connection, deferred)
        _advance_sequences(connection, tables)
    return counts


def _check_header(engine: Engine, line: str) -> None:
    try:
        header = json.loads(line)
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != EXPORT_FORMAT:
        raise MaintenanceError(f"line 1: not a ClusterFeeds export (expected a header with format {EXPORT_FORMAT!r})")
    if header.get("version") != EXPORT_VERSION:
        raise MaintenanceError(f"line 1: export format version {header.get('version')!r} is not {EXPORT_VERSION}")
    here = db.current_revision(engine)
    if header.get("schema") != here:
        raise MaintenanceError(f"line 1: the export has schema revision {header.get('schema')!r}, this store has "
                               f"{here!r}; upgrade both to the same release first")


def _decode_line(tables: dict[str, Table], number: int, line: str) -> tuple[Table, dict[str, Any], dict[str, Any]]:
    """(table, row to insert, values of self-referencing columns set aside for a second pass)."""
    try:
        record = json.loads(line)
        table = tables[record["table"]]
        row = dict(record["row"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError):
        raise MaintenanceError(f"line {number}: not a row of a known table") from None
    unknown = set(row) - set(table.columns.keys())
    if unknown:
        raise MaintenanceError(f"line {number}: table {table.name} has no column {sorted(unknown)[0]!r}")
    for column in table.columns:
        if isinstance(column.type, UTCDateTime) and isinstance(row.get(column.name), str):
            try:
                row[column.name] = datetime.fromisoformat(row[column.name])
            except ValueError:
                raise MaintenanceError(f"line {number}: {table.name}.{column.name} is not a time") from None
    deferred = {name: row[name] for name in _self_references(table) if row.get(name) is not None}
    for name in deferred:
        row[name] = None  # set once every row of the table exists
    return table, row, deferred


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def _insert(connection: Connection, table: Table | None, rows: list[dict[str, Any]]) -> None:
    if table is not None and rows:
        connection.execute(table.insert(), rows)


def _restore_self_references(connection: Connection, deferred: dict[Table, list[tuple[Any, dict[str, Any]]]]) -> None:
    """Second pass for columns that point into their own table (a story merged into another)."""
    for table, rows in deferred.items():
        (key,) = table.primary_key.columns
        for value, values in rows:
            connection.execute(update(table).where(key == value).values(**values))


def _advance_sequences(connection: Connection, tables: dict[str, Table]) -> None:
    """PostgreSQL: move each serial sequence past the ids just inserted (SQLite needs nothing)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables.values():
        keys = list(table.primary_key.columns)
        if len(keys) == 1 and isinstance(keys[0].type, Integer) and keys[0].autoincrement in (True, "auto"):
            name = keys[0].name
            connection.execute(text(
                f"select setval(pg_get_serial_sequence(:table, :column), coalesce(max({name}), 1), "
                f"max({name}) is not null) from {table.name}"), {"table": table.name, "column": name})


# -- prune ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PruneReport:
    source_id: str
    items_deleted: int = 0
    stories_deleted: int = 0


def prune_source(engine: Engine, source_id: str, published_before: datetime | None,
                 keep_newest: int | None) -> PruneReport:
    """Delete `source_id`'s items published before `published_before` and beyond its
    `keep_newest` newest, in one transaction. Stories left without items are deleted;
    stories that keep items of other sources get their earliest remaining item as primary."""
    with db.writing(engine) as connection:
        rows = connection.execute(select(items.c.id, items.c.story_id, items.c.published_at)
                                  .where(items.c.source_id == source_id)
                                  .order_by(items.c.published_at.desc(), items.c.id.desc())).all()
        doomed = [row for rank, row in enumerate(rows)
                  if (keep_newest is not None and rank >= keep_newest)
                  or (published_before is not None and row.published_at < published_before)]
        if not doomed:
            return PruneReport(source_id)
        for start in range(0, len(doomed), _BATCH):
            chunk = [row.id for row in doomed[start:start + _BATCH]]
            connection.execute(delete(items).where(items.c.id.in_(chunk)))
        deleted_stories = 0
        for story_id in sorted({row.story_id for row in doomed}):
            deleted_stories += _settle_story(connection, story_id)
        _bump_version(connection)
    return PruneReport(source_id, len(doomed), deleted_stories)


def _settle_story(connection: Connection, story_id: int) -> int:
    """After some of its items were deleted: delete the story if none is left (returns 1),
    else re-point its primary item and recompute its tags."""
    remaining = connection.execute(select(items).where(items.c.story_id == story_id)
                                   .order_by(items.c.published_at, items.c.id)).all()
    if not remaining:
        connection.execute(delete(stories).where(stories.c.id == story_id))
        return 1
    story = connection.execute(select(stories).where(stories.c.id == story_id)).one()
    if story.primary_item_id not in {row.id for row in remaining}:
        primary = remaining[0]
        connection.execute(update(stories).where(stories.c.id == story_id).values(
            primary_item_id=primary.id, published_at=primary.published_at,
            updated_at=primary.updated_at))
    connection.execute(delete(story_tags).where(story_tags.c.story_id == story_id))
    tags = aggregate_tags(tag for row in remaining for tag in (row.tags or []))
    if tags:
        connection.execute(story_tags.insert(), [
            {"story_id": story_id, "kind": tag.kind, "code": tag.code, "confidence": tag.confidence,
             "provenance": tag.provenance} for tag in tags])
    replay_tags(connection, [story_id])  # a story's corrections survive while it lives
    return 0


def _bump_version(connection: Connection) -> None:
    current = connection.execute(select(store_meta.c.value).where(store_meta.c.key == VERSION_KEY)).scalar()
    if current is None:
        connection.execute(store_meta.insert().values(key=VERSION_KEY, value="1"))
    else:
        connection.execute(update(store_meta).where(store_meta.c.key == VERSION_KEY)
                           .values(value=str(int(current) + 1)))
    mark_changed(connection, datetime.now(UTC))


def read_lines(stream: IO[str]) -> Iterator[str]:
    for line in stream:
        yield line.rstrip("\n")
