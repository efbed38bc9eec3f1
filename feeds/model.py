"""The values that pass between stages. All are frozen: a stage returns new values.

collect  -> RawItem (as found in a source, untrusted)
process  -> Item    (canonical URL, UTC times, sanitised HTML, plain-text summary, language)
store    -> Story / Entry (what publish renders)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any, Generic, TypedDict, TypeVar, cast, get_type_hints

StoryRef = TypeVar("StoryRef", bound=Hashable)  # the store's name for a story (feeds/store/stories.py)
MemberRef = TypeVar("MemberRef", bound=Hashable)  # the store's name for an item of a story
Print = TypeVar("Print")  # a fingerprint, whatever deduplication makes of an item


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


class Editorial(TypedDict):
    """A metadata block's `Redaktion:` line."""

    date: str | None  # YYYY-MM-DD
    editor: str | None
    organisation: str | None


class ReadMore(TypedDict):
    """A URL the item names as its source or its full text ("Zum Nachlesen", a canonical URL)."""

    href: str
    title: str | None


class EventFields(TypedDict, total=False):
    """An ECCP event's own fields."""

    start: str | None  # YYYY-MM-DD
    end: str | None
    location: str | None
    organised_by: str | None
    target: str | None
    type: str | None
    other_properties: list[str]


class ItemMetadata(TypedDict, total=False):
    """What a source says about an item beyond the common fields: the one vocabulary of item metadata.

    Adapters write it, normalise adds a metadata block found in the content (feeds/process/metadata.py),
    tagging and deduplication read it, the store keeps it as JSON (`items.item_metadata`). Untyped JSON
    (labelled files, stored rows, an operator's `fields`) becomes one through `item_metadata`.
    """

    # what the item is
    content_type: str | None  # "newsletter": a digest of many stories; ECCP: news, community_news, event, call
    part_of: str | None  # URL of the page bundling several items that this one was cut from
    newsletter: str | None  # that page's title
    kicker: str | None  # the Clusterplattform's topline ("ClusterERFOLGE", "Newsletter")
    subtitle: str | None
    date_in_header: bool  # the date came from the page header, not from the URL
    # a metadata block (Kooperation International)
    origin: str | None  # `Quelle:`, the publisher whose text this reproduces: a republication
    editorial: Editorial
    countries: list[str]  # the editors' country names, as written
    topics: list[str]  # the editors' topic names, as written
    read_more: list[ReadMore]
    # ECCP
    node_id: int | None
    organisation: str | None
    organisation_path: str | None
    organisation_country: str | None  # ISO 3166-1 alpha-2
    sectors: list[str]
    author_truncated: bool  # the byline ends in an ellipsis
    event: EventFields
    # texts an operator's `fields` selectors (sources.yaml) found, under names of the operator's choosing
    fields: dict[str, str | None]


# Other names of ItemMetadata keys, as labelled files and other importers write them: read here only.
METADATA_ALIASES: Mapping[str, str] = MappingProxyType({
    "kind": "content_type", "tags": "sectors", "laender": "countries", "themen": "topics",
    **dict.fromkeys(("quelle", "source", "source_name", "republished_from"), "origin"),
    **dict.fromkeys(("zum_nachlesen", "quelle_url", "source_url", "original_url", "canonical", "canonical_url",
                     "og_url", "og:url", "mehr", "more"), "read_more"),
})


class MetadataError(ValueError):
    """Item metadata of the wrong shape (`item_metadata(..., strict=True)`)."""


def item_metadata(values: Mapping[str, object], strict: bool = False) -> ItemMetadata:
    """`values` (untyped JSON) as ItemMetadata: aliases become their key (METADATA_ALIASES; several
    names of one key add up, the first text wins), a text under a name of no key goes to `fields`.

    A value of the wrong shape raises MetadataError when `strict` (a labelled file), and is left out
    otherwise (a stored row, an adapter's untrusted output): reading never fails on old data.
    """
    found: dict[str, Any] = {}
    for name, value in values.items():
        key = name if name in _READERS else METADATA_ALIASES.get(name.lower(), name)
        try:
            if key not in _READERS:
                text = _text(value)
                found.setdefault("fields", {})[name] = text
            elif key == "fields":
                found["fields"] = {**_fields(value), **found.get("fields", {})}
            elif key in found and isinstance(found[key], list):
                found[key] = [*found[key], *(v for v in _READERS[key](value) if v not in found[key])]
            elif not found.get(key):
                found[key] = _READERS[key](value)
        except MetadataError as error:
            if strict:
                raise MetadataError(f"metadata {name!r}: {error}") from None
    return cast(ItemMetadata, found)


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise MetadataError(f"a {type(value).__name__}, not text")


def _texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return list(dict.fromkeys(value))
    raise MetadataError(f"a {type(value).__name__}, not a list of texts")


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise MetadataError(f"a {type(value).__name__}, not true or false")


def _number(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise MetadataError(f"a {type(value).__name__}, not a whole number")


def _record(value: object, hints: Mapping[str, object], required: bool = False) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise MetadataError(f"a {type(value).__name__}, not an object")
    unknown = set(value) - set(hints)
    if unknown:
        raise MetadataError(f"unknown fields {sorted(map(str, unknown))}")
    return {key: _BY_TYPE[hint](value.get(key)) for key, hint in hints.items() if required or key in value}


def _references(value: object) -> list[ReadMore]:
    """URLs, or {href (or url), title} objects: a bare text that is no web address is no reference."""
    if isinstance(value, str):
        return [ReadMore(href=value, title=None)] if value.startswith(("http://", "https://")) else []
    if isinstance(value, Mapping):
        href, title = value.get("href") or value.get("url"), value.get("title")
        if not isinstance(href, str):
            raise MetadataError("a reference without an href")
        return [ReadMore(href=href, title=title if isinstance(title, str) else None)]
    if isinstance(value, list | tuple):
        return [link for part in value for link in _references(part)]
    raise MetadataError(f"a {type(value).__name__}, not a reference")


def _fields(value: object) -> dict[str, str | None]:
    if not isinstance(value, Mapping):
        raise MetadataError(f"a {type(value).__name__}, not an object")
    return {str(name): _text(text) for name, text in value.items()}


_BY_TYPE: dict[object, Callable[[object], Any]] = {
    str | None: _text, list[str]: _texts, bool: _flag, int | None: _number, list[ReadMore]: _references,
    dict[str, str | None]: _fields,
    Editorial: lambda value: _record(value, get_type_hints(Editorial), required=True),
    EventFields: lambda value: _record(value, get_type_hints(EventFields)),
}
_READERS: dict[str, Callable[[object], Any]] = {key: _BY_TYPE[hint]
                                                 for key, hint in get_type_hints(ItemMetadata).items()}


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
    metadata: ItemMetadata = field(default_factory=ItemMetadata)


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
    metadata: ItemMetadata = field(default_factory=ItemMetadata)
    dated: bool = True  # False when the source gave no date and `published` is the first-seen time
    tags: tuple[Tag, ...] = ()
    # what the fetch brought and how it was processed (process/fetched.py): the same next time, and the
    # item is not processed again
    fetch_hash: str | None = None


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
