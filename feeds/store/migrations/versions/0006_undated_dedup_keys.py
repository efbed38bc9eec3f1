"""Undated items' lookup keys carry no date: they are found by items of any date

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dedup_keys") as batch_op:
        batch_op.alter_column("published_at", existing_type=sa.DateTime(timezone=True), nullable=True)
    op.execute("UPDATE dedup_keys SET published_at = NULL "
               "WHERE item_id IN (SELECT id FROM items WHERE dated = false)")


def downgrade() -> None:
    op.execute("UPDATE dedup_keys SET published_at = (SELECT published_at FROM items WHERE items.id = dedup_keys.item_id) "
               "WHERE published_at IS NULL")
    with op.batch_alter_table("dedup_keys") as batch_op:
        batch_op.alter_column("published_at", existing_type=sa.DateTime(timezone=True), nullable=False)
