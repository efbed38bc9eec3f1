"""Boosted trees (feeds/process/trees.py): the fit learns what a sum of weights cannot, is deterministic, and the
model is data that loads back to the same decisions."""

from __future__ import annotations

import json
import math
import random

import pytest

from feeds.process.dedup.scoring import MODEL, MODEL_PATH, evidence
from feeds.process.logistic import Logistic, fit
from feeds.process.trees import LEAF, Tree, Trees, fit_trees
from tests.support.labelled import fingerprints, items


def _either_or(count: int, seed: int = 1) -> tuple[list[dict[str, float]], list[bool]]:
    """Pairs that are one event when exactly one of two signals is there: no weight of either says that."""
    chance = random.Random(seed)
    rows, labels = [], []
    for _ in range(count):
        a, b = chance.random(), chance.random()
        rows.append({"bias": 1.0, "a": a, "b": b})
        labels.append((a > 0.5) != (b > 0.5))
    return rows, labels


def _accuracy(model: Trees | Logistic, rows: list[dict[str, float]], labels: list[bool]) -> float:
    return sum((model.probability(row) >= 0.5) == label for row, label in zip(rows, labels, strict=True)) / len(rows)


def test_trees_learn_an_interaction_that_a_logistic_model_cannot() -> None:
    rows, labels = _either_or(2000)
    test_rows, test_labels = _either_or(1000, seed=2)
    trees = fit_trees(rows, labels, rounds=30, depth=2, rate=0.3)
    logistic = Logistic(fit(rows, labels, 0.3))
    assert _accuracy(trees, test_rows, test_labels) > 0.9
    assert _accuracy(logistic, test_rows, test_labels) < 0.7


def test_the_fit_lowers_the_log_loss_and_is_deterministic() -> None:
    rows, labels = _either_or(500)

    def loss(model: Trees) -> float:
        return -sum(math.log(p if label else 1 - p) for p, label in
                    ((model.probability(row), label) for row, label in zip(rows, labels, strict=True))) / len(rows)

    few, more = fit_trees(rows, labels, rounds=5), fit_trees(rows, labels, rounds=40)
    base = fit_trees(rows, labels, rounds=0)
    assert loss(more) < loss(few) < loss(base)
    assert fit_trees(rows, labels, rounds=40) == more


def test_the_base_is_the_share_of_positives_as_log_odds() -> None:
    rows = [{"x": float(i)} for i in range(10)]
    model = fit_trees(rows, [i < 2 for i in range(10)], rounds=0)
    assert model.probability({"x": 3.0}) == pytest.approx((2 + 0.5) / (10 + 1))


def test_a_model_loads_back_from_its_json_to_the_same_probabilities() -> None:
    rows, labels = _either_or(500)
    model = fit_trees(rows, labels, rounds=10)
    loaded = Trees.load(json.loads(json.dumps(model.dump())))
    assert loaded == model
    assert [loaded.probability(row) for row in rows[:50]] == [model.probability(row) for row in rows[:50]]


def test_the_compiled_trees_give_the_sum_of_the_leaves_each_tree_reaches() -> None:
    rows, labels = _either_or(300)
    model = fit_trees(rows, labels, rounds=25, depth=3)
    for row in rows:
        x = [row.get(name, 0.0) for name in model.inputs]
        total = 0.0
        for tree in model.trees:
            total += tree.leaf_value(x)
        assert model.log_odds(row) == model.base + total


def test_a_missing_input_is_zero_and_an_unknown_input_counts_nothing() -> None:
    tree = Tree(feature=(0, LEAF, LEAF), threshold=(0.5, 0.0, 0.0), left=(1, LEAF, LEAF), right=(2, LEAF, LEAF),
                value=(0.0, -1.0, 1.0))
    model = Trees(inputs=("x",), trees=(tree,))
    assert model.log_odds({}) == -1.0
    assert model.log_odds({"x": 0.5}) == -1.0  # at the threshold: left
    assert model.log_odds({"x": 0.6, "other": 9.0}) == 1.0


@pytest.mark.parametrize("broken", [
    {"inputs": ["x"], "base": 0, "trees": [{"feature": [0], "threshold": [0.5], "left": [1], "right": [2],
                                              "value": [0.0]}]},  # nodes it does not have
    {"inputs": ["x"], "base": 0, "trees": [{"feature": [3, -1, -1], "threshold": [0.5, 0, 0], "left": [1, -1, -1],
                                              "right": [2, -1, -1], "value": [0, 1, 2]}]},  # an input it does not have
    {"inputs": ["x"], "base": 0, "trees": [{"feature": [-1], "threshold": [], "left": [-1], "right": [-1],
                                              "value": [1.0]}]},  # columns of different lengths
    {"inputs": ["x"], "base": 0, "trees": [{"feature": [0, 0, -1], "threshold": [0.5, 0.5, 0], "left": [1, 1, -1],
                                              "right": [2, 2, -1], "value": [0, 0, 1]}]},  # a node its own child
])
def test_a_broken_model_file_is_refused(broken: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="a tree"):
        Trees.load(broken)


def test_the_shipped_model_reads_every_input_the_evidence_gives() -> None:
    """A model fitted before an input existed would silently ignore it: the file and the evidence agree."""
    assert isinstance(MODEL, Trees)
    prints = fingerprints(items({"id": "a", "url": "https://a.example/x", "platform": "a", "title": "A", "text": "a"},
                                {"id": "b", "url": "https://b.example/y", "platform": "b", "title": "B", "text": "b"}))
    given = set(evidence(prints["a"], prints["b"]).inputs())
    assert set(MODEL.inputs) == given
    assert json.loads(MODEL_PATH.read_text(encoding="utf-8")) == MODEL.dump()
