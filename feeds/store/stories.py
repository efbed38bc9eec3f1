"""Story assignment inside `store.items.save`: new items join, start or merge stories.

The store does the lookups; the decisions come from a `StoryMatcher` (feeds/process/dedup's
`Deduplicator`), which the wiring passes in: the store never imports process.

Per batch: every new item's lookup keys are probed in `dedup_keys` with two indexed queries (keys
valid at any date, and feature keys within the matcher's time window; an undated item's keys carry
no date and are compared at any date; the key rows go through the driver, lookup_keys.py), the
candidates' stories are loaded whole, and each new item, in a fixed order, is shown the candidate
stories (stored ones and those the batch started) and told which one it joins and which stories
join that one (the linkage rule, feeds/process/dedup/linkage.py). Merged stories: the oldest
survives (its entry id is the one readers know), the others become aliases of it.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Connection, Row, Table, Text, bindparam, cast, delete, select, update

from feeds.model import Assignment, CandidateStory, Item, MemberRef
from feeds.store import lookup_keys
from feeds.store.editorial import hide_if_any_hidden, mergeable, pinned_primaries, stories_with_partners
from feeds.store.fingerprints import DecodedFingerprints
from feeds.store.schema import dedup_keys, item_values, items, stories, story_tags

_CHUNK = 500
# The candidates found by windowed keys that share the most of them (newest first among equals): an item
# sharing a popular name with hundreds of stories is compared with those that share the most. One shared key is
# enough to be ranked (round 13; two before): two versions of one event in two languages often share one specific
# thing only, a programme or a city (docs/design/dedup.md, round 13).
WINDOW_CANDIDATES = 50
# An undated item's windowed keys are looked up at any date: the most recent rows per chunk only.
UNDATED_PROBE_ROWS = 5000

F = TypeVar("F")  # a matcher's fingerprint: opaque to the store, which only keeps its `dump`


@dataclass(frozen=True)
class StoredStory:
    """A story in the store, by its id."""

    id: int


@dataclass(frozen=True)
class NewStory:
    """A story started by the batch being assigned, by the position of its first item."""

    position: int


StoryKey = StoredStory | NewStory


@dataclass(frozen=True)
class StoredMember:
    """An item in the store, by its id."""

    id: int


@dataclass(frozen=True)
class NewMember:
    """An item of the batch being assigned, by its position in the batch (it has no id yet)."""

    position: int


Member = StoredMember | NewMember

# Makes the entry id (a tag: URI) of a story started at the given time.
EntryIdMaker = Callable[[datetime], str]


class StoryMatcher(Protocol[F]):
    """What story assignment asks of deduplication (feeds/process/dedup's `Deduplicator` is a
    `StoryMatcher[Fingerprint]`). Fingerprints are opaque to the store: it stores `dump`, reads `load`."""

    @property
    def window(self) -> timedelta: ...
    def fingerprint(self, item: Item) -> F: ...
    def load(self, payload: Mapping[str, Any]) -> F: ...
    def dump(self, print_: F) -> dict[str, Any]: ...
    def lookup_keys(self, print_: F) -> tuple[tuple[str, ...], tuple[str, ...]]: ...
    def assign(self, print_: F, stories: Sequence[CandidateStory[StoryKey, F]]) -> Assignment[StoryKey]: ...
    def primary(self, members: Sequence[tuple[MemberRef, F]]) -> MemberRef: ...


def index_key(key: str) -> str:
    """Lookup keys are stored hashed to a fixed width (URLs can be 2 KB long)."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()


@dataclass
class _Pending(Generic[F]):
    """One new item during assignment."""

    item: Item
    print_: F
    anytime: tuple[str, ...]  # hashed
    windowed: tuple[str, ...]  # hashed

    @property
    def published(self) -> datetime | None:
        """When the item was published, None when no date is known (it is compared at any date)."""
        return self.item.published if self.item.dated else None


@dataclass
class Tally:
    """What story assignment did in one batch: for the save report and the metrics."""

    started: int = 0  # stories started by new items
    merged: int = 0  # stories merged into another (now aliases)


