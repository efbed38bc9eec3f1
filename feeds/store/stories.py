"""Story assignment inside `Store.save_items`: new items join, start or merge stories.

The store does the lookups; the decisions come from a `StoryMatcher` (feeds/process/dedup's
`Deduplicator`), which the wiring passes in: the store never imports process.

Per batch: every new item's lookup keys are probed in `dedup_keys` with two indexed queries
(keys valid at any date, and feature keys within the matcher's time window), the candidates'
fingerprints are loaded once, and each item is decided against them and against the batch's
earlier items. Matches in several stories merge them: the oldest story survives (its entry id
is the one readers know), the others become aliases of it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Connection, Table, bindparam, delete, select, update

from feeds.model import Item
from feeds.store.schema import dedup_keys, items, stories, story_tags

_CHUNK = 500
# A candidate found only through windowed features must share at least this many of them: one
# shared date or acronym is a coincidence among thousands of items, and comparing it costs time.
WINDOW_HITS = 2


class StoryMatcher(Protocol):
    """What story assignment asks of deduplication. Fingerprints are opaque to the store."""

    @property
    def window(self) -> timedelta: ...
    def fingerprint(self, item: Item) -> Any: ...
    def load(self, payload: Mapping[str, Any]) -> Any: ...
    def dump(self, print_: Any) -> dict[str, Any]: ...
    def lookup_keys(self, print_: Any) -> tuple[tuple[str, ...], tuple[str, ...]]: ...
    def matches(self, print_: Any, candidates: Sequence[tuple[int, Any]]) -> list[int]: ...
    def primary(self, members: Sequence[tuple[int, Any]]) -> int: ...


def index_key(key: str) -> str:
    """Lookup keys are stored hashed to a fixed width (URLs can be 2 KB long)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


@dataclass
class _Pending:
    """One new item during assignment."""

    item: Item
    print_: Any
    anytime: tuple[str, ...]  # hashed
    windowed: tuple[str, ...]  # hashed


@dataclass
class Tally:
    """What story assignment did in one batch: for the save report and the metrics."""

    started: int = 0  # stories started by new items
    merged: int = 0  # stories merged into another (now aliases)


@dataclass
class _Known:
    """Fingerprints and story membership of every item assignment has looked at in this batch."""

    tally: Tally = field(default_factory=Tally)
    prints: dict[int, Any] = field(default_factory=dict)
    story_of: dict[int, int] = field(default_factory=dict)
    published: dict[int, datetime] = field(default_factory=dict)
    by_key: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))


def assign_new_items(connection: Connection, batch: Sequence[Item], matcher: StoryMatcher, now: datetime,
                     new_entry_id: Any, tally: Tally | None = None) -> set[int]:
    """Insert `batch` (new items) into stories; returns the ids of stories that changed.

    `new_entry_id(now)` makes the entry id of a story that is started here. Decisions first,
    writes after: the batch's stories are the connected components of "matches" over the new
    items and the stored stories they match, so the writes are a few statements per batch
    (stories, items and lookup keys inserted with executemany) whatever its size.
    """
    if not batch:
        return set()
    pending = [_pending(item, matcher) for item in batch]
    known = _Known(tally=tally or Tally())
    candidates = _probe(connection, pending, matcher.window)
    _load(connection, known, set().union(*candidates), matcher)
    groups = _UnionFind()
    window = matcher.window
    for position, entry in enumerate(pending):
        new_id = -1 - position  # new items are numbered below zero until they are inserted
        ids = candidates[position] | {i for key in entry.anytime for i in known.by_key.get(key, ())}
        hits: dict[int, int] = defaultdict(int)
        for key in entry.windowed:
            for i in known.by_key.get(key, ()):
                if abs(known.published[i] - entry.item.published) <= window:
                    hits[i] += 1
        ids |= {i for i, count in hits.items() if count >= WINDOW_HITS}
        matched = matcher.matches(entry.print_, [(i, known.prints[i]) for i in sorted(ids) if i in known.prints])
        groups.add(new_id)
        for i in matched:
            groups.union(new_id, i if i < 0 else -known.story_of[i] - 1_000_000_000)
        known.prints[new_id] = entry.print_
        known.published[new_id] = entry.item.published
        for key in entry.anytime + entry.windowed:
            known.by_key[key].add(new_id)
    return _write(connection, pending, groups, known, matcher, now, new_entry_id)


