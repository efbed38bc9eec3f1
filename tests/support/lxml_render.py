"""The lxml rendering of Atom and RSS as it was until 2026-12-05: element trees that libxml2 wrote indented. Kept as
the reference the text feeds/publish/render.py writes directly must equal byte for byte
(tests/publish/test_serialise.py); it equalled the feedgen rendering (tests/support/feedgen_render.py).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from lxml import etree

from feeds import __version__
from feeds.model import Entry
from feeds.publish.render import (
    ATOM_NS,
    CONTENT_NS,
    DC_NS,
    EPOCH,
    GENERATOR_URI,
    MEDIA_TYPES,
    RSS_NAMESPACES,
    XML_LANG,
    FeedMeta,
    _categories,
    _image_type,
    _rfc2822,
    _source_feed,
)
from feeds.publish.safety import distinct_related, safe_entry, xml_safe


def render_lxml(fmt: str, meta: FeedMeta, entries: Sequence[Entry], indent_first: bool = False) -> bytes:
    """The Atom or RSS bytes the lxml trees gave for `entries` (render.render's body for the same input); with
    `indent_first`, the tree indented by `etree.indent` before it is written, as until 2026-12-04."""
    entries = [safe_entry(entry) for entry in entries]
    newest = max((e.updated for e in entries), default=meta.updated or EPOCH)
    root = _atom_tree(meta, entries, newest) if fmt == "atom" else _rss_tree(meta, entries, newest)
    if indent_first:
        etree.indent(root, space="  ")
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return _serialise(root)


def _atom_tree(meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> Any:
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    if meta.language:
        root.set(XML_LANG, meta.language)
    _text_element(root, _atom("id"), xml_safe(meta.feed_id))
    _text_element(root, _atom("title"), xml_safe(meta.title))
    _text_element(root, _atom("updated"), newest.isoformat())
    links: list[tuple[str, str, str | None]] = [(xml_safe(meta.home_url), "alternate", "text/html"),
                                                 (xml_safe(meta.self_url), "self", "application/atom+xml")]
    links += [(xml_safe(href), rel, None) for rel, href in (("hub", meta.hub_url), ("first", meta.first_url),
                                                            ("next", meta.next_url)) if href]
    for href, rel, media_type in links:
        link = etree.SubElement(root, _atom("link"), href=href, rel=rel)
        if media_type:
            link.set("type", media_type)
    generator = _text_element(root, _atom("generator"), "ClusterFeeds")
    generator.set("uri", GENERATOR_URI)
    generator.set("version", __version__)
    _text_element(root, _atom("subtitle"), xml_safe(meta.description))
    for entry in entries:
        _atom_entry(root, meta, entry)
    return root


def _atom_entry(root: Any, meta: FeedMeta, entry: Entry) -> None:
    element = etree.SubElement(root, _atom("entry"))
    if entry.language:
        element.set(XML_LANG, entry.language)
    _text_element(element, _atom("id"), entry.entry_id)
    _text_element(element, _atom("title"), entry.title)
    _atom_links(element, entry)
    _text_element(element, _atom("updated"), entry.updated.isoformat())
    # RFC 4287 §4.1.2: every entry has an author; without a byline the source is the author
    name = entry.author or entry.source_name or entry.source_id
    if name:
        author = etree.SubElement(element, _atom("author"))
        _text_element(author, _atom("name"), name)
        if not entry.author and entry.source_url:
            _text_element(author, _atom("uri"), entry.source_url)
    if entry.content_html:
        _text_element(element, _atom("content"), entry.content_html).set("type", "html")
    _text_element(element, _atom("summary"), entry.summary or entry.title)
    for category in _categories(meta, entry):
        tag = etree.SubElement(element, _atom("category"), term=category["term"], scheme=category["scheme"])
        if category["label"]:
            tag.set("label", category["label"])
    _text_element(element, _atom("published"), entry.published.isoformat())
    source_feed = _source_feed(meta, entry)
    source = etree.SubElement(element, _atom("source"))
    # an Atom source carries the feed's id too, so readers can group by it
    _text_element(source, _atom("id"), source_feed)
    if entry.source_name:
        _text_element(source, _atom("title"), entry.source_name)
    if source_feed:
        etree.SubElement(source, _atom("link"), href=source_feed)
    # the source feed held this version as of its last change (stable: not the fetch time)
    _text_element(source, _atom("updated"), entry.updated.isoformat())


def _atom_links(element: Any, entry: Entry) -> None:
    """The entry's links: the primary version, one `related` per other version, the image."""
    links = [{"rel": "alternate", "type": "text/html", "href": entry.link, "hreflang": entry.language}]
    links += [{"rel": "related", "type": "text/html", "href": related.href, "hreflang": related.hreflang,
               "title": related.title} for related in distinct_related(entry)]
    if entry.image_url:
        links.append({"rel": "enclosure", "type": _image_type(entry), "href": entry.image_url,
                      "length": str(entry.image_length) if entry.image_length else None})
    for attributes in links:
        etree.SubElement(element, _atom("link"), {k: v for k, v in attributes.items() if v})


def _rss_tree(meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> Any:
    root = etree.Element("rss", nsmap=RSS_NAMESPACES)
    root.set("version", "2.0")
    channel = etree.SubElement(root, "channel")
    _text_element(channel, "title", xml_safe(meta.title))
    _text_element(channel, "link", xml_safe(meta.home_url))
    _text_element(channel, "description", xml_safe(meta.description))
    etree.SubElement(channel, _atom("link"), href=xml_safe(meta.self_url), rel="self",
                     type=MEDIA_TYPES["rss"].split(";")[0])
    for rel, href in (("hub", meta.hub_url), ("first", meta.first_url), ("next", meta.next_url)):
        if href:
            etree.SubElement(channel, _atom("link"), rel=rel, href=xml_safe(href))
    _text_element(channel, "docs", "http://www.rssboard.org/rss-specification")
    _text_element(channel, "generator", "ClusterFeeds")
    if meta.language:
        _text_element(channel, "language", meta.language)
    _text_element(channel, "lastBuildDate", _rfc2822(newest))
    for entry in entries:
        _rss_item(channel, meta, entry)
    return root


def _rss_item(channel: Any, meta: FeedMeta, entry: Entry) -> None:
    element = etree.SubElement(channel, "item")
    if entry.title:
        _text_element(element, "title", entry.title)
    if entry.link:
        _text_element(element, "link", entry.link)
    description = entry.summary or entry.title
    if description:
        # readers render it as HTML; the summary is plain text
        _text_element(element, "description", html.escape(description, quote=False))
        if entry.content_html:
            _text_element(element, f"{{{CONTENT_NS}}}encoded", entry.content_html)
    elif entry.content_html:
        _text_element(element, "description", html.escape(entry.content_html, quote=False))
    _text_element(element, "guid", entry.entry_id).set("isPermaLink", "false")
    # RSS has no label attribute: the text is the label readers show, the domain names the
    # vocabulary and the term in it (<base_url>/countries#de).
    for category in _categories(meta, entry):
        _text_element(element, "category", category["label"]).set(
            "domain", f"{category['scheme']}#{category['term']}")
    if entry.image_url:
        etree.SubElement(element, "enclosure", url=entry.image_url, length=str(entry.image_length or 0),
                         type=_image_type(entry))
    _text_element(element, "pubDate", _rfc2822(entry.published))
    source = etree.SubElement(element, "source", url=_source_feed(meta, entry))
    source.text = entry.source_name
    if entry.author:
        _text_element(element, f"{{{DC_NS}}}creator", entry.author)
    for related in distinct_related(entry):
        link = etree.SubElement(element, _atom("link"), rel="related", href=related.href)
        if related.hreflang:
            link.set("hreflang", related.hreflang)


def _atom(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def _text_element(parent: Any, tag: str, value: str | None) -> Any:
    element = etree.SubElement(parent, tag)
    element.text = value
    return element


def _serialise(root: Any) -> bytes:
    # libxml2's own indentation while it writes (two spaces a level; no element holds both text and children)
    # is byte for byte what etree.indent(root, space="  ") wrote before serialising, but the final newline,
    # in a fifth of the time (etree.indent rewrote every element's whitespace first)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)).removesuffix(b"\n")