@dataclass
class _Known(Generic[F]):
    """Fingerprints and story membership of every stored item assignment has looked at."""

    tally: Tally = field(default_factory=Tally)
    decoded: DecodedFingerprints = field(default_factory=DecodedFingerprints)  # the store's, across batches
    prints: dict[int, F] = field(default_factory=dict)  # item id -> fingerprint
    story_of: dict[int, int] = field(default_factory=dict)  # item id -> story id
    primary_of: dict[int, int | None] = field(default_factory=dict)  # stored story -> primary item


@dataclass
class _Story:
    """A story as the batch sees it: the stored stories it absorbed and its members."""

    stored: list[int]
    members: list[Member]
    primary: Member | None = None  # a stored primary stays until the write chooses again
    new: list[int] = field(default_factory=list)  # positions of its members from the batch


class _Stories(Generic[F]):
    """The stories of one batch's assignment: stored ones it touched and those it started."""

    def __init__(self, known: _Known[F], matcher: StoryMatcher[F]) -> None:
        self.known, self.matcher = known, matcher
        self.by_key: dict[StoryKey, _Story] = {}
        self.alias: dict[StoryKey, StoryKey] = {}
        self.story_of_new: dict[NewMember, StoryKey] = {}
        self.prints: dict[Member, F] = {StoredMember(item_id): print_ for item_id, print_ in known.prints.items()}
        # each story as the matcher is shown it, until a decision changes it: an item's candidate stories
        # are mostly the same as the previous item's
        # (by `_order`: tuples of ints hash and sort in C, the keys' dataclass hashes in Python)
        self._shown: dict[tuple[int, int], CandidateStory[StoryKey, F] | None] = {}
        # stored story id -> its story now and that story's `_order`: `find` once, until a merge
        self._story_now: dict[int, tuple[tuple[int, int], StoryKey]] = {}

    def find(self, key: StoryKey) -> StoryKey:
        while key in self.alias:
            key = self.alias[key]
        return key

    def near(self, stored: Iterable[int], new: Iterable[int]) -> list[CandidateStory[StoryKey, F]]:
        """The candidate stories (`candidates`) of stored items (those assignment has loaded; others have none) and of
        earlier new items (by position), as they are now (after the batch's merges). Story ids first: most candidate
        items share their story with others."""
        story_of, now = self.known.story_of, self._story_now
        by_order: dict[tuple[int, int], StoryKey] = {}
        for story_id in {story_id for item_id in stored if (story_id := story_of.get(item_id)) is not None}:
            found = now.get(story_id)
            if found is None:
                key = self.find(StoredStory(story_id))
                found = now[story_id] = (_order(key), key)
            by_order[found[0]] = found[1]
        for position in new:
            key = self.find(self.story_of_new[NewMember(position)])
            by_order[_order(key)] = key
        return self._shown_in_order(by_order)

    def stored(self, story_id: int, members: Iterable[int]) -> None:
        primary = self.known.primary_of.get(story_id)
        self.by_key.setdefault(StoredStory(story_id), _Story(
            [story_id], [StoredMember(item_id) for item_id in members],
            None if primary is None else StoredMember(primary)))

    def candidates(self, keys: Iterable[StoryKey]) -> list[CandidateStory[StoryKey, F]]:
        """The stories of `keys` as the matcher is shown them, in `_order` (stories without a fingerprinted member
        left out)."""
        return self._shown_in_order({_order(key): key for key in keys})

    def _shown_in_order(self, by_order: Mapping[tuple[int, int], StoryKey]) -> list[CandidateStory[StoryKey, F]]:
        found = []
        for order in sorted(by_order):
            try:
                shown = self._shown[order]
            except KeyError:
                shown = self._shown[order] = self._candidate(by_order[order])
            if shown is not None:
                found.append(shown)
        return found

    def _candidate(self, key: StoryKey) -> CandidateStory[StoryKey, F] | None:
        story = self.by_key[key]
        members = [m for m in story.members if m in self.prints]
        if not members:
            return None
        primary = story.primary if story.primary in self.prints else self.matcher.primary(
            [(m, self.prints[m]) for m in members])
        assert primary is not None  # the members are not empty
        return CandidateStory(key, self.prints[primary], tuple(self.prints[m] for m in members))

    def apply(self, new: NewMember, print_: F, decision: Assignment[StoryKey]) -> None:
        self.prints[new] = print_
        if decision.join is None:
            key: StoryKey = NewStory(new.position)
            self.by_key[key] = _Story([], [new], new, [new.position])
        else:
            key = self.find(decision.join)
            self._shown.pop(_order(key), None)
            story = self.by_key[key]
            story.members.append(new)
            story.new.append(new.position)
            for other in decision.merge:
                other = self.find(other)
                if other == key:
                    continue
                self._shown.pop(_order(other), None)
                absorbed = self.by_key.pop(other)
                story.stored.extend(absorbed.stored)
                story.members.extend(absorbed.members)
                story.new.extend(absorbed.new)
                self.alias[other] = key
                self._story_now.clear()
            if not story.stored:  # a story the batch started: its primary follows its members
                story.primary = self.matcher.primary([(m, self.prints[m]) for m in story.members])
        self.story_of_new[new] = key


