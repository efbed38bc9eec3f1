"""Config folders as an operator writes them, and which database the tests run on."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

# Set: every test using the `database_url`/`settings` fixtures also runs on this PostgreSQL server.
POSTGRES_URL = os.environ.get("CLUSTERFEEDS_TEST_DATABASE_URL")


def write_sources(config_dir: Path, sources: list[dict[str, object]]) -> Path:
    """Write `sources` as the folder's sources.yaml; returns its path."""
    path = config_dir / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": sources}, allow_unicode=True, sort_keys=False))
    return path
