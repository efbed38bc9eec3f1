"""The feedgen rendering of Atom and RSS as it was until 2026-12-03, kept as the reference the
Atom and RSS text feeds/publish/render.py writes must equal byte for byte (tests/publish/test_render_reference.py).

feedgen is the contract of the documents' shape: element order, which elements an entry has, date formats.
The service renders without it (it cost about three quarters of a feed's rendering time at 50 entries).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from feedgen.feed import FeedGenerator
from lxml import etree

from feeds import __version__
from feeds.model import Entry
from feeds.publish.render import (
    ATOM_NS,
    EPOCH,
    GENERATOR_URI,
    MEDIA_TYPES,
    XML_LANG,
    FeedMeta,
    _categories,
    _image_type,
)
from feeds.publish.safety import distinct_related, safe_entry, xml_safe
from tests.support.lxml_render import _serialise


def render_reference(fmt: str, meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The Atom or RSS bytes feedgen gave for `entries` (render.render's body for the same input)."""
    entries = [safe_entry(entry) for entry in entries]
    newest = max((e.updated for e in entries), default=meta.updated or EPOCH)
    return _render_atom(meta, entries, newest) if fmt == "atom" else _render_rss(meta, entries, newest)


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


def _drop(element: Any, tag: str) -> None:
    for child in element.findall(tag):
        element.remove(child)
