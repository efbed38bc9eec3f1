"""The contract every source adapter keeps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from feeds.collect.http import Fetcher, Validators
from feeds.config import SourceConfig
from feeds.model import RawItem


@dataclass(frozen=True)
class Previous:
    """What the store remembers of a source's last successful run."""

    validators: Validators = field(default_factory=Validators)
    state: Mapping[str, Any] | None = None  # the adapter's own bookkeeping (JSON-serialisable)


@dataclass(frozen=True)
class Collected:
    """What one adapter run found. `not_modified` means the source said nothing changed.

    `state` replaces the adapter's stored bookkeeping (e.g. known pages and their
    validators for incremental runs); None keeps what was stored.
    """

    items: tuple[RawItem, ...]
    validators: Validators
    not_modified: bool = False
    state: Mapping[str, Any] | None = None


class Adapter(Protocol):
    kind: str
    option_keys: frozenset[str]  # extra keys this kind accepts in sources.yaml

    def collect(self, source: SourceConfig, fetcher: Fetcher, previous: Previous) -> Collected:
        """Fetch and parse `source`. Raise CollectError when nothing usable came back."""
        ...
