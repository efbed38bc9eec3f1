"""A large store in seconds: synthetic stories, items and tags inserted in bulk through the engine.

The per-item path (normalise, tag, dedup, save) is what bench_ingest measures; the query and
retag benchmarks only need the rows, so they skip it.
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.data import COUNTRIES, TOPICS, WORDS_DE, WORDS_EN, sentence
from feeds.store import Store
from feeds.store.schema import items, sources, stories, story_tags
from feeds.store.testing import engine_of

SOURCES = ("bench-de", "bench-en", "bench-eu", "bench-pl")
CHUNK = 5_000
NOW = datetime(2026, 1, 2, tzinfo=UTC)


def fill(store: Store, count: int, seed: int = 7) -> None:
    """Add `count` stories of one item each, with country and topic tags, to an empty store."""
    rng = random.Random(seed)
    paragraphs = {lang: [" ".join(sentence(rng, words, 14) for _ in range(4)) for _ in range(300)]
                  for lang, words in (("de", WORDS_DE), ("en", WORDS_EN))}
    with engine_of(store).begin() as connection:
        connection.execute(sources.insert(), [{"id": s, "name": s, "kind": "feed", "url": f"https://{s}.example/",
                                               "consecutive_failures": 0, "state": {}} for s in SOURCES])
    for start in range(1, count + 1, CHUNK):
        numbers = range(start, min(start + CHUNK, count + 1))
        story_rows, item_rows, tag_rows = [], [], []
        for n in numbers:
            language = "de" if n % 2 else "en"
            words = WORDS_DE if language == "de" else WORDS_EN
            text = " ".join(rng.choice(paragraphs[language]) for _ in range(3))
            if n % 50 == 0:  # a word in 2 % of the stories, for full-text search (every other word is in half)
                text += " Elektrolyseur"
            published = NOW - timedelta(minutes=7 * n)
            tags = [("country", rng.choice(COUNTRIES), 0.9), ("topic", rng.choice(TOPICS), 0.8)]
            url = f"https://news.example.eu/{n}"
            story_rows.append({"id": n, "entry_id": f"tag:bench.example,2026-01-01:story:{n}", "created_at": published,
                               "published_at": published, "updated_at": published, "primary_item_id": n})
            item_rows.append(_item(n, url, sentence(rng, words, 8), text, language, published, tags))
            tag_rows += [{"story_id": n, "kind": kind, "code": code, "confidence": confidence, "provenance": "text"}
                         for kind, code, confidence in tags]
        with engine_of(store).begin() as connection:
            connection.execute(stories.insert(), story_rows)
            connection.execute(items.insert(), item_rows)
            connection.execute(story_tags.insert(), tag_rows)
    if engine_of(store).dialect.name == "postgresql":
        with engine_of(store).begin() as connection:
            for table in ("stories", "items"):
                connection.exec_driver_sql(
                    f"select setval(pg_get_serial_sequence('{table}', 'id'), (select max(id) from {table}))")
            connection.exec_driver_sql("analyze")
    else:
        with engine_of(store).begin() as connection:
            connection.exec_driver_sql("analyze")


def _item(n: int, url: str, title: str, text: str, language: str, published: datetime,
          tags: list[tuple[str, str, float]]) -> dict[str, Any]:
    return {
        "id": n, "story_id": n, "source_id": SOURCES[n % len(SOURCES)], "key": url, "canonical_url": url, "url": url,
        "title": title, "content_html": f"<p>{text}</p>", "summary": text[:300], "author": "Redaktion",
        "published_at": published, "updated_at": published, "first_seen_at": published, "last_seen_at": published,
        "language": language, "content_hash": hashlib.sha256(text.encode()).hexdigest(), "image_url": None,
        "categories": [], "links": [], "item_metadata": {}, "dated": True,
        "tags": [[kind, code, confidence, "text"] for kind, code, confidence in tags],
    }
