"""Gradient-boosted decision trees: fitted splits over named inputs, and the fit itself.

A logistic model adds up its inputs' weights, each the same whatever the others say. Some evidence
does not add up that way: a date named in an undated text counts for much when the titles agree and
little when they do not; a shared name means more across languages than within one. Small trees,
each a few questions about the inputs, learn such interactions from the labelled pairs (round 21,
docs/design/dedup.md). The model is data (`Trees.dump`, kept in a JSON file beside the code that uses
it), fitted by the scripts in scripts/, so that a decision never depends on what the store has
collected; the fit is deterministic.

The fit is second-order boosting of the log loss (each tree's leaves take a Newton step on the
pairs that reach them, shrunk by an L2 penalty and a learning rate), grown level by level to a fixed
depth over at most `bins` candidate thresholds per input (quantiles of its values).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

LEAF = -1


@dataclass(frozen=True)
class Tree:
    """Nodes by index, the root first. At node i, an input below or at `threshold[i]` goes to `left[i]`,
    above it to `right[i]`; a leaf (`feature[i] == LEAF`) adds `value[i]` to the log-odds."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaf_value(self, x: Sequence[float]) -> float:
        node = 0
        feature, threshold, left, right = self.feature, self.threshold, self.left, self.right
        while feature[node] != LEAF:
            node = left[node] if x[feature[node]] <= threshold[node] else right[node]
        return self.value[node]


@dataclass(frozen=True)
class Trees:
    """A sum of trees over `inputs` (the names, in the order the trees index them) plus a `base` log-odds.
    An input the caller does not give is 0; an input the model does not know counts nothing."""

    inputs: tuple[str, ...]
    trees: tuple[Tree, ...]
    base: float = 0.0
    # the trees as one function of plain comparisons (`_compiled`): a pair is judged several times per new item
    _log_odds: Callable[[Sequence[float]], float] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_log_odds", _compiled(self.trees, self.base))

    def log_odds(self, values: Mapping[str, float]) -> float:
        return self._log_odds([values.get(name, 0.0) for name in self.inputs])

    def probability(self, values: Mapping[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, self.log_odds(values)))))

    def dump(self) -> dict[str, Any]:
        return {"inputs": list(self.inputs), "base": self.base,
                "trees": [{"feature": list(tree.feature), "threshold": list(tree.threshold), "left": list(tree.left),
                           "right": list(tree.right), "value": list(tree.value)} for tree in self.trees]}

    @classmethod
    def load(cls, payload: Mapping[str, Any]) -> Trees:
        trees = tuple(Tree(*(tuple(tree[key]) for key in ("feature", "threshold", "left", "right", "value")))
                      for tree in payload["trees"])
        inputs = tuple(payload["inputs"])
        for tree in trees:
            nodes = len(tree.feature)
            if not all(len(column) == nodes for column in (tree.threshold, tree.left, tree.right, tree.value)):
                raise ValueError("a tree's node columns differ in length")
            # a node's children come after it (as the fit writes them): no node is its own ancestor
            if any(feature != LEAF and not (0 <= feature < len(inputs) and i < left < nodes and i < right < nodes)
                   for i, (feature, left, right) in enumerate(zip(tree.feature, tree.left, tree.right, strict=True))):
                raise ValueError("a tree names an input or a node it does not have, or a node before its parent")
        return cls(inputs=inputs, trees=trees, base=float(payload["base"]))


def _compiled(trees: Sequence[Tree], base: float) -> Callable[[Sequence[float]], float]:
    """The trees as the source of one Python function of nested `if`s, compiled: several times faster than walking
    the node columns (`Tree.leaf_value`), and the same sum in the same order (the leaves' values from 0, then the
    base). Only indices (int) and numbers (float, written by `repr`, which reads back exactly) go into the source."""
    lines = ["def log_odds(x):", "    t = 0.0"]

    def emit(tree: Tree, node: int, indent: str) -> None:
        if tree.feature[node] == LEAF:
            lines.append(f"{indent}t += {float(tree.value[node])!r}")
            return
        lines.append(f"{indent}if x[{int(tree.feature[node])}] <= {float(tree.threshold[node])!r}:")
        emit(tree, tree.left[node], indent + "    ")
        lines.append(f"{indent}else:")
        emit(tree, tree.right[node], indent + "    ")

    for tree in trees:
        emit(tree, 0, "    ")
    lines.append(f"    return {float(base)!r} + t")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<boosted trees>", "exec"), namespace)
    function: Callable[[Sequence[float]], float] = namespace["log_odds"]
    return function


