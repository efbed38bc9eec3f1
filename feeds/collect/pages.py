"""HTML pages as the adapters see them: decoded text, a selectolax tree, absolute links.

Encoding (WHATWG HTML §13.2.3.2, simplified): a BOM wins; then a body that is valid
UTF-8 is UTF-8 whatever was declared (valid UTF-8 by accident is vanishingly rare in
Latin-1/Windows-1252 text, while servers mislabel UTF-8 often); then the charset of the
Content-Type header, then `<meta charset>`; Windows-1252 is the last resort.

Patterns that run over a whole body use RE2 (`google-re2`), whose matching time is linear
in the input: a lazy `<!--.*?-->` in Python's backtracking engine rescans to the end of
the page for every unclosed `<!--` (30,000 of them froze a run for 46 s).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import re2
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

# Runs on the first 4 KB only, and the header is bounded by the HTTP client: backtracking stays small.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_COMMENT = re2.compile(r"(?s)<!--.*?-->")  # linear: RE2
_WHITESPACE = re.compile(r"\s+")  # one pass, no backtracking


def decode_html(body: bytes, content_type: str | None) -> str:
    """The text of an HTML (or XML) body; never raises, survives a wrong declared charset."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = []
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        declared.append(header.group(1))
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii", errors="ignore"))
    for name in declared:
        candidate = _encoding(name)
        if candidate and candidate != "utf-8":
            try:
                return body.decode(candidate)
            except UnicodeDecodeError:
                continue
    return body.decode("windows-1252", errors="replace")


def _encoding(name: str) -> str | None:
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    # WHATWG maps the Latin-1 labels to Windows-1252, which is what servers actually send.
    return "windows-1252" if canonical in {"latin-1", "iso8859-1", "ascii"} else canonical


def strip_comments(text: str) -> str:
    """Markup without HTML comments (Drupal theme-debug output, GSB generator notes)."""
    return _COMMENT.sub("", text)


def squash(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


@dataclass
class Page:
    """A parsed HTML page and the URL it came from; links resolve against `<base href>`."""

    url: str
    tree: HTMLParser

    @classmethod
    def parse(cls, url: str, body: bytes, content_type: str | None) -> Page:
        return cls(url, HTMLParser(strip_comments(decode_html(body, content_type))))

    @property
    def base_url(self) -> str:
        base = self.tree.css_first("base[href]")
        href = base.attributes.get("href") if base else None
        return urljoin(self.url, href) if href else self.url

    def link(self, href: str | None) -> str | None:
        """`href` made absolute against the page's base, without its fragment; None for non-web links."""
        if not href or href.strip().lower().startswith(("mailto:", "javascript:", "tel:", "#")):
            return None
        absolute = urljoin(self.base_url, href.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https"):
            return None
        return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))

    def first(self, selectors: str | Sequence[str] | None) -> Node | None:
        """The first node matching any of `selectors`, tried in order."""
        for selector in _as_list(selectors):
            node = self.tree.css_first(selector)
            if node is not None:
                return node
        return None

    def all(self, selectors: str | Sequence[str] | None) -> list[Node]:
        for selector in _as_list(selectors):
            nodes = self.tree.css(selector)
            if nodes:
                return list(nodes)
        return []

    def text(self, selectors: str | Sequence[str] | None) -> str | None:
        node = self.first(selectors)
        if node is None:
            return None
        value = node.attributes.get("content") if node.tag == "meta" else node.text(separator=" ")
        return squash(value or "") or None

    def texts(self, selectors: str | Sequence[str] | None) -> list[str]:
        """The text of every matching element, one value per element."""
        return [t for t in (squash(n.text(separator=" ")) for n in self.all(selectors)) if t]

    def links(self, selectors: str | Sequence[str] | None) -> list[str]:
        found = (self.link(n.attributes.get("href")) for n in self.all(selectors))
        return list(dict.fromkeys(u for u in found if u))

    def language(self) -> str | None:
        node = self.tree.css_first("html")
        value = (node.attributes.get("lang") or "") if node else ""
        code = value.strip().lower().split("-")[0]
        return code if re.fullmatch(r"[a-z]{2}", code) else None

    def contains_text(self, markers: Iterable[str]) -> str | None:
        """The first of `markers` found in the page's text, if any."""
        body = self.tree.body
        text = body.text(separator=" ") if body else ""
        title = self.text("title") or ""
        for marker in markers:
            if marker.lower() in text.lower() or marker.lower() in title.lower():
                return marker
        return None


def inner_html(node: Node, remove: Sequence[str] = ()) -> str:
    """The markup inside `node`, without the elements matching `remove` (image credits, share boxes)."""
    for selector in remove:
        for unwanted in node.css(selector):
            unwanted.decompose()
    parts = []
    child = node.child
    while child is not None:
        parts.append(child.html or "")
        child = child.next
    return "".join(parts).strip()


def _as_list(selectors: str | Sequence[str] | None) -> list[str]:
    if not selectors:
        return []
    return [selectors] if isinstance(selectors, str) else list(selectors)


def as_mapping(value: object) -> Mapping[str, object]:
    return value if isinstance(value, Mapping) else {}
