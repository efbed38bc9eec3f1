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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from json.encoder import encode_basestring
from types import MappingProxyType
from typing import Any, TypeVar

from feeds import __version__
from feeds.model import Entry, Tag
from feeds.publish.safety import distinct_related, outbound_url, safe_entry, xml_safe

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
Written = TypeVar("Written")
MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
FORMATS = tuple(MEDIA_TYPES)
GENERATOR_URI = "https://github.com/clusterfeeds/clusterfeeds"
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
RSS_NAMESPACES = {"dc": DC_NS, "atom": ATOM_NS, "content": CONTENT_NS}  # the order feedgen wrote them in
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CATEGORY_SCHEMES = {"country": "countries", "topic": "topics"}
ITEM_INDENT = "\n  "  # a JSON Feed item's place: in the document's list `items`
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
    return Rendered(body, MEDIA_TYPES[fmt], etag_of(body), newest)


def etag_of(body: bytes) -> str:
    """The strong validator of a body: what the bytes are, never when they were made."""
    return hashlib.sha256(body).hexdigest()[:32]


def category_label(meta: FeedMeta, tag: Tag) -> str:
    return meta.labels.get(f"{tag.kind}:{tag.code}") or tag.code


def _categories(meta: FeedMeta, entry: Entry) -> list[dict[str, str]]:
    return [_category(meta, tag) for tag in entry.tags if tag.kind in CATEGORY_SCHEMES]


def _category(meta: FeedMeta, tag: Tag) -> dict[str, str]:
    return {"term": tag.code.lower(), "scheme": f"{meta.base_url}/{CATEGORY_SCHEMES[tag.kind]}",
            "label": xml_safe(category_label(meta, tag))}


def _category_lines(meta: FeedMeta, entry: Entry, written: dict[tuple[str, str], Written],
                    write: Callable[[dict[str, str]], Written]) -> list[Written]:
    """The entry's categories in `_categories`' order, each as `write` writes it: a tag this document wrote
    already (`written`, by kind and code) is not written again (a page's entries share a few tags)."""
    lines = []
    for tag in entry.tags:
        if tag.kind in CATEGORY_SCHEMES:
            line = written.get((tag.kind, tag.code))
            if line is None:
                line = written[tag.kind, tag.code] = write(_category(meta, tag))
            lines.append(line)
    return lines


# Atom and RSS are written as text directly, character for character what the lxml trees of before gave when
# libxml2 wrote them indented (tests/support/lxml_render.py keeps that path, tests/publish/test_serialise.py
# compares), which were what the feedgen rendering gave (tests/support/feedgen_render.py,
# tests/publish/test_render_reference.py). Building and writing the trees was most of a page's rendering time.
# The shape libxml2 indents: two spaces a level, an element with children has no text, an element without
# children is `<name/>` when it has no text at all and `<name></name>` when its text is empty.


