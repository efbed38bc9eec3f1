"""One source's batch fingerprinted before story assignment.

`store.items.save` assigns stories under a lock (one batch at a time, across schedulers: see
feeds/store/items.py) and asks the matcher for each new item's fingerprint there. Fingerprinting
is ~1 ms of CPU per item; `PreparedBatch` does it before the save, so the lock is held for lookups,
decisions and writes only. Same fingerprints, same decisions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from feeds.model import Assignment, CandidateStory, Item, MemberRef, StoryRef
from feeds.process.dedup import Deduplicator
from feeds.process.dedup.fingerprint import Fingerprint


@dataclass(frozen=True)
class PreparedBatch:
    """`deduplicator` with the fingerprints of `batch` computed ahead (any other item's on demand)."""

    deduplicator: Deduplicator
    prints: Mapping[int, tuple[Item, Fingerprint]]  # id(item) -> the item and its fingerprint

    @classmethod
    def of(cls, deduplicator: Deduplicator, batch: Sequence[Item]) -> PreparedBatch:
        return cls(deduplicator, {id(item): (item, deduplicator.fingerprint(item)) for item in batch})

    @property
    def window(self) -> timedelta:
        return self.deduplicator.window

    def fingerprint(self, item: Item) -> Fingerprint:
        found = self.prints.get(id(item))
        return found[1] if found is not None and found[0] is item else self.deduplicator.fingerprint(item)

    def load(self, payload: Mapping[str, Any]) -> Fingerprint:
        return self.deduplicator.load(payload)

    def dump(self, print_: Fingerprint) -> dict[str, Any]:
        return self.deduplicator.dump(print_)

    def lookup_keys(self, print_: Fingerprint) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.deduplicator.lookup_keys(print_)

    def assign(self, print_: Fingerprint,
               stories: Sequence[CandidateStory[StoryRef, Fingerprint]]) -> Assignment[StoryRef]:
        return self.deduplicator.assign(print_, stories)

    def primary(self, members: Sequence[tuple[MemberRef, Fingerprint]]) -> MemberRef:
        return self.deduplicator.primary(members)
