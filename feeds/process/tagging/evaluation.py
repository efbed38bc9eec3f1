"""Labelled items for measuring the tagger, and micro/macro precision, recall and F1.

A labelled file has one JSON object per line, in the line format of the dedup labels:
`id`, `title`, `text`, `language`, `gold_countries`, `gold_topics`; optionally `metadata`
(an object with source fields such as `laender`), `categories` and `split` ("tune" or
"holdout": the rules were tuned on one half and are reported on both).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from feeds.model import ItemMetadata, Tag
from feeds.process.labelled import LabelError, labelled_metadata, labelled_records

REQUIRED = ("id", "title", "text", "language", "gold_countries", "gold_topics")
KINDS = {"country": "gold_countries", "topic": "gold_topics"}




@dataclass(frozen=True)
class LabelledText:
    id: str
    title: str
    text: str
    language: str | None
    gold: Mapping[str, frozenset[str]]  # kind -> codes
    metadata: ItemMetadata = field(default_factory=ItemMetadata)
    categories: tuple[str, ...] = ()
    split: str | None = None


def parse_labelled(lines: Iterable[str]) -> list[LabelledText]:
    """Labelled items from JSONL lines (blank lines skipped). Raises LabelError on bad input."""
    found: list[LabelledText] = []
    for number, record in labelled_records(lines, REQUIRED):
        gold = {}
        for kind, key in KINDS.items():
            codes = record[key]
            if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
                raise LabelError(f"line {number}: {key} must be a list of codes")
            gold[kind] = frozenset(code.lower() for code in codes)
        found.append(LabelledText(
            id=str(record["id"]), title=str(record["title"]), text=str(record["text"]),
            language=record.get("language"), gold=MappingProxyType(gold), metadata=labelled_metadata(record, number),
            categories=tuple(record.get("categories") or ()), split=record.get("split"),
        ))
    return found


@dataclass(frozen=True)
class Counts:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.true_positive + other.true_positive, self.false_positive + other.false_positive,
                      self.false_negative + other.false_negative)

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        gold = self.true_positive + self.false_negative
        return self.true_positive / gold if gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def scores(labelled: Sequence[LabelledText], predicted: Mapping[str, Sequence[Tag]], threshold: float,
           worst: int = 10) -> dict[str, Any]:
    """Micro and macro P/R/F1 per kind for tags at or above `threshold`, P/R/F1 per label, the worst
    labels, the average number of tags per item against the gold average, and the items with errors."""
    report: dict[str, Any] = {"items": len(labelled), "threshold": threshold}
    for kind in KINDS:
        per_label: dict[str, Counts] = {}
        errors = []
        found_total = 0
        for item in labelled:
            found = {tag.code for tag in predicted.get(item.id, ()) if tag.kind == kind and tag.confidence >= threshold}
            gold = item.gold[kind]
            found_total += len(found)
            for code in found | gold:
                per_label[code] = per_label.get(code, Counts()) + Counts(
                    int(code in found and code in gold), int(code in found and code not in gold),
                    int(code in gold and code not in found))
            if found != gold:
                errors.append({"id": item.id, "extra": sorted(found - gold), "missing": sorted(gold - found)})
        total = sum(per_label.values(), Counts())
        labels = sorted(per_label.items(), key=lambda pair: (pair[1].f1, -(pair[1].true_positive
                                                                           + pair[1].false_negative), pair[0]))
        report[kind] = {
            "micro": _figures(total),
            "macro": {name: round(sum(getattr(c, name) for c in per_label.values()) / max(1, len(per_label)), 4)
                      for name in ("precision", "recall", "f1")},
            "labels": len(per_label),
            "per_label": {code: _figures(counts) for code, counts in sorted(per_label.items())},
            "worst": [{"label": code, **_figures(counts)} for code, counts in labels[:worst]],
            "tags_per_item": round(found_total / max(1, len(labelled)), 3),
            "gold_per_item": round(sum(len(item.gold[kind]) for item in labelled) / max(1, len(labelled)), 3),
            "errors": errors,
        }
    return report


def _figures(counts: Counts) -> dict[str, Any]:
    return {"precision": round(counts.precision, 4), "recall": round(counts.recall, 4), "f1": round(counts.f1, 4),
            "tp": counts.true_positive, "fp": counts.false_positive, "fn": counts.false_negative}