def _order(key: StoryKey) -> tuple[int, int]:
    return (0, key.id) if isinstance(key, StoredStory) else (1, key.position)


def assign_new_items(connection: Connection, batch: Sequence[Item], matcher: StoryMatcher[F], now: datetime,
                     new_entry_id: EntryIdMaker, tally: Tally | None = None,
                     decoded: DecodedFingerprints | None = None) -> set[int]:
    """Insert `batch` (new items) into stories; returns the ids of stories that changed.

    `new_entry_id(now)` makes the entry id of a story that is started here. Items are decided in
    order of date and key, so a batch gives the same stories whatever order its feed listed them
    in. Decisions first, writes after: a few statements per batch whatever its size. Stored
    fingerprints are decoded through `decoded` (the store's: once per process, fingerprints.py).
    """
    if not batch:
        return set()
    batch = sorted(batch, key=lambda item: (item.published, item.source_id, item.key))
    pending = [_pending(item, matcher) for item in batch]
    known: _Known[F] = _Known(tally=tally or Tally(), decoded=DecodedFingerprints() if decoded is None else decoded)
    candidates = _probe(connection, pending, matcher.window)
    _load(connection, known, set().union(*candidates), matcher)
    members = _load_stories(connection, known, set(known.story_of.values()), matcher)
    assignment = _Stories(known, matcher)
    for story_id, story_members in members.items():
        assignment.stored(story_id, story_members)
    by_key: dict[str, set[int]] = defaultdict(set)  # lookup key -> positions of the new items that have it
    window = matcher.window
    moments = [entry.published for entry in pending if entry.published is not None]
    all_within = not moments or max(moments) - min(moments) <= window  # every pair of the batch (most batches)
    for position, entry in enumerate(pending):
        near_new = {earlier for key in entry.anytime for earlier in by_key.get(key, ())}
        hits: Counter[int] = Counter()
        for key in entry.windowed:
            earlier_ones = by_key.get(key, ())
            hits.update(earlier_ones if all_within else [
                earlier for earlier in earlier_ones if _within(pending[earlier].published, entry.published, window)])
        near_new.update(_most_shared(hits))
        decision = matcher.assign(entry.print_, assignment.near(candidates[position], near_new))
        assignment.apply(NewMember(position), entry.print_, decision)
        for key in entry.anytime + entry.windowed:
            by_key[key].add(position)
    return _write(connection, pending, assignment, known, matcher, now, new_entry_id)


def _within(a: datetime | None, b: datetime | None, window: timedelta) -> bool:
    return a is None or b is None or abs(a - b) <= window


