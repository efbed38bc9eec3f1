"""Session options every PostgreSQL connection of a store has (feeds/store/db.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of

pytestmark = pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                                     indirect=True)


def test_every_statement_is_planned_for_its_own_parameters(settings: Settings) -> None:
    store = Store.open(settings.database_url)
    with engine_of(store).connect() as connection:
        assert connection.execute(sa.text("show plan_cache_mode")).scalar_one() == "force_custom_plan"
        # the URL's own options are kept beside it (the tests' schema is one)
        assert connection.execute(sa.text("select current_schema()")).scalar_one() != "public"
        # psycopg prepares a statement after five executions; PostgreSQL would then try a generic plan
        # (one for any parameters) after five custom ones
        assert plans_of(connection, "select count(*) from stories where id > :id") == (0, 7)  # prepared at the sixth
        connection.execute(sa.text("set plan_cache_mode = auto"))  # the server's default, for contrast
        assert plans_of(connection, "select count(*) from stories where id < :id") == (2, 5)
        connection.rollback()  # the SET with it
    store.close()


def plans_of(connection: sa.Connection, statement: str) -> tuple[int, int]:
    """How often PostgreSQL planned `statement` for any parameters (generic) and for its own (custom),
    run 12 times."""
    for story_id in range(12):
        connection.execute(sa.text(statement), {"id": story_id}).scalar_one()
    generic, custom = connection.execute(sa.text(
        "select generic_plans, custom_plans from pg_prepared_statements where statement = :prepared"),
        {"prepared": statement.replace(":id", "$1")}).one()
    return int(generic), int(custom)
