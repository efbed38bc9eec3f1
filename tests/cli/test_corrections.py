"""`clusterfeeds correct ...` and `clusterfeeds export-labels`, whose output `eval tags` and `eval dedup` read."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner, Result

from feeds.cli import cli
from feeds.settings import Settings
from tests.support.hub import websub_hub
from tests.support.paths import CONFIG
from tests.support.stories import ENGLISH, GERMAN, POLISH, by_link, collect, item_id, open_store


def invoke(settings: Settings, *args: str) -> Result:
    runner = CliRunner(env={"CLUSTERFEEDS_PUBLISH_DIR": settings.publish_dir,
                            "CLUSTERFEEDS_WEBSUB_HUB_URL": settings.websub_hub_url,
                            "CLUSTERFEEDS_BASE_URL": settings.base_url})
    return runner.invoke(cli, ["--config-dir", str(settings.config_dir), "--database-url", settings.database_url,
                               *args])


def test_correct_list_undo_and_export_labels(settings: Settings, tmp_path: Path) -> None:
    for name in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / name, settings.config_dir / name)
    settings = replace(settings, publish_dir=str(tmp_path / "public"))
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH, POLISH)
    ecc, polish = by_link(store)[ENGLISH.canonical_url]["id"], by_link(store)[POLISH.canonical_url]["id"]
    who = ("--editor", "Erika", "--reason", "checked the page")

    removed = invoke(settings, "correct", "remove-tag", ecc, "country", "eu", *who)
    assert removed.exit_code == 0, removed.output
    assert removed.stdout.startswith("#1 ")
    assert "remove_tag country:eu" in removed.stdout
    assert b'"eu"' not in (tmp_path / "public" / "feeds" / "all.json").read_bytes()  # static files follow
    split = invoke(settings, "correct", "split", ecc, str(item_id(store, GERMAN.canonical_url)), *who)
    assert split.exit_code == 0, split.output
    assert len(store.feeds.latest(10)) == 3
    assert invoke(settings, "correct", "hide", polish, *who).exit_code == 0
    assert [entry.link for entry in store.feeds.latest(10)].count(POLISH.canonical_url) == 0

    missing = invoke(settings, "correct", "hide", "tag:nowhere,2024:story:0", *who)
    assert missing.exit_code == 1
    assert "no story with entry id" in missing.stderr
    assert invoke(settings, "correct", "hide", polish, "--editor", "Erika").exit_code == 2  # no reason: usage error

    listed = invoke(settings, "correct", "list").stdout.splitlines()
    assert [line.split()[0] for line in listed] == ["#3", "#2", "#1"]
    undone = invoke(settings, "correct", "undo", "3", "--editor", "Chief")
    assert undone.exit_code == 0
    assert "undone by Chief" in undone.stdout
    assert POLISH.canonical_url in [entry.link for entry in store.feeds.latest(10)]
    assert invoke(settings, "correct", "undo", "3", "--editor", "Chief").exit_code == 1

    labels = tmp_path / "corrected.jsonl"
    exported = invoke(settings, "export-labels", "-o", str(labels))
    assert exported.exit_code == 0, exported.output
    records = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()]
    by_url = {record["url"]: record for record in records}
    assert set(by_url) == {ENGLISH.canonical_url, GERMAN.canonical_url}  # the undone hide leaves no label
    assert by_url[ENGLISH.canonical_url]["gold_countries"] == []  # the editor's word, not the tagger's
    assert by_url[ENGLISH.canonical_url]["dup_group"] != by_url[GERMAN.canonical_url]["dup_group"]

    tags = invoke(settings, "eval", "tags", str(labels), str(labels))
    assert tags.exit_code == 0, tags.output
    assert json.loads(tags.stdout)["items"] == 4  # several files are scored together
    dedup = invoke(settings, "eval", "dedup", str(labels))
    assert dedup.exit_code == 0, dedup.output
    store.close()


def test_a_correction_from_the_command_line_pings_the_websub_hub(settings: Settings) -> None:
    for name in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / name, settings.config_dir / name)
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH, POLISH)
    polish = by_link(store)[POLISH.canonical_url]["id"]
    with websub_hub() as (hub_url, pings):
        settings = replace(settings, websub_hub_url=hub_url, base_url="http://feeds.test")
        hidden = invoke(settings, "correct", "hide", polish, "--editor", "Erika", "--reason", "a duplicate")
        assert hidden.exit_code == 0, hidden.output
        [ping] = pings
        notified = {value for key, value in ping if key == "hub.url"}
        assert {"http://feeds.test/feeds/all.atom", "http://feeds.test/feeds/countries/pl.rss"} <= notified
        assert "http://feeds.test/feeds/countries/eu.atom" not in notified  # the EU story did not change
