"""The contract every source adapter keeps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from feeds.collect.http import Fetcher, Validators
from feeds.config import SourceConfig
from feeds.model import RawItem


@dataclass(frozen=True)
class Collected:
    """What one adapter run found. `not_modified` means the source said nothing changed."""

    items: tuple[RawItem, ...]
    validators: Validators
    not_modified: bool = False


class Adapter(Protocol):
    kind: str
    option_keys: frozenset[str]  # extra keys this kind accepts in sources.yaml

    def collect(self, source: SourceConfig, fetcher: Fetcher, validators: Validators) -> Collected:
        """Fetch and parse `source`. Raise CollectError when nothing usable came back."""
        ...
