"""Render entries as Atom 1.0 (RFC 4287), RSS 2.0 or JSON Feed 1.1.

Output depends only on the entries and the feed metadata: the same input gives the same
bytes, so ETags stay stable between collects that changed nothing. Feed-level dates are
the newest entry date, never the time of rendering. Characters XML 1.0 forbids are removed
from every string before it reaches a document.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from feedgen.feed import FeedGenerator
from lxml import etree

from feeds import __version__
from feeds.model import Entry, Tag

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
FORMATS = tuple(MEDIA_TYPES)
GENERATOR_URI = "https://github.com/clusterfeeds/clusterfeeds"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CATEGORY_SCHEMES = {"country": "countries", "topic": "topics"}
# XML 1.0 section 2.2: everything outside these ranges may not appear, even escaped.
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    """`value` without the characters XML 1.0 forbids (NUL, most C0 controls, lone surrogates, U+FFFE/F)."""
    return _ILLEGAL_XML.sub("", value)


@dataclass(frozen=True)
class FeedMeta:
    feed_id: str
    title: str
    self_url: str  # this document
    home_url: str  # the HTML page for humans
    base_url: str = ""  # category schemes are <base_url>/countries and <base_url>/topics
    description: str = "European cluster news"
    language: str | None = None
    labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # "country:pl" -> "Polen"
    next_url: str | None = None  # RFC 5005: the next page of older entries
    first_url: str | None = None  # RFC 5005: the first page
    hub_url: str | None = None  # WebSub hub
    source_feed_url: str = ""  # "{id}" is replaced by a source id: the per-source feed (Atom/RSS <source>)


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
    if fmt == "json":
        body = _render_json(meta, entries)
    elif fmt == "atom":
        body = _render_atom(meta, entries, newest)
    else:
        body = _render_rss(meta, entries, newest)
    return Rendered(body, MEDIA_TYPES[fmt], hashlib.sha256(body).hexdigest()[:32], newest)


def category_label(meta: FeedMeta, tag: Tag) -> str:
    return meta.labels.get(f"{tag.kind}:{tag.code}") or tag.code


def _categories(meta: FeedMeta, entry: Entry) -> list[dict[str, str]]:
    return [
        {"term": tag.code.lower(), "scheme": f"{meta.base_url}/{CATEGORY_SCHEMES[tag.kind]}",
         "label": xml_safe(category_label(meta, tag))}
        for tag in entry.tags if tag.kind in CATEGORY_SCHEMES
    ]


def _generator(fmt: str, meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)
    generator.id(meta.feed_id)
    generator.title(xml_safe(meta.title))
    generator.subtitle(xml_safe(meta.description))
    generator.description(xml_safe(meta.description))
    generator.link(href=meta.home_url, rel="alternate", type="text/html")
    generator.link(href=meta.self_url, rel="self", type=MEDIA_TYPES[fmt].split(";")[0])
    for rel, href in (("hub", meta.hub_url), ("first", meta.first_url), ("next", meta.next_url)):
        if href and fmt == "atom":
            generator.link(href=href, rel=rel)
    generator.generator("ClusterFeeds", version=__version__, uri=GENERATOR_URI)
    generator.updated(newest)
    generator.lastBuildDate(newest)
    if meta.language:
        generator.language(meta.language)
    # feedgen prepends entries; add oldest first so the document lists newest first.
    for entry in reversed(entries):
        _add_entry(generator, meta, entry)
    return generator


def _add_entry(generator: FeedGenerator, meta: FeedMeta, entry: Entry) -> None:
    item = generator.add_entry()
    item.id(entry.entry_id)
    item.guid(entry.entry_id, permalink=False)
    item.title(xml_safe(entry.title))
    item.link(href=entry.link, rel="alternate")  # Atom links are rewritten in _atom_links (feedgen drops attributes)
    if entry.content_html:
        item.content(xml_safe(entry.content_html), type="html")
    item.summary(xml_safe(entry.summary or entry.title))  # also the RSS description
    item.published(entry.published)
    item.updated(entry.updated)
    if entry.author:
        item.author({"name": xml_safe(entry.author)})
        item.dc.dc_creator(xml_safe(entry.author))
    for category in _categories(meta, entry):
        item.category(**category)
    source_feed = meta.source_feed_url.replace("{id}", entry.source_id) if meta.source_feed_url else entry.link
    item.source(url=source_feed, title=xml_safe(entry.source_name))
    if entry.image_url:
        item.enclosure(entry.image_url, "0", _image_type(entry.image_url))


def _render_atom(meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> bytes:
    root = etree.fromstring(_generator("atom", meta, entries, newest).atom_str(pretty=False))
    if meta.language:
        root.set(XML_LANG, meta.language)
    for element, entry in zip(root.iterfind(f"{{{ATOM_NS}}}entry"), entries, strict=True):
        if entry.language:
            element.set(XML_LANG, entry.language)
        _atom_links(element, entry)
        source = element.find(f"{{{ATOM_NS}}}source")
        if source is not None:  # an Atom source carries the feed's id too, so readers can group by it
            source_id = etree.Element(f"{{{ATOM_NS}}}id")
            source_id.text = source.find(f"{{{ATOM_NS}}}link").get("href")
            source.insert(0, source_id)
    return _serialise(root)


def _atom_links(element: Any, entry: Entry) -> None:
    """The entry's links: the primary version, one `related` per other version, the image."""
    for link in element.findall(f"{{{ATOM_NS}}}link"):
        element.remove(link)
    position = list(element).index(element.find(f"{{{ATOM_NS}}}title")) + 1
    links = [{"rel": "alternate", "type": "text/html", "href": entry.link, "hreflang": entry.language}]
    links += [{"rel": "related", "type": "text/html", "href": related.href, "hreflang": related.hreflang,
               "title": xml_safe(related.title) if related.title else None} for related in entry.related]
    if entry.image_url:
        links.append({"rel": "enclosure", "type": _image_type(entry.image_url), "href": entry.image_url})
    for attributes in links:
        link = etree.Element(f"{{{ATOM_NS}}}link", {k: v for k, v in attributes.items() if v})
        element.insert(position, link)
        position += 1


