"""Deduplication quality on the labelled set, order independence, and the eval command."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds.cli import cli
from feeds.cli.dedup import assign_stories, evaluate
from feeds.process.dedup.evaluation import LabelError, LabelledItem, pair_scores, parse_labelled
from feeds.settings import Settings
from tests.support.paths import DATA

LABELLED = DATA / "dedup_eval.jsonl"


def labelled() -> list[LabelledItem]:
    return parse_labelled(LABELLED.read_text(encoding="utf-8").splitlines())


def partition(assignment: dict[str, str]) -> set[frozenset[str]]:
    stories: dict[str, set[str]] = defaultdict(set)
    for item_id, story in assignment.items():
        stories[story].add(item_id)
    return {frozenset(members) for members in stories.values()}


def test_labelled_set_covers_the_hard_cases() -> None:
    items = labelled()
    groups = {item.dup_group for item in items if item.dup_group}
    cross = {g for g in groups if len({i.language for i in items if i.dup_group == g}) > 1}
    assert len(items) >= 60
    assert len(groups) >= 12
    assert any({"de", "fr"} <= {i.language for i in items if i.dup_group == g} for g in cross)
    titles = [item.raw.title for item in items if item.dup_group is None]
    assert sum("EU Clusters Talks" in title for title in titles) >= 3
    assert titles.count("Call for expression of interest") == 2
    assert any(title.startswith("Newsletter 06/2025") for title in titles)


def test_quality_meets_the_bar() -> None:
    result = evaluate(Settings(), labelled())
    print("dedup evaluation:", json.dumps({k: result[k] for k in ("items", "groups", "stories")}),
          json.dumps({k: {m: result[k][m] for m in ("precision", "recall", "f1", "pairs_gold")}
                      for k in ("overall", "cross_language")}))
    assert result["overall"]["precision"] >= 0.97, result["overall"]
    assert result["overall"]["recall"] >= 0.90, result["overall"]
    assert result["cross_language"]["recall"] >= 0.80, result["cross_language"]


@pytest.mark.slow
def test_same_stories_whatever_the_collection_order(tmp_path: Path) -> None:
    items = labelled()
    partitions = [partition(assign_stories(Settings(), items, f"sqlite:///{tmp_path / f'{seed}.db'}", seed))
                  for seed in (None, 1, 2, 3, 4)]
    assert all(p == partitions[0] for p in partitions[1:])
    # the hard negatives stay apart in every order
    for story in partitions[0]:
        assert not {"cw17", "cw19-a"} <= story
        assert not {"cfei-experts", "cfei-regions"} <= story
        assert not {"ecall-cp", "esel-ki"} <= story
        assert not any(item.startswith("nl-") for item in story) or len(story) == 1


def test_recollecting_in_another_order_changes_no_entry_id(settings: Settings) -> None:
    items = labelled()
    first = assign_stories(settings, items, settings.database_url, seed=7)
    again = assign_stories(settings, items, settings.database_url, seed=8)
    assert again == first


def test_pair_scores_count_pairs() -> None:
    items = parse_labelled([
        json.dumps({"id": i, "url": f"https://x.test/{i}", "title": i, "text": "t", "published": None,
                    "language": lang, "platform": "p", "dup_group": group})
        for i, lang, group in [("a", "de", "g"), ("b", "en", "g"), ("c", "en", "g"), ("d", "en", None)]])
    scores = pair_scores(items, {"a": "1", "b": "1", "c": "2", "d": "2"})
    assert (scores.gold, scores.predicted, scores.correct) == (3, 2, 1)
    assert scores.precision == 0.5
    assert scores.recall == pytest.approx(1 / 3)
    assert scores.false_merges == (("c", "d"),)
    cross = pair_scores(items, {"a": "1", "b": "1", "c": "2", "d": "2"}, cross_language=True)
    assert (cross.gold, cross.correct) == (2, 1)


def test_bad_labelled_lines_are_named() -> None:
    with pytest.raises(LabelError, match="line 2: missing dup_group"):
        parse_labelled(['{"id": "a", "url": "u", "title": "t", "text": "", "published": null, "language": "de",'
                        ' "platform": "p", "dup_group": null}',
                        '{"id": "b", "url": "u", "title": "t", "text": "", "published": null, "language": "de",'
                        ' "platform": "p"}'])
    with pytest.raises(LabelError, match="line 1: metadata 'quelle': a list, not text"):
        parse_labelled(['{"id": "a", "url": "u", "title": "t", "text": "", "published": null, "language": "de",'
                        ' "platform": "p", "dup_group": null, "metadata": {"quelle": ["ECCP"]}}'])
    with pytest.raises(LabelError, match="line 1: published 'soon'"):
        parse_labelled(['{"id": "a", "url": "u", "title": "t", "text": "", "published": "soon", "language": "de",'
                        ' "platform": "p", "dup_group": null}'])


def test_eval_command_prints_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--config-dir", str(tmp_path), "eval", "dedup", str(LABELLED), "--seed", "3"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["items"] == len(labelled())
    assert set(report["overall"]) >= {"precision", "recall", "f1"}
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    result = CliRunner().invoke(cli, ["--config-dir", str(tmp_path), "eval", "dedup", str(bad)])
    assert result.exit_code == 2
    assert "bad.jsonl: line 1: not JSON" in result.output
