"""What a fetch brought, as a hash: an item whose hash is stored needs no processing again.

Most items of a feed are the same at every collect. The hash covers every field of the raw item
and the processing context the wiring names (the taxonomy, the source's settings, the software
version): when any of them changes, the item is processed again, as every item used to be.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, is_dataclass
from typing import Any

from feeds.model import RawItem


def fetch_hash(raw: RawItem, context: str) -> str | None:
    """A stable hash of `raw` (every field) within `context` (hex, 64 characters); None for an item
    whose fields cannot be written down (an adapter's odd metadata): it is simply processed."""
    try:
        document = json.dumps([context, _fields(raw)], sort_keys=True, default=_plain, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return None
    return hashlib.sha256(document.encode("utf-8", "surrogatepass")).hexdigest()


def _fields(value: Any) -> dict[str, Any]:
    """A dataclass's fields by name: the document `dataclasses.asdict` gives, without its deep copy of every value
    (a link within is written as its fields when json meets it, `_plain`)."""
    return {field.name: getattr(value, field.name) for field in fields(value)}


def _plain(value: Any) -> Any:
    """JSON for what json cannot write itself: a dataclass (a link) by its fields, dates (with their zone), anything
    else by repr."""
    if is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return repr(value)
