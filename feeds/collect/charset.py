"""XML documents in any encoding, decoded to text and handed on as UTF-8.

expat (which `xmlguard.check_xml` runs) reads only UTF-8, UTF-16, ISO-8859-1 and US-ASCII by
itself: a feed in Big5, EUC-KR, GB2312, Shift_JIS or EUC-JP, or one that spells UTF-16 `utf16`,
failed before anything read it. So the body is decoded first, in this order (XML 1.0
Appendix F, RFC 7303 §4.3, with the declaration trusted before the HTTP charset as feed
readers do):

1. a byte order mark (it is how the declaration itself is read);
2. the encoding the XML declaration names (a UTF-16/32 name only when the bytes are UTF-16/32);
3. the charset of the HTTP Content-Type;
4. UTF-8 (XML's default), then detection (charset-normalizer).

The first that decodes the whole body strictly wins; an unknown name is skipped. The text is
re-encoded as UTF-8 with the declaration rewritten to say so. A body no candidate decodes is a
`ParseError` naming the encodings tried.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import charset_normalizer

from feeds.collect.errors import ParseError

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# XML 1.0 Appendix F: how "<?" (or "<") looks in each wide encoding without a BOM.
_WIDE_STARTS = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
                (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"))
_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_TEXT_DECLARATION = re.compile(r"""^(\s*<\?xml[^>]{0,200}?encoding\s*=\s*["'])([A-Za-z0-9._:-]{1,40})(["'])""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)
_WIDE = ("utf-16", "utf-32")
DETECT_BYTES = 64 * 1024  # detection looks at the start only: it is slow on large bodies


def declared_encoding(body: bytes) -> str | None:
    """The encoding named by the XML declaration, read in the byte family the body starts with."""
    head = body[:1024]
    family = _family(head)
    if family and family.startswith(_WIDE):
        head = head.decode(family, errors="replace").encode("ascii", errors="replace")
    match = _DECLARATION.match(head.lstrip(codecs.BOM_UTF8))
    return match.group(1).decode("ascii") if match else None


def to_utf8(body: bytes, content_type: str | None = None, url: str | None = None) -> bytes:
    """`body` as UTF-8 bytes whose XML declaration (if any) says UTF-8; ParseError if it cannot be decoded."""
    text = decode_xml(body, content_type, url)
    if _TEXT_DECLARATION.match(text):
        text = _TEXT_DECLARATION.sub(r"\g<1>utf-8\g<3>", text, count=1)
    return text.encode("utf-8")


def decode_xml(body: bytes, content_type: str | None = None, url: str | None = None) -> str:
    """`body` as text, decoded by the first candidate encoding that reads all of it (see the module)."""
    tried: list[str] = []
    for name in _candidates(body, content_type):
        try:
            codec = codecs.lookup(name).name
        except LookupError:
            tried.append(f"{name} (unknown)")
            continue
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            tried.append(name)
            continue
        return text.removeprefix("\ufeff")
    raise ParseError(f"cannot decode the document: not valid in {', '.join(dict.fromkeys(tried))}", url)


def _candidates(body: bytes, content_type: str | None) -> Iterator[str]:
    """Encodings to try, best first; detection runs only when everything before it failed."""
    family = _family(body[:4])
    if family and any(body.startswith(bom) for bom, _ in _BOMS):
        yield family  # a BOM settles it
        return
    declared = declared_encoding(body)
    if declared and (_is_wide(declared) == bool(family and family.startswith(_WIDE))):
        yield family if family and _is_wide(declared) else declared
    elif family:
        yield family  # UTF-16/32 bytes whose declaration names a narrow encoding (or none)
    charset = _CHARSET.search(content_type or "")
    if charset:
        yield charset.group(1)
    yield "utf-8"  # XML's default, and cheap to rule out before detection
    detected = charset_normalizer.from_bytes(body[:DETECT_BYTES]).best()
    if detected is not None and detected.encoding:
        yield detected.encoding


def _family(head: bytes) -> str | None:
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    for start, name in _WIDE_STARTS:
        if head.startswith(start):
            return name
    return None


def _is_wide(name: str) -> bool:
    try:
        return codecs.lookup(name).name.startswith(_WIDE)
    except LookupError:
        return False