def fit_trees(rows: Sequence[Mapping[str, float]], labels: Sequence[bool], *, rounds: int = 60, depth: int = 3,
              rate: float = 0.15, l2: float = 1.0, min_weight: float = 1.0, bins: int = 64) -> Trees:
    """Boosted trees of the log loss of `labels` given `rows` (inputs by name; a missing input is 0).

    `rounds` trees of at most `depth` levels; a split leaves each side at least `min_weight` of the loss's
    curvature (about that many uncertain pairs), and only splits that lower the penalised loss are made."""
    import numpy as np

    names = sorted({name for row in rows for name in row})
    x = np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float).reshape(len(rows), len(names))
    y = np.array([float(label) for label in labels])
    # candidate thresholds per input: its values, or `bins` quantiles of them; codes[:, j] <= k <=> x <= edges[j][k]
    edges = []
    for column in x.T:
        values = np.unique(column)
        if len(values) > bins:
            values = np.unique(np.quantile(column, np.linspace(0, 1, bins + 1)[1:], method="inverted_cdf"))
        edges.append(values)
    codes = np.stack([np.searchsorted(edge, column, side="left") for edge, column in zip(edges, x.T, strict=True)],
                     axis=1) if names else np.zeros((len(rows), 0), dtype=int)
    positives = float(y.sum())
    base = math.log((positives + 0.5) / (len(y) - positives + 0.5))
    raw = np.full(len(y), base)
    trees = []
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-np.clip(raw, -50, 50)))
        g, h = p - y, p * (1 - p)
        tree, update = _grow(codes, edges, g, h, depth, l2, min_weight, rate)
        raw += update
        trees.append(tree)
    return Trees(inputs=tuple(names), trees=tuple(trees), base=round(base, 6))


def _grow(codes: Any, edges: list[Any], g: Any, h: Any, depth: int, l2: float, min_weight: float,
          rate: float) -> tuple[Tree, Any]:
    """One tree, level by level: each node splits on the input and threshold of the largest gain; and what
    it adds to each row's log-odds."""
    import numpy as np

    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []

    def node(rows: Any, level: int) -> int:
        index = len(feature)
        feature.append(LEAF)
        threshold.append(0.0)
        left.append(LEAF)
        right.append(LEAF)
        total_g, total_h = float(g[rows].sum()), float(h[rows].sum())
        value.append(round(-rate * total_g / (total_h + l2), 6))
        update[rows] = value[index]
        if level == depth or total_h < 2 * min_weight:
            return index
        best = (0.0, -1, -1)
        parent = total_g * total_g / (total_h + l2)
        node_g, node_h = g[rows], h[rows]
        for j, edge in enumerate(edges):
            if len(edge) < 2:
                continue
            column = codes[rows, j]
            left_g = np.cumsum(np.bincount(column, weights=node_g, minlength=len(edge)))[:-1]
            left_h = np.cumsum(np.bincount(column, weights=node_h, minlength=len(edge)))[:-1]
            right_g, right_h = total_g - left_g, total_h - left_h
            gain = left_g**2 / (left_h + l2) + right_g**2 / (right_h + l2) - parent
            gain[(left_h < min_weight) | (right_h < min_weight)] = 0.0
            k = int(np.argmax(gain))
            if gain[k] > best[0] + 1e-12:
                best = (float(gain[k]), j, k)
        _, j, k = best
        if j < 0:
            return index
        goes_left = codes[rows, j] <= k
        feature[index], threshold[index], value[index] = j, float(edges[j][k]), 0.0
        left[index] = node(rows[goes_left], level + 1)
        right[index] = node(rows[~goes_left], level + 1)
        return index

    update = np.zeros(len(g))
    node(np.arange(len(g)), 0)
    return Tree(tuple(feature), tuple(threshold), tuple(left), tuple(right), tuple(value)), update
