"""Labelled items written inline, and the stories story assignment makes of them (the dedup class tests)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from feeds.cli.dedup import assign_stories
from feeds.process.dedup.evaluation import LabelledItem, parse_labelled
from feeds.settings import Settings


def items(*records: dict[str, Any]) -> list[LabelledItem]:
    defaults = {"published": None, "language": "en", "dup_group": None}
    return parse_labelled(json.dumps({**defaults, **record}) for record in records)


def stories(settings: Settings, labelled: list[LabelledItem], database_url: str,
            seed: int | None = None) -> set[frozenset[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for item_id, story in assign_stories(settings, labelled, database_url, seed).items():
        members[story].add(item_id)
    return {frozenset(ids) for ids in members.values()}


def gold(labelled: list[LabelledItem]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = defaultdict(set)
    for item in labelled:
        members[item.dup_group or item.id].add(item.id)
    return {frozenset(ids) for ids in members.values()}