def _write(connection: Connection, pending: Sequence[_Pending], groups: _UnionFind, known: _Known,
           matcher: StoryMatcher, now: datetime, new_entry_id: Any) -> set[int]:
    """Merge, start and fill the stories the batch's components make."""
    components: dict[int, list[int]] = defaultdict(list)
    for node in groups.nodes():
        components[groups.find(node)].append(node)
    story_of_new: dict[int, int] = {}
    started: list[list[int]] = []  # new items of each story started here
    joined: set[int] = set()
    for members in components.values():
        new = sorted((node for node in members if -1_000_000_000 < node < 0), reverse=True)
        stored = sorted(-node - 1_000_000_000 for node in members if node <= -1_000_000_000)
        if stored:
            story_id = _merge(connection, stored, known)
            joined.add(story_id)
            story_of_new.update(dict.fromkeys(new, story_id))
        else:
            started.append(new)
    primaries = [matcher.primary([(node, known.prints[node]) for node in new]) for new in started]
    known.tally.started += len(started)
    if started:
        rows = [{"entry_id": new_entry_id(now), "created_at": now, "published_at": pending[-1 - primary].item.published,
                 "updated_at": pending[-1 - primary].item.updated} for primary in primaries]
        story_ids = _insert_returning(connection, stories, rows)
        for new, story_id in zip(started, story_ids, strict=True):
            story_of_new.update(dict.fromkeys(new, story_id))
    item_id = _insert_items(connection, pending, story_of_new, matcher, now)
    if started:
        connection.execute(update(stories).where(stories.c.id == bindparam("story")).values(
            primary_item_id=bindparam("primary")), [
            {"story": story_of_new[new[0]], "primary": item_id[primary]}
            for new, primary in zip(started, primaries, strict=True)])
    for node, ident in item_id.items():
        known.prints[ident] = known.prints.pop(node)
        known.story_of[ident] = story_of_new[node]
    for story_id in sorted(joined):
        _choose_primary(connection, story_id, matcher, known, now)
    return set(story_of_new.values())  # every merge of the batch is done: these are survivors


def _insert_items(connection: Connection, pending: Sequence[_Pending], story_of_new: Mapping[int, int],
                  matcher: StoryMatcher, now: datetime) -> dict[int, int]:
    """Insert the new items and their lookup keys; returns new item number -> items.id."""
    from feeds.store.repository import item_values  # repository imports this module

    rows = [{"story_id": story_of_new[-1 - position], "first_seen_at": now, "last_seen_at": now,
             "fingerprint": matcher.dump(entry.print_), **item_values(entry.item)}
            for position, entry in enumerate(pending)]
    ids = _insert_returning(connection, items, rows)
    keys = [{"key": key, "item_id": ident, "published_at": entry.item.published}
            for entry, ident in zip(pending, ids, strict=True)
            for key in dict.fromkeys(entry.anytime + entry.windowed)]
    if keys:
        connection.execute(dedup_keys.insert(), keys)
    return {-1 - position: ident for position, ident in enumerate(ids)}


