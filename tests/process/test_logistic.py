"""The logistic model (feeds/process/logistic.py): the probability of the weighted sum of the inputs, in the
inputs' order, the same float as the sum written plainly (decisions are compared byte for byte)."""

from __future__ import annotations

import math
import random

from feeds.process.logistic import Logistic
from feeds.process.tagging.topic_model import MODEL


def plainly(model: Logistic, inputs: dict[str, float]) -> float:
    z = sum(model.weights.get(name, 0.0) * value for name, value in inputs.items())
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def test_an_input_without_a_weight_counts_nothing() -> None:
    model = Logistic({"bias": 0.5, "a": 2.0})
    assert model.probability({"bias": 1.0, "a": 1, "unknown": 7.0}) == 1.0 / (1.0 + math.exp(-2.5))
    assert model.probability({}) == 0.5


def test_the_probability_is_the_plain_weighted_sum_to_the_last_bit() -> None:
    rng = random.Random(5)
    names = [*MODEL.weights, "unknown", "other"]
    for _ in range(3000):
        inputs = {name: rng.choice([rng.random() * 4 - 2, rng.randint(0, 3), 1.0, 1e-9])
                  for name in rng.sample(names, rng.randint(1, 30))}
        assert MODEL.probability(inputs) == plainly(MODEL, inputs)
