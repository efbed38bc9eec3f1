"""`store.items`: saving a source's batch (with story assignment), and reading and re-tagging stored items.

Retagging after a taxonomy change: the wiring reads items batch by batch (`stored`, keyset
pagination by id, so memory stays flat over 100,000 stories), tags them with the process
stage, and hands the tags back (`save_tags`). Each batch is one transaction that also
refreshes the tags of the affected stories, so an interrupted retag leaves every story consistent.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, func, select, update

from feeds.model import Item, ItemMetadata, Tag, item_metadata
from feeds.store import db
from feeds.store.changes import content_changed
from feeds.store.fingerprints import DecodedFingerprints
from feeds.store.garbage import collector_paused
from feeds.store.schema import item_of, item_values, items, stories
from feeds.store.sources import FetchRecord, record_fetch
from feeds.store.stories import F, StoryMatcher, Tally, assign_new_items, refingerprint_items, reindex_item

# Story assignment reads candidates and writes stories: two batches must not interleave, or
# both could start the same story (two schedulers, or two sources collected in parallel).
STORY_ASSIGNMENT = "story-assignment"
_CHUNK = 500


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


@dataclass(frozen=True)
class StoredItem:
    """What the tagger needs of a stored item."""

    id: int
    story_id: int
    title: str
    content_html: str
    summary: str
    language: str | None
    categories: tuple[str, ...] = ()
    metadata: ItemMetadata = field(default_factory=ItemMetadata)


def new_entry_id(authority: str, now: datetime) -> str:
    """A tag: URI (RFC 4151) for a new story: `tag:<authority>,<date>:story:<random>`."""
    return f"tag:{authority},{now:%Y-%m-%d}:story:{secrets.token_hex(8)}"


class Items:
    def __init__(self, engine: Engine):
        self._engine = engine
        self.decoded = DecodedFingerprints()  # stored fingerprints, decoded once per process

    def save(self, source_id: str, batch: Sequence[Item], now: datetime, authority: str,
             fetch: FetchRecord | None = None, dedup: StoryMatcher[F] | None = None,
             seen: Collection[str] = ()) -> SaveReport:
        """Store one source's batch in one transaction, with the fetch state when given.

        With `dedup`, new items join the stories they duplicate (feeds/store/stories.py);
        without, each starts a story. Re-fetched items are matched by (source, key) and never
        duplicated. A story's `updated_at` moves only when its primary item's content changed.
        `seen` are fetch hashes of items fetched again unchanged (`fetched`), not in `batch`:
        they are only marked seen. A crash anywhere leaves the previous state: nothing half-written.
        The cyclic garbage collector is paused meanwhile (garbage.py).
        """
        updated = unchanged = 0
        touched: set[int] = set()
        tally = Tally()
        with collector_paused(), db.writing(self._engine, exclusive=STORY_ASSIGNMENT) as connection:
            unchanged += _mark_seen(connection, source_id, seen, now)
            existing = _existing_items(connection, source_id, [item.key for item in batch])
            new_items = []
            for item in _last_per_key(batch):
                row = existing.get(item.key)
                if row is None:
                    new_items.append(item)
                elif _update_item(connection, row, item, now):
                    touched.add(row.story_id if dedup is None
                                else reindex_item(connection, row.id, item, dedup, now, tally, self.decoded))
                    updated += 1
                else:
                    unchanged += 1
            if dedup is not None:
                touched |= assign_new_items(connection, new_items, dedup, now,
                                            lambda at: new_entry_id(authority, at), tally, self.decoded)
            else:
                touched |= {_insert_story(connection, item, now, authority) for item in new_items}
                tally.started += len(new_items)
            if touched:
                content_changed(connection, touched, now)
            if fetch is not None:
                record_fetch(connection, source_id, fetch, now)
        return SaveReport(len(new_items), updated, unchanged, tally.started, tally.merged)

    def fetched(self, source_id: str, hashes: Collection[str]) -> set[str]:
        """Which of `hashes` (process/fetched.py) a stored item of `source_id` has: those items need
        no processing again (an index probe per chunk)."""
        found: set[str] = set()
        wanted = sorted(set(hashes))
        with db.reading(self._engine) as connection:
            for start in range(0, len(wanted), _CHUNK):
                found.update(connection.execute(select(items.c.fetch_hash).where(
                    items.c.source_id == source_id, items.c.fetch_hash.in_(wanted[start:start + _CHUNK]))).scalars())
        return found

    def count(self) -> int:
        """How many items are stored."""
        with db.reading(self._engine) as connection:
            return int(connection.execute(select(func.count()).select_from(items)).scalar_one())

    def story_count(self) -> int:
        """How many stories are stored (merged-away aliases included)."""
        with db.reading(self._engine) as connection:
            return int(connection.execute(select(func.count()).select_from(stories)).scalar_one())

    def stories_of_items(self) -> dict[tuple[str, str], str]:
        """(source id, item key) -> entry id of the story the item belongs to, for every item."""
        query = select(items.c.source_id, items.c.key, stories.c.entry_id).join(
            stories, stories.c.id == items.c.story_id)
        with db.reading(self._engine) as connection:
            return {(row.source_id, row.key): row.entry_id for row in connection.execute(query)}

    def stored(self, batch_size: int = 500) -> Iterator[list[StoredItem]]:
        """Every stored item, in batches of `batch_size`, in id order (one short read per batch)."""
        last_id = 0
        query = (select(items.c.id, items.c.story_id, items.c.title, items.c.content_html, items.c.summary,
                        items.c.language, items.c.categories, items.c.item_metadata)
                 .where(items.c.id > bindparam("last_id")).order_by(items.c.id).limit(batch_size))
        while True:
            with db.reading(self._engine) as connection:
                rows = connection.execute(query, {"last_id": last_id}).all()
            if not rows:
                return
            yield [StoredItem(row.id, row.story_id, row.title, row.content_html, row.summary, row.language,
                              tuple(row.categories or ()), item_metadata(row.item_metadata or {}))
                   for row in rows]
            last_id = rows[-1].id

    def refingerprint(self, dedup: StoryMatcher[F], batch_size: int = 500) -> Iterator[tuple[int, int]]:
        """Fingerprint every stored item again with `dedup` (after an upgrade changed how items are compared)
        and store the fingerprints and lookup keys that differ, a batch of `batch_size` items per transaction
        in id order, taking story assignment's turn as a save does. Yields (items seen, items changed) per
        batch. Stories stay as they are (`stories.refingerprint_items`)."""
        last_id = 0
        query = (select(items).where(items.c.id > bindparam("last_id")).order_by(items.c.id).limit(batch_size))
        while True:
            with db.writing(self._engine, exclusive=STORY_ASSIGNMENT) as connection:
                rows = connection.execute(query, {"last_id": last_id}).all()
                if not rows:
                    return
                stored = [(row.id, item_of(row), row.fingerprint) for row in rows]
                changed = refingerprint_items(connection, stored, dedup)
            last_id = rows[-1].id
            yield len(rows), changed

    def save_tags(self, tagged: Sequence[tuple[StoredItem, Sequence[Tag]]]) -> int:
        """Store new tags of items and refresh their stories' tags, in one transaction.

        Returns how many items' tags changed; stories are refreshed (and the published-content
        version bumped) only when something changed.
        """
        if not tagged:
            return 0
        ids = [item.id for item, _ in tagged]
        with db.writing(self._engine) as connection:
            current = {row.id: row.tags or [] for row in connection.execute(
                select(items.c.id, items.c.tags).where(items.c.id.in_(ids)))}
            changed: list[dict[str, Any]] = []
            story_ids: set[int] = set()
            for item, tags in tagged:
                values = [[tag.kind, tag.code, tag.confidence, tag.provenance] for tag in tags]
                if [list(value) for value in current.get(item.id, [])] != values:
                    changed.append({"item_id": item.id, "new_tags": values})
                    story_ids.add(item.story_id)
            if changed:
                connection.execute(update(items).where(items.c.id == bindparam("item_id"))
                                   .values(tags=bindparam("new_tags")), changed)
                content_changed(connection, story_ids)
        return len(changed)


def _existing_items(connection: Connection, source_id: str, keys: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start:start + _CHUNK]
        query = select(items).where(items.c.source_id == source_id, items.c.key.in_(chunk))
        found.update({row.key: row for row in connection.execute(query)})
    return found


def _mark_seen(connection: Connection, source_id: str, hashes: Collection[str], now: datetime) -> int:
    """Items fetched again unchanged: seen now. Returns how many there are."""
    wanted, marked = sorted(set(hashes)), 0
    for start in range(0, len(wanted), _CHUNK):
        marked += connection.execute(update(items).where(
            items.c.source_id == source_id, items.c.fetch_hash.in_(wanted[start:start + _CHUNK]))
            .values(last_seen_at=now)).rowcount
    return marked


def _insert_story(connection: Connection, item: Item, now: datetime, authority: str) -> int:
    story_id = db.inserted_id(connection.execute(stories.insert().values(
        entry_id=new_entry_id(authority, now), created_at=now,
        published_at=item.published, updated_at=item.updated,
    )))
    item_id = db.inserted_id(connection.execute(items.insert().values(
        story_id=story_id, first_seen_at=now, last_seen_at=now, **item_values(item),
    )))
    connection.execute(update(stories).where(stories.c.id == story_id).values(primary_item_id=item_id))
    return story_id


def _update_item(connection: Connection, row: Any, item: Item, now: datetime) -> bool:
    values = item_values(item)
    if not item.dated:
        values["published_at"] = row.published_at  # first-seen time stays put
    changed = {k: v for k, v in values.items() if getattr(row, k) != v and k not in {"updated_at", "fetch_hash"}}
    edited = row.content_hash != item.content_hash or row.title != item.title
    if edited:  # the source's new date, else the time the change was seen
        changed["updated_at"] = item.updated if item.updated > row.updated_at else now
    connection.execute(update(items).where(items.c.id == row.id).values(
        last_seen_at=now, fetch_hash=item.fetch_hash, **changed))
    if not changed:
        return False
    story = connection.execute(select(stories).where(stories.c.id == row.story_id)).one()
    if story.primary_item_id == row.id:
        story_values: dict[str, Any] = {"published_at": values["published_at"]}
        if edited:
            story_values["updated_at"] = changed["updated_at"]
        connection.execute(update(stories).where(stories.c.id == story.id).values(**story_values))
    return True


def _last_per_key(batch: Sequence[Item]) -> list[Item]:
    """A feed may list one GUID twice; the last occurrence wins, like a reader would show it."""
    return list({item.key: item for item in batch}.values())
