"""Issue 19, cases 9–11, 14, 15: no request can tie up the database, break a feed or reach the admin API.

Requests are real HTTP requests to the app on waitress (tests/support/appserver.py), on
SQLite and PostgreSQL where the store is involved. Nothing here asserts a duration: a hung
database is shown to cost a bounded wait by what the answers say (which limit answered).
"""

from __future__ import annotations

import dataclasses
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import sqlalchemy as sa
from sqlalchemy import event

from bench import bulk
from feeds.config import SourceConfig
from feeds.config.feeds import MAX_FILTER_VALUES
from feeds.runner import collect_sources
from feeds.settings import MIN_ADMIN_TOKEN_LENGTH, Settings, SettingsError
from feeds.store import Store, db
from feeds.store.testing import engine_of
from feeds.web import create_app
from feeds.web.pages import INTERNAL_ERROR, public_error
from tests.support.appserver import running_app
from tests.support.configs import POSTGRES_URL
from tests.support.documents import RSS
from tests.support.httpserver import Route, serving
from tests.support.paths import REPO
from tests.support.tcpproxy import TCPProxy

POSTGRES_ONLY = pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)],
                                        indirect=True)
TOKEN = "admin-token-" + "x" * MIN_ADMIN_TOKEN_LENGTH


@pytest.fixture
def served(settings: Settings) -> Iterator[tuple[Settings, Store, str]]:
    """The app on waitress over a store with a few hundred stories."""
    shutil.copy(REPO / "config" / "topics.yaml", settings.config_dir / "topics.yaml")
    store = Store.open(settings.database_url)
    bulk.fill(store, 300)
    with running_app(create_app(settings, store)) as base_url:
        yield settings, store, base_url
    store.close()


# -- case 10: values that overflowed or broke the driver are 400s naming them ------------------

@pytest.mark.parametrize(("query", "name"), [
    ("since=0001-01-01T00:00:00%2B14:00", "since"),
    ("since=9999-12-31T23:59:59-14:00", "since"),
    ("q=a%00b", "q"),
    ("q=a%01b,c", "q"),
    ("q=" + "w" * 201, "q"),
])
def test_overflowing_dates_and_control_characters_are_400(served: tuple[Settings, Store, str], query: str,
                                                          name: str) -> None:
    _settings, _store, base_url = served
    for path in ("/feeds/all.atom", "/feeds/countries/de.json", "/embed/all"):
        response = httpx.get(f"{base_url}{path}?{query}")
        assert response.status_code == 400, (path, query, response.text)
        assert repr(name) in response.text


def test_extreme_but_valid_dates_still_answer(served: tuple[Settings, Store, str]) -> None:
    _settings, _store, base_url = served
    for since in ("0001-01-02", "9999-12-30T00:00:00Z", "2026-01-01T00:00:00%2B14:00"):
        assert httpx.get(f"{base_url}/feeds/all.json?since={since}").status_code == 200


# -- case 9: full-text search is one tsquery, with a bounded number of alternatives ------------

def test_too_many_alternatives_are_400_naming_the_limit(served: tuple[Settings, Store, str]) -> None:
    _settings, _store, base_url = served
    words = ",".join(f"w{n}" for n in range(MAX_FILTER_VALUES + 1))
    response = httpx.get(f"{base_url}/feeds/all.atom?q={words}")
    assert response.status_code == 400
    assert f"at most {MAX_FILTER_VALUES}" in response.text
    many = ",".join(f"w{n}" for n in range(MAX_FILTER_VALUES))
    assert httpx.get(f"{base_url}/feeds/all.atom?q={many}").status_code == 200


def _statements(engine: sa.Engine) -> tuple[list[tuple[str, Any]], Any]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    return seen, record


@POSTGRES_ONLY
def test_many_alternatives_are_one_indexed_tsquery_postgresql(served: tuple[Settings, Store, str]) -> None:
    _settings, store, base_url = served
    seen, record = _statements(engine_of(store))
    try:
        words = ",".join(["cluster", "energie", "hydrogen"] + [f"w{n}" for n in range(MAX_FILTER_VALUES - 3)])
        response = httpx.get(f"{base_url}/feeds/all.json?q={words}&limit=5")
    finally:
        event.remove(engine_of(store), "before_cursor_execute", record)
    assert response.status_code == 200
    searches = [(s, p) for s, p in seen if "@@" in s]
    assert searches  # a window of the walk (feeds/store/search.py), or the rest of it through the GIN index
    for search, parameters in searches:
        assert search.count("@@") == 1  # one match of the indexed document, not one per alternative
        with engine_of(store).connect() as connection:
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            cursor.execute("SET enable_seqscan = off")  # a 300-story table is cheaper to scan; ask for the index plan
            cursor.execute("EXPLAIN " + search, parameters)
            plan = "\n".join(str(row[0]) for row in cursor.fetchall())
        # one probe of the GIN index (or, for a window of a few stories, one check of each item's stored
        # document) for all twenty words
        assert plan.count("search_document @@") == 1, plan
        assert "Seq Scan on items" not in plan, plan
        assert "''cluster'' | ''energie'' | ''hydrogen''" in plan, plan  # the alternatives folded into one tsquery


