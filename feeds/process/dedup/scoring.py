"""Does an item belong with another? The pairwise decision and the primary-item choice.

Stories are the connected components of the "same story" relation. The relation is decided
per pair from the two fingerprints alone, so it is symmetric and does not depend on which item
arrived first: the same items give the same stories in any collection order.

A pair is the same story when, in this order:
1. exact: they share a URL (own or explicitly referenced), a GUID or a content hash, or each
   links the other (a page and its other-language version);
2. never, when their titles name different years or numbers ("Clusterwoche 2017" / "... 2019") or
   one of them is a newsletter (a digest resembles every story it lists);
3. near duplicate (same language): published within `near_window_days`, estimated Jaccard
   similarity of word shingles >= `near_jaccard` and title similarity >= `near_title`, or
   Jaccard >= `near_jaccard_alone` whatever the title;
4. cross-language (both languages known and different): published within
   `cross_window_days` and the language-independent feature score >= `cross_score`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from feeds.process.dedup import minhash
from feeds.process.dedup.fingerprint import Fingerprint
from feeds.process.dedup.signals import titles_conflict
from feeds.process.dedup.text import title_similarity

# Weight of a shared feature by kind: a URL or a full date is strong evidence, a name weak.
# A concept (an EU programme or institution named in any language, names.py) weighs like an
# acronym plus a name; a place or country like a name; a month and year little more than a year.
FEATURE_WEIGHTS = {"u": 4.0, "d": 3.0, "n": 2.0, "c": 2.0, "a": 1.5, "p": 1.0, "g": 1.0, "m": 0.5, "y": 0.25}
SPECIFIC_KINDS = frozenset("udapcg")  # a bare number, month or year is shared by chance far more often


@dataclass(frozen=True)
class MatchOptions:
    near_window_days: int = 45
    near_jaccard: float = 0.4
    near_title: float = 0.3
    near_jaccard_alone: float = 0.7
    cross_window_days: int = 120
    cross_score: float = 0.3
    cross_min_shared: float = 6.0  # total weight of shared features, whatever the ratio
    cross_min_specific: int = 4  # shared URLs, dates, acronyms and names: numbers and years alone coincide


def match_reason(a: Fingerprint, b: Fingerprint, options: MatchOptions) -> str | None:
    """Why `a` and `b` are one story ("exact", "near", "cross"), or None. Symmetric in a and b."""
    if set(a.exact_keys()) & set(b.exact_keys()) or a.links_each_other(b):
        return "exact"
    if a.newsletter or b.newsletter:
        return None
    if titles_conflict(a.title_numbers, b.title_numbers):
        return None
    apart = abs(a.published - b.published)
    if not a.language or not b.language or a.language == b.language:
        if apart > timedelta(days=options.near_window_days):
            return None
        jaccard = minhash.similarity(a.signature, b.signature)
        if jaccard >= options.near_jaccard_alone or (
                jaccard >= options.near_jaccard and title_similarity(a.title, b.title) >= options.near_title):
            return "near"
        return None
    if apart > timedelta(days=options.cross_window_days):
        return None
    return "cross" if feature_score(a, b, options) >= options.cross_score else None


def feature_score(a: Fingerprint, b: Fingerprint, options: MatchOptions) -> float:
    """Weighted share of language-independent features the two items have in common (0..1).

    shared weight / weight of the smaller feature set, taken as 0 unless the shared weight
    reaches `cross_min_shared` and at least `cross_min_specific` shared features are URLs, full
    dates, acronyms or names: one acronym, one date and one figure coincide too often among
    thousands of items (see README).
    """
    common = a.features & b.features
    shared = _weight(common)
    if shared < options.cross_min_shared or sum(f[0] in SPECIFIC_KINDS for f in common) < options.cross_min_specific:
        return 0.0
    smaller = min(_weight(a.features), _weight(b.features))
    return shared / smaller if smaller else 0.0


def _weight(features: frozenset[str]) -> float:
    return sum(FEATURE_WEIGHTS.get(feature[0], 1.0) for feature in features)


def matching(item: Fingerprint, candidates: Sequence[tuple[int, Fingerprint]], options: MatchOptions) -> list[int]:
    """Ids of the candidates that are the same story as `item`."""
    return [ident for ident, candidate in candidates if match_reason(item, candidate, options)]


def choose_primary(members: Sequence[tuple[int, Fingerprint]]) -> int:
    """The id of the member a story is published as.

    The original beats a re-publication (an item that says "Quelle: …" or explicitly refers
    to another member), then the earliest, then the richest text; ties go to the source id
    and key so that the choice depends on the members only, never on arrival order.
    """
    urls = {member.url for _, member in members}

    def rank(entry: tuple[int, Fingerprint]) -> tuple[bool, object, int, str, str]:
        _, member = entry
        copy = member.republication or any(ref in urls and ref != member.url for ref in member.references)
        return (copy, member.published, -member.text_length, member.source_id, member.key)

    return min(members, key=rank)[0]
