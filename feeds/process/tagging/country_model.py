"""How likely a country the rules found is one the story is about: a logistic model over its evidence.

The rules (countries.py) weigh each mention by what it is and where it stands, and turn a country's sum
into a confidence with hand-set caps (side notes, passing mentions). Editors' decisions depend on more
than that sum: how many mentions carry substance, whether one is in the lead or names an actor, the
country's share of the main country's score, how many countries the text names, and whether it is the
EU. `MODEL` weighs those beside the rule's own log-odds; it is fitted by scripts/fit_country_model.py on
the blind labelled sets (docs/design/tagging.md), and kept in code: a decision never depends on the store.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Protocol

from feeds.process.logistic import Logistic

EU = "eu"
RANKS = 3
SUBSTANTIVE_WEIGHT = 0.5  # as countries.SUBSTANTIVE_WEIGHT: a mention that names the country in substance
FULL_WORDS = 80  # body words from which the model speaks fully (the labelled texts have 80-350)
MAX_COUNTRIES = 8  # as countries.PASSING_MAX_COUNTRIES


class Mentioned(Protocol):
    """What the model reads of one mention (countries._Evidence)."""

    @property
    def score(self) -> float: ...
    @property
    def weight(self) -> float: ...
    @property
    def in_title(self) -> bool: ...
    @property
    def in_lead(self) -> bool: ...
    @property
    def actor(self) -> bool: ...


def reach(words: int, countries: int) -> float:
    """How far the model speaks for a text of `words` body words naming `countries` countries: fully
    for a text as long as those it was fitted on, not at all for a title alone, nor for a text naming
    more than MAX_COUNTRIES (founders, signatories: the rule's own lists and exceptions decide)."""
    return 0.0 if countries > MAX_COUNTRIES else min(1.0, words / FULL_WORDS)


def inputs(code: str, evidence: Sequence[Mentioned], totals: Mapping[str, float], rule: float,
           passing: bool, words: int) -> dict[str, float]:
    """The inputs for country `code` of a text of `words` body words: its mentions `evidence`, every
    found country's summed score `totals`, the rule's confidence `rule` and whether the rule holds it
    named in passing. Each input is scaled by the model's reach; the rule's log-odds enter unscaled in
    the rest (`rule_alone`, weight fixed at 1): where the model does not reach, the rule decides."""
    main = max(totals.values())
    rank = sorted(totals.values(), reverse=True).index(totals[code])
    substantive = [found for found in evidence if found.weight >= SUBSTANTIVE_WEIGHT]
    rule = min(max(rule, 1e-3), 1 - 1e-3)
    rule_log_odds = math.log(rule / (1 - rule))
    values = {
        "bias": 1.0, "rule": rule_log_odds, "log_score": math.log1p(totals[code]),
        "share": totals[code] / main, "substantive": float(min(len(substantive), 4)),
        "log_mentions": math.log1p(len(evidence)), "title": float(any(found.in_title for found in evidence)),
        "lead": float(any(found.in_lead for found in substantive)),
        "actor": float(any(found.actor for found in evidence)), "eu": float(code == EU),
        "log_countries": math.log1p(len(totals)), f"rank{min(rank, RANKS)}": 1.0,
        "max_weight": max(found.weight for found in evidence), "passing": float(passing),
    }
    if code == EU:  # the EU is named by institutions and programmes, not by places: its own slopes
        values.update({f"eu_{name}": values[name] for name in ("log_score", "substantive", "title", "lead", "share")})
    share = reach(words, len(totals))
    return {**{name: share * value for name, value in values.items()}, "rule_alone": (1 - share) * rule_log_odds}


def probability(values: Mapping[str, float], model: Logistic | None = None) -> float:
    return (model or MODEL).probability(values)


# Fitted by scripts/fit_country_model.py on blind sets 2-22 and the project set's tune split
# (docs/design/tagging.md).
MODEL = Logistic({
    "actor": 1.4163, "bias": -2.4192, "eu": -1.2574, "eu_lead": 0.3577, "eu_log_score": -0.3745,
    "eu_share": 1.0953, "eu_substantive": 0.0386, "eu_title": -0.0248, "lead": 2.2021, "log_countries": -0.3538,
    "log_mentions": 1.3979, "log_score": 0.3899, "max_weight": -1.0412, "passing": -0.6117, "rank0": -0.1595,
    "rank1": -0.0512, "rank2": -0.2335, "rank3": 0.4443, "rule": 0.773, "rule_alone": 1.0, "share": 2.1308,
    "substantive": 0.0111, "title": 0.0387
})
