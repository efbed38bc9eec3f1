"""`kind: feed`: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed 1.x by hand.

feedparser 6.0 does not read JSON Feed, so JSON bodies are mapped here directly from the
JSON Feed 1.1 spec (https://www.jsonfeed.org/version/1.1/).
"""

from __future__ import annotations

import calendar
import email.utils
import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import feedparser

from feeds.collect.adapters.base import Collected, Previous
from feeds.collect.adapters.feedpages import PAGE_KEYS, complete_from_pages, pages_mode
from feeds.collect.charset import to_utf8
from feeds.collect.errors import CollectError, ParseError
from feeds.collect.http import Fetcher, Validators
from feeds.collect.xmlguard import check_xml
from feeds.config import SourceConfig
from feeds.model import Link, RawItem

ACCEPT = ("application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, "
          "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
# Anything before the XML declaration or the root element, e.g. Drupal theme-debug comments.
_XML_START = re.compile(rb"<\?xml|<(rss|feed|rdf:RDF)[\s>]")
_RFC822_TIME_LAST = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*$")


class FeedAdapter:
    kind = "feed"
    # `timezone`: the zone of dates the feed writes without one; `pages` and the page keys: entries completed from
    # their article pages (feedpages.py)
    option_keys: frozenset[str] = frozenset({"timezone"}) | PAGE_KEYS

    def collect(self, source: SourceConfig, fetcher: Fetcher, previous: Previous) -> Collected:
        mode = pages_mode(source)
        validators = previous.validators
        fetched = fetcher.get(source.url, validators, accept=ACCEPT)
        if fetched.not_modified:
            kept = Validators(fetched.validators.etag or validators.etag,
                              fetched.validators.last_modified or validators.last_modified)
            return Collected((), kept, not_modified=True)
        items = parse_feed(source, fetched.body, fetched.url, fetched.content_type)
        if mode == "never":
            return Collected(tuple(items), fetched.validators)
        completed, state = complete_from_pages(source, fetcher, items, mode, previous.state or {})
        return Collected(tuple(completed), fetched.validators, state=state)


def parse_feed(source: SourceConfig, body: bytes, url: str, content_type: str | None) -> list[RawItem]:
    """Parse a feed document into raw items; raise ParseError if it is not a feed at all."""
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"{", b"[")):
        return _parse_json_feed(source, stripped, url)
    body = to_utf8(_strip_leading_junk(body), content_type, url)  # Big5, Shift_JIS, `utf16` … as UTF-8
    check_xml(body, url)  # entity bombs and deep nesting are refused before feedparser sees them
    return _parse_xml_feed(source, body, url, _as_utf8(content_type))


def _as_utf8(content_type: str | None) -> str:
    """The media type of the response, with the charset of the body we now hold."""
    media_type = (content_type or "application/xml").split(";", 1)[0].strip() or "application/xml"
    return f"{media_type}; charset=utf-8"


def _strip_leading_junk(body: bytes) -> bytes:
    match = _XML_START.search(body, 0, 65536)
    return body[match.start():] if match and match.start() > 0 else body


def _parse_xml_feed(source: SourceConfig, body: bytes, url: str, content_type: str | None) -> list[RawItem]:
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no feed found"
        raise ParseError(f"not a feed: {reason}", url)
    feed_language = _language(parsed.feed.get("language")) or source.language
    zone = source_zone(source)
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or _first_alternate(entry)
        title = entry.get("title") or ""
        if not link and not entry.get("id"):
            continue
        content = entry.get("content") or []
        content_html = content[0].get("value") if content else None
        items.append(RawItem(
            source_id=source.id,
            url=link or entry.get("id", ""),
            title=title,
            guid=entry.get("id"),
            content_html=content_html,
            summary_html=entry.get("summary"),
            author=entry.get("author"),
            published=_in_zone(_struct_time(entry.get("published_parsed")), entry.get("published"), zone),
            # feedparser maps a missing updated_parsed to published_parsed with a warning
            updated=_in_zone(_struct_time(dict.get(entry, "updated_parsed")), dict.get(entry, "updated"), zone),
            language=_language(_entry_language(entry)) or feed_language,
            **_image(entry),
            categories=tuple(t["term"] for t in entry.get("tags", []) if t.get("term")),
            links=tuple(
                Link(href=lk["href"], title=lk.get("title"), hreflang=lk.get("hreflang"))
                for lk in entry.get("links", [])
                if lk.get("rel") == "related" and lk.get("href")
            ),
        ))
    return items


