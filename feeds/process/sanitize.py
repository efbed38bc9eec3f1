"""The one HTML sanitiser: everything republished passes through `clean_html`.

An allow-list (nh3, i.e. Ammonia): no scripts, styles, forms, iframes or event handlers;
links only http, https and mailto; every link gets rel="noopener noreferrer nofollow".
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import nh3

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Characters XML 1.0 forbids (plus lone surrogates); they must never reach an output document.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|blockquote|pre|figure|dd|dt)>|<br\s*/?>", re.I)


def strip_illegal_xml(text: str) -> str:
    return _ILLEGAL_XML.sub("", text)


def clean_html(fragment: str, base_url: str | None = None) -> str:
    """Sanitised HTML safe to republish. Relative links are resolved against `base_url`."""
    cleaned = nh3.clean(
        strip_illegal_xml(fragment),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    if base_url:
        cleaned = _absolutise(cleaned, base_url)
    return cleaned.strip()


# One item's text is asked for by normalising, tagging, fingerprinting and the wiring's metadata report, in
# turn, for every item of a source's batch: a cache of about a batch parses each content once. Long pages
# are parsed each time, so that the cache stays a few MB.
TEXT_CACHE_ITEMS = 256
TEXT_CACHE_CHARACTERS = 20_000


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed, paragraphs separated by blank-free spaces."""
    return _cached_text(fragment) if len(fragment) <= TEXT_CACHE_CHARACTERS else _text(fragment)


@lru_cache(maxsize=TEXT_CACHE_ITEMS)
def _cached_text(fragment: str) -> str:
    return _text(fragment)


def _text(fragment: str) -> str:
    with_breaks = _BLOCK_END.sub(" ", strip_illegal_xml(fragment))
    text = nh3.clean(with_breaks, tags=set(), strip_comments=True)
    return _WHITESPACE.sub(" ", html.unescape(text)).strip()


def plain_text(value: str) -> str:
    """Plain text from a value that may carry markup or entities (titles, author names)."""
    return html_to_text(value) if ("<" in value or "&" in value) else _WHITESPACE.sub(
        " ", strip_illegal_xml(value)).strip()


def summarise(text: str, length: int) -> str:
    """At most `length` characters of `text`, cut at a word boundary, with an ellipsis if cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    space = cut.rfind(" ")
    if space > length // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


_ATTR_URL = re.compile(r'(<(?:a|img)\b[^>]*?\s(?:href|src)=")([^"]*)(")', re.I)


def _absolutise(fragment: str, base_url: str) -> str:
    from urllib.parse import urljoin

    def fix(match: re.Match[str]) -> str:
        url = html.unescape(match.group(2))
        absolute = urljoin(base_url, url)
        return match.group(1) + html.escape(absolute, quote=True) + match.group(3)

    return _ATTR_URL.sub(fix, fragment)