@POSTGRES_ONLY
def test_web_requests_have_their_own_statement_timeout_postgresql(settings: Settings) -> None:
    store = Store.open(settings.database_url)
    app = create_app(dataclasses.replace(settings, web_statement_timeout=0.2), store)
    with engine_of(store).connect() as connection:
        assert connection.execute(sa.text("show statement_timeout")).scalar_one() == "5min"  # every connection
    with app.test_request_context("/"), engine_of(store).connect() as connection:
        assert connection.execute(sa.text("show statement_timeout")).scalar_one() == "200ms"
        # a page is an index walk that stops early: no parallel workers to start for it
        assert connection.execute(sa.text("show max_parallel_workers_per_gather")).scalar_one() == "0"
        with pytest.raises(sa.exc.OperationalError, match="statement timeout"):
            connection.execute(sa.text("select pg_sleep(5)"))
    with engine_of(store).connect() as connection:  # the scheduler's transactions keep the store-wide bound
        assert connection.execute(sa.text("show statement_timeout")).scalar_one() == "5min"
    store.close()


# -- case 11: a database that accepts connections and never answers ----------------------------

@contextmanager
def frozen_database(database_url: str) -> Iterator[tuple[str, TCPProxy]]:
    assert POSTGRES_URL
    upstream = urlsplit(POSTGRES_URL)
    proxy = TCPProxy((upstream.hostname or "127.0.0.1", upstream.port or 5432)).start()
    url = database_url.replace(f"{upstream.hostname}:{upstream.port or 5432}", f"127.0.0.1:{proxy.port}")
    try:
        yield url, proxy
    finally:
        proxy.stop()


@POSTGRES_ONLY
def test_a_hung_database_costs_bounded_waits_and_cached_feeds_are_served(settings: Settings) -> None:
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as feed_server, \
            frozen_database(settings.database_url) as (url, proxy):
        settings = dataclasses.replace(settings, database_url=url, cache_check_ms=0, readyz_timeout=0.5,
                                       database_connect_timeout=2)
        store = Store.open(url, timeouts=db.Timeouts(connect=2))
        (run,) = collect_sources(settings, store, [SourceConfig(id="local", name="Local", kind="feed",
                                                                url=feed_server.url("/feed.rss"))])
        assert run.ok
        engine_of(store).dispose()  # no pooled connection from before: every request must connect afresh
        with running_app(create_app(settings, store)) as base_url, httpx.Client(base_url=base_url,
                                                                                 timeout=60) as client:
            cached = client.get("/feeds/all.atom")
            assert cached.status_code == 200
            assert client.get("/readyz").status_code == 200

            proxy.freeze()
            answers: dict[str, httpx.Response] = {}
            uncached = threading.Thread(target=lambda: answers.setdefault("page", client.get("/topics")))
            uncached.start()
            health = client.get("/healthz")
            ready = client.get("/readyz")
            again = client.get("/feeds/all.atom")
            uncached.join()
        assert health.status_code == 200
        assert ready.status_code == 503
        assert "no answer within 0.5 s" in ready.json()["checks"]["database"]  # its own limit, not the driver's
        assert again.status_code == 200  # from the render cache, without asking the database
        assert again.content == cached.content
        assert answers["page"].status_code == 503  # the connect timeout ended the wait
        assert answers["page"].headers["Retry-After"]
        store.close()