def _write(connection: Connection, pending: Sequence[_Pending[F]], assignment: _Stories[F], known: _Known[F],
           matcher: StoryMatcher[F], now: datetime, new_entry_id: EntryIdMaker) -> set[int]:
    """Merge, start and fill the stories the batch's decisions make."""
    story_of_new: dict[int, int] = {}  # position of a new item -> its story's id
    started: list[tuple[list[int], int]] = []  # (positions of the members, of the primary) of each story started here
    joined: set[int] = set()
    for story in assignment.by_key.values():
        new = sorted(story.new)
        if story.stored:
            story_id = _merge(connection, sorted(set(story.stored)), known)
            if new or len(set(story.stored)) > 1:
                joined.add(story_id)
            story_of_new.update(dict.fromkeys(new, story_id))
        elif new:
            primary = story.primary.position if isinstance(story.primary, NewMember) else new[0]
            started.append((new, primary))
    known.tally.started += len(started)
    if started:
        rows = [{"entry_id": new_entry_id(now), "created_at": now, "published_at": pending[primary].item.published,
                 "updated_at": pending[primary].item.updated} for _, primary in started]
        story_ids = _insert_returning(connection, stories, rows)
        for (new, _), story_id in zip(started, story_ids, strict=True):
            story_of_new.update(dict.fromkeys(new, story_id))
    item_id = _insert_items(connection, pending, story_of_new, matcher, now)
    if started:
        connection.execute(update(stories).where(stories.c.id == bindparam("story")).values(
            primary_item_id=bindparam("primary")), [
            {"story": story_of_new[new[0]], "primary": item_id[primary]} for new, primary in started])
    for position, ident in enumerate(item_id):
        known.prints[ident] = pending[position].print_
        known.story_of[ident] = story_of_new[position]
    _choose_primaries(connection, joined, matcher, known)
    return set(story_of_new.values()) | joined  # every merge of the batch is done: these are survivors


def _insert_items(connection: Connection, pending: Sequence[_Pending[F]], story_of_new: Mapping[int, int],
                  matcher: StoryMatcher[F], now: datetime) -> list[int]:
    """Insert the new items and their lookup keys; returns their items.id in batch order."""
    rows = [{"story_id": story_of_new[position], "first_seen_at": now, "last_seen_at": now,
             "fingerprint": matcher.dump(entry.print_), **item_values(entry.item)}
            for position, entry in enumerate(pending)]
    ids = _insert_returning(connection, items, rows)
    keys = [(key, ident, entry.published) for entry, ident in zip(pending, ids, strict=True)
            for key in dict.fromkeys(entry.anytime + entry.windowed)]
    # in key order (a stable sort: rows of one key keep the batch's order), so that the inserts walk each
    # index of random hashed keys once instead of touching its pages at random: ~30 % less CPU on SQLite
    keys.sort(key=itemgetter(0))
    lookup_keys.insert(connection, keys)
    return ids


