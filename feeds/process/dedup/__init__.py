"""Deduplication: which stored story, if any, a new item belongs to.

Pure: fingerprints are values computed from items; decisions are functions of fingerprints.
The store does the lookups (by exact keys, LSH band keys and windowed feature keys) and calls
`Deduplicator` to decide, story by story (linkage.py); see feeds/store/stories.py.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from feeds.model import Assignment, CandidateStory, Item, MemberRef, StoryRef
from feeds.process.dedup.fingerprint import Fingerprint, FingerprintOptions, fingerprint, url_key
from feeds.process.dedup.linkage import assign
from feeds.process.dedup.scoring import MODEL, MatchOptions, PairModel, choose_primary, match_reason, probability

__all__ = [
    "Assignment", "CandidateStory", "Deduplicator", "Fingerprint", "FingerprintOptions", "MatchOptions", "assign",
    "choose_primary", "fingerprint", "match_reason", "probability", "url_key",
]


@dataclass(frozen=True)
class Deduplicator:
    """The decisions the store asks for while it assigns items to stories."""

    fingerprint_options: FingerprintOptions = field(default_factory=FingerprintOptions)
    match_options: MatchOptions = field(default_factory=MatchOptions)
    model: PairModel = MODEL  # the pairwise model; another only to measure a refit (scripts/crossvalidate_dedup.py)

    @property
    def window(self) -> timedelta:
        """How far apart in time a windowed-feature candidate may be."""
        return timedelta(days=self.match_options.window_days)

    def fingerprint(self, item: Item) -> Fingerprint:
        return fingerprint(item, self.fingerprint_options)

    def load(self, payload: Mapping[str, Any]) -> Fingerprint:
        return Fingerprint.load(payload)

    def dump(self, print_: Fingerprint) -> dict[str, Any]:
        return print_.dump()

    def lookup_keys(self, print_: Fingerprint) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(keys matched at any date: exact, mutual links and LSH bands; keys matched within `window`)."""
        return (print_.exact_keys() + print_.link_keys() + print_.band_keys(self.fingerprint_options),
                print_.window_keys())

    def assign(self, print_: Fingerprint,
               stories: Sequence[CandidateStory[StoryRef, Fingerprint]]) -> Assignment[StoryRef]:
        """Which of `stories` the item joins and which of them join it (linkage.py)."""
        return assign(print_, stories, self.match_options, self.model)

    def primary(self, members: Sequence[tuple[MemberRef, Fingerprint]]) -> MemberRef:
        return choose_primary(members)
