"""Alembic environment: the engine comes from the caller (feeds.store.db.upgrade)."""

from alembic import context

from feeds.store.schema import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    # One transaction for the whole upgrade, on SQLite too (see feeds.store.db): a crash
    # mid-migration leaves the previous schema, never half of the new one.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      transactional_ddl=True)
    context.run_migrations()
