"""Sitemap entries are read in one linear pass, also from hostile or truncated documents."""

from __future__ import annotations

import pytest

from feeds.collect.adapters.sitemap import parse_sitemap
from feeds.collect.errors import ParseError


def test_index_and_pages() -> None:
    index = ('<sitemapindex><sitemap><loc>http://default/sitemap.xml?page=1</loc></sitemap>'
             '<SITEMAP><loc> http://default/sitemap.xml?page=2 </loc><lastmod>2026-04-04T08:00Z</lastmod></SITEMAP>'
             '</sitemapindex>')
    children, pages = parse_sitemap(index, "u")
    assert children == [("http://default/sitemap.xml?page=1", ""), ("http://default/sitemap.xml?page=2",
                                                                     "2026-04-04T08:00Z")]
    assert pages == []


def test_unclosed_entries_end_the_scan_after_the_closed_ones() -> None:
    """100,000 unclosed <url> entries (a quadratic case for a lazy regex) after two good ones."""
    document = ("<urlset><url><loc>https://www.clustercollaboration.eu/news/a?x=1&amp;y=2</loc></url>"
                "<url><loc>https://www.clustercollaboration.eu/news/b</loc></url>"
                + "<url><loc>https://www.clustercollaboration.eu/news/x</loc>" * 100_000)
    children, pages = parse_sitemap(document, "u")
    assert children == []
    assert pages == [("https://www.clustercollaboration.eu/news/a?x=1&y=2", ""),
                     ("https://www.clustercollaboration.eu/news/b", "")]


def test_a_document_without_entries_is_not_a_sitemap() -> None:
    with pytest.raises(ParseError, match="not a sitemap"):
        parse_sitemap("<html><body>Verify you are human</body></html>", "u")
