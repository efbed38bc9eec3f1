"""Labelled items written inline, and the stories story assignment makes of them (the dedup class tests)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from feeds.cli.dedup import assign_stories
from feeds.config import SourceConfig
from feeds.process import NormaliseOptions, normalise
from feeds.process.dedup import Fingerprint, fingerprint
from feeds.process.dedup.evaluation import LabelledItem, parse_labelled
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from tests.support.paths import CONFIG


def items(*records: dict[str, Any]) -> list[LabelledItem]:
    defaults = {"published": None, "language": "en", "dup_group": None}
    return parse_labelled(json.dumps({**defaults, **record}) for record in records)


def article(key: str, title: str, text: str, language: str = "en",
            published: str | None = "2024-05-14") -> dict[str, Any]:
    """One labelled item of its own site (`key` is its id, site and host), for `items`; `published` None: a page
    with no machine-readable date."""
    return {"id": key, "url": f"https://{key}.example/news/1", "platform": key, "language": language,
            "published": published, "title": title, "text": text}


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


def fingerprints(labelled: list[LabelledItem]) -> dict[str, Fingerprint]:
    """The fingerprint of each item by id, as the service computes it (one source per platform)."""
    settings = Settings(config_dir=CONFIG)
    options = NormaliseOptions(summary_length=settings.summary_length, languages=settings.languages)
    fingerprint_options = build_deduplicator(settings).fingerprint_options
    now = datetime(2020, 1, 1, tzinfo=UTC)
    prints = {}
    for item in labelled:
        source = SourceConfig(id=item.platform, name=item.platform, kind="feed", url=f"https://{item.platform}.invalid/")
        prints[item.id] = fingerprint(normalise(item.raw, source, options, now), fingerprint_options)
    return prints


class Constant:
    """A pair model that gives every pair the vetoes admit the same chance (the linkage tests)."""

    def __init__(self, chance: float) -> None:
        self.chance = chance

    def probability(self, values: Mapping[str, float]) -> float:
        return self.chance

