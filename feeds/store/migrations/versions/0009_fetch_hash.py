"""The fetch hash of each item: what the fetch brought and how it was processed

A collect skips normalising, tagging and fingerprinting an item whose raw form (and the processing
context: taxonomy, source settings, version) hashes as stored (feeds/process/fetched.py); most items
of a feed are the same at every collect. Items stored before have none: they are processed once more
at their next collect, as before, and get it.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("items", sa.Column("fetch_hash", sa.String(length=64), nullable=True))
    op.create_index("ix_items_source_id_fetch_hash", "items", ["source_id", "fetch_hash"])


def downgrade() -> None:
    op.drop_index("ix_items_source_id_fetch_hash", table_name="items")
    # plain DROP COLUMN (SQLite >= 3.35): a batch rebuild of items would drop the FTS5 triggers of 0003
    op.drop_column("items", "fetch_hash")
