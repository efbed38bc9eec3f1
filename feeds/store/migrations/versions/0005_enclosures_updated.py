"""Enclosure type and length as the source states them; stories' updated from their primary item

`stories.updated_at` used to take the collection time when a story's primary changed, so
entries said "updated" years after "published". It is now the primary item's own updated
date (the source's, else its published date); existing stories are set to it here. The
time of the last content change, which empty feeds show, starts at the newest first-seen item
(an empty store gets it with its first change).

Revision ID: 0005
Revises: 0004
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("items", sa.Column("image_type", sa.String(length=100), nullable=True))
    op.add_column("items", sa.Column("image_length", sa.BigInteger(), nullable=True))
    op.execute(
        "UPDATE stories SET updated_at = (SELECT items.updated_at FROM items WHERE items.id = stories.primary_item_id) "
        "WHERE primary_item_id IS NOT NULL AND EXISTS (SELECT 1 FROM items WHERE items.id = stories.primary_item_id)"
    )
    connection = op.get_bind()
    newest = connection.execute(sa.text("SELECT max(first_seen_at) FROM items")).scalar()
    if newest is None:  # an empty store stays empty (import restores into empty stores only)
        return
    if isinstance(newest, str):  # SQLite keeps naive UTC text
        newest = datetime.fromisoformat(newest)
    stamp = newest.replace(tzinfo=newest.tzinfo or UTC).astimezone(UTC)
    connection.execute(sa.text("DELETE FROM store_meta WHERE key = 'changed_at'"))
    connection.execute(sa.text("INSERT INTO store_meta (key, value) VALUES ('changed_at', :value)"),
                       {"value": stamp.isoformat()})


def downgrade() -> None:
    op.execute("DELETE FROM store_meta WHERE key = 'changed_at'")
    # plain DROP COLUMN (SQLite >= 3.35): a batch rebuild of items would drop the FTS5 triggers of 0003
    op.drop_column("items", "image_length")
    op.drop_column("items", "image_type")