def _render_atom(meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> bytes:
    language = f' xml:lang="{_attribute(xml_safe(meta.language))}"' if meta.language else ""
    out = [f"{XML_DECLARATION}<feed xmlns=\"{ATOM_NS}\"{language}>\n",
           _element("  ", "id", xml_safe(meta.feed_id)), _element("  ", "title", xml_safe(meta.title)),
           _element("  ", "updated", newest.isoformat())]
    links: list[tuple[str, str, str | None]] = [(xml_safe(meta.home_url), "alternate", "text/html"),
                                                 (xml_safe(meta.self_url), "self", "application/atom+xml")]
    links += [(xml_safe(href), rel, None) for rel, href in (("hub", meta.hub_url), ("first", meta.first_url),
                                                            ("next", meta.next_url)) if href]
    for href, rel, media_type in links:
        out.append(_empty("  ", "link", (("href", href), ("rel", rel), ("type", media_type))))
    out += (f'  <generator uri="{_attribute(GENERATOR_URI)}" version="{_attribute(__version__)}">ClusterFeeds'
            "</generator>\n", _element("  ", "subtitle", xml_safe(meta.description)))
    written: dict[tuple[str, str], str] = {}
    for entry in entries:
        _atom_entry(out, meta, entry, written)
    out.append("</feed>")
    return "".join(out).encode("utf-8")


def _atom_entry(out: list[str], meta: FeedMeta, entry: Entry, written: dict[tuple[str, str], str]) -> None:
    language = f' xml:lang="{_attribute(entry.language)}"' if entry.language else ""
    updated = entry.updated.isoformat()
    out += (f"  <entry{language}>\n", _element("    ", "id", entry.entry_id), _element("    ", "title", entry.title))
    _atom_links(out, entry)
    out.append(f"    <updated>{updated}</updated>\n")
    # RFC 4287 §4.1.2: every entry has an author; without a byline the source is the author
    name = entry.author or entry.source_name or entry.source_id
    if name:
        out += ("    <author>\n", _element("      ", "name", name))
        if not entry.author and entry.source_url:
            out.append(_element("      ", "uri", entry.source_url))
        out.append("    </author>\n")
    if entry.content_html:
        out.append(f'    <content type="html">{_text(entry.content_html)}</content>\n')
    out.append(_element("    ", "summary", entry.summary or entry.title))
    out += _category_lines(meta, entry, written, _atom_category)
    source_feed = _source_feed(meta, entry)
    # an Atom source carries the feed's id too, so readers can group by it
    out += (f"    <published>{entry.published.isoformat()}</published>\n    <source>\n",
            _element("      ", "id", source_feed))
    if entry.source_name:
        out.append(_element("      ", "title", entry.source_name))
    if source_feed:
        out.append(f'      <link href="{_attribute(source_feed)}"/>\n')
    # the source feed held this version as of its last change (stable: not the fetch time)
    out.append(f"      <updated>{updated}</updated>\n    </source>\n  </entry>\n")


def _atom_category(category: dict[str, str]) -> str:
    label = f' label="{_attribute(category["label"])}"' if category["label"] else ""
    return f'    <category term="{_attribute(category["term"])}" scheme="{_attribute(category["scheme"])}"{label}/>\n'


def _atom_links(out: list[str], entry: Entry) -> None:
    """The entry's links: the primary version, one `related` per other version, the image (an empty value: no
    attribute)."""
    out.append(f'    <link rel="alternate" type="text/html"{_present("href", entry.link)}'
               f'{_present("hreflang", entry.language)}/>\n')
    for related in distinct_related(entry):
        out.append(f'    <link rel="related" type="text/html"{_present("href", related.href)}'
                   f'{_present("hreflang", related.hreflang)}{_present("title", related.title)}/>\n')
    if entry.image_url:
        length = str(entry.image_length) if entry.image_length else None
        out.append(f'    <link rel="enclosure" type="{_attribute(_image_type(entry))}"'
                   f' href="{_attribute(entry.image_url)}"{_present("length", length)}/>\n')


def _render_rss(meta: FeedMeta, entries: Sequence[Entry], newest: datetime) -> bytes:
    namespaces = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in RSS_NAMESPACES.items())
    out = [f'{XML_DECLARATION}<rss{namespaces} version="2.0">\n  <channel>\n',
           _element("    ", "title", xml_safe(meta.title)), _element("    ", "link", xml_safe(meta.home_url)),
           _element("    ", "description", xml_safe(meta.description)),
           _empty("    ", "atom:link", (("href", xml_safe(meta.self_url)), ("rel", "self"),
                                        ("type", MEDIA_TYPES["rss"].split(";")[0])))]
    for rel, href in (("hub", meta.hub_url), ("first", meta.first_url), ("next", meta.next_url)):
        if href:
            out.append(_empty("    ", "atom:link", (("rel", rel), ("href", xml_safe(href)))))
    out.append("    <docs>http://www.rssboard.org/rss-specification</docs>\n    <generator>ClusterFeeds</generator>\n")
    if meta.language:
        out.append(_element("    ", "language", xml_safe(meta.language)))
    out.append(f"    <lastBuildDate>{_rfc2822(newest)}</lastBuildDate>\n")
    written: dict[tuple[str, str], str] = {}
    for entry in entries:
        _rss_item(out, meta, entry, written)
    out.append("  </channel>\n</rss>")
    return "".join(out).encode("utf-8")