def test_healthz_needs_no_database(config_dir: Path, tmp_path: Path) -> None:
    """A store whose database accepts connections and never answers: /healthz is still 200."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    try:
        store = Store(db.make_engine(f"postgresql://nobody@127.0.0.1:{port}/none", db.Timeouts(connect=2)))
        settings = Settings(config_dir=config_dir, database_url=f"sqlite:///{tmp_path}/unused.db",
                            readyz_timeout=0.5)
        with running_app(create_app(settings, store)) as base_url:
            assert httpx.get(f"{base_url}/healthz", timeout=30).json() == {"status": "ok"}
            ready = httpx.get(f"{base_url}/readyz", timeout=30)
            assert ready.status_code == 503
            assert "no answer within 0.5 s" in ready.json()["checks"]["database"]
            feed = httpx.get(f"{base_url}/feeds/all.atom", timeout=30)
            assert feed.status_code == 503  # after the connect timeout, not when the database returns
    finally:
        listener.close()


# -- case 14: public errors -------------------------------------------------------------------

SQL_ERROR = ("(psycopg.errors.StringDataRightTruncation) value too long for type character varying(2048)\n"
             "[SQL: INSERT INTO items (source_id, url) VALUES (%(source_id)s, %(url)s)]\n"
             "[parameters: {'source_id': 'x', 'url': 'https://secret.example/…'}]")


@pytest.mark.parametrize(("stored", "shown"), [
    (SQL_ERROR, INTERNAL_ERROR),
    ("internal error: KeyError: 'title'", INTERNAL_ERROR),
    ("refusing to fetch intranet.example (10.0.0.5): not a public address (private (RFC 1918)); set "
     "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS=1 to allow it (http://intranet.example/feed)",
     "refusing to fetch intranet.example: not a public address (private (RFC 1918))"),
    ("HTTP 503 (https://example.org/feed.xml)", "HTTP 503 (https://example.org/feed.xml)"),
    (None, None),
])
def test_public_error_is_one_line_without_internals(stored: str | None, shown: str | None) -> None:
    assert public_error(stored) == shown


def test_sources_pages_show_public_errors_and_the_admin_api_the_details(settings: Settings) -> None:
    settings = dataclasses.replace(settings, admin_token=TOKEN)
    store = Store.open(settings.database_url)
    source = SourceConfig(id="broken", name="Broken", kind="feed", url="https://example.org/feed.xml")
    store.sources.sync([source])
    from datetime import UTC, datetime

    store.sources.record_failure("broken", SQL_ERROR, datetime.now(UTC))
    from tests.support.configs import write_sources

    write_sources(settings.config_dir, [{"id": "broken", "name": "Broken", "kind": "feed",
                                         "url": "https://example.org/feed.xml"}])
    with running_app(create_app(settings, store)) as base_url:
        page = httpx.get(f"{base_url}/sources").text
        data = httpx.get(f"{base_url}/sources.json").json()
        admin = httpx.get(f"{base_url}/admin/sources", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert "INSERT" not in page
    assert "secret.example" not in page
    (row,) = data["sources"]
    assert row["last_error"] == INTERNAL_ERROR
    assert admin["sources"][0]["last_error"] == SQL_ERROR
    store.close()


# -- case 15: the admin API -------------------------------------------------------------------

def test_failed_admin_attempts_are_rate_limited_per_client(settings: Settings) -> None:
    settings = dataclasses.replace(settings, admin_token=TOKEN, admin_failures_per_minute=5)
    store = Store.open(settings.database_url)
    with running_app(create_app(settings, store)) as base_url, \
            httpx.Client(base_url=base_url, transport=httpx.HTTPTransport(local_address="127.0.0.1")) as attacker, \
            httpx.Client(base_url=base_url, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as operator:
        statuses = [attacker.get("/admin/sources", headers={"Authorization": f"Bearer guess{n}"}).status_code
                    for n in range(300)]
        right = attacker.get("/admin/sources", headers={"Authorization": f"Bearer {TOKEN}"})
        elsewhere = operator.get("/admin/sources", headers={"Authorization": f"Bearer {TOKEN}"})
    assert statuses[:5] == [401] * 5
    assert set(statuses[5:]) == {429}  # 295 guesses never compared with the token
    assert right.status_code == 429
    assert int(right.headers["Retry-After"]) >= 1
    assert elsewhere.status_code == 200
    store.close()


def test_admin_answers_carry_no_cors_header(settings: Settings) -> None:
    settings = dataclasses.replace(settings, admin_token=TOKEN)
    store = Store.open(settings.database_url)
    with running_app(create_app(settings, store)) as base_url:
        admin = httpx.get(f"{base_url}/admin/sources", headers={"Authorization": f"Bearer {TOKEN}",
                                                                  "Origin": "https://evil.example"})
        refused = httpx.get(f"{base_url}/admin/sources", headers={"Origin": "https://evil.example"})
        public = httpx.get(f"{base_url}/sources.json", headers={"Origin": "https://evil.example"})
    assert admin.status_code == 200
    assert "access-control-allow-origin" not in admin.headers
    assert "access-control-allow-origin" not in refused.headers
    assert public.headers["access-control-allow-origin"] == "*"
    store.close()


def test_a_short_admin_token_stops_start_up(config_dir: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from feeds.cli import cli

    with pytest.raises(SettingsError, match=f"at least {MIN_ADMIN_TOKEN_LENGTH}"):
        Settings(admin_token="secret")
    result = CliRunner().invoke(cli, ["--config-dir", str(config_dir), "sources"],
                                env={"CLUSTERFEEDS_ADMIN_TOKEN": "secret",
                                     "CLUSTERFEEDS_DATABASE_URL": f"sqlite:///{tmp_path}/s.db"})
    assert result.exit_code == 2
    assert "CLUSTERFEEDS_ADMIN_TOKEN" in result.output
