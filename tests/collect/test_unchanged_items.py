"""A collect processes only what the fetch changed: unchanged items are only marked seen (runner + store)."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from feeds.config import SourceConfig
from feeds.model import Link, RawItem
from feeds.process.fetched import fetch_hash
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items
from feeds.store.testing import engine_of
from tests.support.documents import FIRST, SECOND, rss
from tests.support.httpserver import Route, serving

CONFIG = Path(__file__).parent.parent.parent / "config"


def _hashes(store: Store) -> dict[str, str | None]:
    with engine_of(store).connect() as connection:
        return {row.key: row.fetch_hash for row in connection.execute(sa.select(items.c.key, items.c.fetch_hash))}


def test_a_second_collect_of_the_same_feed_processes_nothing_and_a_changed_item_is_processed(
        settings: Settings) -> None:
    for name in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / name, settings.config_dir / name)
    route = Route(rss(*FIRST, *SECOND), content_type="application/rss+xml", etag=False)  # no 304: the body again
    with serving({"/feed": route}) as server:
        source = SourceConfig(id="news", name="News", kind="feed", url=server.url("/feed"))
        store = Store.open(settings.database_url)
        (first,) = collect_sources(settings, store, [source])
        assert (first.report.created, first.report.unchanged) == (2, 0)
        stored = _hashes(store)
        assert all(stored.values())

        (again,) = collect_sources(settings, store, [source])
        assert (again.report.created, again.report.updated, again.report.unchanged) == (0, 0, 2)
        assert _hashes(store) == stored

        edited = [(slug, title, date, text + " Twelve companies take part.") for slug, title, date, text in SECOND]
        route.body = rss(*FIRST, *edited)
        (changed,) = collect_sources(settings, store, [source])
        assert (changed.report.updated, changed.report.unchanged) == (1, 1)

        # another taxonomy: every item is processed again (and keeps its content)
        topics = settings.config_dir / "topics.yaml"
        topics.write_text(topics.read_text() + "\n")
        (retaxed,) = collect_sources(settings, store, [source])
        assert (retaxed.report.created, retaxed.report.updated, retaxed.report.unchanged) == (0, 0, 2)
        assert set(_hashes(store).values()).isdisjoint(stored.values())
        store.close()


def test_the_fetch_hash_covers_every_field_and_the_context() -> None:
    raw = RawItem(source_id="s", url="https://s.example/1", title="Title", content_html="<p>Text</p>",
                  published=datetime(2026, 3, 1, tzinfo=UTC), categories=("a",), metadata={"countries": ["pl"]})
    assert fetch_hash(raw, "c") == fetch_hash(dataclasses.replace(raw), "c")
    assert len(fetch_hash(raw, "c") or "") == 64
    variants = [dataclasses.replace(raw, title="Title!"), dataclasses.replace(raw, content_html="<p>Text.</p>"),
                dataclasses.replace(raw, published=datetime(2026, 3, 2, tzinfo=UTC)),
                dataclasses.replace(raw, categories=("b",)), dataclasses.replace(raw, metadata={"countries": ["lt"]}),
                dataclasses.replace(raw, language="de"), dataclasses.replace(raw, guid="g-1")]
    hashes = {fetch_hash(variant, "c") for variant in variants} | {fetch_hash(raw, "c"), fetch_hash(raw, "d")}
    assert len(hashes) == len(variants) + 2


def test_the_fetch_hash_stays_the_one_stored_items_carry() -> None:
    """The hash of every field, links, naive and aware dates and metadata included, is the one the stored items
    of earlier versions carry (written with `dataclasses.asdict`): an upgrade processes no unchanged item again."""
    raw = RawItem(source_id="s", url="https://s.example/1", title="Titel – Ü", guid="g-1", content_html="<p>Text</p>",
                  published=datetime(2026, 3, 1, tzinfo=UTC), updated=datetime(2026, 3, 2, 8, 30), language="de",
                  image_length=12, categories=("a", "b"),
                  links=(Link("https://a.example/x", "A", "fr"), Link("https://b.example/y")),
                  metadata={"countries": ["pl"], "topics": ["energy"]})
    assert fetch_hash(raw, "c") == "a4dcc74abb739a035c3fb2f180ef841b4629f538d75722037dc9a970c6f353e4"


def test_an_item_whose_fields_cannot_be_written_down_has_no_hash() -> None:
    odd = RawItem(source_id="s", url="https://s.example/1", title="T", metadata={1: "x", "a": "y"})  # type: ignore[dict-item]
    assert fetch_hash(odd, "c") is None
