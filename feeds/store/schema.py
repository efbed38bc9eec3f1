"""Tables. The store is the only part of ClusterFeeds that speaks SQL.

Times are stored in UTC: `timestamptz` on PostgreSQL, naive UTC text on SQLite; both
come back as aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)

from feeds.model import Item, Link, Tag, item_metadata


class UTCDateTime(TypeDecorator[datetime]):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to the store; use UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        return stored.replace(tzinfo=UTC) if stored.tzinfo is None else stored.astimezone(UTC)


metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

sources = Table(
    "sources", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_attempt_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("last_error", Text),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("next_attempt_at", UTCDateTime),
    Column("state", JSON, nullable=False, default=dict),  # adapter bookkeeping (known pages, ...)
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("entry_id", String(255), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("published_at", UTCDateTime, nullable=False),  # of the primary item: the feed order
    Column("updated_at", UTCDateTime, nullable=False),  # last change of the primary content
    Column("primary_item_id", Integer),  # an items.id; no FK, the two tables would reference each other
    Column("alias_of", Integer, ForeignKey("stories.id", ondelete="CASCADE")),  # merged into
    Column("hidden", Boolean, nullable=False, server_default=false()),  # by an editor (0007); no Python default:
    # inserts leave it out, so tests that write rows at an older revision still work
    Index("ix_stories_published", "published_at", "id"),
    # migration 0008: what a feed page walks (the stories it may show, newest first), and the aliases alone
    Index("ix_stories_published_visible", "published_at", "id",
          sqlite_where=text("alias_of IS NULL AND hidden IS 0"),
          postgresql_where=text("alias_of IS NULL AND hidden IS false")),
    Index("ix_stories_alias_of", "alias_of", sqlite_where=text("alias_of IS NOT NULL"),
          postgresql_where=text("alias_of IS NOT NULL")),
)

items = Table(
    "items", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source_id", String(64), ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(2048), nullable=False),
    Column("canonical_url", String(2048), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("content_html", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("author", Text),
    Column("published_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("first_seen_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("language", String(8)),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("image_url", Text),
    Column("image_type", String(100)),  # as the source states it (migration 0005)
    Column("image_length", BigInteger),
    Column("categories", JSON, nullable=False),
    Column("links", JSON, nullable=False),
    Column("item_metadata", JSON, nullable=False),
    Column("dated", Boolean, nullable=False),
    Column("tags", JSON, nullable=False, default=list),  # [[kind, code, confidence, provenance], ...]
    Column("fingerprint", JSON),  # the dedup fingerprint (feeds/process/dedup), compared with new items
    Column("fetch_hash", String(64)),  # the raw item as fetched and the processing context (migration 0009)
    UniqueConstraint("source_id", "key"),
    Index("ix_items_source_id_fetch_hash", "source_id", "fetch_hash"),
    Index("ix_items_source_id_story_id", "source_id", "story_id"),
    Index("ix_items_language_story_id", "language", "story_id"),
    # Full-text search (migrations 0003, 0008, 0012) lives outside this metadata: an FTS5 table with triggers
    # on SQLite, merging sixteen segments at a time; on PostgreSQL the generated column `search_document`
    # (tsvector) with a GIN index.
)

# Lookup keys of each item for story assignment: exact keys, MinHash LSH bands and
# language-independent features, hashed to fixed width. Finding candidates is an index probe.
dedup_keys = Table(
    "dedup_keys", metadata,
    Column("key", String(32), nullable=False),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("published_at", UTCDateTime, nullable=True),  # NULL for an undated item: compared at any date
    # No primary key: one index ordered by the (random) key is written per row, not two (migration 0011);
    # it carries item_id, so the probes read no table row. An item's keys are written once each.
    Index("ix_dedup_keys_key_published_item", "key", "published_at", "item_id"),
    Index("ix_dedup_keys_item_id", "item_id"),
)

story_tags = Table(
    "story_tags", metadata,
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(16), primary_key=True),  # "country" | "topic"
    Column("code", String(64), primary_key=True),
    Column("confidence", Float, nullable=False),
    Column("provenance", String(16), nullable=False),  # "source" (metadata) | "text"
    # the story's published_at (migration 0010), written with every tag row (changes.refresh_story_tags,
    # editorial.replay_tags): with story_id it is the feed order, so one tag's stories are walked newest
    # first from ix_story_tags_kind_code_published_at (feeds/store/queries.py)
    Column("published_at", UTCDateTime, nullable=False),
    Index("ix_story_tags_kind_code", "kind", "code", "story_id"),
    Index("ix_story_tags_kind_code_published_at", "kind", "code", "published_at", "story_id", "confidence"),
)

store_meta = Table(
    "store_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Editorial corrections (feeds/store/corrections.py, migration 0007): one row per correction,
# applied in the transaction that records it and replayed after retag and story assignment.
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("editor", String(128), nullable=False),  # who
    Column("reason", Text, nullable=False),  # why
    Column("action", String(16), nullable=False),  # what: add_tag, remove_tag, split, merge, pin, hide, show
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("other_story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), index=True),  # merged / split off
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), index=True),  # split off / pinned
    Column("kind", String(16)),  # of a tag correction
    Column("code", String(64)),
    Column("before", JSON, nullable=False),  # the state undo restores
    Column("undone_at", UTCDateTime),
    Column("undone_by", String(128)),
)

# Items an editor split apart: story assignment never puts them in one story again.
never_merge = Table(
    "never_merge", metadata,
    Column("correction_id", Integer, ForeignKey("corrections.id", ondelete="CASCADE"), primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("other_item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), primary_key=True, index=True),
)

def item_values(item: Item) -> dict[str, Any]:
    """The `items` columns of `item` (what a save writes; ids, story and seen times aside)."""
    return {
        "source_id": item.source_id, "key": item.key, "canonical_url": item.canonical_url, "url": item.url,
        "title": item.title, "content_html": item.content_html, "summary": item.summary, "author": item.author,
        "published_at": item.published, "updated_at": item.updated, "language": item.language,
        "content_hash": item.content_hash, "image_url": item.image_url,
        "image_type": item.image_type, "image_length": item.image_length, "categories": list(item.categories),
        "links": [{"href": link.href, "title": link.title, "hreflang": link.hreflang} for link in item.links],
        "item_metadata": dict(item.metadata), "dated": item.dated,
        "tags": [[tag.kind, tag.code, tag.confidence, tag.provenance] for tag in item.tags],
        "fetch_hash": item.fetch_hash,
    }


def item_of(row: Any) -> Item:
    """The `Item` an `items` row holds: `item_values` read back (a stored item processed again)."""
    return Item(
        source_id=row.source_id, key=row.key, canonical_url=row.canonical_url, url=row.url, title=row.title,
        content_html=row.content_html, summary=row.summary, author=row.author, published=row.published_at,
        updated=row.updated_at, language=row.language, content_hash=row.content_hash, image_url=row.image_url,
        image_type=row.image_type, image_length=row.image_length, categories=tuple(row.categories or ()),
        links=tuple(Link(link["href"], link.get("title"), link.get("hreflang")) for link in row.links or ()),
        metadata=item_metadata(row.item_metadata or {}), dated=row.dated,
        tags=tuple(Tag(kind, code, confidence, provenance) for kind, code, confidence, provenance in row.tags or ()),
        fetch_hash=row.fetch_hash,
    )
