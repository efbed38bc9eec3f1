"""Deduplication on the held-out set, written blind to the method, split in two halves.

Protocol (docs/design/dedup.md, docs/design/evaluation.md): the items of tests/data/dedup_holdout.jsonl are split by
duplicate group (an item without a group by its own id) with a hash, so the split is fixed
before anyone looks at results. Half A may be looked at while tuning; half B is measured once,
after tuning, and its floor below is the figure measured then, not a target tuned towards.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

from feeds.cli.dedup import assign_stories, evaluate
from feeds.model import Item
from feeds.process.dedup.evaluation import LabelledItem, parse_labelled
from feeds.process.dedup.names import name_features
from feeds.process.dedup.signals import explicit_references, features
from feeds.settings import Settings
from tests.support.paths import DATA

HOLDOUT = DATA / "dedup_holdout.jsonl"
ORIGINAL = DATA / "dedup_eval.jsonl"
MIN_PRECISION = 0.97
# Salt of the split hash: the first of 0..9 whose halves both hold at least 4 groups and 5
# cross-language pairs, chosen from the labels alone before any result was looked at.
SPLIT_SALT = "0"


def load(path: Path) -> list[LabelledItem]:
    return parse_labelled(path.read_text(encoding="utf-8").splitlines())


def half(item: LabelledItem) -> str:
    """"A" or "B": a hash of the item's duplicate group, or of its id when it has none."""
    unit = item.dup_group or item.id
    return "A" if hashlib.sha256(f"{SPLIT_SALT}:{unit}".encode()).digest()[0] % 2 == 0 else "B"


def split() -> dict[str, list[LabelledItem]]:
    items = load(HOLDOUT)
    return {name: [item for item in items if half(item) == name] for name in ("A", "B")}


def scores(items: list[LabelledItem]) -> dict[str, dict[str, float]]:
    result = evaluate(Settings(), items)
    return {kind: {m: result[kind][m] for m in ("precision", "recall", "f1", "pairs_gold", "pairs_predicted")}
            for kind in ("overall", "cross_language")}


def report(name: str, figures: dict[str, dict[str, float]]) -> None:
    print(f"dedup {name}:", json.dumps(figures))


def test_the_split_keeps_groups_whole_and_both_halves_have_groups() -> None:
    halves = split()
    groups = {name: {item.dup_group for item in items if item.dup_group} for name, items in halves.items()}
    assert groups["A"]
    assert groups["B"]
    assert not groups["A"] & groups["B"]
    assert sum(map(len, halves.values())) == len(load(HOLDOUT))


def test_original_set_meets_the_bar() -> None:
    figures = scores(load(ORIGINAL))
    report("original", figures)
    assert figures["overall"]["precision"] >= MIN_PRECISION
    assert figures["overall"]["recall"] >= 0.90
    assert figures["cross_language"]["recall"] >= 0.80


def test_holdout_half_a() -> None:
    figures = scores(split()["A"])
    report("holdout A", figures)
    assert figures["overall"]["precision"] >= MIN_PRECISION


def test_holdout_half_b() -> None:
    """Half B was measured once in November, after tuning on A had stopped: 4 of 6 pairs (all six
    across languages), no false merge. Since December this set is tuning data (docs/design/
    evaluation.md); the December method finds 2 of the 6 (the pairs share too little for the rule
    that two texts must share two specific things), still without a false merge. The floor is that
    figure, so that a change that loses more shows here; the blind figures are in docs/design/dedup.md."""
    figures = scores(split()["B"])
    report("holdout B", figures)
    assert figures["overall"]["precision"] >= MIN_PRECISION
    assert figures["overall"]["recall"] >= 0.33


def test_holdout_stories_do_not_depend_on_the_collection_order(tmp_path: Path) -> None:
    items = load(HOLDOUT)
    runs = [assign_stories(Settings(), items, f"sqlite:///{tmp_path / f'{seed}.db'}", seed) for seed in (None, 1, 2)]
    partitions = [{frozenset(i for i, s in run.items() if s == story) for story in run.values()} for run in runs]
    assert partitions[1] == partitions[0]
    assert partitions[2] == partitions[0]


def test_names_a_translator_changes_are_one_feature() -> None:
    german = name_features("Die Europäische Kommission lud nach Brüssel und Prag; Partner aus Polen, "
                           "Förderung aus dem Binnenmarktprogramm und den EU-Clusterpartnerschaften.")
    english = name_features("The European Commission invited to Brussels and Prague; partners from Poland, "
                            "funding from the Single Market Programme and the EU Cluster Partnerships.")
    # the Commission and its seat are named in nearly every EU story: no evidence of which story it is
    assert german == english == {"g:europe/prague", "g:pl", "c:single-market-programme", "c:eu-cluster-partnerships"}
    assert name_features("die mobile Kommission in nice weather") == set()  # names start with a capital
    assert {"m:2019-02", "g:asia/tokyo"} <= features("Tokio", "seit Februar 2019") & features(
        "Tokyo", "since February 2019")


def test_a_labelled_line_inside_a_paragraph_is_a_reference() -> None:
    published = datetime(2024, 5, 27, tzinfo=UTC)
    url = "https://ki.test/a"
    content = ("<p>Text der Meldung.\nZum Nachlesen: Clusterplattform Deutschland (14.05.2024): Titel – "
               '<a href="https://cp.test/b.html">https://cp.test/b.html</a>\nQuelle: Clusterplattform</p>'
               '<p>Mehr als 300 Cluster, siehe <a href="https://other.test/">Liste</a>.</p>')
    item = Item(source_id="ki", key=url, canonical_url=url, url=url, title="Meldung", content_html=content,
                summary="", published=published, updated=published, language="de", content_hash="h")
    assert explicit_references(item) == ("https://cp.test/b.html",)
