"""The second line of defence at render time: nothing stored can break a document or leave as a hostile URL.

Collection already refuses such values (feeds/process/urls.py, normalise); these checks run
again on every entry before it is rendered, so a row written by an older version, an import
or a bug still cannot make a feed fail (characters XML 1.0 cannot carry) or publish a
`javascript:`, `vbscript:` or `data:` URL (docs/security.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from feeds.model import Entry, Link, Tag

ALLOWED_SCHEMES = frozenset({"http", "https"})
# XML 1.0 section 2.2: everything outside these ranges may not appear, even escaped.
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_IGNORED_IN_URL = re.compile("[\t\n\r]")  # browsers drop them anywhere in a URL (WHATWG URL)
_NOT_IN_URL = re.compile("[\x00-\x20\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# http(s), a host of letters, digits, dots and hyphens (no user, port or brackets), then visible ASCII only
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?:[/?#][\x21-\x7e]*)?")


def xml_safe(value: str) -> str:
    """`value` without the characters XML 1.0 forbids (NUL, most C0 controls, lone surrogates, U+FFFE/F)."""
    # Every character XML forbids is one `isprintable` refuses (a control, a surrogate, unassigned):
    # a printable text is returned as it is, without the expression's scan (a third of its time).
    return value if value.isprintable() else _ILLEGAL_XML.sub("", value)


def outbound_url(url: str | None) -> str | None:
    """`url` if it may leave the service: an http(s) URL with a host, no control or space
    characters, a port in range; None otherwise (the element that would carry it is left out)."""
    if not isinstance(url, str) or not url:
        return None
    if _PLAIN_URL.fullmatch(url):  # what every check below passes unchanged, in one match (a tenth of the time)
        return url
    candidate = _IGNORED_IN_URL.sub("", url.strip())
    if _NOT_IN_URL.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        return None
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.hostname:
        return None
    return candidate


def safe_entry(entry: Entry) -> Entry:
    """`entry` with every string XML-safe and every URL checked; unsafe optional URLs are dropped,
    an unsafe primary link becomes "" (the entry is still published, without a link)."""
    if _already_safe(entry):  # what every check below would give back unchanged: the entry itself
        return entry
    related = tuple(Link(href, _text(link.title), _text(link.hreflang))
                    for link in entry.related if (href := outbound_url(link.href)))
    return replace(
        entry, entry_id=xml_safe(entry.entry_id), title=xml_safe(entry.title), link=outbound_url(entry.link) or "",
        summary=xml_safe(entry.summary), content_html=xml_safe(entry.content_html),
        language=_text(entry.language), source_id=xml_safe(entry.source_id),
        source_name=xml_safe(entry.source_name), source_url=outbound_url(entry.source_url),
        author=_text(entry.author), image_url=outbound_url(entry.image_url), image_type=_text(entry.image_type),
        related=related, categories=tuple(xml_safe(c) for c in entry.categories),
        tags=tuple(Tag(tag.kind, xml_safe(tag.code), tag.confidence, tag.provenance) for tag in entry.tags),
    )


def _already_safe(entry: Entry) -> bool:
    """Whether `safe_entry` would give back an equal entry, by its shortcuts alone: texts `xml_safe` keeps, plain
    http(s) URLs, and optional texts either absent or not empty (`_text` makes an empty one None)."""
    return (all(_clean(value) for value in (entry.entry_id, entry.title, entry.summary, entry.content_html,
                                                 entry.source_id, entry.source_name, *entry.categories))
            and (entry.link == "" or _plain_url(entry.link))
            and all(value is None or _plain_url(value) for value in (entry.source_url, entry.image_url))
            and all(value is None or (value != "" and _clean(value))
                    for value in (entry.language, entry.author, entry.image_type))
            and all(_plain_url(link.href) and all(value is None or (value != "" and _clean(value))
                                                  for value in (link.title, link.hreflang))
                    for link in entry.related)
            and all(_clean(tag.code) for tag in entry.tags))


def _clean(value: object) -> bool:
    """Whether `xml_safe` gives `value` back as it is: a printable text at once; another (line breaks, tabs,
    no-break spaces: most stored HTML) when it holds nothing XML forbids, one search instead of a rebuilt entry."""
    return isinstance(value, str) and (value.isprintable() or _ILLEGAL_XML.search(value) is None)


def _plain_url(value: object) -> bool:
    return isinstance(value, str) and _PLAIN_URL.fullmatch(value) is not None


def distinct_related(entry: Entry) -> tuple[Link, ...]:
    """The entry's related links, one per URL, none to the entry's own link."""
    seen = {entry.link}
    kept = []
    for link in entry.related:
        if link.href not in seen:
            seen.add(link.href)
            kept.append(link)
    return tuple(kept)


def _text(value: str | None) -> str | None:
    return xml_safe(value) or None if value else None