def _rss_item(out: list[str], meta: FeedMeta, entry: Entry, written: dict[tuple[str, str], str]) -> None:
    out.append("    <item>\n")
    if entry.title:
        out.append(_element("      ", "title", entry.title))
    if entry.link:
        out.append(_element("      ", "link", entry.link))
    description = entry.summary or entry.title
    if description:
        # readers render it as HTML; the summary is plain text
        out.append(_element("      ", "description", html.escape(description, quote=False)))
        if entry.content_html:
            out.append(_element("      ", "content:encoded", entry.content_html))
    elif entry.content_html:
        out.append(_element("      ", "description", html.escape(entry.content_html, quote=False)))
    out.append(f'      <guid isPermaLink="false">{_text(entry.entry_id)}</guid>\n')
    # RSS has no label attribute: the text is the label readers show, the domain names the
    # vocabulary and the term in it (<base_url>/countries#de).
    out += _category_lines(meta, entry, written, _rss_category)
    if entry.image_url:
        out.append(_empty("      ", "enclosure", (("url", entry.image_url), ("length", str(entry.image_length or 0)),
                                                 ("type", _image_type(entry)))))
    out += (f"      <pubDate>{_rfc2822(entry.published)}</pubDate>\n",
            _element("      ", "source", entry.source_name, f' url="{_attribute(_source_feed(meta, entry))}"'))
    if entry.author:
        out.append(_element("      ", "dc:creator", entry.author))
    for related in distinct_related(entry):
        out.append(_empty("      ", "atom:link", (("rel", "related"), ("href", related.href),
                                                  ("hreflang", related.hreflang or None))))
    out.append("    </item>\n")


def _rss_category(category: dict[str, str]) -> str:
    domain = _attribute(f"{category['scheme']}#{category['term']}")
    return f'      <category domain="{domain}">{_text(category["label"])}</category>\n'


def _text(value: str) -> str:
    """Text content escaped as libxml2 writes it (every other character as it is, in UTF-8)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attribute(value: str) -> str:
    """An attribute's value escaped as libxml2 writes it, for double quotes."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;").replace("\n", "&#10;").replace("\t", "&#9;"))


def _element(indent: str, name: str, value: str | None, attributes: str = "") -> str:
    """One line: an element holding `value` as its text (None: no text at all)."""
    if value is None:
        return f"{indent}<{name}{attributes}/>\n"
    return f"{indent}<{name}{attributes}>{_text(value)}</{name}>\n"


def _present(name: str, value: str | None) -> str:
    """An attribute written before its element's end, or nothing when `value` is empty or None."""
    return f' {name}="{_attribute(value)}"' if value else ""


def _empty(indent: str, name: str, attributes: tuple[tuple[str, str | None], ...]) -> str:
    """One line: an element without content, with its `attributes` in their order (None: left out)."""
    written = "".join(f' {key}="{_attribute(value)}"' for key, value in attributes if value is not None)
    return f"{indent}<{name}{written}/>\n"


def _source_feed(meta: FeedMeta, entry: Entry) -> str:
    return xml_safe(meta.source_feed_url.replace("{id}", entry.source_id) if meta.source_feed_url else entry.link)


def _rfc2822(moment: datetime) -> str:
    """RFC 822/2822 date as RSS wants it, independent of the locale (English day and month names)."""
    return (f"{DAYS[moment.weekday()]}, {moment.day:02d} {MONTHS[moment.month - 1]} {moment.year:04d} "
            f"{moment:%H:%M:%S %z}")


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
    written: dict[tuple[str, str], tuple[str, str]] = {}
    document["items"] = [JsonWritten(_json_item(meta, entry, ITEM_INDENT, written)) for entry in entries]
    return json_text(document).encode("utf-8")


class JsonWritten(str):
    """JSON text already written for its place in a document: `json_text` copies it as it is."""


