"""Labelled evaluation files: one JSON object per line, each with a unique `id`.

Shared by the tagging and the deduplication evaluations; each checks its own fields.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from feeds.model import ItemMetadata, MetadataError, item_metadata


class LabelError(ValueError):
    """A labelled file cannot be used; the message names the line."""


def labelled_records(lines: Iterable[str], required: Sequence[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of every non-blank line; raises LabelError on bad JSON, a missing
    required key or a repeated id."""
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelError(f"line {number}: not JSON: {exc}") from None
        if not isinstance(record, dict):
            raise LabelError(f"line {number}: expected an object")
        missing = [name for name in required if name not in record]
        if missing:
            raise LabelError(f"line {number}: missing {', '.join(missing)}")
        if record["id"] in seen:
            raise LabelError(f"line {number}: duplicate id {record['id']!r}")
        seen.add(record["id"])
        yield number, record


def labelled_metadata(record: Mapping[str, Any], number: int) -> ItemMetadata:
    """The record's optional `metadata` (an object of ItemMetadata keys or their aliases); raises
    LabelError on a value of the wrong shape."""
    metadata = record.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise LabelError(f"line {number}: metadata must be an object")
    try:
        return item_metadata(metadata, strict=True)
    except MetadataError as exc:
        raise LabelError(f"line {number}: {exc}") from None


def half(unit: str, salt: str) -> str:
    """"A" or "B" for a labelled unit (a duplicate group, or an item's id), by a salted hash.

    The blind-set protocol splits every labelled set in two with this before any result is seen:
    tune on A, measure B once (docs/design/evaluation.md).
    """
    return "A" if hashlib.sha256(f"{salt}:{unit}".encode()).digest()[0] % 2 == 0 else "B"
