"""What a PostgreSQL connection costs when the pool hands it out (feeds/store/db.py): nothing more
than the statements themselves while it was in use moments ago and the server sent nothing since,
a ping when the server ended it (a restart, an administrator), and the web's session settings
only when it moves between web requests and other work. The round trips are counted in libpq's
trace of the connection: every message the client sends that the server answers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
import sqlalchemy as sa

from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of
from feeds.web import create_app
from tests.support.processes import wait_for
from tests.support.stories import POLISH, TAGGER, open_store

pytestmark = pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                                     indirect=True)
QUERIES = ("\tQuery\t", "\tParse\t")  # a simple query, or an extended one (Parse, Bind, Execute, Sync)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = open_store(settings)
    store.items.save("fc", [TAGGER.tag_item(POLISH)], POLISH.published, "feeds.test")
    yield store
    store.close()


def traced(store: Store, into: Path) -> IO[str]:
    """libpq's trace of every connection the store opens from now on."""
    trace = into.open("w+")
    engine = engine_of(store)
    engine.dispose()
    sa.event.listen(engine, "connect", lambda connection, _record: connection.pgconn.trace(trace.fileno()))
    return trace


def sent_during(trace: IO[str], action: Any) -> list[str]:
    """The statements the client sent while `action` ran."""
    trace.flush()
    start = trace.seek(0, 2)
    action()
    trace.flush()
    trace.seek(start)
    return [line.split("\t", 4)[-1][:80] for line in trace.read().splitlines()
            if "\tF\t" in line and any(kind in line for kind in QUERIES)]


def test_a_read_right_after_another_is_its_statement_alone(store: Store, tmp_path: Path) -> None:
    trace = traced(store, tmp_path / "trace")
    store.feeds.version()  # a new connection: no ping either
    sent = sent_during(trace, store.feeds.version)
    assert len(sent) == 1, sent  # no ping, no BEGIN, no ROLLBACK
    assert "store_meta" in sent[0]


def test_a_feed_request_is_one_round_trip_and_its_settings_are_set_once(settings: Settings, store: Store,
                                                                         tmp_path: Path) -> None:
    trace = traced(store, tmp_path / "trace")
    client = create_app(dataclasses.replace(settings, cache_max_mb=0), store).test_client()
    first = sent_during(trace, lambda: client.get("/feeds/countries/pl.atom"))
    assert any("SET statement_timeout" in statement for statement in first), first
    again = sent_during(trace, lambda: client.get("/feeds/countries/pl.atom"))
    assert len(again) == 1, again  # the page: no ping, settings, BEGIN or ROLLBACK
    outside = sent_during(trace, store.feeds.version)  # other work gets the defaults back
    assert any("RESET statement_timeout" in statement for statement in outside), outside


def test_a_connection_the_server_ended_is_replaced_at_checkout(store: Store, postgres_admin: sa.Engine) -> None:
    engine = engine_of(store)
    with engine.connect() as connection:
        pid = connection.execute(sa.text("select pg_backend_pid()")).scalar_one()
    # autocommit: in one transaction pg_stat_activity is a snapshot, and the backend, still ending at the
    # first look, would never be seen gone
    with postgres_admin.connect().execution_options(isolation_level="AUTOCOMMIT") as admin:
        admin.execute(sa.text("select pg_terminate_backend(:pid)"), {"pid": pid})
        assert wait_for(lambda: not admin.execute(sa.text("select count(*) from pg_stat_activity where pid = :pid"),
                                                  {"pid": pid}).scalar_one())
    assert store.feeds.version() >= 1  # the pooled connection was found ended and replaced, not used
    with engine.connect() as connection:
        assert connection.execute(sa.text("select pg_backend_pid()")).scalar_one() != pid