def _insert_returning(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` in one executemany; their new ids in the order of `rows`."""
    result = connection.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
    return [int(row[0]) for row in result]


def reindex_item(connection: Connection, item_id: int, item: Item, matcher: StoryMatcher[F], now: datetime,
                 tally: Tally | None = None, decoded: DecodedFingerprints | None = None) -> int:
    """A known item changed: store its new fingerprint and lookup keys, and match it again.

    An edit that adds a "Read more" link or the missing facts can join its story with another, by
    the linkage rule: the item's own story takes in the stories the decision merges into it, and an
    item alone in its story joins the story it now belongs to. An item never leaves its story: its
    entry id was published and readers may hold it. Returns the id of the item's story after any merge.
    """
    entry = _pending(item, matcher)
    connection.execute(update(items).where(items.c.id == item_id).values(fingerprint=matcher.dump(entry.print_)))
    connection.execute(delete(dedup_keys).where(dedup_keys.c.item_id == item_id))
    [stored] = _probe(connection, [entry], matcher.window)
    known: _Known[F] = _Known(tally=tally or Tally(), decoded=DecodedFingerprints() if decoded is None else decoded)
    _load(connection, known, stored | {item_id}, matcher)
    own = known.story_of[item_id]
    members = _load_stories(connection, known, set(known.story_of.values()), matcher)
    assignment = _Stories(known, matcher)
    for story_id, ids in members.items():
        assignment.stored(story_id, [i for i in ids if i != item_id])
    near = {StoredStory(known.story_of[i]) for i in stored if i in known.story_of} | {StoredStory(own)}
    near -= {StoredStory(story_id) for story_id in stories_with_partners(connection, item_id) if story_id != own}
    decision = matcher.assign(entry.print_, assignment.candidates(near))
    alone = not assignment.by_key[StoredStory(own)].members
    together: set[StoryKey] = {StoredStory(own)}
    if decision.join == StoredStory(own):
        together |= set(decision.merge)
    elif decision.join is not None and (alone or StoredStory(own) in decision.merge):
        together |= {decision.join, *decision.merge}
    story_ids = sorted(key.id for key in together if isinstance(key, StoredStory))
    story_id = _merge(connection, story_ids, known)
    known.prints[item_id] = entry.print_
    if len(story_ids) > 1:
        _choose_primaries(connection, [story_id], matcher, known)
    _insert_hashed_keys(connection, item_id, entry.published, entry.anytime + entry.windowed)
    return known.story_of[item_id]  # its own story, when an editor's split kept it from the merge


def refingerprint_items(connection: Connection, stored: Sequence[tuple[int, Item, Mapping[str, Any] | None]],
                        matcher: StoryMatcher[F]) -> int:
    """Store the fingerprint and lookup keys the current method gives each stored (id, item, stored fingerprint)
    whose stored fingerprint differs; returns how many changed. Stories are left as they are:
    only the items that come later are compared with what the method now reads in the stored ones."""
    changed = 0
    for item_id, item, payload in stored:
        entry = _pending(item, matcher)
        dumped = matcher.dump(entry.print_)
        if payload == dumped:
            continue
        connection.execute(update(items).where(items.c.id == item_id).values(fingerprint=dumped))
        connection.execute(delete(dedup_keys).where(dedup_keys.c.item_id == item_id))
        _insert_hashed_keys(connection, item_id, entry.published, entry.anytime + entry.windowed)
        changed += 1
    return changed


def resolve_alias(connection: Connection, entry_id: str) -> str | None:
    """The entry id of the story `entry_id` was merged into (itself if it was not); None if unknown."""
    row = connection.execute(select(stories.c.id, stories.c.alias_of).where(stories.c.entry_id == entry_id)).first()
    if row is None:
        return None
    story_id = survivor_of(connection, row.id)
    return str(connection.execute(select(stories.c.entry_id).where(stories.c.id == story_id)).scalar_one())


def _pending(item: Item, matcher: StoryMatcher[F]) -> _Pending[F]:
    print_ = matcher.fingerprint(item)
    anytime, windowed = matcher.lookup_keys(print_)
    return _Pending(item, print_, tuple(dict.fromkeys(index_key(k) for k in anytime)),
                    tuple(dict.fromkeys(index_key(k) for k in windowed)))


def _probe(connection: Connection, pending: Sequence[_Pending[F]], window: timedelta) -> list[set[int]]:
    """Stored item ids sharing an exact or band key, or the most windowed features (`_most_shared`), with each
    pending item (indexed queries per chunk of keys). Undated items and undated stored keys are
    compared at any date."""
    found: list[set[int]] = [set() for _ in pending]
    if not pending:
        return found
    owners: dict[str, list[int]] = defaultdict(list)
    for position, entry in enumerate(pending):
        for key in entry.anytime:
            owners[key].append(position)
    for chunk in _chunks(sorted(owners)):
        for key, item_id in lookup_keys.holders(connection, chunk):
            for position in owners[key]:
                found[position].add(item_id)
    hits: list[Counter[int]] = [Counter() for _ in pending]
    for dated in (True, False):
        windowed: dict[str, list[int]] = defaultdict(list)
        for position, entry in enumerate(pending):
            if (entry.published is not None) == dated:
                for key in entry.windowed:
                    windowed[key].append(position)
        _count_windowed(connection, hits, windowed, pending, window, dated)
    for position, counts in enumerate(hits):
        found[position].update(_most_shared(counts))
    return found


def _most_shared(counts: Mapping[int, int]) -> list[int]:
    """The WINDOW_CANDIDATES ids (stored items, or positions of the batch's earlier items) that share the most
    windowed keys, the newest (highest id) first among equals."""
    # two sorts in C instead of a Python key per id: newest first, then (stable) most shared first
    ranked = sorted(counts, reverse=True)
    ranked.sort(key=counts.__getitem__, reverse=True)
    return ranked[:WINDOW_CANDIDATES]


def _count_windowed(connection: Connection, hits: list[Counter[int]], windowed: Mapping[str, list[int]],
                    pending: Sequence[_Pending[F]], window: timedelta, dated: bool) -> None:
    """Add to `hits[position][item_id]` one per stored key among `windowed` (key -> positions of the
    pending items that have it) within the window of the dated pending items (or undated), or at any
    date for undated items (the most recent rows first, bounded).

    Most rows are within the window of every pending item of the batch (a batch spans days, the window
    months): those are read without their date and counted for all the key's items at once, in C
    (`Counter.update`); a row near the edges of the window counts for the key's items within its window, one
    slice of them in date order."""
    if not windowed:
        return
    everywhere: dict[str, list[int]] = defaultdict(list)  # key -> stored items within every item's window
    moments = [entry.published for entry in pending if entry.published is not None]
    in_order: dict[str, tuple[list[datetime], list[int]]] = {}  # key -> its dated items' dates and positions
    for chunk in _chunks(sorted(windowed)):
        edge_rows: list[tuple[str, int, datetime]] = []
        if not dated:
            everywhere_rows = lookup_keys.latest_holders(connection, chunk, UNDATED_PROBE_ROWS)
        else:
            earliest, latest = min(moments) - window, max(moments) + window
            since, until = max(moments) - window, min(moments) + window  # within every dated item's window
            # each part one range of the (key, published_at) index: an OR of ranges would read every row of
            # each key, at any date, which grows with the archive
            if since <= until:
                everywhere_rows = lookup_keys.holders_between(connection, chunk, since, until)
                edge_rows = lookup_keys.dated_holders(connection, chunk, [(earliest, True, since, False),
                                                                          (until, False, latest, True)])
            else:
                everywhere_rows = lookup_keys.undated_holders(connection, chunk)
                edge_rows = lookup_keys.dated_holders(connection, chunk, [(earliest, True, latest, True)])
        for key, item_id in everywhere_rows:
            everywhere[key].append(item_id)
        for key, item_id, moment in edge_rows:
            if key not in in_order:
                in_order[key] = _by_date(windowed[key], pending)
            # the key's items within the window of the row: one slice of them in date order
            moments_of, positions = in_order[key]
            for position in positions[bisect_left(moments_of, moment - window):
                                      bisect_right(moments_of, moment + window)]:
                hits[position][item_id] += 1
    for key, found in everywhere.items():
        for position in windowed[key]:
            hits[position].update(found)


def _by_date(positions: Iterable[int], pending: Sequence[_Pending[F]]) -> tuple[list[datetime], list[int]]:
    """The dates of the dated pending items at `positions` in order, and their positions in that order."""
    ordered = sorted((moment, position) for position in positions
                     if (moment := pending[position].published) is not None)
    return [moment for moment, _ in ordered], [position for _, position in ordered]


def _load(connection: Connection, known: _Known[F], item_ids: Iterable[int], matcher: StoryMatcher[F]) -> None:
    for chunk in _chunks(sorted(set(item_ids) - set(known.prints))):
        # the stored text: DecodedFingerprints decodes it only when it has not seen it
        query = select(items.c.id, items.c.story_id, cast(items.c.fingerprint, Text).label("fingerprint")).where(
            items.c.id.in_(chunk))
        for row in connection.execute(query):
            _remember(known, row, matcher)


def _load_stories(connection: Connection, known: _Known[F], story_ids: Iterable[int],
                  matcher: StoryMatcher[F]) -> dict[int, list[int]]:
    """Every member of `story_ids` (loaded into `known`) and each story's primary: story id -> item ids.
    Fingerprints are read only for members not loaded yet (decoding them is most of the cost)."""
    members: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(set(story_ids))):
        query = select(items.c.id, items.c.story_id).where(items.c.story_id.in_(chunk)).order_by(items.c.id)
        for item_id, story_id in connection.execute(query):
            known.story_of[item_id] = story_id
            members[story_id].append(item_id)
        for story_id, primary in connection.execute(
                select(stories.c.id, stories.c.primary_item_id).where(stories.c.id.in_(chunk))):
            known.primary_of[story_id] = primary
    _load(connection, known, [item_id for ids in members.values() for item_id in ids], matcher)
    return members


def _remember(known: _Known[F], row: Row[Any, Any, Any], matcher: StoryMatcher[F]) -> None:
    known.story_of[row.id] = row.story_id
    # items stored before deduplication existed have none
    if row.fingerprint not in (None, "null") and row.id not in known.prints:
        known.prints[row.id] = known.decoded.decoded(row.id, row.fingerprint, matcher.load)


def _merge(connection: Connection, story_ids: list[int], known: _Known[F]) -> int:
    """Merge stories into the oldest one; returns its id. The others become its aliases."""
    if len(story_ids) == 1:
        return story_ids[0]
    rows = connection.execute(select(stories.c.id, stories.c.created_at).where(stories.c.id.in_(story_ids))).all()
    survivor = int(min(rows, key=lambda row: (row.created_at, row.id)).id)
    # items an editor split apart stay apart; a story an editor hid stays hidden
    merged = mergeable(connection, survivor, [story_id for story_id in story_ids if story_id != survivor])
    hide_if_any_hidden(connection, survivor, merged)
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


def _choose_primaries(connection: Connection, story_ids: Iterable[int], matcher: StoryMatcher[F],
                      known: _Known[F]) -> None:
    """Publish each story as its best member, or as the member an editor pinned; a change of primary is a
    change of content. Three reads per chunk of stories and one write for those whose primary changes."""
    for chunk in _chunks(sorted(set(story_ids))):
        members: dict[int, list[int]] = defaultdict(list)
        dates: dict[int, tuple[datetime, datetime]] = {}
        for row in connection.execute(select(items.c.id, items.c.story_id, items.c.published_at, items.c.updated_at)
                                      .where(items.c.story_id.in_(chunk)).order_by(items.c.id)):
            members[row.story_id].append(row.id)
            dates[row.id] = (row.published_at, row.updated_at)
        _load(connection, known, list(dates), matcher)  # members assignment has not seen (decoded once)
        current = {row.id: row.primary_item_id for row in connection.execute(
            select(stories.c.id, stories.c.primary_item_id).where(stories.c.id.in_(chunk)))}
        pinned = pinned_primaries(connection, chunk)
        changed = []
        for story_id in chunk:
            prints = [(item_id, known.prints[item_id]) for item_id in members[story_id] if item_id in known.prints]
            if not prints:
                continue
            primary_id = pinned.get(story_id) or matcher.primary(prints)
            if current.get(story_id) != primary_id:
                # updated is when the shown content last changed at its source: the new primary's own
                # date, never the time of the merge (readers sorting by updated would show the collection date)
                published, updated = dates[primary_id]
                changed.append({"story": story_id, "primary": primary_id, "published": published,
                                "updated": updated})
        if changed:
            connection.execute(update(stories).where(stories.c.id == bindparam("story")).values(
                primary_item_id=bindparam("primary"), published_at=bindparam("published"),
                updated_at=bindparam("updated")), changed)


def _insert_hashed_keys(connection: Connection, item_id: int, published: datetime | None,
                        keys: Iterable[str]) -> None:
    lookup_keys.insert(connection, [(key, item_id, published) for key in dict.fromkeys(keys)])


def survivor_of(connection: Connection, story_id: int) -> int:
    """Follow `alias_of` to the story that absorbed `story_id` (merges keep chains one step long)."""
    seen = {story_id}
    while True:
        alias_of = connection.execute(select(stories.c.alias_of).where(stories.c.id == story_id)).scalar()
        if alias_of is None or alias_of in seen:
            return story_id
        seen.add(alias_of)
        story_id = alias_of


def _chunks(values: Sequence[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start:start + _CHUNK])
