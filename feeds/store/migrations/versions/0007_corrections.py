"""Editorial corrections: who changed what on a story and why, pairs never to merge, hidden stories

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stories", sa.Column("hidden", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("editor", sa.String(128), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="CASCADE",
                                                          name="fk_corrections_story_id_stories"), nullable=False),
        sa.Column("other_story_id", sa.Integer(), sa.ForeignKey("stories.id", ondelete="CASCADE",
                                                                name="fk_corrections_other_story_id_stories")),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("items.id", ondelete="CASCADE",
                                                         name="fk_corrections_item_id_items")),
        sa.Column("kind", sa.String(16)),
        sa.Column("code", sa.String(64)),
        sa.Column("before", sa.JSON(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True)),
        sa.Column("undone_by", sa.String(128)),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_story_id", "corrections", ["story_id"])
    op.create_index("ix_corrections_other_story_id", "corrections", ["other_story_id"])
    op.create_index("ix_corrections_item_id", "corrections", ["item_id"])
    op.create_table(
        "never_merge",
        sa.Column("correction_id", sa.Integer(), sa.ForeignKey("corrections.id", ondelete="CASCADE",
                                                               name="fk_never_merge_correction_id_corrections"),
                  nullable=False),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("items.id", ondelete="CASCADE",
                                                         name="fk_never_merge_item_id_items"), nullable=False),
        sa.Column("other_item_id", sa.Integer(), sa.ForeignKey("items.id", ondelete="CASCADE",
                                                               name="fk_never_merge_other_item_id_items"),
                  nullable=False),
        sa.PrimaryKeyConstraint("correction_id", "item_id", "other_item_id", name="pk_never_merge"),
    )
    op.create_index("ix_never_merge_item_id", "never_merge", ["item_id"])
    op.create_index("ix_never_merge_other_item_id", "never_merge", ["other_item_id"])


def downgrade() -> None:
    op.drop_table("never_merge")
    op.drop_table("corrections")
    # plain DROP COLUMN (SQLite >= 3.35): a batch rebuild would drop and recreate stories, which items reference
    op.drop_column("stories", "hidden")
