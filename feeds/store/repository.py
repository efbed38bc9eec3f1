"""Store operations used by the other stages. Each public method is one transaction."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, func, select, update
from sqlalchemy.exc import OperationalError

from feeds.config import SourceConfig
from feeds.config.feeds import FeedFilter
from feeds.model import Entry, Item, SourceState, Tag
from feeds.store import db
from feeds.store.corrections import Corrections, replay_tags
from feeds.store.queries import feed_page
from feeds.store.schema import items, sources, store_meta, stories, story_tags
from feeds.store.stories import F, StoryMatcher, Tally, assign_new_items, reindex_item, resolve_alias

VERSION_KEY = "version"
CHANGED_AT_KEY = "changed_at"  # when published content last changed (ISO 8601, UTC): empty feeds' date
# Story assignment reads candidates and writes stories: two batches must not interleave, or
# both could start the same story (two schedulers, or two sources collected in parallel).
STORY_ASSIGNMENT = "story-assignment"
_CHUNK = 500


@dataclass(frozen=True)
class FetchRecord:
    """What a successful fetch leaves on its source: validators and the adapter's bookkeeping."""

    etag: str | None = None
    last_modified: str | None = None
    adapter_state: Mapping[str, Any] | None = None  # None keeps the stored state


@dataclass(frozen=True)
class SaveReport:
    created: int = 0  # new items
    updated: int = 0  # known items whose content changed
    unchanged: int = 0
    stories_started: int = 0  # by new items that matched no stored story
    stories_merged: int = 0  # stories that became aliases of another

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def new_entry_id(authority: str, now: datetime) -> str:
    """A tag: URI (RFC 4151) for a new story: `tag:<authority>,<date>:story:<random>`."""
    return f"tag:{authority},{now:%Y-%m-%d}:story:{secrets.token_hex(8)}"


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.corrections = Corrections(engine)

    @classmethod
    def open(cls, url: str, migrate: bool = True, timeouts: db.Timeouts | None = None) -> Store:
        """Connect to `url`; apply pending migrations unless `migrate` is False."""
        engine = db.make_engine(url, timeouts)
        if migrate:
            try:
                db.upgrade(engine)
            except OperationalError as exc:
                raise db.StoreError(f"cannot open the database {engine.url!r}: {exc.orig}") from None
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # -- sources -------------------------------------------------------------------------

    def sync_sources(self, configs: Iterable[SourceConfig]) -> None:
        """Make sure every configured source has a row; keep names, kinds and URLs current."""
        with db.writing(self.engine) as connection:
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

    def source_state(self, source_id: str) -> SourceState:
        states = [s for s in self.source_states() if s.source_id == source_id]
        if not states:
            raise KeyError(source_id)
        return states[0]

    def source_states(self) -> list[SourceState]:
        counts = (select(items.c.source_id, func.count().label("n")).group_by(items.c.source_id)).subquery()
        query = (select(sources, counts.c.n).outerjoin(counts, counts.c.source_id == sources.c.id)
                 .order_by(sources.c.id))
        with self.engine.connect() as connection:
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

    def record_success(self, source_id: str, fetch: FetchRecord, at: datetime) -> None:
        with db.writing(self.engine) as connection:
            _record_success(connection, source_id, fetch, at)

    def record_failure(self, source_id: str, error: str, at: datetime, next_attempt: datetime | None = None) -> None:
        with db.writing(self.engine) as connection:
            connection.execute(update(sources).where(sources.c.id == source_id).values(
                last_attempt_at=at, last_error=error[:2000], next_attempt_at=next_attempt,
                consecutive_failures=sources.c.consecutive_failures + 1,
            ))

    # -- items and stories ------------------------------------------------------------------

    def save_items(self, source_id: str, batch: Sequence[Item], now: datetime, authority: str,
                   fetch: FetchRecord | None = None, dedup: StoryMatcher[F] | None = None) -> SaveReport:
        """Store one source's batch in one transaction, with the fetch state when given.

        With `dedup`, new items join the stories they duplicate (feeds/store/stories.py);
        without, each starts a story. Re-fetched items are matched by (source, key) and never
        duplicated. A story's `updated_at` moves only when its primary item's content changed.
        A crash anywhere leaves the previous state: nothing half-written.
        """
        created = updated = unchanged = 0
        touched: set[int] = set()
        tally = Tally()
        with db.writing(self.engine, exclusive=STORY_ASSIGNMENT) as connection:
            existing = self._existing_items(connection, source_id, [item.key for item in batch])
            new_items = []
            for item in _last_per_key(batch):
                row = existing.get(item.key)
                if row is None:
                    new_items.append(item)
                elif self._update_item(connection, row, item, now):
                    touched.add(row.story_id if dedup is None
                                else reindex_item(connection, row.id, item, dedup, now, tally))
                    updated += 1
                else:
                    unchanged += 1
            created = len(new_items)
            if dedup is not None:
                touched |= assign_new_items(connection, new_items, dedup, now,
                                            lambda at: new_entry_id(authority, at), tally)
            else:
                touched |= {self._insert_story(connection, item, now, authority) for item in new_items}
                tally.started += len(new_items)
            if touched:
                _refresh_story_tags(connection, sorted(touched))
                _bump_version(connection, now)
            if fetch is not None:
                _record_success(connection, source_id, fetch, now)
        return SaveReport(created, updated, unchanged, tally.started, tally.merged)

    def _existing_items(self, connection: Connection, source_id: str, keys: list[str]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for start in range(0, len(keys), _CHUNK):
            chunk = keys[start:start + _CHUNK]
            query = select(items).where(items.c.source_id == source_id, items.c.key.in_(chunk))
            found.update({row.key: row for row in connection.execute(query)})
        return found

    def _insert_story(self, connection: Connection, item: Item, now: datetime, authority: str) -> int:
        story_id = _inserted_id(connection.execute(stories.insert().values(
            entry_id=new_entry_id(authority, now), created_at=now,
            published_at=item.published, updated_at=item.updated,
        )))
        item_id = _inserted_id(connection.execute(items.insert().values(
            story_id=story_id, first_seen_at=now, last_seen_at=now, **item_values(item),
        )))
        connection.execute(update(stories).where(stories.c.id == story_id).values(primary_item_id=item_id))
        return story_id

    def _update_item(self, connection: Connection, row: Any, item: Item, now: datetime) -> bool:
        values = item_values(item)
        if not item.dated:
            values["published_at"] = row.published_at  # first-seen time stays put
        changed = {k: v for k, v in values.items() if getattr(row, k) != v and k not in {"updated_at"}}
        content_changed = row.content_hash != item.content_hash or row.title != item.title
        if content_changed:  # the source's new date, else the time the change was seen
            changed["updated_at"] = item.updated if item.updated > row.updated_at else now
        connection.execute(update(items).where(items.c.id == row.id).values(last_seen_at=now, **changed))
        if not changed:
            return False
        story = connection.execute(select(stories).where(stories.c.id == row.story_id)).one()
        if story.primary_item_id == row.id:
            story_values: dict[str, Any] = {"published_at": values["published_at"]}
            if content_changed:
                story_values["updated_at"] = changed["updated_at"]
            connection.execute(update(stories).where(stories.c.id == story.id).values(**story_values))
        return True

    # -- publishing ------------------------------------------------------------------------

    def latest_entries(self, limit: int, tag_threshold: float = 0.5) -> list[Entry]:
        """The newest `limit` stories (not merged away), newest first, with tags >= `tag_threshold`:
        the unfiltered first page of `queries.feed_page`."""
        return feed_page(self.engine, FeedFilter(), limit, None, tag_threshold).entries

    def resolve_entry_id(self, entry_id: str) -> str | None:
        """The entry id to show for `entry_id`: the surviving story's when it was merged away,
        itself when it was not, None when no story ever had it (web redirects old URLs with it)."""
        with self.engine.connect() as connection:
            return resolve_alias(connection, entry_id)

    def item_stories(self) -> dict[tuple[str, str], str]:
        """(source id, item key) -> entry id of the story the item belongs to, for every item."""
        query = select(items.c.source_id, items.c.key, stories.c.entry_id).join(stories,
                                                                                stories.c.id == items.c.story_id)
        with self.engine.connect() as connection:
            return {(row.source_id, row.key): row.entry_id for row in connection.execute(query)}

    def version(self) -> int:
        """A counter every change to published content increases (cache invalidation)."""
        with self.engine.connect() as connection:
            value = connection.execute(select(store_meta.c.value).where(store_meta.c.key == VERSION_KEY)).scalar()
        return int(value or 0)

    def story_count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(stories)).scalar_one())


