"""Dedup index: lookup keys per item (exact, LSH bands, features) and the item's fingerprint

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("items") as batch_op:
        batch_op.add_column(sa.Column("fingerprint", sa.JSON(), nullable=True))
    op.create_table(
        "dedup_keys",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_dedup_keys_item_id_items"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("key", "item_id", name=op.f("pk_dedup_keys")),
    )
    op.create_index("ix_dedup_keys_key_published", "dedup_keys", ["key", "published_at"])
    op.create_index("ix_dedup_keys_item_id", "dedup_keys", ["item_id"])
    op.create_index("ix_stories_alias_of", "stories", ["alias_of"])


def downgrade() -> None:
    op.drop_index("ix_stories_alias_of", "stories")
    op.drop_index("ix_dedup_keys_item_id", "dedup_keys")
    op.drop_index("ix_dedup_keys_key_published", "dedup_keys")
    op.drop_table("dedup_keys")
    with op.batch_alter_table("items") as batch_op:
        batch_op.drop_column("fingerprint")
