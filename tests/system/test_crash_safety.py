"""Killing `collect` with SIGKILL at any point leaves a consistent store; the next run completes the work.

The collects run as real processes against the fixture sites served over HTTP, with bodies
dribbled so that kills land in every phase (fetching, processing, writing).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from feeds.settings import Settings
from feeds.store import Store, schema
from feeds.store.testing import engine_of
from tests.support.configs import write_sources
from tests.support.sites import serve_sites, site_routes

KILLS = 20
FEEDS = [
    ("cp", "clusterplattform", "/SiteGlobals/Functions/RSSFeed/DE/RSSNewsfeed/Kurzmeldungen.xml"),
    ("eccp-205", "eccp", "/taxonomy/term/205/feed"),
    ("eccp-208", "eccp", "/taxonomy/term/208/feed"),
    ("ki", "kooperation", "/aktuelles/nachrichten/rss.xml"),
]


def collect_command(settings: Settings) -> list[str]:
    return [sys.executable, "-m", "feeds", "--config-dir", str(settings.config_dir),
            "--database-url", settings.database_url, "collect"]


def environment() -> dict[str, str]:
    return {**os.environ, "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_LOG_LEVEL": "WARNING",
            "CLUSTERFEEDS_HTTP_RATE_PER_HOST": "1000"}


def snapshot(database_url: str) -> dict[str, Any]:
    """The store's content, independent of generated ids and of timestamps of the run."""
    store = Store.open(database_url, migrate=False)
    with engine_of(store).connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            store.close()
            return {"items": [], "stories": [], "tags": [], "sources": []}  # killed before the first migration
        items = connection.execute(sa.select(
            schema.items.c.id, schema.items.c.story_id, schema.items.c.source_id, schema.items.c.key,
            schema.items.c.canonical_url, schema.items.c.title, schema.items.c.content_hash,
            schema.items.c.published_at, schema.items.c.language, schema.items.c.tags)).all()
        stories = connection.execute(sa.select(schema.stories.c.id, schema.stories.c.primary_item_id)).all()
        tags = connection.execute(sa.select(schema.story_tags)).all()
        sources = connection.execute(sa.select(schema.sources.c.id, schema.sources.c.etag,
                                               schema.sources.c.last_modified, schema.sources.c.last_error)).all()
    store.close()
    by_id = {row.id: (row.source_id, row.key) for row in items}
    members: dict[int, set[tuple[str, str]]] = {}
    for row in items:
        members.setdefault(row.story_id, set()).add((row.source_id, row.key))
    # consistency: every story has items and a primary item that belongs to it
    assert {s.id for s in stories} == set(members), "a story without items, or an item without a story"
    for story in stories:
        assert story.primary_item_id in by_id, f"story {story.id} has no primary item"
        assert by_id[story.primary_item_id] in members[story.id]
    story_key = {story_id: frozenset(keys) for story_id, keys in members.items()}
    return {
        "items": sorted((r.source_id, r.key, r.canonical_url, r.title, r.content_hash, r.published_at.isoformat(),
                         r.language, str(r.tags)) for r in items),
        "stories": sorted(sorted(keys) for keys in members.values()),
        "tags": sorted((sorted(story_key[t.story_id]), t.kind, t.code, round(t.confidence, 6)) for t in tags),
        "sources": sorted((s.id, s.etag, s.last_modified, s.last_error) for s in sources),
    }


def last_successes(database_url: str) -> dict[str, Any]:
    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("sources"):
                return {}
            return dict(connection.execute(sa.text("select id, last_success_at from sources")).all())
    finally:
        engine.dispose()


@pytest.mark.slow
def test_sigkill_during_collect_leaves_a_consistent_store(settings: Settings, database_url: str,
                                                          tmp_path: Path) -> None:
    rng = random.Random(20261125)
    routes = {name: site_routes(name) for name in ("clusterplattform", "eccp", "kooperation")}
    for site_routes_ in routes.values():
        for route in site_routes_.values():
            route.dribble = 0.002  # bodies arrive over a while: kills land while fetching as well as writing
            route.etag, route.last_modified = False, None  # no 304s: every run fetches and writes again
    with serve_sites() as servers:
        for name, server in servers.items():
            server.routes = routes[name]
        write_sources(settings.config_dir, [
            {"id": source_id, "name": source_id, "kind": "feed", "url": servers[site].url(path)}
            for source_id, site, path in FEEDS
        ])
        reference_url = f"sqlite:///{tmp_path / 'reference.db'}"
        reference_cmd = collect_command(settings)
        reference_cmd[reference_cmd.index("--database-url") + 1] = reference_url
        started = time.monotonic()
        subprocess.run(reference_cmd, env=environment(), check=True, capture_output=True)
        duration = time.monotonic() - started
        reference = snapshot(reference_url)
        assert len(reference["items"]) >= 20

        progress: list[int] = []  # sources a killed run had completed
        for kill in range(KILLS):
            before = last_successes(settings.database_url)
            process = subprocess.Popen(collect_command(settings), env=environment(),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # spread over the run and past it (a loaded machine runs slower than the reference)
            time.sleep((kill + rng.random()) / KILLS * 1.6 * duration)
            process.send_signal(signal.SIGKILL)
            process.wait()
            snapshot(settings.database_url)  # consistent after every kill
            after = last_successes(settings.database_url)
            progress.append(sum(after.get(k) != before.get(k) for k in after))

        # The kills hit different phases: before the first source was stored and after some were.
        assert len(set(progress)) >= 2, progress
        completed = subprocess.run(collect_command(settings), env=environment(), capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        assert snapshot(settings.database_url) == reference

        if settings.database_url.startswith("sqlite"):
            engine = sa.create_engine(settings.database_url)
            with engine.connect() as connection:
                assert connection.execute(sa.text("pragma integrity_check")).scalar() == "ok"
            engine.dispose()