def item_values(item: Item) -> dict[str, Any]:
    return {
        "source_id": item.source_id, "key": item.key, "canonical_url": item.canonical_url, "url": item.url,
        "title": item.title, "content_html": item.content_html, "summary": item.summary, "author": item.author,
        "published_at": item.published, "updated_at": item.updated, "language": item.language,
        "content_hash": item.content_hash, "image_url": item.image_url,
        "image_type": item.image_type, "image_length": item.image_length, "categories": list(item.categories),
        "links": [{"href": link.href, "title": link.title, "hreflang": link.hreflang} for link in item.links],
        "item_metadata": dict(item.metadata), "dated": item.dated,
        "tags": [[tag.kind, tag.code, tag.confidence, tag.provenance] for tag in item.tags],
    }


def _inserted_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _last_per_key(batch: Sequence[Item]) -> list[Item]:
    """A feed may list one GUID twice; the last occurrence wins, like a reader would show it."""
    return list({item.key: item for item in batch}.values())


def _bump_version(connection: Connection, at: datetime | None = None) -> None:
    current = connection.execute(
        select(store_meta.c.value).where(store_meta.c.key == VERSION_KEY).with_for_update()
    ).scalar()
    if current is None:
        connection.execute(store_meta.insert().values(key=VERSION_KEY, value="1"))
    else:
        connection.execute(update(store_meta).where(store_meta.c.key == VERSION_KEY)
                           .values(value=str(int(current) + 1)))
    mark_changed(connection, at or datetime.now(UTC))