def _first_alternate(entry: Mapping[str, Any]) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _entry_language(entry: Mapping[str, Any]) -> str | None:
    for detail in ("title_detail", "summary_detail"):
        language = (entry.get(detail) or {}).get("language")
        if language:
            return str(language)
    return None


def _image(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The entry's image (an image enclosure, else a media thumbnail) with the type and length it states."""
    for enclosure in entry.get("enclosures", []):
        if str(enclosure.get("type", "")).startswith("image/") and enclosure.get("href"):
            length = str(enclosure.get("length") or "").strip()
            return {"image_url": str(enclosure["href"]), "image_type": str(enclosure["type"]),
                    "image_length": int(length) if length.isascii() and length.isdigit() else None}
    for thumb in entry.get("media_thumbnail", []) or []:
        if thumb.get("url"):
            return {"image_url": str(thumb["url"])}
    return {}


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (OverflowError, ValueError, OSError):  # a year no clock holds: no date
        return None


def _language(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if re.fullmatch(r"[a-z]{2}", code) else None


def _parse_json_feed(source: SourceConfig, body: bytes, url: str) -> list[RawItem]:
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParseError(f"invalid JSON Feed: {exc}", url) from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith("https://jsonfeed.org/"):
        raise ParseError("JSON document is not a JSON Feed (no jsonfeed.org version)", url)
    feed_language = _language(document.get("language")) or source.language
    zone = source_zone(source)
    items = []
    for entry in document.get("items") or []:
        if not isinstance(entry, dict) or not (entry.get("url") or entry.get("id")):
            continue
        authors = entry.get("authors") or ([entry["author"]] if isinstance(entry.get("author"), dict) else [])
        names = [str(a["name"]) for a in authors if isinstance(a, dict) and a.get("name")]
        items.append(RawItem(
            source_id=source.id,
            url=str(entry.get("url") or entry.get("external_url") or entry.get("id")),
            title=str(entry.get("title") or ""),
            guid=str(entry["id"]) if entry.get("id") is not None else None,
            content_html=entry.get("content_html") or _text_as_html(entry.get("content_text")),
            summary_html=_text_as_html(entry.get("summary")),
            author=", ".join(names) or None,
            published=_local(_iso_datetime(entry.get("date_published")), zone),
            updated=_local(_iso_datetime(entry.get("date_modified")), zone),
            language=_language(entry.get("language")) or feed_language,
            image_url=entry.get("image") or entry.get("banner_image"),
            categories=tuple(str(t) for t in entry.get("tags") or [] if isinstance(t, str)),
        ))
    return items


def _text_as_html(text: object) -> str | None:
    if not isinstance(text, str) or not text:
        return None
    from html import escape

    return "<p>" + escape(text).replace("\n\n", "</p><p>") + "</p>"


def _iso_datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def source_zone(source: SourceConfig) -> ZoneInfo | None:
    """The source's `timezone` option: the zone of dates written without one (None: they are UTC)."""
    name = source.options.get("timezone")
    if not name:
        return None
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise CollectError(f"source {source.id!r}: bad option: unknown timezone {name!r}") from None


def _in_zone(moment: datetime | None, written: object, zone: ZoneInfo | None) -> datetime | None:
    """A date written without a zone is wall time in the source's zone (UTC without one).

    feedparser reads such ISO dates as UTC and drops such RFC 822 dates altogether."""
    wall = _zone_less_wall_time(written) if isinstance(written, str) else None
    if wall is None:
        return moment
    return wall.replace(tzinfo=zone or UTC).astimezone(UTC)


def _zone_less_wall_time(written: str) -> datetime | None:
    """The wall time of an RFC 822 or ISO 8601 date string that names no zone; None if it names one."""
    text = written.strip()
    if not re.match(r"\d{4}-\d{2}-\d{2}", text):
        fields = email.utils.parsedate_tz(text)
        if fields is None or not _RFC822_TIME_LAST.search(text):  # something after the time: a zone
            return None
        try:
            return datetime(*fields[:6])
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is None else None


def _local(moment: datetime | None, zone: ZoneInfo | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None or zone is None:
        return moment
    return moment.replace(tzinfo=zone)
