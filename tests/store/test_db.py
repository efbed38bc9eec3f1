"""Session options every PostgreSQL connection of a store has (feeds/store/db.py)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from feeds.settings import Settings
from feeds.store import Store, db
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


def test_a_tcp_connection_acknowledges_each_read_at_once(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    # A result of several hundred KB comes in many 8 KB segments; the connection sets TCP_QUICKACK at every
    # wake-up of its wait, so the server's congestion window never waits for a delayed ACK.
    if not settings.database_url.split("@", 1)[-1].startswith(("127.", "localhost", "[::1]")):
        pytest.skip("the tests' PostgreSQL is not reached over TCP")
    acks: list[int] = []
    monkeypatch.setattr(db, "quick_ack", acks.append)
    store = Store.open(settings.database_url)
    with engine_of(store).connect() as connection:
        raw = connection.connection.dbapi_connection
        assert isinstance(raw, db.AckingConnection)
        assert raw._tcp
        rows = connection.execute(sa.text("select repeat('x', 1000) || n from generate_series(1, 400) n")).all()
        assert [row[0] for row in rows] == ["x" * 1000 + str(n) for n in range(1, 401)]
    assert acks
    assert set(acks) == {raw.pgconn.socket}
    store.close()

