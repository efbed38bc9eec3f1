"""Sitemaps (sitemaps.org protocol 0.9): an index of sitemaps, or a urlset of pages.

Read with a tolerant scanner rather than an XML parser: real sitemaps arrive with junk
before `<?xml` (Drupal theme-debug comments) or cut off mid-file, and every complete
`<url>` / `<sitemap>` entry in them is still worth having. A body with no entry at all
is an error, never an empty sitemap. `<lastmod>` is the change hint: a child sitemap or
a page whose `<lastmod>` did not change since the last run is not fetched again.

The scanner's patterns are RE2 (`google-re2`, linear time): with Python's engine
`<url…[^>]*>` and the lazy `<loc>(.*?)</loc>` rescan to the end for every unclosed tag, and
16,000 `<loc>` took 46 s.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import re2

from feeds.collect.adapters.article import check_page
from feeds.collect.errors import ParseError
from feeds.collect.http import Validators
from feeds.collect.pages import Page, decode_html
from feeds.collect.xmlguard import check_xml

if TYPE_CHECKING:
    from feeds.collect.adapters.html import Run

SITEMAP_ACCEPT = "application/xml, text/xml;q=0.9, */*;q=0.5"
_OPEN = re2.compile(rb"(?i)<(url|sitemap)\b[^>]*>")
_LOC = re2.compile(rb"(?is)<loc>\s*(.*?)\s*</loc>")
_LASTMOD = re2.compile(rb"(?is)<lastmod>\s*(.*?)\s*</lastmod>")
MAX_SITEMAPS = 50  # child sitemaps read per run: an index cannot send us crawling forever


def parse_sitemap(text: str, url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(child sitemaps, pages) of a sitemap document, each as (loc, lastmod)."""
    children: list[tuple[str, str]] = []
    pages: list[tuple[str, str]] = []
    for kind, inner in _entries(text.encode("utf-8", "surrogatepass")):
        loc = _LOC.search(inner)
        if not loc:
            continue
        lastmod = _LASTMOD.search(inner)
        entry = (html.unescape(_text(loc.group(1))), _text(lastmod.group(1)) if lastmod else "")
        (children if kind == b"sitemap" else pages).append(entry)
    if not children and not pages:
        raise ParseError("not a sitemap: no <url> or <sitemap> entry", url)
    return children, pages


def _entries(document: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(kind, inner bytes) of each <url> / <sitemap> entry, in one linear pass.

    A lazy `<url>(.*?)</url>` regex rescans to the end of the document for every entry that
    is never closed: quadratic on a hostile sitemap. Here each search starts where the last
    one ended, and an unclosed entry ends the scan (nothing after it can be closed either).
    Bytes, not str: RE2 encodes a str argument afresh on every call, which would make each
    search cost the whole document.
    """
    lowered = document.lower()
    position = 0
    while (opening := _OPEN.search(document, position)) is not None:
        kind = opening.group(1).lower()
        closing = lowered.find(b"</" + kind, opening.end())
        if closing == -1:
            return
        yield kind, document[opening.end():closing]
        position = closing + len(kind) + 2


def _text(value: bytes) -> str:
    return value.decode("utf-8", "replace")


def read_sitemaps(run: Run, urls: Sequence[str]) -> dict[str, str]:
    """Page URL (local, rewritten, wanted) -> lastmod, from sitemaps and their indexes."""
    found: dict[str, str] = {}
    queue: list[tuple[str, str | None]] = [(run.site.local(u) or u, None) for u in urls]
    seen: set[str] = set()
    old_sitemaps = run.previous.get("sitemaps") or {}
    while queue and len(seen) < MAX_SITEMAPS:
        url, announced = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        old = old_sitemaps.get(url) or {}
        if announced and old.get("lastmod") == announced:
            run.sitemaps[url] = old  # the index says this sitemap did not change
            continue
        fetched = run.get(url, Validators(old.get("etag"), old.get("last_modified")), accept=SITEMAP_ACCEPT)
        if fetched.not_modified:
            run.sitemaps[url] = old
            continue
        check_xml(fetched.body, fetched.url)  # entity bombs and deep nesting are refused before any reading
        text = decode_html(fetched.body, fetched.content_type)
        if "<urlset" not in text and "<sitemapindex" not in text:
            check_page(Page.parse(fetched.url, fetched.body, fetched.content_type), run.options, (), "sitemap")
        children, pages = parse_sitemap(text, fetched.url)
        run.sitemaps[url] = {"etag": fetched.validators.etag, "last_modified": fetched.validators.last_modified,
                             "lastmod": announced}
        for loc, lastmod in children:
            child = run.site.local(loc)
            if child:
                queue.append((child, lastmod or None))
        for loc, lastmod in pages:
            page = run.site.local(loc)
            if page and run.site.wanted(page):
                found.setdefault(page, lastmod or loc)
    return found
