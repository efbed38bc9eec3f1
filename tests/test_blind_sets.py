"""The blind sets' last measurement, printed and kept as a floor (docs/design/evaluation.md).

Blind set 3 was written after round 1 and measured once, whole, by the code of round 2
(2026-12-03, commit 28407b2). The floors below are those figures rounded down, not targets tuned
towards: a change that loses quality shows here. The issues' targets are printed next to them; the
figures do not meet all of them yet (docs/design/dedup.md, docs/design/tagging.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from feeds.cli.dedup import evaluate
from feeds.config.taxonomy import load_taxonomy
from feeds.process.dedup.evaluation import parse_labelled as parse_dedup
from feeds.process.tagging import Tagger
from feeds.process.tagging.evaluation import parse_labelled as parse_tags
from feeds.process.tagging.evaluation import scores
from feeds.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TARGETS = {"dedup": {"precision": 0.97, "recall": 0.85, "cross_language_recall": 0.80, "chains": 0},
           "country": {"precision": 0.95, "f1": 0.92}, "topic": {"precision": 0.85, "f1": 0.82}}


def test_dedup_on_blind_set_3() -> None:
    items = parse_dedup((DATA / "dedup_blind3.jsonl").read_text(encoding="utf-8").splitlines())
    result = evaluate(Settings(config_dir=ROOT / "config"), items)
    figures = {"precision": result["overall"]["precision"], "recall": result["overall"]["recall"],
               "cross_language_recall": result["cross_language"]["recall"], "chains": result["chains"]}
    print("dedup blind set 3:", json.dumps(figures), "targets:", json.dumps(TARGETS["dedup"]))
    assert figures["precision"] >= 0.92
    assert figures["recall"] >= 0.73
    assert figures["cross_language_recall"] >= 0.70
    assert figures["chains"] == 0


def test_tags_on_blind_set_3() -> None:
    items = parse_tags((DATA / "tags_blind3.jsonl").read_text(encoding="utf-8").splitlines())
    tagger = Tagger(load_taxonomy(ROOT / "config"))
    predicted = {item.id: tagger.tag(item.title, item.text, item.language, item.metadata, item.categories)
                 for item in items}
    report = scores(items, predicted, Settings().tag_threshold)
    for kind in ("country", "topic"):
        print(f"{kind} blind set 3:", json.dumps(report[kind]["micro"]), "tags per item",
              report[kind]["tags_per_item"], "gold", report[kind]["gold_per_item"], "targets:",
              json.dumps(TARGETS[kind]))
        # tags per item within 20 % of the editors' average (issue 13)
        assert abs(report[kind]["tags_per_item"] / report[kind]["gold_per_item"] - 1) <= 0.2
    assert report["country"]["micro"]["precision"] >= 0.93
    assert report["country"]["micro"]["f1"] >= 0.94
    assert report["topic"]["micro"]["precision"] >= 0.83
    assert report["topic"]["micro"]["f1"] >= 0.78
