"""The Kooperation International archive through the generic `html` kind, configured only in sources.yaml.

Each gold article is checked field by field, including its metadata block (`Quelle:`,
`Redaktion:`, `Länder / Organisationen:`, `Themen:`, `Zum Nachlesen:`) split by element.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from feeds.model import Item
from feeds.process.sanitize import html_to_text
from tests.support.collecting import collect_items, site_source
from tests.support.sites import expected_articles, serve_sites

KOOPERATION = {
    "url": "/aktuelles/nachrichten/",
    "item": ["div.news-list-item"],
    "item_link": ["h3 a[href]"],
    "next_page": ["ul.f3-widget-paginator li.next a"],
    "title": ["h1[itemprop=headline]"],
    "date": [".news-list-date time"],
    "date_formats": ["%d.%m.%Y"],
    "timezone": "Europe/Berlin",
    "body": ["div.news-single .article"],
    "remove": [".header", ".news-list-date", ".news-backlink-wrap"],
    "expect": ["div.news-single"],
}


def collect_archive(**overrides: object) -> list[Item]:
    with serve_sites(["kooperation"]) as servers:
        options: dict[str, Any] = {**KOOPERATION, **overrides}
        url = options.pop("url")
        source = site_source("kooperation", servers["kooperation"], "html", url=url, **options)
        items = collect_items(source)
        listing = servers["kooperation"].requests_for(url)
    assert listing, "the listing was not read"
    return items


def test_robots_txt_stops_paging_without_failing_the_source() -> None:
    """The archive's robots.txt disallows TYPO3's paginated listing: page 1 is collected, page 2 is not fetched."""
    items = collect_archive()
    gold = {g["url"] for g in expected_articles("kooperation")}
    collected = {item.canonical_url for item in items}
    assert collected, "page 1 of the listing was lost"
    assert collected < gold


def test_kooperation_archive_with_metadata_blocks() -> None:
    """With the operator's per-source override (an archive backfill), every article and its metadata block."""
    items = collect_archive(robots=False)
    by_url = {item.canonical_url: item for item in items}
    gold_articles = expected_articles("kooperation")
    assert len(gold_articles) >= 12
    for gold in gold_articles:
        item = by_url.get(gold["url"])
        assert item is not None, f"missing {gold['url']}"
        where = gold["url"]
        assert item.title == gold["title"], where
        assert item.published == datetime.fromisoformat(gold["published"].replace("Z", "+00:00")), where
        assert item.language == gold["language"], where
        assert html_to_text(item.content_html).startswith(gold["body_start"]), where
        assert item.author == gold["author"], where
        metadata, expected = item.metadata, gold["metadata"]
        assert metadata["origin"] == expected["quelle"], where
        assert metadata["editorial"]["date"] == expected["redaktion_date"], where
        assert metadata["editorial"]["editor"] == expected["redaktion_by"], where
        assert metadata["countries"] == expected["laender"], where  # "Bosnien und Herzegowina" stays one value
        assert metadata["topics"] == expected["themen"], where  # "Wirtschaft, Märkte" stays one value
        assert [link["href"] for link in metadata.get("read_more", [])] == expected.get("zum_nachlesen", []), where
