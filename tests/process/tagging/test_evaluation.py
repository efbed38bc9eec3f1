"""The labelled set through the real tagger, and the `tag` / `eval tags` commands.

tests/data/tags_eval.jsonl: 99 items written for the project (German, English, French),
each with `split` "tune" (the rules were tuned on these) or "holdout" (never tuned on).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds.cli import cli
from feeds.config.taxonomy import load_taxonomy
from feeds.process.tagging import Tagger
from feeds.process.tagging.evaluation import LabelError, parse_labelled, scores
from tests.support.paths import CONFIG, DATA

LABELLED = DATA / "tags_eval.jsonl"
TOPICS = {"funding", "innovation", "networks", "internationalisation", "policy", "skills", "sustainability",
          "digitalisation", "economy", "infrastructure", "events", "aerospace-defence", "agri-food", "construction",
          "creative-cultural", "digital", "electronics", "energy-intensive", "health", "mobility",
          "proximity-social-economy", "renewable-energy", "retail", "textile", "tourism"}


def run_eval(*args: str) -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["--config-dir", str(CONFIG), "eval", "tags", str(LABELLED), *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_labelled_set_covers_what_the_issue_asks() -> None:
    items = parse_labelled(LABELLED.read_text(encoding="utf-8").splitlines())
    assert len(items) >= 80
    assert {item.language for item in items} == {"de", "en", "fr"}
    assert set().union(*(item.gold["topic"] for item in items)) == TOPICS
    assert len(set().union(*(item.gold["country"] for item in items)) - {"eu"}) >= 25
    assert {item.split for item in items} == {"tune", "holdout"}


def test_labelled_set_scores_above_the_bar() -> None:
    """Countries micro-F1 >= 0.92 with precision >= 0.95, topics micro-F1 >= 0.77, on the whole set.

    The topic bar was 0.80 until round 7 (2026-12-03): this set was written knowing the method and gives
    2.5 topics per item, where the guide's blind sets give 1.9; tuned to the guide (blind sets 2-8), the
    tagger gives fewer topics and scores 0.78 here. The blind sets' own floors are test_blind_sets.py."""
    report = run_eval()
    halves = {split: run_eval("--split", split) for split in ("tune", "holdout")}
    for name, figures in [("all", report), *halves.items()]:
        print(f"\n{name:8} countries P={figures['country']['micro']['precision']:.3f} "
              f"R={figures['country']['micro']['recall']:.3f} F1={figures['country']['micro']['f1']:.3f} | "
              f"topics P={figures['topic']['micro']['precision']:.3f} R={figures['topic']['micro']['recall']:.3f} "
              f"F1={figures['topic']['micro']['f1']:.3f} (macro F1 {figures['topic']['macro']['f1']:.3f})")
    assert report["items"] >= 80
    assert report["country"]["micro"]["f1"] >= 0.92
    assert report["country"]["micro"]["precision"] >= 0.95
    assert report["topic"]["micro"]["f1"] >= 0.77
    # the half never tuned on keeps the country bar too
    assert halves["holdout"]["country"]["micro"]["f1"] >= 0.92
    assert halves["holdout"]["country"]["micro"]["precision"] >= 0.95


def test_eval_report_has_micro_macro_and_worst_labels() -> None:
    report = run_eval("--split", "holdout")
    for kind in ("country", "topic"):
        assert set(report[kind]["micro"]) >= {"precision", "recall", "f1"}
        assert set(report[kind]["macro"]) == {"precision", "recall", "f1"}
        worst = report[kind]["worst"]
        assert worst
        assert [w["f1"] for w in worst] == sorted(w["f1"] for w in worst)
    assert report["split"] == "holdout"


