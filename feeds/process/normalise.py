"""RawItem -> Item: canonical URL, UTC times, sanitised HTML, plain text, language.

Pure: takes values (and the clock as an argument), returns values.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from feeds.config import SourceConfig
from feeds.model import Item, ItemMetadata, Link, RawItem, item_metadata
from feeds.process.dates import as_datetime, deadline_in, infer_published
from feeds.process.kinds import phase
from feeds.process.language import detect_language
from feeds.process.metadata import parse_metadata_block
from feeds.process.sanitize import clean_html, html_to_text, plain_text, strip_illegal_xml, summarise
from feeds.process.urls import BadURLError, canonical_url, checked_url

# A date more than this far ahead of the clock is a source error, not a scheduled post.
FUTURE_TOLERANCE = timedelta(hours=1)
# Absurdly long fields are cut, with a visible marker, before they reach the store or a feed.
MAX_TITLE = 500
MAX_AUTHOR = 200
MAX_CONTENT = 200_000  # characters of sanitised HTML
MAX_CATEGORIES = 50
MAX_CATEGORY = 100
MAX_LINKS = 100
MAX_URL = 2048  # the store's column width; longer URLs are not real articles
MAX_KEY = 512  # longer GUIDs are replaced by their hash
TRUNCATED_CONTENT = "<p>[…]</p>"
# Dates before this are no publication dates (year 1 is a placeholder), and they overflow date arithmetic.
EARLIEST_DATE = datetime(1900, 1, 1, tzinfo=UTC)
MAX_ENCLOSURE = 2**40  # bytes; a larger stated length is no real file size
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9][a-z0-9.+_-]{0,99}", re.ASCII)
_TEXT_FIELDS = ("title", "guid", "content_html", "summary_html", "author", "language", "image_url")


class RejectedItemError(ValueError):
    """An item that cannot be stored at all (e.g. a URL longer than any real article's)."""


@dataclass(frozen=True)
class NormaliseOptions:
    summary_length: int
    languages: tuple[str, ...]


def normalise(raw: RawItem, source: SourceConfig, options: NormaliseOptions, now: datetime) -> Item:
    """The stored form of `raw`; raises RejectedItemError (naming the reason) for an item that cannot be stored."""
    raw = _checked(raw)
    part_of = raw.metadata.get("part_of")  # one item of a page that bundles several: its anchor is its identity
    url = _canonical(raw.url, source, keep_fragment=bool(part_of))
    content_html = _bounded_html(clean_html(raw.content_html or raw.summary_html or "", base_url=raw.url))
    text = html_to_text(content_html)
    summary_source = html_to_text(raw.summary_html) if raw.summary_html else text
    title = summarise(plain_text(raw.title), MAX_TITLE) or summarise(text, 80) or url
    metadata = _metadata(raw, source)
    published = _utc(raw.published, now, "published")
    language = detect_language(
        f"{title}. {text}", options.languages, fallback=raw.language or source.language
    )
    if published is None:
        published = _written_date(url, text, title, now, language)
    updated = max(_source_updated(raw.updated, now) or published or now, published or now)
    return Item(
        source_id=source.id,
        key=_key(raw.guid, url),
        canonical_url=url,
        url=raw.url,
        title=title,
        content_html=content_html,
        summary=summarise(summary_source, options.summary_length),
        published=published or now,
        updated=updated,
        language=language,
        content_hash=content_hash(title, text),
        author=_author(raw.author, metadata),
        **_enclosure(raw),
        categories=tuple(dict.fromkeys(
            summarise(plain_text(c), MAX_CATEGORY) for c in raw.categories[:MAX_CATEGORIES] if plain_text(c))),
        links=_links(raw.links, source),
        metadata=metadata,
        # a future date clamped to now is no date either: like a missing one it keeps its first-seen time,
        # so the entry does not move up the feed on every collect
        dated=published is not None and (raw.published is None or not _clamped(raw.published, published)),
    )


def _written_date(url: str, text: str, title: str, now: datetime, language: str | None) -> datetime | None:
    """The date an undated item's URL, text or newsletter title states (dates.py), unless it lies ahead: that is
    an event's date, not the page's. A lead that tells its event ahead (kinds.phase: "La mission se déroulera du 25
    au 28 novembre 2019") names the event's day; the page was written before the deadline its text names ("jusqu'au
    30 août 2019"), which is nearer the page's own date (dedup round 82)."""
    found = infer_published(url, text, title)
    if found is None:
        return None
    when = found.when
    if found.where == "lead" and phase(title, text, language) < 0:
        when = min(when, deadline_in(text) or when)
    moment = as_datetime(when)
    return moment if moment <= now + FUTURE_TOLERANCE else None


def _source_updated(moment: datetime | None, now: datetime) -> datetime | None:
    """The source's updated date; one that is no real date is ignored (the item keeps its published date)."""
    try:
        return _utc(moment, now, "updated")
    except RejectedItemError:
        return None


def _clamped(written: datetime, published: datetime | None) -> bool:
    """Whether the source's date lay in the future and `_utc` replaced it."""
    aware = written if written.tzinfo is not None else written.replace(tzinfo=UTC)
    return published is not None and published < aware.astimezone(UTC)


def _author(author: str | None, metadata: ItemMetadata) -> str | None:
    """The byline, else the editor named in a metadata block (`Redaktion: … von <name>`)."""
    editorial = metadata.get("editorial")
    if not author and editorial is not None:
        author = editorial["editor"]
    return summarise(plain_text(author), MAX_AUTHOR) or None if author else None


def _key(guid: str | None, url: str) -> str:
    """An item's identity in its source: the GUID if it has one, else the canonical URL."""
    guid = strip_illegal_xml(guid).strip() if guid else None  # PostgreSQL refuses NUL in text
    key = guid or url
    if len(key) > MAX_KEY:
        return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key


def _checked(raw: RawItem) -> RawItem:
    """`raw` with every text field free of what XML and the databases cannot hold (NUL, lone
    surrogates, C0 controls); an item whose fields are not of their types is refused."""
    cleaned: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        value = getattr(raw, name)
        if value is not None and not isinstance(value, str):
            raise RejectedItemError(f"{name} is a {type(value).__name__}, not text")
        if value:
            cleaned[name] = strip_illegal_xml(value)
    for name in ("published", "updated"):
        value = getattr(raw, name)
        if value is not None and not isinstance(value, datetime):
            raise RejectedItemError(f"{name} is a {type(value).__name__}, not a date")
    if not isinstance(raw.url, str):
        raise RejectedItemError(f"url is a {type(raw.url).__name__}, not text")
    categories = tuple(strip_illegal_xml(c) for c in raw.categories if isinstance(c, str))
    links = tuple(link for link in raw.links if isinstance(link.href, str))
    metadata = item_metadata(_clean_value(dict(raw.metadata)))  # wrong shapes are left out
    return replace(raw, **cleaned, categories=categories, links=links, metadata=metadata)


def _clean_value(value: Any) -> Any:
    """Metadata with illegal characters removed from every string, keys included."""
    if isinstance(value, str):
        return strip_illegal_xml(value)
    if isinstance(value, dict):
        return {_clean_value(str(k)): _clean_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_value(v) for v in value]
    return value


def _canonical(url: str, source: SourceConfig, keep_fragment: bool = False) -> str:
    """The checked canonical form of an item URL (RejectedItemError when it may not be stored)."""
    try:
        canonical = checked_url(canonical_url(checked_url(url), source.host_aliases, keep_fragment=keep_fragment))
    except BadURLError as exc:
        raise RejectedItemError(str(exc)) from None
    if len(canonical) > MAX_URL:
        raise RejectedItemError(f"URL of {len(canonical)} characters is longer than {MAX_URL}: {canonical[:100]}…")
    return canonical


def _image(url: str | None) -> str | None:
    """The image URL when it is a safe http(s) URL; any other image is dropped, the item kept."""
    if not url:
        return None
    try:
        canonical = checked_url(canonical_url(checked_url(url)))
    except BadURLError:
        return None
    return canonical if len(canonical) <= MAX_URL else None


def _enclosure(raw: RawItem) -> dict[str, Any]:
    """The image with the media type and size the source states, each kept only when plausible."""
    image_url = _image(raw.image_url)
    if image_url is None:
        return {"image_url": None}
    media_type = raw.image_type.strip().lower() if isinstance(raw.image_type, str) else ""
    length = raw.image_length
    return {"image_url": image_url, "image_type": media_type if _MEDIA_TYPE.fullmatch(media_type) else None,
            "image_length": length if isinstance(length, int) and 0 < length < MAX_ENCLOSURE else None}


def _links(links: tuple[Link, ...], source: SourceConfig) -> tuple[Link, ...]:
    """The item's related links that are safe http(s) URLs, each once."""
    kept: dict[str, Link] = {}
    for link in links[:MAX_LINKS]:
        try:
            href = _canonical(link.href, source)
        except RejectedItemError:
            continue
        kept.setdefault(href, Link(href, strip_illegal_xml(link.title) if isinstance(link.title, str) else None,
                                   link.hreflang if isinstance(link.hreflang, str) else None))
    return tuple(kept.values())


def _bounded_html(fragment: str) -> str:
    """At most MAX_CONTENT characters; a cut fragment is re-sanitised (closing open tags) and marked."""
    if len(fragment) <= MAX_CONTENT:
        return fragment
    cut = fragment[:MAX_CONTENT]
    cut = cut[: cut.rfind("<")] if cut.rfind("<") > cut.rfind(">") else cut  # not inside a tag
    return clean_html(cut) + TRUNCATED_CONTENT


def _metadata(raw: RawItem, source: SourceConfig) -> ItemMetadata:
    """The adapter's metadata over the fields of a metadata block found in the content."""
    metadata: ItemMetadata = {**parse_metadata_block(raw.content_html or ""), **raw.metadata}
    part_of = metadata.get("part_of")
    if part_of:
        metadata["part_of"] = canonical_url(part_of, source.host_aliases)
    return metadata


def content_hash(title: str, text: str) -> str:
    """Hash of what a reader sees; whitespace and case do not count."""
    normalised = " ".join(f"{title}\n{text}".lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _utc(moment: datetime | None, now: datetime, name: str = "date") -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        moment = moment.astimezone(UTC)
    except OverflowError:
        raise RejectedItemError(f"{name} date {moment.isoformat()} is out of range") from None
    if moment < EARLIEST_DATE:
        raise RejectedItemError(f"{name} date {moment.isoformat()} is before {EARLIEST_DATE.year}: no real date")
    return min(moment, now) if moment > now + FUTURE_TOLERANCE else moment
