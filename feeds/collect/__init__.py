"""The `collect` stage: HTTP fetch -> source adapters -> raw items."""

from __future__ import annotations

from feeds.collect.adapters import ADAPTERS, Collected, Previous, source_kinds
from feeds.collect.errors import CollectError
from feeds.collect.http import Fetcher, Validators
from feeds.config import SourceConfig


def collect_source(source: SourceConfig, fetcher: Fetcher, previous: Previous) -> Collected:
    """Run the adapter for `source.kind`. Raises CollectError on failure."""
    return ADAPTERS[source.kind].collect(source, fetcher, previous)


__all__ = ["CollectError", "Collected", "Fetcher", "Previous", "Validators", "collect_source", "source_kinds"]