def test_scores_count_true_and_false_positives() -> None:
    from feeds.model import Tag

    items = parse_labelled([json.dumps({"id": "a", "title": "t", "text": "", "language": "en",
                                        "gold_countries": ["pl", "de"], "gold_topics": ["funding"]})])
    predicted = {"a": (Tag("country", "pl", 0.9, "text"), Tag("country", "fr", 0.8, "text"),
                       Tag("country", "de", 0.3, "text"), Tag("topic", "funding", 1.0, "source"))}
    report = scores(items, predicted, 0.5)
    assert report["country"]["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert report["topic"]["micro"]["f1"] == 1.0


@pytest.mark.parametrize(("line", "message"), [
    ("not json", "line 1: not JSON"),
    ('{"id": "a"}', "line 1: missing title"),
    ('{"id": "a", "title": "t", "text": "", "language": "en", "gold_countries": "pl", "gold_topics": []}',
     "gold_countries must be a list"),
    ('{"id": "a", "title": "t", "text": "", "language": "en", "gold_countries": [], "gold_topics": [],'
     ' "metadata": {"laender": [["Polen"]]}}', "line 1: metadata 'laender': a list, not a list of texts"),
    ('{"id": "a", "title": "t", "text": "", "language": "en", "gold_countries": [], "gold_topics": [],'
     ' "metadata": ["Polen"]}', "line 1: metadata must be an object"),
])
def test_bad_labelled_lines_are_named(line: str, message: str) -> None:
    with pytest.raises(LabelError, match=message):
        parse_labelled([line])


def test_eval_of_a_bad_file_fails_with_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n')
    result = CliRunner().invoke(cli, ["--config-dir", str(CONFIG), "eval", "tags", str(bad)])
    assert result.exit_code == 2
    assert "bad.jsonl: line 1: missing" in result.output


def test_tag_command_reads_and_writes_json_lines() -> None:
    lines = [
        {"id": 1, "title": "Polnische Cluster gründen Netzwerk", "summary": "Cluster aus Polen und Litauen.",
         "content": "<p>Die Partner aus Warschau und Vilnius vereinbaren eine Kooperation.</p>"},
        {"title": "Call for proposals for health clusters", "content": "Funding for clusters in Portugal.",
         "language": "en"},
    ]
    source = "\n".join(json.dumps(line) for line in lines) + "\n\n"
    result = CliRunner().invoke(cli, ["--config-dir", str(CONFIG), "tag"], input=source)
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["id"] == 1
    assert first["language"] == "de"
    assert {tag["code"] for tag in first["countries"]} == {"pl", "lt"}
    assert "networks" in {tag["code"] for tag in first["topics"]}
    assert all(set(tag) == {"code", "confidence", "provenance"} for tag in first["countries"] + first["topics"])
    assert second["language"] == "en"
    assert {tag["code"] for tag in second["countries"]} == {"pt"}
    assert {"funding", "health"} <= {tag["code"] for tag in second["topics"]}


def test_tag_command_reports_bad_lines_and_keeps_going() -> None:
    source = 'not json\n{"title": "Cluster in Polen", "language": "de"}\n[1, 2]\n'
    result = CliRunner().invoke(cli, ["--config-dir", str(CONFIG), "tag"], input=source)
    assert result.exit_code == 1
    assert "line 1" in result.output
    assert "line 3" in result.output
    tagged = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [tag["code"] for tag in tagged[0]["countries"]] == ["pl"]


def test_tag_command_with_a_broken_taxonomy_exits_2(tmp_path: Path) -> None:
    (tmp_path / "topics.yaml").write_text("topics: [\n")
    result = CliRunner().invoke(cli, ["--config-dir", str(tmp_path), "tag"], input="{}\n")
    assert result.exit_code == 2
    assert "topics.yaml: invalid YAML" in result.output


def test_every_tag_of_the_labelled_set_is_well_formed() -> None:
    tagger = Tagger(load_taxonomy(CONFIG))
    codes = {topic.slug for topic in tagger.taxonomy.topics}
    for item in parse_labelled(LABELLED.read_text(encoding="utf-8").splitlines()):
        for tag in tagger.tag(item.title, item.text, item.language, item.metadata, item.categories):
            assert tag.kind in {"country", "topic"}
            assert tag.provenance in {"source", "text"}
            assert 0.2 <= tag.confidence <= 1.0
            if tag.kind == "topic":
                assert tag.code in codes
            else:
                assert tag.code == "eu" or (len(tag.code) == 2 and tag.code.islower())
