"""RawItem -> Item: canonical URL, UTC times, sanitised HTML, plain text, language.

Pure: takes values (and the clock as an argument), returns values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from feeds.config import SourceConfig
from feeds.model import Item, Link, RawItem
from feeds.process.dates import as_datetime, infer_published
from feeds.process.language import detect_language
from feeds.process.metadata import parse_metadata_block
from feeds.process.sanitize import clean_html, html_to_text, plain_text, strip_illegal_xml, summarise
from feeds.process.urls import canonical_url

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


class RejectedItemError(ValueError):
    """An item that cannot be stored at all (e.g. a URL longer than any real article's)."""


@dataclass(frozen=True)
class NormaliseOptions:
    summary_length: int
    languages: tuple[str, ...]


def normalise(raw: RawItem, source: SourceConfig, options: NormaliseOptions, now: datetime) -> Item:
    part_of = raw.metadata.get("part_of")  # one item of a page that bundles several: its anchor is its identity
    url = canonical_url(raw.url, source.host_aliases, keep_fragment=bool(part_of))
    if len(url) > MAX_URL:
        raise RejectedItemError(f"URL of {len(url)} characters is longer than {MAX_URL}: {url[:100]}…")
    if urlsplit(url).scheme not in ("http", "https"):  # javascript:, data: … would become links in every feed
        raise RejectedItemError(f"URL is not http(s): {url[:100]}")
    content_html = _bounded_html(clean_html(raw.content_html or raw.summary_html or "", base_url=raw.url))
    text = html_to_text(content_html)
    summary_source = html_to_text(raw.summary_html) if raw.summary_html else text
    title = summarise(plain_text(raw.title), MAX_TITLE) or summarise(text, 80) or url
    metadata = _metadata(raw, source)
    published = _utc(raw.published, now)
    if published is None:
        published = _written_date(url, text, now)
    updated = max(_utc(raw.updated, now) or published or now, published or now)
    language = detect_language(
        f"{title}. {text}", options.languages, fallback=raw.language or source.language
    )
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
        image_url=_image(raw.image_url),
        categories=tuple(dict.fromkeys(
            summarise(plain_text(c), MAX_CATEGORY) for c in raw.categories[:MAX_CATEGORIES] if plain_text(c))),
        links=tuple(link for link in (
            Link(canonical_url(link.href, source.host_aliases), link.title, link.hreflang)
            for link in raw.links[:MAX_LINKS]) if len(link.href) <= MAX_URL),
        metadata=metadata,
        # a future date clamped to now is no date either: like a missing one it keeps its first-seen time,
        # so the entry does not move up the feed on every collect
        dated=published is not None and (raw.published is None or not _clamped(raw.published, published)),
    )


def _written_date(url: str, text: str, now: datetime) -> datetime | None:
    """The date an undated item's URL or text states (dates.py), unless it lies ahead: that is an
    event's date, not the page's."""
    found = infer_published(url, text)
    if found is None:
        return None
    moment = as_datetime(found.when)
    return moment if moment <= now + FUTURE_TOLERANCE else None


def _clamped(written: datetime, published: datetime | None) -> bool:
    """Whether the source's date lay in the future and `_utc` replaced it."""
    aware = written if written.tzinfo is not None else written.replace(tzinfo=UTC)
    return published is not None and published < aware.astimezone(UTC)


def _author(author: str | None, metadata: dict[str, object]) -> str | None:
    """The byline, else the editor named in a metadata block (`Redaktion: … von <name>`)."""
    editorial = metadata.get("editorial")
    if not author and isinstance(editorial, dict) and isinstance(editorial.get("editor"), str):
        author = editorial["editor"]
    return summarise(plain_text(author), MAX_AUTHOR) or None if author else None


def _key(guid: str | None, url: str) -> str:
    """An item's identity in its source: the GUID if it has one, else the canonical URL."""
    guid = strip_illegal_xml(guid).strip() if guid else None  # PostgreSQL refuses NUL in text
    key = guid or url
    if len(key) > MAX_KEY:
        return "sha256:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
    return key


def _image(url: str | None) -> str | None:
    if not url:
        return None
    canonical = canonical_url(url)
    return canonical if len(canonical) <= MAX_URL else None


def _bounded_html(fragment: str) -> str:
    """At most MAX_CONTENT characters; a cut fragment is re-sanitised (closing open tags) and marked."""
    if len(fragment) <= MAX_CONTENT:
        return fragment
    cut = fragment[:MAX_CONTENT]
    cut = cut[: cut.rfind("<")] if cut.rfind("<") > cut.rfind(">") else cut  # not inside a tag
    return clean_html(cut) + TRUNCATED_CONTENT


def _metadata(raw: RawItem, source: SourceConfig) -> dict[str, object]:
    """The adapter's metadata over the fields of a metadata block found in the content."""
    metadata: dict[str, object] = {**parse_metadata_block(raw.content_html or ""), **raw.metadata}
    if isinstance(metadata.get("part_of"), str):
        metadata["part_of"] = canonical_url(str(metadata["part_of"]), source.host_aliases)
    return metadata


def content_hash(title: str, text: str) -> str:
    """Hash of what a reader sees; whitespace and case do not count."""
    normalised = " ".join(f"{title}\n{text}".lower().split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _utc(moment: datetime | None, now: datetime) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return min(moment, now) if moment > now + FUTURE_TOLERANCE else moment
