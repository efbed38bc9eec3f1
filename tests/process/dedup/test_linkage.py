"""The linkage rule for a candidate story of one member, the common case on the ingest path: the member's one vote
is the mean, the minimum and the majority, so the story qualifies exactly when that chance reaches `match`, whatever
the floor. The items are invented for these tests; the model is a stub that gives every admitted pair one chance."""

from __future__ import annotations

import pytest

from feeds.model import CandidateStory
from feeds.process.dedup.linkage import assign
from feeds.process.dedup.scoring import MatchOptions
from tests.support.labelled import Constant, fingerprints, items

PAIR = items(
    {"id": "announced", "url": "https://eccp.example/news/tallinn-matchmaking-2025", "platform": "eccp",
     "published": "2025-03-04", "language": "en", "dup_group": "matchmaking",
     "title": "Tallinn hosts the Baltic cluster matchmaking 2025",
     "text": "The Baltic cluster matchmaking 2025 takes place in Tallinn on 14 May 2025. The Estonian cluster "
             "association EKLA invites 60 cluster organisations from the Baltic Sea region to meet partners for "
             "joint projects in smart manufacturing and green shipping."},
    {"id": "reported", "url": "https://clusters-today.example/2025/03/tallinn-matchmaking", "platform": "today",
     "published": "2025-03-06", "language": "en", "dup_group": "matchmaking",
     "title": "EKLA brings 60 clusters to Tallinn for the Baltic cluster matchmaking",
     "text": "On 14 May 2025 the Estonian cluster association EKLA welcomes 60 cluster organisations from the Baltic "
             "Sea region in Tallinn: the Baltic cluster matchmaking 2025 is about smart manufacturing and green "
             "shipping."},
)


@pytest.mark.parametrize(("chance", "joins"), [(0.6, True), (0.5, True), (0.49, False)])
def test_a_story_of_one_member_qualifies_when_its_one_chance_reaches_match_whatever_the_floor(
        chance: float, joins: bool) -> None:
    prints = fingerprints(PAIR)
    story = CandidateStory("story", prints["announced"], (prints["announced"],))
    for floor in (0.1, 0.9):  # a floor above the chance refuses no majority of one
        assigned = assign(prints["reported"], [story], MatchOptions(match=0.5, floor=floor), Constant(chance))
        assert (assigned.join == "story") is joins

