"""Source adapters by kind. New kinds register here."""

from __future__ import annotations

from collections.abc import Mapping

from feeds.collect.adapters.base import Adapter, Collected, Previous
from feeds.collect.adapters.feed import FeedAdapter
from feeds.collect.adapters.html import PageAdapter
from feeds.collect.adapters.presets import PRESETS

ADAPTERS: Mapping[str, Adapter] = {
    adapter.kind: adapter
    for adapter in (FeedAdapter(), PageAdapter("html"), PageAdapter("sitemap", sitemap_from_url=True), *PRESETS)
}


def source_kinds() -> dict[str, frozenset[str]]:
    """Each known kind with the extra sources.yaml keys it accepts (for config validation)."""
    return {kind: adapter.option_keys for kind, adapter in ADAPTERS.items()}


__all__ = ["ADAPTERS", "Adapter", "Collected", "Previous", "source_kinds"]
