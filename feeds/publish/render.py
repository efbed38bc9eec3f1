"""Render entries as Atom 1.0 (RFC 4287), RSS 2.0 or JSON Feed 1.1.

Output depends only on the entries and the feed metadata: the same input gives the same
bytes, so ETags stay stable between collects that changed nothing. Feed-level dates are
the newest entry date, never the time of rendering.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

from feeds import __version__
from feeds.model import Entry

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
FORMATS = tuple(MEDIA_TYPES)
GENERATOR_URI = "https://github.com/clusterfeeds/clusterfeeds"


@dataclass(frozen=True)
class FeedMeta:
    feed_id: str
    title: str
    self_url: str  # this document
    home_url: str  # the HTML page for humans
    description: str = "European cluster news"
    language: str | None = None
    alternates: tuple[tuple[str, str], ...] = ()  # (format, url) of the same feed in other formats


@dataclass(frozen=True)
class Rendered:
    body: bytes
    media_type: str
    etag: str  # strong validator of the body
    last_modified: datetime  # newest change among the entries


def render(fmt: str, meta: FeedMeta, entries: Sequence[Entry]) -> Rendered:
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown feed format {fmt!r}")
    newest = max((e.updated for e in entries), default=EPOCH)
    body = _render_json(meta, entries) if fmt == "json" else _render_xml(fmt, meta, entries, newest)
    return Rendered(body, MEDIA_TYPES[fmt], hashlib.sha256(body).hexdigest()[:32], newest)


def _render_xml(fmt: str, meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> bytes:
    generator = FeedGenerator()
    generator.id(meta.feed_id)
    generator.title(meta.title)
    generator.subtitle(meta.description)
    generator.description(meta.description)
    generator.link(href=meta.home_url, rel="alternate", type="text/html")
    generator.link(href=meta.self_url, rel="self", type=MEDIA_TYPES[fmt].split(";")[0])
    generator.generator("ClusterFeeds", version=__version__, uri=GENERATOR_URI)
    generator.updated(newest)
    generator.lastBuildDate(newest)
    if meta.language:
        generator.language(meta.language)
    # feedgen prepends entries; add oldest first so the document lists newest first.
    for entry in reversed(entries):
        _add_entry(generator, entry)
    if fmt == "atom":
        return bytes(generator.atom_str(pretty=True))
    return bytes(generator.rss_str(pretty=True))


def _add_entry(generator: FeedGenerator, entry: Entry) -> None:
    item = generator.add_entry()
    item.id(entry.entry_id)
    item.guid(entry.entry_id, permalink=False)
    item.title(entry.title)
    item.link(href=entry.link, rel="alternate", hreflang=entry.language, title=entry.source_name)
    for related in entry.related:
        item.link(href=related.href, rel="related", title=related.title, hreflang=related.hreflang)
    if entry.content_html:
        item.content(entry.content_html, type="html")
    item.summary(entry.summary or entry.title)
    item.description(entry.summary or entry.title)
    item.published(entry.published)
    item.updated(entry.updated)
    if entry.author:
        item.author({"name": entry.author})
    item.source(url=entry.link, title=entry.source_name)
    if entry.image_url:
        item.enclosure(entry.image_url, 0, _image_type(entry.image_url))


def _image_type(url: str) -> str:
    lowered = url.lower().split("?")[0]
    for ending, media_type in ((".png", "image/png"), (".gif", "image/gif"), (".webp", "image/webp"),
                               (".svg", "image/svg+xml")):
        if lowered.endswith(ending):
            return media_type
    return "image/jpeg"


def _render_json(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "home_page_url": meta.home_url,
        "feed_url": meta.self_url,
        "description": meta.description,
        "items": [_json_item(entry) for entry in entries],
    }
    if meta.language:
        document["language"] = meta.language
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _json_item(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.entry_id,
        "url": entry.link,
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "_clusterfeeds": {
            "source": {"id": entry.source_id, "name": entry.source_name},
            "related": [{"url": r.href, "title": r.title, "language": r.hreflang} for r in entry.related],
        },
    }
    if entry.language:
        item["language"] = entry.language
    if entry.author:
        item["authors"] = [{"name": entry.author}]
    if entry.image_url:
        item["image"] = entry.image_url
    return item
