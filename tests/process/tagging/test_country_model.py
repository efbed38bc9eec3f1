"""The country model (feeds/process/tagging/country_model.py): where it speaks and where the rule decides."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from feeds.process.tagging import country_model


@dataclass(frozen=True)
class Mention:
    score: float
    weight: float
    in_title: bool = False
    in_lead: bool = False
    actor: bool = False


TOTALS = {"pl": 3.0, "jp": 1.0}
EVIDENCE = [Mention(1.0, 1.0)]


def test_a_title_alone_keeps_the_rules_confidence() -> None:
    values = country_model.inputs("jp", EVIDENCE, TOTALS, 0.7, passing=False, words=0)
    assert country_model.probability(values) == pytest.approx(0.7, abs=1e-6)


def test_a_text_naming_many_countries_keeps_the_rules_confidence() -> None:
    totals = {code: 1.0 for code in ("bg", "fr", "lv", "lt", "pl", "ro", "sk", "es", "cz")}
    assert len(totals) > country_model.MAX_COUNTRIES
    values = country_model.inputs("sk", EVIDENCE, totals, 0.8, passing=False, words=400)
    assert country_model.probability(values) == pytest.approx(0.8, abs=1e-6)


def test_a_full_text_is_decided_by_the_model() -> None:
    values = country_model.inputs("jp", EVIDENCE, TOTALS, 0.7, passing=False, words=country_model.FULL_WORDS)
    assert values["rule_alone"] == 0.0
    assert values["share"] == pytest.approx(1 / 3)
    half = country_model.inputs("jp", EVIDENCE, TOTALS, 0.7, passing=False, words=country_model.FULL_WORDS // 2)
    assert half["share"] == pytest.approx(values["share"] / 2)


def test_the_fitted_model_weighs_substance_over_a_single_mention() -> None:
    """What the labelled sets taught: an actor named in the lead counts; a country named once, far behind
    the main one, in a full text, does not."""
    actor = [Mention(1.95, 1.5, in_lead=True, actor=True)]
    once = [Mention(0.9, 0.9)]
    totals = {"pl": 4.0, "jp": 0.9, "kr": 1.95}
    words = country_model.FULL_WORDS
    assert country_model.probability(country_model.inputs("kr", actor, totals, 0.73, False, words)) >= 0.5
    assert country_model.probability(country_model.inputs("jp", once, totals, 0.45, True, words)) < 0.5
