"""The `collect` stage: HTTP fetch -> source adapters -> raw items."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from feeds.collect.adapters import ADAPTERS, Collected, Previous, source_kinds
from feeds.collect.errors import CollectError
from feeds.collect.http import Fetcher, Validators
from feeds.config import SourceConfig
from feeds.model import RawItem


def collect_source(source: SourceConfig, fetcher: Fetcher, previous: Previous) -> Collected:
    """Run the adapter for `source.kind`. Raises CollectError on failure."""
    return ADAPTERS[source.kind].collect(source, fetcher, previous)


def newest_items(items: Sequence[RawItem], limit: int) -> tuple[RawItem, ...]:
    """At most `limit` of `items` (0: all), the newest first; undated items after dated ones, in feed order.

    A source may list 40,000 items in one document (57 s and 514 MB to normalise, tag and
    store); one fetch takes the newest `limit`, and the source's state says how many were left.
    """
    if limit <= 0 or len(items) <= limit:
        return tuple(items)

    def age(position: int) -> tuple[bool, float, int]:
        published = items[position].published
        if published is None:
            return True, 0.0, position
        moment = published if published.tzinfo else published.replace(tzinfo=UTC)
        return False, -_timestamp(moment), position

    kept = sorted(range(len(items)), key=age)[:limit]
    return tuple(items[position] for position in kept)


def _timestamp(moment: datetime) -> float:
    try:
        return moment.timestamp()
    except (OverflowError, ValueError):
        return 0.0


__all__ = ["CollectError", "Collected", "Fetcher", "Previous", "Validators", "collect_source", "newest_items",
           "source_kinds"]
