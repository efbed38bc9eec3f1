"""Feed order in story_tags: one tag's stories can be walked newest first from an index

Revision ID: 0010
Revises: 0009

A feed of a conjunction (topic AND country, a source AND a topic) walked every published story
newest first and probed each one's tags, until a page was full: about 50 / selectivity stories
(12,000 probes for a combination of 0.4 %). Each tag row now carries its story's `published_at`
(the feed order is published_at, then story id), so `ix_story_tags_kind_code_published_at` walks
one tag's stories in feed order and the page probes only the other filters
(feeds/store/queries.py). `confidence` ends the index, so the walk checks the threshold without
reading the row.

The copy is written wherever story tags are (changes.refresh_story_tags, editorial.replay_tags),
and every write that changes a story's published_at refreshes its tags (tests/store/test_feed_order_copy.py).

SQLite cannot add a NOT NULL column without a default, so the table is rebuilt with the copy
filled in (one pass; no trigger or other table refers to story_tags). PostgreSQL adds, fills
and then constrains the column.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

FEED_ORDER_INDEX = ("CREATE INDEX ix_story_tags_kind_code_published_at "
                    "ON story_tags (kind, code, published_at, story_id, confidence)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("""CREATE TABLE story_tags_0010 (
            story_id INTEGER NOT NULL,
            kind VARCHAR(16) NOT NULL,
            code VARCHAR(64) NOT NULL,
            confidence FLOAT NOT NULL,
            provenance VARCHAR(16) NOT NULL,
            published_at DATETIME NOT NULL,
            CONSTRAINT pk_story_tags PRIMARY KEY (story_id, kind, code),
            CONSTRAINT fk_story_tags_story_id_stories FOREIGN KEY(story_id) REFERENCES stories (id) ON DELETE CASCADE
        )""")
        op.execute("INSERT INTO story_tags_0010 (story_id, kind, code, confidence, provenance, published_at) "
                   "SELECT t.story_id, t.kind, t.code, t.confidence, t.provenance, s.published_at "
                   "FROM story_tags t JOIN stories s ON s.id = t.story_id ORDER BY t.story_id, t.kind, t.code")
        op.execute("DROP TABLE story_tags")
        op.execute("ALTER TABLE story_tags_0010 RENAME TO story_tags")
        op.execute("CREATE INDEX ix_story_tags_kind_code ON story_tags (kind, code, story_id)")
    else:
        op.add_column("story_tags", sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        op.execute("UPDATE story_tags SET published_at = stories.published_at FROM stories "
                   "WHERE stories.id = story_tags.story_id")
        op.alter_column("story_tags", "published_at", nullable=False)
    op.execute(FEED_ORDER_INDEX)
    # the planner's statistics of the rebuilt table and its new index (SQLite: when the store has any)
    if op.get_bind().dialect.name != "sqlite" or op.get_bind().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        op.execute("ANALYZE story_tags")


def downgrade() -> None:
    op.drop_index("ix_story_tags_kind_code_published_at", table_name="story_tags")
    # plain DROP COLUMN (SQLite >= 3.35): the column is in no other index or constraint
    op.drop_column("story_tags", "published_at")
