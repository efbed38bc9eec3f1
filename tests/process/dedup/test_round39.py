"""Round 39's class (blind sets 35, 63, 65 and 82 among others, read after their measurement): a story of a German
press release and its short English teaser, and an independent German report of the same event. The report matches the
press release well, but shares nothing specific with the teaser — no name, date, number or rare word — so the teaser
could not judge it; it used to vote 0, below the floor, and kept the report out. Now a member that shares nothing
specific abstains when the members that can judge the item match it well (`MatchOptions.judged`); a member that
contradicts the item (a veto, a series, one site's second text in one language) still votes 0. The titles and texts are
invented for these tests; the model is a stub that gives every pair it may judge one chance."""

from __future__ import annotations

import pytest

from feeds.model import CandidateStory
from feeds.process.dedup.linkage import assign
from feeds.process.dedup.scoring import MatchOptions, shared_specifics, vote
from tests.support.labelled import Constant, fingerprints, items

RELEASE = {"id": "release", "url": "https://wirtschaft.example/presse/kuestenhafen-wasserstoff", "platform": "ministry",
           "language": "de", "published": "2024-06-11", "dup_group": "terminal",
           "title": "Wasserstoff-Terminal in Brunsbüttel: Land fördert Cluster-Projekt mit 12 Millionen Euro",
           "text": "Das Land fördert das Projekt HyPort Brunsbüttel des Clusters Maritime Wirtschaft mit 12 Millionen "
                   "Euro. Am Elbehafen entsteht bis 2027 ein Terminal für grünen Ammoniak, den Partner aus Norwegen "
                   "liefern."}
TEASER = {"id": "teaser", "url": "https://newsletter.example/en/june", "platform": "newsletter", "language": "en",
          "published": "2024-06-12", "dup_group": "terminal",
          "title": "Funding for a port project on the coast",
          "text": "A northern state supports a port project of its shipping cluster. More in our next issue."}
REPORT = {"id": "report", "url": "https://kuestenzeitung.example/region/hyport-brunsbuettel", "platform": "zeitung",
          "language": "de", "published": "2024-06-13", "dup_group": "terminal",
          "title": "HyPort Brunsbüttel erhält 12 Millionen Euro",
          "text": "Für das Ammoniak-Terminal HyPort am Elbehafen Brunsbüttel gibt es 12 Millionen Euro Fördergeld. "
                  "Der Cluster Maritime Wirtschaft will es bis 2027 mit Partnern aus Norwegen in Betrieb nehmen."}
SAME_SITE = {**TEASER, "id": "same site", "url": "https://kuestenzeitung.example/region/hafenprojekte",
             "platform": "zeitung", "language": "de", "title": "Ein Hafenprojekt an der Küste",
             "text": "Ein Land im Norden unterstützt ein Hafenprojekt seines Schifffahrtsclusters."}


def test_a_member_that_shares_nothing_specific_neither_votes_for_nor_against() -> None:
    prints = fingerprints(items(RELEASE, TEASER, REPORT, SAME_SITE))
    assert shared_specifics(prints["report"], prints["teaser"]) == 0
    assert shared_specifics(prints["report"], prints["release"]) > 2
    assert vote(prints["report"], prints["teaser"], Constant(0.9)) is None
    assert vote(prints["report"], prints["release"], Constant(0.9)) == 0.9
    # one site does not report one event twice in other words in one language: a contradiction, not silence
    assert vote(prints["report"], prints["same site"], Constant(0.9)) == 0.0


@pytest.mark.parametrize(("chance", "joins"), [(0.9, True), (0.7, True), (0.69, False), (0.5, False)])
def test_a_silent_member_abstains_only_when_the_members_that_can_judge_match_well(chance: float, joins: bool) -> None:
    prints = fingerprints(items(RELEASE, TEASER, REPORT))
    story = CandidateStory("terminal", prints["release"], (prints["release"], prints["teaser"]))
    assigned = assign(prints["report"], [story], MatchOptions(), Constant(chance))
    assert (assigned.join == "terminal") is joins


def test_a_member_that_contradicts_the_item_still_keeps_it_out() -> None:
    prints = fingerprints(items(RELEASE, REPORT, SAME_SITE))
    story = CandidateStory("terminal", prints["release"], (prints["release"], prints["same site"]))
    assert assign(prints["report"], [story], MatchOptions(), Constant(0.95)).join is None
