"""Refuse hostile XML before any parser builds something from it.

Every XML body the collectors read (feeds, sitemaps) passes `check_xml` first. It streams
the bytes through expat, which builds nothing, and refuses:

- a DOCTYPE with an internal subset, and any `<!ENTITY` declaration: entity expansion
  ("billion laughs", quadratic blow-up) and external entities need one, real feeds never do;
- elements nested deeper than `MAX_DEPTH`: feedparser spends seconds and tens of MB per
  100,000 levels.

A DOCTYPE that only names an external DTD (`<!DOCTYPE rss PUBLIC "-//Netscape…" "http://…">`,
common in RSS 0.91) is allowed: nothing here or in feedparser ever fetches it (tested).
Documents that are not well-formed are common (undeclared HTML entities, junk after the
root); once expat gives up, the rest of the body is checked by a linear scan for the same
two things, so a syntax error cannot hide a payload from the loose parsers that follow.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.parsers import expat

import re2

from feeds.collect.charset import to_utf8
from feeds.collect.errors import ParseError

MAX_DEPTH = 200  # real feeds, XHTML content included, stay below 30
CHUNK = 64 * 1024
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.I)
_DOCTYPE_SUBSET = re.compile(rb"<!\s*DOCTYPE[^<>\[]*\[", re.I)
_SKIPPED = ((b"<![CDATA[", b"]]>"), (b"<!--", b"-->"), (b"<?", b"?>"))
# RE2 (linear): with Python's engine the name and `[^<>]*?` overlap, so `<` + n letters costs n².
_TAG = re2.compile(rb"<(/?)([A-Za-z_][\w:.-]*)[^<>]*?(/?)>")
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr".split())
_VOID_NAMES = frozenset(name.decode() for name in _VOID)
VOID_FACTOR = 10  # open void elements allowed per level of depth (each costs the parsers little)


class UnsafeXMLError(ParseError):
    """The document uses XML features we refuse to process (entities, internal DTDs, deep nesting)."""


class _RefusedError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def check_xml(body: bytes, url: str | None = None, max_depth: int = MAX_DEPTH) -> None:
    """Return if `body` is safe to hand to an XML or feed parser; raise UnsafeXMLError otherwise.

    Bodies in encodings expat cannot read itself (Big5, Shift_JIS, `utf16` …) are checked as
    the UTF-8 text they decode to (feeds/collect/charset.py); one that cannot be decoded is a
    ParseError naming the encodings tried."""
    try:
        body, checked_to = _checked_to(body, max_depth, url)
    except _RefusedError as refused:
        raise UnsafeXMLError(f"unsafe XML refused: {refused.reason}", url) from None
    if checked_to is not None:
        reason = _scan_rest(body[checked_to:], max_depth)
        if reason:
            raise UnsafeXMLError(f"unsafe XML refused: {reason}", url)


def _checked_to(body: bytes, max_depth: int, url: str | None) -> tuple[bytes, int | None]:
    """(the bytes expat read, the offset where it gave up or None)."""
    try:
        return body, _expat_check(body, max_depth)
    except (ValueError, LookupError):  # "multi-byte encodings are not supported", an unknown encoding
        body = to_utf8(body, None, url)
        return body, _expat_check(body, max_depth)


def _expat_check(body: bytes, max_depth: int) -> int | None:
    """Check with expat; None when the whole body was checked, else the offset where expat gave up."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = voids = 0

    def doctype(name: str, system_id: str | None, public_id: str | None, has_internal_subset: int) -> None:
        if has_internal_subset:
            raise _RefusedError(f"DOCTYPE {name!r} with an internal subset (entity declarations)")

    def entity(name: str, *_args: object) -> None:
        raise _RefusedError(f"entity declaration {name!r}")

    def external(*_args: object) -> int:
        raise _RefusedError("external entity reference")

    def start(name: str, _attributes: object) -> None:
        nonlocal depth, voids
        if name.lower() in _VOID_NAMES:  # unescaped HTML <br> in a description: malformed, not deep
            voids += 1
            if voids > VOID_FACTOR * max_depth:
                raise _RefusedError(f"more than {VOID_FACTOR * max_depth} void HTML elements open")
            return
        depth += 1
        if depth > max_depth:
            raise _RefusedError(f"elements nested deeper than {max_depth}")

    def end(name: str) -> None:
        nonlocal depth, voids
        if name.lower() in _VOID_NAMES:
            voids -= 1
        else:
            depth -= 1

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        for offset in range(0, len(body), CHUNK):
            parser.Parse(body[offset:offset + CHUNK], False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        return max(0, parser.CurrentByteIndex)
    return None


def _scan_rest(rest: bytes, max_depth: int) -> str | None:
    """After a syntax error: the same refusals by a linear, tolerant scan (tags counted, void HTML tags not)."""
    if b"\x00" in rest[:512]:  # UTF-16 and friends: look at the ASCII bytes only
        rest = rest.replace(b"\x00", b"")
    if _ENTITY_DECL.search(rest):
        return "entity declaration"
    if _DOCTYPE_SUBSET.search(rest):
        return "DOCTYPE with an internal subset (entity declarations)"
    depth = 0
    for match in _tags(rest):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _VOID:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        if depth > max_depth:
            return f"elements nested deeper than {max_depth}"
    return None


def _tags(text: bytes) -> Iterator[Any]:
    """Tags outside CDATA sections, comments and processing instructions, in one pass (find(), no backtracking)."""
    position = 0
    while (start := text.find(b"<", position)) >= 0:
        for opener, closer in _SKIPPED:
            if text.startswith(opener, start):
                end = text.find(closer, start + len(opener))
                if end < 0:
                    return
                position = end + len(closer)
                break
        else:
            match = _TAG.match(text, start)
            if match:
                yield match
            position = start + 1
