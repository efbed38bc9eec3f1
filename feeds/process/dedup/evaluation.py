"""Labelled items for measuring deduplication, and pairwise precision / recall.

A labelled file has one JSON object per line: `id`, `url`, `title`, `text`, `published`
(ISO date or null), `language`, `platform`, `dup_group` (shared by the items of one story,
else null); optionally `links` ([{href, title, hreflang}]) and `metadata` (an object), which
carry explicit references such as `zum_nachlesen`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from typing import Any

from feeds.model import Link, RawItem
from feeds.process.labelled import LabelError, labelled_metadata, labelled_records

REQUIRED = ("id", "url", "title", "text", "published", "language", "platform", "dup_group")




@dataclass(frozen=True)
class LabelledItem:
    id: str
    platform: str
    language: str | None
    dup_group: str | None
    raw: RawItem


@dataclass(frozen=True)
class PairScores:
    gold: int
    predicted: int
    correct: int
    precision: float
    recall: float
    f1: float
    false_merges: tuple[tuple[str, str], ...] = field(default=())
    missed: tuple[tuple[str, str], ...] = field(default=())

    def as_dict(self, examples: int = 20) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            "pairs_gold": self.gold, "pairs_predicted": self.predicted, "pairs_correct": self.correct,
            "false_merges": [list(pair) for pair in self.false_merges[:examples]],
            "missed": [list(pair) for pair in self.missed[:examples]],
        }


def parse_labelled(lines: Iterable[str]) -> list[LabelledItem]:
    """Labelled items from JSONL lines (blank lines skipped). Raises LabelError on bad input."""
    found: list[LabelledItem] = []
    for number, record in labelled_records(lines, REQUIRED):
        found.append(_labelled(record, number))
    return found


def _labelled(record: Mapping[str, Any], number: int) -> LabelledItem:
    try:
        published = _date(record["published"])
    except ValueError:
        raise LabelError(f"line {number}: published {record['published']!r} is not an ISO date") from None
    links = tuple(Link(link["href"], link.get("title"), link.get("hreflang")) for link in record.get("links") or ())
    text = str(record["text"])
    raw = RawItem(
        source_id=str(record["platform"]), url=str(record["url"]), title=str(record["title"]),
        content_html=text_as_html(text),
        published=published, language=record["language"], links=links, metadata=labelled_metadata(record, number),
    )
    return LabelledItem(str(record["id"]), str(record["platform"]), record["language"], record["dup_group"], raw)


_BARE_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")


def text_as_html(text: str) -> str:
    """Paragraphs of plain text as HTML; bare URLs become links, as they are on the pages the
    text stands for (a "Zum Nachlesen: … https://…" line is an anchor on the real page)."""
    paragraphs = []
    for part in text.split("\n\n"):
        escaped, last = [], 0
        for match in _BARE_URL.finditer(part):
            escaped.append(html.escape(part[last:match.start()]))
            url = html.escape(match.group(0), quote=True)
            escaped.append(f'<a href="{url}">{url}</a>')
            last = match.end()
        escaped.append(html.escape(part[last:]))
        paragraphs.append("<p>" + "".join(escaped) + "</p>")
    return "".join(paragraphs)


def _date(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def pair_scores(labelled: Sequence[LabelledItem], predicted: Mapping[str, str],
                cross_language: bool = False) -> PairScores:
    """Pairwise scores of `predicted` (item id -> story) against the labels.

    A pair counts when both items are in one story. With `cross_language`, only pairs of items
    in different languages count.
    """
    gold: set[tuple[str, str]] = set()
    guessed: set[tuple[str, str]] = set()
    for a, b in combinations(sorted(labelled, key=lambda item: item.id), 2):
        if cross_language and (not a.language or not b.language or a.language == b.language):
            continue
        pair = (a.id, b.id)
        if a.dup_group is not None and a.dup_group == b.dup_group:
            gold.add(pair)
        if predicted[a.id] == predicted[b.id]:
            guessed.add(pair)
    correct = len(gold & guessed)
    precision = correct / len(guessed) if guessed else 1.0
    recall = correct / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(len(gold), len(guessed), correct, precision, recall, f1,
                      tuple(sorted(guessed - gold)), tuple(sorted(gold - guessed)))
