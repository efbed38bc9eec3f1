"""Lookup keys written into one index ordered by the key, not two

Revision ID: 0011
Revises: 0010

Each new item writes ~28 key rows whose hashed keys land on random pages of every index ordered by the
key. The primary key (key, item_id) was such an index beside `ix_dedup_keys_key_published`, so each row
dirtied two random pages, and the inserts and the commit grew with the store (docs/performance.md,
"ingest speed, round 14"). The table now has no primary key: one index (key, published_at, item_id)
serves every probe without reading the table, and `ix_dedup_keys_item_id` (ordered as items are
written) serves the deletes. The writer stores each key of an item once (store/stories.py).

SQLite cannot drop a primary key, so the table is rebuilt (one pass, the rows in their order);
PostgreSQL drops the constraint.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

KEY_INDEX = 'CREATE INDEX ix_dedup_keys_key_published_item ON dedup_keys ("key", published_at, item_id)'


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("""CREATE TABLE dedup_keys_0011 (
            "key" VARCHAR(32) NOT NULL,
            item_id INTEGER NOT NULL,
            published_at DATETIME,
            CONSTRAINT fk_dedup_keys_item_id_items FOREIGN KEY(item_id) REFERENCES items (id) ON DELETE CASCADE
        )""")
        op.execute('INSERT INTO dedup_keys_0011 ("key", item_id, published_at) '
                   'SELECT "key", item_id, published_at FROM dedup_keys ORDER BY rowid')
        op.execute("DROP TABLE dedup_keys")
        op.execute("ALTER TABLE dedup_keys_0011 RENAME TO dedup_keys")
        op.execute("CREATE INDEX ix_dedup_keys_item_id ON dedup_keys (item_id)")
    else:
        op.drop_constraint("pk_dedup_keys", "dedup_keys", type_="primary")
        op.drop_index("ix_dedup_keys_key_published", table_name="dedup_keys")
    op.execute(KEY_INDEX)
    if op.get_bind().dialect.name != "sqlite" or op.get_bind().exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        op.execute("ANALYZE dedup_keys")


def downgrade() -> None:
    op.drop_index("ix_dedup_keys_key_published_item", table_name="dedup_keys")
    op.create_index("ix_dedup_keys_key_published", "dedup_keys", ["key", "published_at"])
    with op.batch_alter_table("dedup_keys") as batch_op:
        batch_op.create_primary_key("pk_dedup_keys", ["key", "item_id"])
