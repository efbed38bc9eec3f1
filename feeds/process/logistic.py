"""A logistic model: fitted weights over named inputs, and the fit itself.

The judgement rules (deduplication's pairwise evidence, a topic's phrase hits) produce numbers;
a logistic model turns them into a probability. Its weights are fitted on the tuning half of the
blind labelled sets (docs/design/evaluation.md) by the scripts in scripts/, and kept in code as
constants so that a decision never depends on what the store has collected.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Logistic:
    """Weights by input name; an input the model has no weight for counts nothing."""

    weights: Mapping[str, float]

    def probability(self, inputs: Mapping[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in inputs.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[bool], l2: float = 1.0,
        unpenalised: frozenset[str] = frozenset({"bias"}), l2_of: Mapping[str, float] | None = None,
        fixed: Mapping[str, float] | None = None) -> dict[str, float]:
    """Weights of an L2-regularised logistic regression (Newton's method). Every row should carry a
    "bias" input of 1. `l2_of` sets the penalty of single inputs (say, per-topic offsets); the inputs
    in `fixed` keep the weight given there (an offset the fit works around) and are returned with it."""
    import numpy as np

    fixed = fixed or {}
    names = sorted({name for row in rows for name in row} - fixed.keys())
    x = np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float)
    offset = np.array([sum(weight * row.get(name, 0.0) for name, weight in fixed.items()) for row in rows])
    y = np.array([float(label) for label in labels])
    penalty = np.array([0.0 if name in unpenalised else (l2_of or {}).get(name, l2) for name in names])
    w: Any = np.zeros(len(names))
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(x @ w + offset, -50, 50)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w = w - step
        if float(np.abs(step).max()) < 1e-8:
            break
    weights = {name: round(float(value), 4) for name, value in zip(names, w, strict=True)}
    return dict(sorted({**weights, **fixed}.items()))
