"""`store.sources`: the configured sources' rows and what their fetches left on them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update

from feeds.config import SourceConfig
from feeds.model import SourceState
from feeds.store import db
from feeds.store.schema import items, sources, stories

ERROR_LENGTH = 2000  # characters of a fetch error kept on the source


@dataclass(frozen=True)
class FetchRecord:
    """What a successful fetch leaves on its source: validators and the adapter's bookkeeping."""

    etag: str | None = None
    last_modified: str | None = None
    adapter_state: Mapping[str, Any] | None = None  # None keeps the stored state


class Sources:
    def __init__(self, engine: Engine):
        self._engine = engine

    def sync(self, configs: Iterable[SourceConfig]) -> None:
        """Make sure every configured source has a row; keep names, kinds and URLs current."""
        with db.writing(self._engine) as connection:
            known = {row.id: row for row in connection.execute(select(sources.c.id, sources.c.name,
                                                                        sources.c.kind, sources.c.url))}
            for config in configs:
                values = {"name": config.name, "kind": config.kind, "url": config.url}
                row = known.get(config.id)
                if row is None:
                    connection.execute(sources.insert().values(id=config.id, consecutive_failures=0, state={},
                                                               **values))
                elif (row.name, row.kind, row.url) != (config.name, config.kind, config.url):
                    connection.execute(update(sources).where(sources.c.id == config.id).values(**values))

    def state(self, source_id: str) -> SourceState:
        """The state of one source; KeyError when it has no row."""
        found = self._states(sources.c.id == source_id)
        if not found:
            raise KeyError(source_id)
        return found[0]

    def states(self) -> list[SourceState]:
        """Every source's state, by id."""
        return self._states()

    def names(self) -> dict[str, str]:
        """Source id -> name, by id."""
        with db.reading(self._engine, transaction=False) as connection:  # one statement: one round trip
            return {row.id: row.name for row in connection.execute(select(sources.c.id, sources.c.name)
                                                                   .order_by(sources.c.id))}

    def story_counts(self) -> dict[str, int]:
        """Published stories with at least one item from each source."""
        query = (select(items.c.source_id, func.count(func.distinct(items.c.story_id)))
                 .join(stories, stories.c.id == items.c.story_id)
                 .where(stories.c.alias_of.is_(None), stories.c.hidden.is_(False))
                 .group_by(items.c.source_id))
        with db.reading(self._engine) as connection:
            return {source_id: int(count) for source_id, count in connection.execute(query)}

    def record_success(self, source_id: str, fetch: FetchRecord, at: datetime) -> None:
        with db.writing(self._engine) as connection:
            record_fetch(connection, source_id, fetch, at)

    def record_failure(self, source_id: str, error: str, at: datetime, next_attempt: datetime | None = None) -> None:
        with db.writing(self._engine) as connection:
            connection.execute(update(sources).where(sources.c.id == source_id).values(
                last_attempt_at=at, last_error=error[:ERROR_LENGTH], next_attempt_at=next_attempt,
                consecutive_failures=sources.c.consecutive_failures + 1,
            ))

    def _states(self, *conditions: Any) -> list[SourceState]:
        counts = (select(items.c.source_id, func.count().label("n")).group_by(items.c.source_id)).subquery()
        query = (select(sources, counts.c.n).outerjoin(counts, counts.c.source_id == sources.c.id)
                 .where(*conditions).order_by(sources.c.id))
        with db.reading(self._engine) as connection:
            return [
                SourceState(
                    source_id=row.id, etag=row.etag, last_modified=row.last_modified,
                    last_attempt=row.last_attempt_at, last_success=row.last_success_at,
                    last_error=row.last_error, consecutive_failures=row.consecutive_failures,
                    next_attempt=row.next_attempt_at, item_count=row.n or 0,
                    adapter_state=dict(row.state or {}),
                )
                for row in connection.execute(query)
            ]


def record_fetch(connection: Connection, source_id: str, fetch: FetchRecord, at: datetime) -> None:
    """Write a successful fetch onto its source inside `connection`'s transaction (a saved batch's)."""
    values: dict[str, Any] = {
        "etag": fetch.etag, "last_modified": fetch.last_modified, "last_attempt_at": at, "last_success_at": at,
        "last_error": None, "consecutive_failures": 0, "next_attempt_at": None,
    }
    if fetch.adapter_state is not None:
        values["state"] = dict(fetch.adapter_state)
    connection.execute(update(sources).where(sources.c.id == source_id).values(**values))
