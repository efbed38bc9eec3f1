"""The tagging commands (`tag`, `eval tags`, `retag`) lemmatise with the prepared lemma tables, as a collect does:
each runs in a child process, which reports at exit whether simplemma's own dicts were ever loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from feeds.config import SourceConfig
from feeds.settings import Settings
from feeds.store import Store
from tests.support import paths
from tests.support.items import NOW, news_item
from tests.support.processes import CLI_REPORTING_LEMMA_DICTS

CONFIG = paths.CONFIG
LABELLED = paths.DATA / "tags_eval.jsonl"

ITEM = {"id": "1", "title": "Clusterförderung für Unternehmen in Sachsen verlängert", "language": "de",
        "summary": "Die Förderprogramme der Cluster in Sachsen werden verlängert; Unternehmen können sich bis zum "
                   "Sommer bewerben."}


def clusterfeeds(settings: Settings, tmp_path: Path, *arguments: str, given: str = "") -> str:
    environment = {**os.environ, "CLUSTERFEEDS_DATABASE_URL": settings.database_url,
                   "CLUSTERFEEDS_REFERENCE_DIR": str(settings.reference_dir)}
    done = subprocess.run([sys.executable, "-c", CLI_REPORTING_LEMMA_DICTS, "--config-dir", str(CONFIG), *arguments],
                          input=given, env=environment, capture_output=True, text=True, timeout=600, check=False,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_tag_and_eval_tags_lemmatise_with_the_tables_not_simplemmas_dicts(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'unused.db'}")  # neither command opens the store
    tagged = clusterfeeds(settings, tmp_path, "tag", given=json.dumps(ITEM) + "\n")
    assert json.loads(tagged.splitlines()[0])["topics"], tagged  # the topic words lemmatised the text
    assert "dicts loaded: 0" in tagged, tagged
    labelled = tmp_path / "labelled.jsonl"
    labelled.write_text("".join(LABELLED.read_text(encoding="utf-8").splitlines(keepends=True)[:5]), encoding="utf-8")
    evaluated = clusterfeeds(settings, tmp_path, "eval", "tags", str(labelled))
    assert '"split": "all"' in evaluated, evaluated
    assert "dicts loaded: 0" in evaluated, evaluated


@pytest.mark.slow
def test_retag_lemmatises_with_the_tables_not_simplemmas_dicts(settings: Settings, tmp_path: Path) -> None:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="news", name="News", kind="feed", url="https://news.example.eu/feed")])
    store.items.save("news", [news_item(1)], NOW, "feeds.test")
    store.close()
    retagged = clusterfeeds(settings, tmp_path, "retag")
    assert "retagged 1 items" in retagged, retagged
    assert "dicts loaded: 0" in retagged, retagged