def json_text(document: Any) -> str:
    """`json.dumps(document, ensure_ascii=False, indent=1)`, character for character, in half its time: with an
    indent the json module writes through a generator per value, in Python. Strings are escaped by the same
    C function (`json.encoder.encode_basestring`); every other scalar is written by `json.dumps` itself.
    Keys must be strings (a feed's are)."""
    parts: list[str] = []
    _json_parts(document, "\n", parts)
    return "".join(parts)


def _json_parts(value: Any, indent: str, parts: list[str]) -> None:
    if type(value) is JsonWritten:
        parts.append(value)
    elif isinstance(value, str):
        parts.append(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = indent + " "
        separator = "{" + inner
        for key, member in value.items():
            parts += (separator, encode_basestring(key), ": ")
            _json_parts(member, inner, parts)
            separator = "," + inner
        parts.append(indent + "}")
    elif isinstance(value, list | tuple):
        if not value:
            parts.append("[]")
            return
        inner = indent + " "
        separator = "[" + inner
        for member in value:
            parts.append(separator)
            _json_parts(member, inner, parts)
            separator = "," + inner
        parts.append(indent + "]")
    else:
        parts.append(json.dumps(value))


def _json_item(meta: FeedMeta, entry: Entry, indent: str, written: dict[tuple[str, str], tuple[str, str]]) -> str:
    """One item's JSON text as `json_text` writes it at `indent` (a newline and the item's spaces), written
    directly, in two thirds of the time of building the item's dictionaries and walking them (the same text,
    tests/publish/test_json_text.py). `written`: the categories written so far, shared by the items of one
    document (one indent)."""
    value = _json_value
    in1, in2, in3, in4 = indent + " ", indent + "  ", indent + "   ", indent + "    "
    out = ["{", in1, '"id": ', value(entry.entry_id)]
    if entry.link:
        out += (",", in1, '"url": ', value(entry.link))
    out += (",", in1, '"title": ', value(entry.title), ",", in1, '"content_html": ', value(entry.content_html),
            ",", in1, '"summary": ', value(entry.summary), ",", in1, '"date_published": ',
            value(entry.published.isoformat()), ",", in1, '"date_modified": ', value(entry.updated.isoformat()))
    if entry.language:
        out += (",", in1, '"language": ', value(entry.language))
    if entry.author:
        name = value(entry.author)
        # JSON Feed 1.0's `author`, which 1.1 keeps for older readers, after 1.1's `authors`
        out += (",", in1, '"authors": [', in2, "{", in3, '"name": ', name, in2, "}", in1, "]",
                ",", in1, '"author": {', in2, '"name": ', name, in1, "}")
    if entry.image_url:
        out += (",", in1, '"image": ', value(entry.image_url))
    # each category as its label (for `tags`) and its object, written once per document at the items' indent
    categories = _category_lines(meta, entry, written, lambda category: (value(category["label"]), (
        f'{{{in4}"term": {value(category["term"])},{in4}"scheme": {value(category["scheme"])},{in4}"label": '
        f'{value(category["label"])}{in3}}}')))
    if categories:
        out += (",", in1, '"tags": ', _json_list([label for label, _ in categories], in1))
    related = [f'{{{in4}"url": {value(link.href)},{in4}"title": {value(link.title or "")},{in4}"language": '
               f"{value(link.hreflang)}{in3}}}" for link in distinct_related(entry)]
    out += (",", in1, '"_clusterfeeds": {', in2, '"source": {', in3, '"id": ', value(entry.source_id), ",", in3,
            '"name": ', value(entry.source_name), in2, "}", ",", in2, '"related": ', _json_list(related, in2), ",",
            in2, '"categories": ', _json_list([text for _, text in categories], in2), in1, "}", indent, "}")
    return "".join(out)


def _json_value(value: Any) -> str:
    return encode_basestring(value) if isinstance(value, str) else json.dumps(value)


def _json_list(members: list[str], indent: str) -> str:
    """A list of members already written, at `indent` (the list's own)."""
    if not members:
        return "[]"
    inner = indent + " "
    return "[" + inner + ("," + inner).join(members) + indent + "]"
