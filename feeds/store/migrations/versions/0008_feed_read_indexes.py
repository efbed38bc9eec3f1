"""Read path at a million stories: feed pages walk a partial index of the stories a feed may show

Revision ID: 0008
Revises: 0007

Every feed page walks published stories newest first, skipping aliases and hidden stories.
With statistics of a large store SQLite's planner took `ix_stories_alias_of` for
`alias_of IS NULL` (nearly every row, but NULLs count as distinct keys in its statistics) and
sorted every story. Now that index holds aliases only (`alias_of IS NOT NULL`: what the
merge lookups and the foreign key's cascade probe), and `ix_stories_published_visible` serves
the filter and the order at once, so a page stops after `limit` matches
(tests/store/test_query_plans.py). The predicate is written as the queries state it
(SQLAlchemy renders `hidden IS 0` on SQLite, `hidden IS false` on PostgreSQL): a planner uses a
partial index only when it can match the predicate.

PostgreSQL: the search document becomes a stored generated column, `items.search_document`, with
the GIN index on it (instead of the expression index of 0003). Checking one item against a search
then reads a value instead of computing `to_tsvector` over its text (about 0.2 ms an item), which
the planner cannot know: it chose to check a window's items one by one and took 250 ms
(feeds/store/search.py). Adding the column rewrites `items` once (minutes at a million items).
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

PG_DOCUMENT = "to_tsvector('simple'::regconfig, title || ' ' || summary || ' ' || content_html)"  # as in 0003


def upgrade() -> None:
    false = "0" if op.get_bind().dialect.name == "sqlite" else "false"
    op.execute("CREATE INDEX ix_stories_published_visible ON stories (published_at, id) "
               f"WHERE alias_of IS NULL AND hidden IS {false}")
    op.drop_index("ix_stories_alias_of", "stories")
    op.execute("CREATE INDEX ix_stories_alias_of ON stories (alias_of) WHERE alias_of IS NOT NULL")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE items ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({PG_DOCUMENT}) STORED")
        op.execute("CREATE INDEX ix_items_search_document ON items USING gin (search_document)")
        op.execute("DROP INDEX ix_items_search")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_items_search ON items USING gin ({PG_DOCUMENT})")
        op.execute("ALTER TABLE items DROP COLUMN search_document")  # its index goes with it
    op.drop_index("ix_stories_alias_of", "stories")
    op.create_index("ix_stories_alias_of", "stories", ["alias_of"])
    op.drop_index("ix_stories_published_visible", "stories")
