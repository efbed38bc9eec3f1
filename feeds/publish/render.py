"""Render entries as Atom 1.0 (RFC 4287), RSS 2.0 or JSON Feed 1.1.

Output depends only on the entries and the feed metadata: the same input gives the same
bytes, so ETags stay stable between collects that changed nothing. Feed-level dates are
the newest entry date (an empty feed: the store's last change, `FeedMeta.updated`), never
the time of rendering. Every entry passes `safety.safe_entry` first: characters XML 1.0
forbids are removed from every string and every URL must be http(s), so no stored value
can make a document fail or carry a hostile link.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from feedgen.feed import FeedGenerator
from lxml import etree

from feeds import __version__
from feeds.model import Entry, Tag
from feeds.publish.safety import distinct_related, outbound_url, safe_entry, xml_safe

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
__all__ = ["FORMATS", "MEDIA_TYPES", "FeedMeta", "Rendered", "render", "xml_safe"]


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
    updated: datetime | None = None  # an empty feed's date: when the store's content last changed


@dataclass(frozen=True)
class Rendered:
    body: bytes
    media_type: str
    etag: str  # strong validator of the body
    last_modified: datetime  # newest change among the entries


def render(fmt: str, meta: FeedMeta, entries: Sequence[Entry]) -> Rendered:
    if fmt not in MEDIA_TYPES:
        raise ValueError(f"unknown feed format {fmt!r}")
    entries = [safe_entry(entry) for entry in entries]
    newest = max((e.updated for e in entries), default=meta.updated or EPOCH)
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
    generator.id(xml_safe(meta.feed_id))
    generator.title(xml_safe(meta.title))
    generator.subtitle(xml_safe(meta.description))
    generator.description(xml_safe(meta.description))
    generator.link(href=xml_safe(meta.home_url), rel="alternate", type="text/html")
    generator.link(href=xml_safe(meta.self_url), rel="self", type=MEDIA_TYPES[fmt].split(";")[0])
    for rel, href in (("hub", meta.hub_url), ("first", meta.first_url), ("next", meta.next_url)):
        if href and fmt == "atom":
            generator.link(href=xml_safe(href), rel=rel)
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
    item.title(entry.title)
    if entry.link:  # Atom links are rewritten in _atom_links (feedgen drops attributes)
        item.link(href=entry.link, rel="alternate")
    if entry.content_html:
        item.content(entry.content_html, type="html")
    item.summary(entry.summary or entry.title)  # also the RSS description
    item.published(entry.published)
    item.updated(entry.updated)
    # RFC 4287 §4.1.2: every entry has an author; without a byline the source is the author
    author = {"name": entry.author} if entry.author else {"name": entry.source_name or entry.source_id}
    if not entry.author and entry.source_url:
        author["uri"] = entry.source_url
    item.author(author)
    if entry.author:
        item.dc.dc_creator(entry.author)
    for category in _categories(meta, entry):
        item.category(**category)
    source_feed = meta.source_feed_url.replace("{id}", entry.source_id) if meta.source_feed_url else entry.link
    item.source(url=xml_safe(source_feed), title=entry.source_name)
    if entry.image_url:
        item.enclosure(entry.image_url, str(entry.image_length or 0), _image_type(entry))


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
            # the source feed held this version as of its last change (stable: not the fetch time)
            etree.SubElement(source, f"{{{ATOM_NS}}}updated").text = entry.updated.isoformat()
    return _serialise(root)


def _atom_links(element: Any, entry: Entry) -> None:
    """The entry's links: the primary version, one `related` per other version, the image."""
    for link in element.findall(f"{{{ATOM_NS}}}link"):
        element.remove(link)
    position = list(element).index(element.find(f"{{{ATOM_NS}}}title")) + 1
    links = [{"rel": "alternate", "type": "text/html", "href": entry.link, "hreflang": entry.language}]
    links += [{"rel": "related", "type": "text/html", "href": related.href, "hreflang": related.hreflang,
               "title": related.title} for related in distinct_related(entry)]
    if entry.image_url:
        links.append({"rel": "enclosure", "type": _image_type(entry), "href": entry.image_url,
                      "length": str(entry.image_length) if entry.image_length else None})
    for attributes in links:
        link = etree.Element(f"{{{ATOM_NS}}}link", {k: v for k, v in attributes.items() if v})
        element.insert(position, link)
        position += 1


def _render_rss(meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> bytes:
    root = etree.fromstring(_generator("rss", meta, entries, newest).rss_str(pretty=False))
    channel = root.find("channel")
    channel.find("link").text = xml_safe(meta.home_url)  # feedgen puts the last link there: the feed itself
    self_link = channel.find(f"{{{ATOM_NS}}}link")
    position = list(channel).index(self_link) + 1
    for rel, href in (("hub", meta.hub_url), ("first", meta.first_url), ("next", meta.next_url)):
        if href:
            channel.insert(position, etree.Element(f"{{{ATOM_NS}}}link", rel=rel, href=xml_safe(href)))
            position += 1
    for element, entry in zip(channel.iterfind("item"), entries, strict=True):
        description = element.find("description")
        if description is not None and description.text:  # readers render it as HTML; the summary is plain text
            description.text = html.escape(description.text, quote=False)
        # RSS has no label attribute: the text is the label readers show, the domain names the
        # vocabulary and the term in it (<base_url>/countries#de).
        for category, wanted in zip(element.iterfind("category"), _categories(meta, entry), strict=True):
            category.text = wanted["label"]
            category.set("domain", f"{wanted['scheme']}#{wanted['term']}")
        if not entry.link:
            _drop(element, "link")
        for related in distinct_related(entry):
            link = etree.SubElement(element, f"{{{ATOM_NS}}}link", rel="related", href=related.href)
            if related.hreflang:
                link.set("hreflang", related.hreflang)
    return _serialise(root)


def _serialise(root: Any) -> bytes:
    etree.indent(root, space="  ")
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _drop(element: Any, tag: str) -> None:
    for child in element.findall(tag):
        element.remove(child)


def _image_type(entry: Entry) -> str:
    """The image's media type as the source stated it, else guessed from the file name."""
    if entry.image_type:
        return entry.image_type
    lowered = (entry.image_url or "").lower().split("?")[0]
    for ending, media_type in ((".png", "image/png"), (".gif", "image/gif"), (".webp", "image/webp"),
                               (".svg", "image/svg+xml")):
        if lowered.endswith(ending):
            return media_type
    return "image/jpeg"


def _render_json(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": xml_safe(meta.title),
        "home_page_url": outbound_url(meta.home_url),
        "feed_url": outbound_url(meta.self_url),
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
    item: dict[str, Any] = {"id": entry.entry_id}
    if entry.link:
        item["url"] = entry.link
    item.update({
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
    })
    if entry.language:
        item["language"] = entry.language
    if entry.author:
        item["authors"] = [{"name": entry.author}]
        item["author"] = {"name": entry.author}  # JSON Feed 1.0's field, which 1.1 keeps for older readers
    if entry.image_url:
        item["image"] = entry.image_url
    if categories:
        item["tags"] = [category["label"] for category in categories]
    item["_clusterfeeds"] = {
        "source": {"id": entry.source_id, "name": entry.source_name},
        "related": [{"url": r.href, "title": r.title or "", "language": r.hreflang}
                    for r in distinct_related(entry)],
        "categories": categories,
    }
    return item
