"""The wiring's tagger for collect runs: built once per taxonomy, again when its files change, and tagging with
the prepared lemma tables."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from feeds.runner import run_tagger
from feeds.settings import Settings
from tests.support.configs import write_sources
from tests.support.httpserver import Route, serving
from tests.support.processes import CLI_REPORTING_LEMMA_DICTS

CONFIG = Path(__file__).parent.parent / "config"


def taxonomy_folder(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / file, folder / file)
    return folder


def test_a_run_reuses_the_tagger_while_the_taxonomy_files_are_unchanged(tmp_path: Path) -> None:
    folder = taxonomy_folder(tmp_path, "config")
    tagger = run_tagger(folder)
    assert run_tagger(folder) is tagger
    (folder / "countries.yaml").write_bytes((folder / "countries.yaml").read_bytes())  # touched, the same bytes
    assert run_tagger(folder) is tagger


def test_an_edited_taxonomy_takes_effect_at_the_next_run(tmp_path: Path) -> None:
    folder = taxonomy_folder(tmp_path, "config")
    before = run_tagger(folder)
    topics = folder / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("slug: funding", "slug: grants"), encoding="utf-8")
    after = run_tagger(folder)
    assert after.taxonomy.topic("grants") is not None
    assert before.taxonomy.topic("grants") is None
    topics.unlink()  # load_taxonomy's rule: no topics.yaml, no topics (countries are still tagged)
    assert run_tagger(folder).taxonomy.topics == ()


def test_each_config_folder_has_its_own_tagger(tmp_path: Path) -> None:
    first, second = taxonomy_folder(tmp_path, "first"), taxonomy_folder(tmp_path, "second")
    (second / "topics.yaml").write_text("topics: []\n", encoding="utf-8")
    assert run_tagger(first).taxonomy.topics != ()
    assert run_tagger(second).taxonomy.topics == ()
    assert run_tagger(first).taxonomy.topics != ()


FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        "<link>https://news.example/</link><description>d</description><item>"
        "<title>Clusterförderung für Unternehmen in Sachsen verlängert</title><link>https://news.example/news/1</link>"
        "<guid>https://news.example/news/1</guid><pubDate>Tue, 3 Mar 2026 10:00:00 +0100</pubDate>"
        "<description>Die Förderprogramme der Cluster in Sachsen werden verlängert; Unternehmen können sich "
        "bis zum Sommer bewerben.</description></item></channel></rss>").encode()


def test_a_collect_tags_with_the_lemma_tables_not_simplemmas_dicts(settings: Settings, tmp_path: Path) -> None:
    """The first collect of a process tags its items with lemmas from the prepared tables: tagging before the
    tables were chosen loaded simplemma's dicts (~110 MB more for the rest of the process)."""
    for file in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / file, settings.config_dir / file)
    with serving({"/news.rss": Route(FEED, content_type="application/rss+xml")}) as site:
        write_sources(settings.config_dir, [{"id": "news", "name": "News", "kind": "feed",
                                             "url": site.url("/news.rss")}])
        environment = {**os.environ, "CLUSTERFEEDS_DATABASE_URL": settings.database_url,
                       "CLUSTERFEEDS_CONFIG_DIR": str(settings.config_dir),
                       "CLUSTERFEEDS_REFERENCE_DIR": str(settings.reference_dir),
                       "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1"}
        done = subprocess.run([sys.executable, "-c", CLI_REPORTING_LEMMA_DICTS, "collect"], env=environment,
                              capture_output=True, text=True, timeout=600, check=False)
    assert "news: ok, 1 new" in done.stdout, done.stdout + done.stderr
    assert "dicts loaded: 0" in done.stdout, done.stdout + done.stderr
