"""SQLite's full-text index merges sixteen segments at a time, not four

Revision ID: 0012
Revises: 0011

FTS5 writes each transaction's new entries as a segment and merges segments of one level into one of the
next when `automerge` (by default 4) of them are there, so every entry is rewritten once per level: the more
items stored, the more levels, and each new item's entries cost more (in a store of 218,874 stories, 0.21 of
the 0.33 ms per item that inserting a batch's items took; docs/performance.md, "ingest speed, round 15").
With sixteen, an entry passes through half as many levels (log16 against log4 of the transactions' count):
20,000 entries written in transactions of 200 into that store cost 0.017 ms each instead of 0.053. A query
reads up to fifteen segments of a level, not three: no slower in that measurement, and the same rows and
ranks (the index holds the same entries and statistics, only grouped otherwise).

Only FTS5's stored configuration changes (`items_fts_config`); PostgreSQL's GIN index has no such option.
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

AUTOMERGE = 16
FTS5_DEFAULT_AUTOMERGE = 4


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', {AUTOMERGE})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"INSERT INTO items_fts(items_fts, rank) VALUES ('automerge', {FTS5_DEFAULT_AUTOMERGE})")