def _render_rss(meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> bytes:
    root = etree.fromstring(_generator("rss", meta, entries, newest).rss_str(pretty=False))
    channel = root.find("channel")
    self_link = channel.find(f"{{{ATOM_NS}}}link")
    position = list(channel).index(self_link) + 1
    for rel, href in (("hub", meta.hub_url), ("first", meta.first_url), ("next", meta.next_url)):
        if href:
            channel.insert(position, etree.Element(f"{{{ATOM_NS}}}link", rel=rel, href=href))
            position += 1
    for element, entry in zip(channel.iterfind("item"), entries, strict=True):
        description = element.find("description")
        if description is not None and description.text:  # readers render it as HTML; the summary is plain text
            description.text = html.escape(description.text, quote=False)
        # RSS has no label attribute: the text is the term, the domain says which vocabulary.
        for category, wanted in zip(element.iterfind("category"), _categories(meta, entry), strict=True):
            category.text = wanted["term"]
        for related in entry.related:
            link = etree.SubElement(element, f"{{{ATOM_NS}}}link", rel="related", href=related.href)
            if related.hreflang:
                link.set("hreflang", related.hreflang)
    return _serialise(root)


def _serialise(root: Any) -> bytes:
    etree.indent(root, space="  ")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


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
        "title": xml_safe(meta.title),
        "home_page_url": meta.home_url,
        "feed_url": meta.self_url,
        "description": xml_safe(meta.description),
    }
    if meta.next_url:
        document["next_url"] = meta.next_url
    if meta.language:
        document["language"] = meta.language
    if meta.hub_url:
        document["hubs"] = [{"type": "WebSub", "url": meta.hub_url}]
    document["items"] = [_json_item(meta, entry) for entry in entries]
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _json_item(meta: FeedMeta, entry: Entry) -> dict[str, Any]:
    categories = _categories(meta, entry)
    item: dict[str, Any] = {
        "id": entry.entry_id,
        "url": entry.link,
        "title": xml_safe(entry.title),
        "content_html": xml_safe(entry.content_html),
        "summary": xml_safe(entry.summary),
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
    }
    if entry.language:
        item["language"] = entry.language
    if entry.author:
        item["authors"] = [{"name": xml_safe(entry.author)}]
    if entry.image_url:
        item["image"] = entry.image_url
    if categories:
        item["tags"] = [category["label"] for category in categories]
    item["_clusterfeeds"] = {
        "source": {"id": entry.source_id, "name": xml_safe(entry.source_name)},
        "related": [{"url": r.href, "title": xml_safe(r.title or ""), "language": r.hreflang}
                    for r in entry.related],
        "categories": categories,
    }
    return item
