"""Admin CLI: export, import into an empty store (SQLite -> SQLite and SQLite -> PostgreSQL), prune."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner, Result

from feeds.cli import cli
from feeds.config import SourceConfig
from feeds.publish import FORMATS, FeedMeta, render
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items, stories
from feeds.store.testing import engine_of
from tests.support import paths
from tests.support.configs import write_sources
from tests.support.httpserver import Route, serving

FIXTURES = paths.FIXTURES / "feeds"
META = FeedMeta(feed_id="http://feeds.test/feeds/all", title="ClusterFeeds", self_url="http://feeds.test/feeds/all.atom",
                home_url="http://feeds.test/")


def rss(entries: list[tuple[str, str, datetime]]) -> bytes:
    """An RSS 2.0 document with one item per (slug, title, published)."""
    body = "".join(
        f"<item><title>{title}</title><link>https://news.example/{slug}</link><guid>https://news.example/{slug}</guid>"
        f"<pubDate>{format_datetime(published)}</pubDate>"
        f"<description>{title}: cluster organisations from Bavaria and Lower Austria met to plan "
        f"joint work on {slug.replace('-', ' ')}.</description></item>"
        for slug, title, published in entries
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
            f"<link>https://news.example/</link><description>d</description>{body}</channel></rss>").encode()


def sqlite_settings(tmp_path: Path, config_dir: Path, name: str) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / name}", config_dir=config_dir, allow_private_networks=True,
                    base_url="http://feeds.test", scheduler_jitter=0, http_total_timeout=5)


def invoke(settings: Settings, *args: str, input_text: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--config-dir", str(settings.config_dir), "--database-url",
                                    settings.database_url, *args], input=input_text)


def populate(settings: Settings, now: datetime) -> list[SourceConfig]:
    """Collect real fixture feeds over loopback HTTP into the store of `settings`."""
    local = rss([(f"story-{n}", f"Cluster report number {n}", now - timedelta(days=n * 40)) for n in range(6)])
    routes = {
        "/gsb.rss": Route((FIXTURES / "gsb-v1.rss").read_bytes(), content_type="application/rss+xml"),
        "/eccp.atom": Route((FIXTURES / "eccp.atom").read_bytes(), content_type="application/atom+xml"),
        "/local.rss": Route(local, content_type="application/rss+xml"),
    }
    with serving(routes) as server:
        sources = [
            SourceConfig(id="cp", name="Clusterplattform Deutschland", kind="feed", url=server.url("/gsb.rss"),
                         language="de"),
            SourceConfig(id="eccp", name="ECCP", kind="feed", url=server.url("/eccp.atom"), language="en"),
            SourceConfig(id="local", name="Local news", kind="feed", url=server.url("/local.rss")),
        ]
        store = Store.open(settings.database_url)
        runs = collect_sources(settings, store, sources)
        store.close()
    assert all(run.ok for run in runs), [run.error for run in runs]
    return sources


def feeds_of(store: Store) -> tuple[list[object], dict[str, bytes]]:
    entries = store.feeds.latest(500, 0.0)
    return list(entries), {fmt: render(fmt, META, entries).body for fmt in FORMATS}


@pytest.mark.slow
def test_export_then_import_gives_identical_feeds(tmp_path: Path, config_dir: Path, database_url: str) -> None:
    origin = sqlite_settings(tmp_path, config_dir, "origin.db")
    populate(origin, datetime.now(UTC).replace(microsecond=0))
    export_file = tmp_path / "export.jsonl"

    exported = invoke(origin, "export", "--output", str(export_file))
    assert exported.exit_code == 0, exported.output
    assert "exported items: 10 rows" in exported.stderr
    assert export_file.read_text().count("\n") == len(export_file.read_text().splitlines())
    header = json.loads(export_file.read_text().splitlines()[0])
    assert header["format"] == "clusterfeeds-export"

    target = Settings(**{**origin.__dict__, "database_url": database_url})  # SQLite or PostgreSQL
    imported = invoke(target, "import", str(export_file))
    assert imported.exit_code == 0, imported.output
    assert "import done" in imported.stderr

    before, after = Store.open(origin.database_url), Store.open(target.database_url)
    entries_before, documents_before = feeds_of(before)
    entries_after, documents_after = feeds_of(after)
    assert len(entries_before) == 10
    assert entries_after == entries_before
    for fmt in FORMATS:
        assert documents_after[fmt] == documents_before[fmt], fmt
    assert after.items.story_count() == before.items.story_count()
    assert after.feeds.version() == before.feeds.version()

    # New rows after an import get fresh ids (PostgreSQL sequences were moved past the imported ids).
    fresh = rss([("fresh", "A fresh report", datetime.now(UTC))]).replace(
        b"cluster organisations from Bavaria and Lower Austria met to plan joint work on fresh",
        b"a new textile recycling hub opened in Tampere with twelve partner companies")
    with serving({"/new.rss": Route(fresh, content_type="application/rss+xml")}) as server:
        (run,) = collect_sources(target, after, [SourceConfig(id="new", name="New", kind="feed",
                                                              url=server.url("/new.rss"))])
    assert run.ok, run.error
    assert after.items.story_count() == before.items.story_count() + 1
    before.close()
    after.close()


def test_import_refuses_a_store_that_is_not_empty(tmp_path: Path, config_dir: Path, database_url: str) -> None:
    origin = sqlite_settings(tmp_path, config_dir, "origin.db")
    populate(origin, datetime.now(UTC))
    export_file = tmp_path / "export.jsonl"
    assert invoke(origin, "export", "-o", str(export_file)).exit_code == 0
    target = Settings(**{**origin.__dict__, "database_url": database_url})
    assert invoke(target, "import", str(export_file)).exit_code == 0
    stored = Store.open(database_url)
    count = stored.items.story_count()

    again = invoke(target, "import", str(export_file))
    assert again.exit_code != 0
    assert "not empty" in again.stderr
    assert stored.items.story_count() == count  # nothing was added
    stored.close()


def test_import_rejects_a_broken_export_and_leaves_the_store_empty(tmp_path: Path, config_dir: Path,
                                                                   database_url: str) -> None:
    origin = sqlite_settings(tmp_path, config_dir, "origin.db")
    populate(origin, datetime.now(UTC))
    lines = invoke(origin, "export").stdout.splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([*lines[:-3], '{"table": "items", "row": {"no_such_column": 1}}', *lines[-3:]]))
    target = Settings(**{**origin.__dict__, "database_url": database_url})

    result = invoke(target, "import", str(broken))
    assert result.exit_code == 2
    assert f"line {len(lines) - 2}: table items has no column 'no_such_column'" in result.stderr
    stored = Store.open(database_url)
    assert stored.items.story_count() == 0  # one transaction: the rows before the bad line are gone too
    stored.close()

    not_an_export = tmp_path / "other.jsonl"
    not_an_export.write_text('{"hello": 1}\n')
    result = invoke(target, "import", str(not_an_export))
    assert result.exit_code == 2
    assert "not a ClusterFeeds export" in result.stderr


def test_prune_by_age_and_count_deletes_items_and_orphaned_stories(settings: Settings) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    sources = populate(settings, now)
    write_sources(settings.config_dir, [{"id": s.id, "name": s.name, "kind": s.kind, "url": s.url} for s in sources])
    store = Store.open(settings.database_url)
    local_before = {row.key: row.story_id for row in _items(store, "local")}
    assert len(local_before) == 6  # published now, 40, 80, 120, 160 and 200 days ago

    result = invoke(settings, "prune", "--days", "100")
    assert result.exit_code == 0, result.output
    kept = {row.key for row in _items(store, "local")}
    assert kept == {f"https://news.example/story-{n}" for n in range(3)}
    assert "local: 3 items, 3 stories deleted" in result.output
    with engine_of(store).connect() as connection:
        story_ids = set(connection.execute(sa.select(stories.c.id)).scalars())
    assert not {local_before[f"https://news.example/story-{n}"] for n in range(3, 6)} & story_ids

    result = invoke(settings, "prune", "--keep", "1")
    assert result.exit_code == 0, result.output
    assert {row.key for row in _items(store, "local")} == {"https://news.example/story-0"}
    assert all(len(_items(store, source)) <= 1 for source in ("cp", "eccp"))
    assert store.feeds.latest(50)  # what is left is still published
    store.close()


def test_prune_keeps_a_story_that_still_has_other_items(settings: Settings) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    populate(settings, now)
    store = Store.open(settings.database_url)
    local = {row.key.rsplit("/", 1)[1]: row for row in _items(store, "local")}
    old, recent = local["story-5"], local["story-0"]
    with engine_of(store).begin() as connection:  # found to report the same news: one story, the old item primary
        connection.execute(sa.update(items).where(items.c.id == recent.id).values(story_id=old.story_id))
        connection.execute(sa.delete(stories).where(stories.c.id == recent.story_id))
    version = store.feeds.version()

    result = invoke(settings, "prune", "--days", "180")
    assert result.exit_code == 0, result.output
    assert "local: 1 items, 0 stories deleted" in result.output
    with engine_of(store).connect() as connection:
        story = connection.execute(sa.select(stories).where(stories.c.id == old.story_id)).one()
    assert story.primary_item_id == recent.id
    assert story.published_at == recent.published_at
    (entry,) = [e for e in store.feeds.latest(50) if e.link == recent.canonical_url]
    assert entry.title == recent.title
    assert store.feeds.version() > version  # caches of rendered feeds are invalidated
    store.close()


def test_prune_needs_a_limit(settings: Settings) -> None:
    result = invoke(settings, "prune")
    assert result.exit_code == 2
    assert "nothing to prune" in result.stderr


def _items(store: Store, source_id: str) -> list[sa.Row[tuple[object, ...]]]:
    with engine_of(store).connect() as connection:
        return list(connection.execute(sa.select(items).where(items.c.source_id == source_id)
                                       .order_by(items.c.published_at.desc())))


@pytest.fixture(autouse=True)
def _settings_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads CLUSTERFEEDS_* variables; the tests' own settings must not be overridden."""
    for name in ("CLUSTERFEEDS_RETENTION_DAYS", "CLUSTERFEEDS_RETENTION_ITEMS_PER_SOURCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS", "1")
