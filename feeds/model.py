"""The values that pass between stages. All are frozen: a stage returns new values.

collect  -> RawItem (as found in a source, untrusted)
process  -> Item    (canonical URL, UTC times, sanitised HTML, plain-text summary, language)
store    -> Story / Entry (what publish renders)
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Generic, TypeVar

StoryRef = TypeVar("StoryRef", bound=Hashable)
Print = TypeVar("Print")


def _frozen_mapping() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Link:
    href: str
    title: str | None = None
    hreflang: str | None = None


@dataclass(frozen=True)
class Tag:
    """A country (ISO 3166-1 alpha-2 lower case, or `eu`) or topic (slug) assigned to an item."""

    kind: str  # "country" | "topic"
    code: str
    confidence: float  # 0..1
    provenance: str  # "source" (explicit metadata) | "text" (found in the text)


@dataclass(frozen=True)
class RawItem:
    """One article as a source adapter found it. Nothing in it is trusted yet."""

    source_id: str
    url: str
    title: str
    guid: str | None = None
    content_html: str | None = None
    summary_html: str | None = None
    author: str | None = None
    published: datetime | None = None  # aware, or naive in the source's own zone
    updated: datetime | None = None
    language: str | None = None  # as declared by the source
    image_url: str | None = None
    image_type: str | None = None  # media type of the image, as the source states it (enclosure type)
    image_length: int | None = None  # size in bytes, as the source states it (enclosure length)
    categories: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()  # related links and references found in the item
    metadata: Mapping[str, Any] = field(default_factory=_frozen_mapping)


@dataclass(frozen=True)
class Item:
    """A processed item, ready to be stored."""

    source_id: str
    key: str  # identity within the source: GUID if any, else the canonical URL
    canonical_url: str
    url: str
    title: str  # plain text
    content_html: str  # sanitised
    summary: str  # plain text
    published: datetime  # UTC
    updated: datetime  # UTC
    language: str | None
    content_hash: str
    author: str | None = None
    image_url: str | None = None
    image_type: str | None = None
    image_length: int | None = None
    categories: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=_frozen_mapping)
    dated: bool = True  # False when the source gave no date and `published` is the first-seen time
    tags: tuple[Tag, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One published story, as publish renders it."""

    entry_id: str  # tag: URI, fixed when the story was created
    title: str
    link: str
    summary: str
    content_html: str
    published: datetime
    updated: datetime
    language: str | None
    source_id: str
    source_name: str
    author: str | None = None
    image_url: str | None = None
    image_type: str | None = None  # as the source stated it; None: unknown
    image_length: int | None = None  # as the source stated it; None: unknown
    source_url: str | None = None  # the source's configured URL (author URI when the item has no byline)
    related: tuple[Link, ...] = ()
    categories: tuple[str, ...] = ()
    tags: tuple[Tag, ...] = ()  # the story's tags at or above the publishing threshold


@dataclass(frozen=True)
class SourceState:
    """A source's fetch state as the store keeps it."""

    source_id: str
    etag: str | None = None
    last_modified: str | None = None
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    next_attempt: datetime | None = None
    item_count: int = 0
    adapter_state: Mapping[str, Any] = field(default_factory=_frozen_mapping)  # adapters' own bookkeeping


@dataclass(frozen=True)
class CandidateStory(Generic[StoryRef, Print]):
    """A story an item may join, as story assignment shows it to deduplication: every member's
    fingerprint and the primary's. `ref` is the store's name for the story."""

    ref: StoryRef
    primary: Print
    members: tuple[Print, ...]


@dataclass(frozen=True)
class Assignment(Generic[StoryRef]):
    """Deduplication's answer: the item joins `join` (None: it starts a story), and the stories in
    `merge` become part of that one."""

    join: StoryRef | None
    merge: tuple[StoryRef, ...] = ()
