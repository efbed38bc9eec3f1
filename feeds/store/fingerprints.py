"""Stored fingerprints decoded once per process, not once per batch.

Story assignment shows each new item the stories near it, whole, with the fingerprints of their
members; the same stories come back batch after batch (a window's stories are near many items).
Decoding a stored fingerprint (JSON, then the matcher's `load`) was ~0.7 ms per new item
(docs/performance.md). `DecodedFingerprints` keeps the decoded values of the most recently used
items, each under a digest of the stored payload's text: a fingerprint rewritten since (an item
edited at its source, here or by another scheduler on the same database) has another digest and
is decoded again, so a kept value is always the one the row holds.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

F = TypeVar("F")
# Items. ~4 KiB each decoded (bench_ingest's items): ~20 MiB of a scheduler's 300 MB. bench_ingest --quick's new
# items found 88 % of their stored fingerprints among the last 5,000 decoded (93 % with room for every one).
KEPT = 5_000


class DecodedFingerprints:
    """item id -> (digest of its stored payload, its decoded fingerprint), least recently used dropped
    past `size`. The matcher's `load` must depend on the payload alone (a store's matchers are one
    kind: the runner's `Deduplicator`, built per batch from the configuration). Shared by the
    threads of a process."""

    def __init__(self, size: int = KEPT) -> None:
        self.size = size
        self.hits = self.misses = 0
        self._kept: OrderedDict[int, tuple[bytes, object]] = OrderedDict()
        self._lock = threading.Lock()

    def decoded(self, item_id: int, payload: str, load: Callable[[Mapping[str, Any]], F]) -> F:
        """The fingerprint stored as `payload` (the column's text) for `item_id`, `load`ed from it
        unless the same payload was decoded before."""
        digest = hashlib.blake2b(payload.encode(), digest_size=16).digest()
        with self._lock:
            kept = self._kept.get(item_id)
            if kept is not None and kept[0] == digest:
                self._kept.move_to_end(item_id)
                self.hits += 1
                return cast(F, kept[1])
        value = load(json.loads(payload))
        with self._lock:
            self.misses += 1
            self._kept[item_id] = (digest, value)
            self._kept.move_to_end(item_id)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._kept)