def _insert_returning(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` in one executemany; their new ids in the order of `rows`."""
    result = connection.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    return [int(row[0]) for row in result]


class _UnionFind:
    """Components of the "same story" relation among new items (< 0) and stored stories."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def add(self, node: int) -> None:
        self.parent.setdefault(node, node)

    def nodes(self) -> list[int]:
        return list(self.parent)

    def find(self, node: int) -> int:
        self.add(node)
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def reindex_item(connection: Connection, item_id: int, item: Item, matcher: StoryMatcher, now: datetime,
                 tally: Tally | None = None) -> int:
    """A known item changed: store its new fingerprint and lookup keys, and match it again.

    Stories it now matches merge with its own (the oldest survives, the others become aliases),
    so an edit that adds a "Read more" link or the missing facts joins the versions. An item
    never leaves its story: its entry id was published and readers may hold it. Returns the
    id of the item's story after any merge.
    """
    entry = _pending(item, matcher)
    connection.execute(update(items).where(items.c.id == item_id).values(fingerprint=matcher.dump(entry.print_)))
    connection.execute(delete(dedup_keys).where(dedup_keys.c.item_id == item_id))
    [stored] = _probe(connection, [entry], matcher.window)
    known = _Known(tally=tally or Tally())
    _load(connection, known, stored | {item_id}, matcher)
    matched = matcher.matches(entry.print_, [(i, known.prints[i]) for i in sorted(stored - {item_id})
                                             if i in known.prints])
    story_ids = {known.story_of[item_id]} | {known.story_of[i] for i in matched}
    story_id = _merge(connection, sorted(story_ids), known)
    known.prints[item_id] = entry.print_
    if len(story_ids) > 1:
        _choose_primary(connection, story_id, matcher, known, now)
    _insert_hashed_keys(connection, item_id, item.published, entry.anytime + entry.windowed)
    return story_id


def resolve_alias(connection: Connection, entry_id: str) -> str | None:
    """The entry id of the story `entry_id` was merged into (itself if it was not); None if unknown."""
    row = connection.execute(select(stories.c.id, stories.c.alias_of).where(stories.c.entry_id == entry_id)).first()
    if row is None:
        return None
    story_id = _survivor(connection, row.id)
    return str(connection.execute(select(stories.c.entry_id).where(stories.c.id == story_id)).scalar_one())


def _pending(item: Item, matcher: StoryMatcher) -> _Pending:
    print_ = matcher.fingerprint(item)
    anytime, windowed = matcher.lookup_keys(print_)
    return _Pending(item, print_, tuple(dict.fromkeys(index_key(k) for k in anytime)),
                    tuple(dict.fromkeys(index_key(k) for k in windowed)))


def _probe(connection: Connection, pending: Sequence[_Pending], window: timedelta) -> list[set[int]]:
    """Stored item ids sharing an exact or band key, or WINDOW_HITS windowed features, with each
    pending item (two indexed queries per chunk of keys)."""
    found: list[set[int]] = [set() for _ in pending]
    if not pending:
        return found
    owners: dict[str, list[int]] = defaultdict(list)
    for position, entry in enumerate(pending):
        for key in entry.anytime:
            owners[key].append(position)
    for chunk in _chunks(sorted(owners)):
        for key, item_id in connection.execute(
                select(dedup_keys.c.key, dedup_keys.c.item_id).where(dedup_keys.c.key.in_(chunk))):
            for position in owners[key]:
                found[position].add(item_id)
    windowed: dict[str, list[int]] = defaultdict(list)
    for position, entry in enumerate(pending):
        for key in entry.windowed:
            windowed[key].append(position)
    earliest = min(entry.item.published for entry in pending) - window
    latest = max(entry.item.published for entry in pending) + window
    hits: list[dict[int, int]] = [defaultdict(int) for _ in pending]
    for chunk in _chunks(sorted(windowed)):
        query = select(dedup_keys.c.key, dedup_keys.c.item_id, dedup_keys.c.published_at).where(
            dedup_keys.c.key.in_(chunk), dedup_keys.c.published_at.between(earliest, latest))
        for key, item_id, published in connection.execute(query):
            for position in windowed[key]:
                if abs(published - pending[position].item.published) <= window:
                    hits[position][item_id] += 1
    for position, counts in enumerate(hits):
        found[position].update(item_id for item_id, count in counts.items() if count >= WINDOW_HITS)
    return found


def _load(connection: Connection, known: _Known, item_ids: Iterable[int], matcher: StoryMatcher) -> None:
    for chunk in _chunks(sorted(set(item_ids) - set(known.prints))):
        query = select(items.c.id, items.c.story_id, items.c.published_at, items.c.fingerprint).where(
            items.c.id.in_(chunk))
        for row in connection.execute(query):
            known.story_of[row.id] = row.story_id
            known.published[row.id] = row.published_at
            if row.fingerprint:  # items stored before deduplication existed have none
                known.prints[row.id] = matcher.load(row.fingerprint)


def _merge(connection: Connection, story_ids: list[int], known: _Known) -> int:
    """Merge stories into the oldest one; returns its id. The others become its aliases."""
    if len(story_ids) == 1:
        return story_ids[0]
    rows = connection.execute(select(stories.c.id, stories.c.created_at).where(stories.c.id.in_(story_ids))).all()
    survivor = min(rows, key=lambda row: (row.created_at, row.id)).id
    merged = [story_id for story_id in story_ids if story_id != survivor]
    known.tally.merged += len(merged)
    connection.execute(update(items).where(items.c.story_id.in_(merged)).values(story_id=survivor))
    connection.execute(update(stories).where(stories.c.alias_of.in_(merged)).values(alias_of=survivor))
    connection.execute(update(stories).where(stories.c.id.in_(merged)).values(alias_of=survivor,
                                                                            primary_item_id=None))
    connection.execute(delete(story_tags).where(story_tags.c.story_id.in_(merged)))
    for item_id, story_id in known.story_of.items():
        if story_id in merged:
            known.story_of[item_id] = survivor
    return survivor


def _choose_primary(connection: Connection, story_id: int, matcher: StoryMatcher, known: _Known,
                    now: datetime) -> None:
    """Publish the story as its best member; a change of primary is a change of content."""
    members = connection.execute(select(items.c.id, items.c.fingerprint).where(items.c.story_id == story_id)).all()
    prints = [(row.id, known.prints.get(row.id) or matcher.load(row.fingerprint))
              for row in members if row.id in known.prints or row.fingerprint]
    if not prints:
        return
    primary_id = matcher.primary(prints)
    story = connection.execute(select(stories.c.primary_item_id).where(stories.c.id == story_id)).one()
    if story.primary_item_id == primary_id:
        return
    primary = connection.execute(select(items.c.published_at, items.c.updated_at).where(items.c.id == primary_id)).one()
    # updated is when the shown content last changed at its source: the new primary's own date,
    # never the time of the merge (readers sorting by updated would show the collection date)
    values: dict[str, Any] = {"primary_item_id": primary_id, "published_at": primary.published_at,
                              "updated_at": primary.updated_at}
    connection.execute(update(stories).where(stories.c.id == story_id).values(**values))


def _insert_hashed_keys(connection: Connection, item_id: int, published: datetime, keys: Iterable[str]) -> None:
    rows = [{"key": key, "item_id": item_id, "published_at": published} for key in dict.fromkeys(keys)]
    if rows:
        connection.execute(dedup_keys.insert(), rows)


def _survivor(connection: Connection, story_id: int) -> int:
    """Follow `alias_of` to the story that absorbed `story_id` (merges keep chains one step long)."""
    seen = {story_id}
    while True:
        alias_of = connection.execute(select(stories.c.alias_of).where(stories.c.id == story_id)).scalar()
        if alias_of is None or alias_of in seen:
            return story_id
        seen.add(alias_of)
        story_id = alias_of


def _inserted(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _chunks(values: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start:start + _CHUNK])
