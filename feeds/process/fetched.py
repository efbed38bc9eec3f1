"""What a fetch brought, as a hash: an item whose hash is stored needs no processing again.

Most items of a feed are the same at every collect. The hash covers every field of the raw item
and the processing context the wiring names (the taxonomy, the source's settings, the software
version): when any of them changes, the item is processed again, as every item used to be.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from feeds.model import RawItem


def fetch_hash(raw: RawItem, context: str) -> str | None:
    """A stable hash of `raw` (every field) within `context` (hex, 64 characters); None for an item
    whose fields cannot be written down (an adapter's odd metadata): it is simply processed."""
    try:
        document = json.dumps([context, asdict(raw)], sort_keys=True, default=_plain, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return None
    return hashlib.sha256(document.encode("utf-8", "surrogatepass")).hexdigest()


def _plain(value: Any) -> Any:
    """JSON for what json cannot write itself: dates (with their zone), anything else by repr."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return repr(value)
