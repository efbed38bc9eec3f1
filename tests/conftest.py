"""Shared fixtures: a real database (SQLite file, and PostgreSQL when configured) per test.

PostgreSQL runs when CLUSTERFEEDS_TEST_DATABASE_URL is set (CI sets it). It is then
required: an unreachable server fails the tests instead of skipping them. Each test gets
its own schema, so tests never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from feeds.settings import Settings

POSTGRES_URL = os.environ.get("CLUSTERFEEDS_TEST_DATABASE_URL")
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


def write_sources(config_dir: Path, sources: list[dict[str, object]]) -> Path:
    path = config_dir / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True, sort_keys=False))
    return path


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
        http_rate_per_host=1000.0,  # politeness is tested on its own (test_collect_faults); keep the rest fast
    )
