"""Items written for the tests, ready for `store.items.save` (already normalised and tagged)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from feeds.model import Item, Tag

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def news_item(n: int) -> Item:
    """Story `n` of source "news", published `n` hours before NOW (English when n is odd, else German),
    tagged innovation and Poland."""
    url = f"https://news.example.eu/{n}"
    text = f"Cluster innovation story number {n} about Polish partners and hydrogen."
    published = NOW - timedelta(hours=n)
    return Item(source_id="news", key=url, canonical_url=url, url=url, title=f"Story {n}",
                content_html=f"<p>{text}</p>" * 20, summary=text, published=published, updated=published,
                language="en" if n % 2 else "de", content_hash=hashlib.sha256(text.encode()).hexdigest(),
                tags=(Tag("topic", "innovation", 0.9, "text"), Tag("country", "pl", 0.9, "text")))
