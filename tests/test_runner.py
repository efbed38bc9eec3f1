"""The wiring's tagger for collect runs: built once per taxonomy, again when its files change."""

from __future__ import annotations

import shutil
from pathlib import Path

from feeds.runner import run_tagger

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
