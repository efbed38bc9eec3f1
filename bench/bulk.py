"""A large store in minutes: synthetic stories, items and tags written in bulk below the facade.

The per-item path (normalise, tag, dedup, save) is what bench_ingest measures; the query, memory
and retag benchmarks only need the rows, so they skip it. `fill` writes what a store of that size
holds after years of collecting:

- a quarter of the stories have two or three versions (other sources, often other languages);
- languages de, en, fr, pl; eight sources, one of them (`bench-eu`) writing in two languages;
- one to three country and topic tags per story, some below the publishing threshold;
- every 200th story merged into its neighbour (an alias row without items), every 1,000th hidden;
- the word "Elektrolyseur" in 2 % of the stories (every other word of the texts is in a large share).

SQLite: secondary indexes and the FTS5 triggers are dropped for the fill and rebuilt after it,
rows go in with `executemany` in large transactions with `synchronous=OFF` (for the fill only).
PostgreSQL: secondary indexes dropped, rows streamed with COPY (foreign-key triggers off for the
fill), indexes rebuilt with a large `maintenance_work_mem`, then VACUUM ANALYZE. Both: about a
minute per 100,000 stories on the project's machine (docs/performance.md).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bench.data import COUNTRIES, TOPICS, WORDS, sentence
from feeds.store import Store
from feeds.store.changes import CHANGED_AT_KEY, VERSION_KEY
from feeds.store.schema import store_meta, stories
from feeds.store.testing import engine_of

# (id, language); bench-eu publishes in English and German
SOURCES = (("bench-de", "de"), ("bench-en", "en"), ("bench-eu", "en"), ("bench-pl", "pl"),
           ("bench-fr", "fr"), ("bench-at", "de"), ("bench-lt", "en"), ("bench-nl", "en"))
SEARCH_WORD = "Elektrolyseur"  # in 2 % of the stories
CHUNK = 20_000  # stories per transaction
NOW = datetime(2026, 1, 2, tzinfo=UTC)
FILL_KEY = "bench_fill"  # store_meta: "<count>:<seed>" of the fill a kept store holds
TABLES = ("stories", "items", "story_tags")
STORY_COLUMNS = ("id", "entry_id", "created_at", "published_at", "updated_at", "primary_item_id", "alias_of", "hidden")
ITEM_COLUMNS = ("id", "story_id", "source_id", "key", "canonical_url", "url", "title", "content_html", "summary",
                "author", "published_at", "updated_at", "first_seen_at", "last_seen_at", "language", "content_hash",
                "image_url", "image_type", "image_length", "categories", "links", "item_metadata", "dated", "tags")
TAG_COLUMNS = ("story_id", "kind", "code", "confidence", "provenance", "published_at")  # the story's (0010)
_ITEM_DATES = (10, 11, 12, 13)  # positions of the item's datetimes in ITEM_COLUMNS
_STORY_DATES = (2, 3, 4)
_TAG_DATES = (5,)


@dataclass
class Chunk:
    """Rows of one transaction, as tuples in the column orders above (datetimes aware, JSON as text)."""

    stories: list[tuple[Any, ...]] = field(default_factory=list)
    items: list[tuple[Any, ...]] = field(default_factory=list)
    tags: list[tuple[Any, ...]] = field(default_factory=list)


def fill(store: Store, count: int, seed: int = 7) -> None:
    """Add `count` stories (with their items and tags) to an empty store at the head revision."""
    engine = engine_of(store)
    if engine.dialect.name == "postgresql":
        _fill_postgresql(store, count, seed)
    else:
        _fill_sqlite(store, count, seed)
    with engine.begin() as connection:  # a store that has seen changes: when, and the content version
        connection.execute(store_meta.insert(), [{"key": FILL_KEY, "value": f"{count}:{seed}"},
                                                 {"key": CHANGED_AT_KEY, "value": NOW.isoformat()},
                                                 {"key": VERSION_KEY, "value": "1"}])


def ensure(store: Store, count: int, seed: int = 7) -> float | None:
    """Fill an empty store as `fill` does and return the seconds it took; None when the store
    already holds this fill (a store kept between benchmark runs). Any other content is an error."""
    with engine_of(store).connect() as connection:
        held = connection.execute(select(store_meta.c.value).where(store_meta.c.key == FILL_KEY)).scalar()
        stored = connection.execute(select(func.count()).select_from(stories)).scalar()
    if held == f"{count}:{seed}":
        return None
    if held is not None or stored:
        raise ValueError(f"the store holds other stories (fill {held!r}, {stored} stories); give an empty one")
    started = time.perf_counter()
    fill(store, count, seed)
    return time.perf_counter() - started


def chunks(count: int, seed: int = 7) -> Iterator[Chunk]:
    """The rows of `count` stories, CHUNK stories at a time; the same `seed` gives the same rows."""
    rng = random.Random(seed)
    paragraphs = {language: [" ".join(sentence(rng, words, 14) for _ in range(4)) for _ in range(300)]
                  for language, words in WORDS.items()}
    titles = {language: [sentence(rng, words, 8) for _ in range(2_000)] for language, words in WORDS.items()}
    item_id = 0
    chunk = Chunk()
    for n in range(1, count + 1):
        published = NOW - timedelta(minutes=7 * (count - n))  # ids grow with time, as when collected
        entry_id = f"tag:bench.example,2026-01-01:story:{n}"
        if n % 200 == 101:  # merged into the story before it: an alias without items
            chunk.stories.append((n, entry_id, published, published, published, None, n - 1, False))
        else:
            first_item = item_id + 1
            versions = 1 if rng.random() < 0.75 else (2 if rng.random() < 0.7 else 3)
            for position in range(versions):
                item_id += 1
                chunk.items.append(_item(rng, item_id, n, position, published, paragraphs, titles))
            chunk.stories.append((n, entry_id, published, published, published, first_item, None, n % 1000 == 0))
            chunk.tags += _tags(rng, n, published)
        if n % CHUNK == 0 or n == count:
            yield chunk
            chunk = Chunk()


def _item(rng: random.Random, item_id: int, story: int, position: int, published: datetime,
          paragraphs: dict[str, list[str]], titles: dict[str, list[str]]) -> tuple[Any, ...]:
    source, language = SOURCES[(story + 3 * position) % len(SOURCES)] if position else rng.choice(SOURCES)
    if source == "bench-eu" and rng.random() < 0.3:
        language = "de"
    text = " ".join(rng.choice(paragraphs[language]) for _ in range(3))
    if story % 50 == 0 and position == 0:
        text += f" {SEARCH_WORD}"
    url = f"https://{source}.example/news/{story}-{position}"
    when = published + timedelta(minutes=13 * position)
    image = rng.random() < 0.3
    tags = json.dumps([["country", rng.choice(COUNTRIES), 0.9, "text"], ["topic", rng.choice(TOPICS), 0.8, "text"]])
    return (item_id, story, source, url, url, url, titles[language][rng.randrange(2_000)] + f" {story}",
            f"<p>{text}</p>", text[:300], "Redaktion" if rng.random() < 0.6 else None,
            when, when, when, when, language, hashlib.sha256(text.encode()).hexdigest(),
            f"https://{source}.example/images/{story}.jpg" if image else None, "image/jpeg" if image else None,
            48_213 if image else None, '["Cluster"]' if rng.random() < 0.2 else "[]", "[]", "{}", True, tags)


def _tags(rng: random.Random, story: int, published: datetime) -> list[tuple[Any, ...]]:
    rows = []
    for kind, codes in (("country", COUNTRIES), ("topic", TOPICS)):
        chosen = rng.sample(codes, 1 if rng.random() < 0.7 else 2)
        for code in chosen:
            confidence = 0.3 if rng.random() < 0.1 else round(rng.uniform(0.55, 0.98), 2)
            rows.append((story, kind, code, confidence, "source" if rng.random() < 0.2 else "text", published))
    return rows


# -- SQLite ----------------------------------------------------------------------------------------


def _sqlite_text(value: datetime) -> str:
    """A datetime as the store's SQLite columns hold it (naive UTC, SQLAlchemy's storage format)."""
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _as_sqlite(row: tuple[Any, ...], dates: tuple[int, ...]) -> tuple[Any, ...]:
    values = list(row)
    for position in dates:
        values[position] = _sqlite_text(values[position])
    return tuple(values)


def _fill_sqlite(store: Store, count: int, seed: int) -> None:
    raw = engine_of(store).raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")
        cursor.execute("PRAGMA temp_store=MEMORY")
        placeholders = ", ".join(f"'{table}'" for table in TABLES)
        kept = cursor.execute(f"SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
                              f"AND sql IS NOT NULL AND tbl_name IN ({placeholders})").fetchall()
        cursor.execute("BEGIN")
        cursor.executemany("INSERT INTO sources (id, name, kind, url, consecutive_failures, state) "
                           "VALUES (?, ?, 'feed', ?, 0, '{}')",
                           [(source, source, f"https://{source}.example/") for source, _ in SOURCES])
        for kind, name, _sql in kept:
            cursor.execute(f'DROP {kind} "{name}"')
        cursor.execute("COMMIT")
        for chunk in chunks(count, seed):
            cursor.execute("BEGIN")
            for table, columns, rows, dates in (("stories", STORY_COLUMNS, chunk.stories, _STORY_DATES),
                                                ("items", ITEM_COLUMNS, chunk.items, _ITEM_DATES),
                                                ("story_tags", TAG_COLUMNS, chunk.tags, _TAG_DATES)):
                statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
                cursor.executemany(statement, [_as_sqlite(row, dates) for row in rows])
            cursor.execute("COMMIT")
        cursor.execute("BEGIN")
        for _kind, _name, sql in kept:
            cursor.execute(sql)
        cursor.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
        cursor.execute("COMMIT")
        cursor.execute("ANALYZE")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
    finally:
        raw.close()


# -- PostgreSQL ------------------------------------------------------------------------------------


def _fill_postgresql(store: Store, count: int, seed: int) -> None:
    raw = engine_of(store).raw_connection()
    try:
        connection = raw.driver_connection
        assert connection is not None
        connection.autocommit = False
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO sources (id, name, kind, url, consecutive_failures, state) "
                               "VALUES (%s, %s, 'feed', %s, 0, '{}')",
                               [(source, source, f"https://{source}.example/") for source, _ in SOURCES])
            # secondary indexes (not those behind a primary key or unique constraint) are rebuilt after the fill
            cursor.execute("SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                           "WHERE i.indrelid = ANY(ARRAY['stories', 'items', 'story_tags']::regclass[]) "
                           "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)")
            kept = cursor.fetchall()
            for name, _definition in kept:
                cursor.execute(f"DROP INDEX {name}")
        connection.commit()
        for chunk in chunks(count, seed):
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")  # no FK triggers per row
                cursor.execute("SET LOCAL synchronous_commit = off")
                for table, columns, rows in (("stories", STORY_COLUMNS, chunk.stories),
                                             ("items", ITEM_COLUMNS, chunk.items),
                                             ("story_tags", TAG_COLUMNS, chunk.tags)):
                    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
            connection.commit()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            for _name, definition in kept:
                cursor.execute(definition)
            for table in ("stories", "items"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))")
        connection.commit()
        connection.autocommit = True
        with connection.cursor() as cursor:
            for table in (*TABLES, "sources"):
                cursor.execute(f"VACUUM ANALYZE {table}")
        connection.autocommit = False
    finally:
        raw.close()
