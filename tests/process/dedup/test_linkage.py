"""The linkage rule for a candidate story of one member, the common case on the ingest path: the member's one vote
is the mean, the minimum and the majority, so the story qualifies exactly when that chance reaches `match`, whatever
the floor. The items are invented for these tests; the model is a stub that gives every admitted pair one chance."""

from __future__ import annotations

import pytest

from feeds.model import CandidateStory
from feeds.process.dedup import Fingerprint, linkage, scoring
from feeds.process.dedup.linkage import assign
from feeds.process.dedup.scoring import MatchOptions, vote
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


# One meeting told in two languages with other days (12 and 19 March): `figures_disagree` refuses the pair.
OTHER_DAYS = items(
    {"id": "release", "url": "https://netz.example/presse/tagung", "platform": "netz", "language": "de",
     "published": "2019-03-04", "title": "Tagung der Netzwerke in Kiel",
     "text": "Am 12.03.2019 treffen sich die Netzwerke in Kiel. Das Land stellt 250.000 Euro bereit."},
    {"id": "copy", "url": "https://netz.example/presse/tagung-kopie", "platform": "netz", "language": "de",
     "published": "2019-03-04", "title": "Tagung der Netzwerke in Kiel",
     "text": "Am 12.03.2019 treffen sich die Netzwerke in Kiel. Das Land stellt 250.000 Euro bereit."},
    {"id": "echo", "url": "https://kiel.example/aktuell/tagung", "platform": "kiel", "language": "de",
     "published": "2019-03-05", "title": "Netzwerke tagen in Kiel",
     "text": "Am 12.03.2019 treffen sich die Netzwerke in Kiel. Das Land stellt 250.000 Euro bereit."},
    {"id": "report", "url": "https://portal.example/news/meeting", "platform": "portal", "language": "en",
     "published": "2019-03-05", "title": "Networks meet in Kiel",
     "text": "On 19 March 2019 the networks meet in Kiel. The state provides EUR 250,000."},
)


def test_a_member_a_veto_refuses_is_decided_without_the_pairs_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest speed, round 13: `vetoed_with` ends the pair before `vote` builds its `Evidence`, with `vote`'s answer."""
    prints = fingerprints(OTHER_DAYS)
    release, report = prints["release"], prints["report"]
    assert vote(report, release, Constant(0.9)) == 0.0  # the veto, asked the long way
    built: list[tuple[Fingerprint, Fingerprint]] = []
    real = scoring.evidence
    monkeypatch.setattr(scoring, "evidence", lambda a, b: built.append((a, b)) or real(a, b))
    story = CandidateStory("story", release, (release,))
    assert assign(report, [story], MatchOptions(), Constant(0.9)).join is None
    assert built == []


def test_a_story_whose_members_all_refuse_the_item_is_decided_without_its_versions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Ingest speed, round 13: when no member's vote can reach `match`, the story's versions are not worked out."""
    prints = fingerprints(OTHER_DAYS)
    compared: list[tuple[Fingerprint, Fingerprint]] = []
    real = linkage.is_exact
    monkeypatch.setattr(linkage, "is_exact", lambda a, b: compared.append((a, b)) or real(a, b))
    story = CandidateStory("story", prints["release"], (prints["release"], prints["copy"]))
    assert assign(prints["report"], [story], MatchOptions(), Constant(0.9)).join is None
    assert compared == []
    # a story the item may join still has its versions worked out
    assert assign(prints["echo"], [story], MatchOptions(), Constant(0.9)).join == "story"
    assert compared
