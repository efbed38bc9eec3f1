"""RawItem -> Item: canonical URL, UTC times, sanitised HTML, plain text, language.

Pure: takes values (and the clock as an argument), returns values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from feeds.config import SourceConfig
from feeds.model import Item, Link, RawItem
from feeds.process.language import detect_language
from feeds.process.metadata import parse_metadata_block
from feeds.process.sanitize import clean_html, html_to_text, plain_text, summarise
from feeds.process.urls import canonical_url

# A date more than this far ahead of the clock is a source error, not a scheduled post.
FUTURE_TOLERANCE = timedelta(hours=1)


@dataclass(frozen=True)
class NormaliseOptions:
    summary_length: int
    languages: tuple[str, ...]


def normalise(raw: RawItem, source: SourceConfig, options: NormaliseOptions, now: datetime) -> Item:
    part_of = raw.metadata.get("part_of")  # one item of a page that bundles several: its anchor is its identity
    url = canonical_url(raw.url, source.host_aliases, keep_fragment=bool(part_of))
    content_html = clean_html(raw.content_html or raw.summary_html or "", base_url=raw.url)
    text = html_to_text(content_html)
    summary_source = html_to_text(raw.summary_html) if raw.summary_html else text
    title = plain_text(raw.title) or summarise(text, 80) or url
    published = _utc(raw.published, now)
    updated = max(_utc(raw.updated, now) or published or now, published or now)
    language = detect_language(
        f"{title}. {text}", options.languages, fallback=raw.language or source.language
    )
    return Item(
        source_id=source.id,
        key=raw.guid.strip() if raw.guid and raw.guid.strip() else url,
        canonical_url=url,
        url=raw.url,
        title=title,
        content_html=content_html,
        summary=summarise(summary_source, options.summary_length),
        published=published or now,
        updated=updated,
        language=language,
        content_hash=content_hash(title, text),
        author=plain_text(raw.author) or None if raw.author else None,
        image_url=canonical_url(raw.image_url) if raw.image_url else None,
        categories=tuple(dict.fromkeys(plain_text(c) for c in raw.categories if plain_text(c))),
        links=tuple(Link(canonical_url(link.href, source.host_aliases), link.title, link.hreflang)
                    for link in raw.links),
        metadata=_metadata(raw, source),
        dated=raw.published is not None,
    )


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
