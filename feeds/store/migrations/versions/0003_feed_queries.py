"""Indexes for filtered feeds and full-text search over items (SQLite FTS5 / PostgreSQL tsvector)

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Kept identical to feeds/store/search.py (queries.py when this migration was written) so PostgreSQL uses the index for searches.
PG_DOCUMENT = "to_tsvector('simple'::regconfig, title || ' ' || summary || ' ' || content_html)"


def upgrade() -> None:
    op.create_index("ix_items_source_id_story_id", "items", ["source_id", "story_id"])
    op.create_index("ix_items_language_story_id", "items", ["language", "story_id"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE items_fts USING fts5(title, summary, content_html, content='items', "
                   "content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN "
                   "INSERT INTO items_fts(rowid, title, summary, content_html) "
                   "VALUES (new.id, new.title, new.summary, new.content_html); END")
        op.execute("CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN "
                   "INSERT INTO items_fts(items_fts, rowid, title, summary, content_html) "
                   "VALUES ('delete', old.id, old.title, old.summary, old.content_html); END")
        op.execute("CREATE TRIGGER items_fts_update AFTER UPDATE OF title, summary, content_html ON items BEGIN "
                   "INSERT INTO items_fts(items_fts, rowid, title, summary, content_html) "
                   "VALUES ('delete', old.id, old.title, old.summary, old.content_html); "
                   "INSERT INTO items_fts(rowid, title, summary, content_html) "
                   "VALUES (new.id, new.title, new.summary, new.content_html); END")
        op.execute("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")
    else:
        op.execute(f"CREATE INDEX ix_items_search ON items USING gin ({PG_DOCUMENT})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("items_fts_insert", "items_fts_delete", "items_fts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS items_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_items_search")
    op.drop_index("ix_items_language_story_id", "items")
    op.drop_index("ix_items_source_id_story_id", "items")
