"""Shared fixtures: a real database (SQLite file, and PostgreSQL when configured) per test, settings,
and a store filled by the real pipeline (`filled`).

PostgreSQL runs when CLUSTERFEEDS_TEST_DATABASE_URL is set (CI sets it). It is then
required: an unreachable server fails the tests instead of skipping them. Each test gets
its own schema, so tests never see each other's rows.

Helpers that are not fixtures live in tests/support/; test modules import from there, never
from each other or from this file (tests/test_layout.py checks).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from feeds.model import Item
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.configs import POSTGRES_URL
from tests.support.filled import fill_sqlite, fill_store, write_config

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="set CLUSTERFEEDS_TEST_DATABASE_URL to run the PostgreSQL tests")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[sa.Engine]:
    assert POSTGRES_URL, "CLUSTERFEEDS_TEST_DATABASE_URL is not set"
    engine = sa.create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as connection:  # fail loudly when the server is unreachable
        connection.execute(sa.text("select 1"))
    yield engine
    engine.dispose()


def _postgres_schema_url(admin: sa.Engine, schema: str) -> str:
    with admin.begin() as connection:
        connection.execute(sa.text(f'create schema "{schema}"'))
    separator = "&" if "?" in str(POSTGRES_URL) else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a fresh SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    admin = request.getfixturevalue("postgres_admin")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield _postgres_schema_url(admin, schema)
    with admin.begin() as connection:
        connection.execute(sa.text(f'drop schema "{schema}" cascade'))


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "config"
    directory.mkdir()
    (directory / "sources.yaml").write_text("sources: []\n")
    return directory


@pytest.fixture
def settings(database_url: str, config_dir: Path) -> Settings:
    return Settings(
        database_url=database_url,
        config_dir=config_dir,
        allow_private_networks=True,
        base_url="http://feeds.test",
        http_connect_timeout=2,
        http_read_timeout=2,
        http_total_timeout=5,
        scheduler_jitter=0,
        http_rate_per_host=1000.0,  # politeness is tested on its own (collect/test_faults.py); keep the rest fast
    )


@pytest.fixture
def filled_store(settings: Settings) -> Iterator[tuple[Store, tuple[Item, ...]]]:
    """The fixture platforms collected and run through the real pipeline (tests/support/filled.py),
    with the shipped taxonomies and two named feeds in the config folder; and the items as stored."""
    write_config(settings.config_dir)
    if settings.database_url.startswith("sqlite:"):
        stored = fill_sqlite(settings)
        store = Store.open(settings.database_url)
    else:
        store = Store.open(settings.database_url)
        stored = fill_store(settings, store)
    yield store, stored
    store.close()


@pytest.fixture
def filled_items(filled_store: tuple[Store, tuple[Item, ...]]) -> tuple[Item, ...]:
    """The items `filled` holds, normalised and tagged, as the pipeline handed them to the store."""
    return filled_store[1]


@pytest.fixture
def filled(settings: Settings, filled_store: tuple[Store, tuple[Item, ...]]) -> tuple[Settings, Store, FlaskClient]:
    """Settings, the filled store and a test client of the app on them."""
    store = filled_store[0]
    return settings, store, create_app(settings, store).test_client()