def mark_changed(connection: Connection, at: datetime) -> None:
    """Record `at` as the time published content last changed (never moves backwards)."""
    stamp = at.astimezone(UTC).isoformat()
    current = connection.execute(select(store_meta.c.value).where(store_meta.c.key == CHANGED_AT_KEY)).scalar()
    if current is None:
        connection.execute(store_meta.insert().values(key=CHANGED_AT_KEY, value=stamp))
    elif datetime.fromisoformat(current) < at:
        connection.execute(update(store_meta).where(store_meta.c.key == CHANGED_AT_KEY).values(value=stamp))


def _record_success(connection: Connection, source_id: str, fetch: FetchRecord, at: datetime) -> None:
    values: dict[str, Any] = {
        "etag": fetch.etag, "last_modified": fetch.last_modified, "last_attempt_at": at, "last_success_at": at,
        "last_error": None, "consecutive_failures": 0, "next_attempt_at": None,
    }
    if fetch.adapter_state is not None:
        values["state"] = dict(fetch.adapter_state)
    connection.execute(update(sources).where(sources.c.id == source_id).values(**values))


def aggregate_tags(item_tags: Iterable[Sequence[Any]]) -> list[Tag]:
    """A story's tags from its items' tags: the highest confidence per (kind, code) wins;
    explicit source metadata wins over text at equal confidence."""
    best: dict[tuple[str, str], Tag] = {}
    for kind, code, confidence, provenance in item_tags:
        tag = Tag(kind, code, float(confidence), provenance)
        current = best.get((kind, code))
        if current is None or (tag.confidence, tag.provenance == "source") > (
                current.confidence, current.provenance == "source"):
            best[(kind, code)] = tag
    return sorted(best.values(), key=lambda t: (t.kind, -t.confidence, t.code))


def _refresh_story_tags(connection: Connection, story_ids: Sequence[int]) -> None:
    for start in range(0, len(story_ids), _CHUNK):
        chunk = list(story_ids[start:start + _CHUNK])
        per_story: dict[int, list[Sequence[Any]]] = {story_id: [] for story_id in chunk}
        for row in connection.execute(select(items.c.story_id, items.c.tags).where(items.c.story_id.in_(chunk))):
            per_story[row.story_id].extend(row.tags or [])
        connection.execute(story_tags.delete().where(story_tags.c.story_id.in_(chunk)))
        rows = [
            {"story_id": story_id, "kind": tag.kind, "code": tag.code, "confidence": tag.confidence,
             "provenance": tag.provenance}
            for story_id, tags in per_story.items() for tag in aggregate_tags(tags)
        ]
        if rows:
            connection.execute(story_tags.insert(), rows)
        replay_tags(connection, chunk)  # an editor's tag corrections outlive every recomputation
