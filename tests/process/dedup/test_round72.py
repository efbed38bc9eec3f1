"""Round 72's class (a chain of blind set 258, read after its measurement): a field-robot competition's undated call for
teams ("Call for teams: Field Robot Event 2024") joined the reports of its winners, whose titles told the win in a
headline's words ("Die Sieger stehen fest", "Hohenheim student team wins Field Robot Event 2024", "Hohenheim gewinnt
Field Robot Event") and so named no stage. A prize or a competition won is now the result stage, as "winners" and
"ausgezeichnet" were: another stage than the call, two stories by the guide. The titles and texts are invented for these
tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize("title", [
    "Student team from Kiel wins Field Robot Event 2026",
    "Feldroboter: Team aus Kiel gewinnt den Wettbewerb",
    "Wir haben den Clusterpreis gewonnen!",
    "Gastro-Preis 2026: Die Sieger stehen fest",
    "Robotik-Team siegt beim Landeswettbewerb",
    "Land zeichnet zwölf Netzwerke aus",
    "Une PME bretonne remporte le prix de l'innovation",
])
def test_a_prize_won_is_the_result(title: str) -> None:
    assert title_stage(title) == "result"


@pytest.mark.parametrize("title", [
    "Siegerländer Zulieferer rüsten auf Elektromobilität um",
    "Automotive suppliers in the Siegerland meet in Siegen",
])
def test_the_siegerland_is_a_region(title: str) -> None:
    assert title_stage(title) is None


def test_a_call_for_teams_and_its_winners_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("call", "Call for teams: Field Robot Event 2026",
                "Student teams can register for the Field Robot Event 2026 in Hohenheim until 15 March. Robots compete "
                "in navigation, weeding and mapping tasks in a maize field.", "en", None),
        article("winners", "Team from Kiel wins Field Robot Event 2026",
                "The Field Robot Event 2026 in Hohenheim has its winners: a student team from Kiel won the navigation, "
                "weeding and mapping tasks in the maize field.", "en", "2026-06-12")))
    assert prints["call"].stage == "call"
    assert prints["winners"].stage == "result"
    assert titles_disagree(evidence(prints["call"], prints["winners"]))
