"""Round 17's classes (blind sets 27 and 28): a republication whose "Zum Nachlesen" heading stands alone above
its source's link, and a story of an original and its republication judged as one version. The items are
invented for these tests.
"""

from __future__ import annotations

import pytest

from feeds.model import CandidateStory
from feeds.process.dedup.linkage import assign
from feeds.process.dedup.scoring import MatchOptions, is_exact, probability
from feeds.settings import Settings
from tests.support.labelled import fingerprints, gold, items, stories

SURVEY = items(
    {"id": "original", "url": "https://eccp.example/news/vornholt-cluster-survey-2018", "platform": "eccp",
     "published": "2018-06-05", "language": "en", "dup_group": "survey",
     "title": "Vornholt cluster survey 2018: half of the clusters work across borders",
     "text": "The Vornholt cluster observatory published its cluster survey 2018 on 5 June 2018. Of the 412 cluster "
             "organisations that answered, half take part in projects with partners abroad, and one in three has "
             "signed an agreement with a cluster outside the EU. Skills and the energy transition lead the agenda "
             "of the cluster managers, the Vornholt observatory reports."},
    {"id": "copy", "url": "https://ki.example/aktuelles/clusterumfrage-2018", "platform": "ki",
     "published": "2018-06-12", "language": "de", "dup_group": "survey",
     "title": "Clusterumfrage: Jedes zweite Cluster international aktiv",
     "text": "Eine neue Umfrage zeigt, dass viele Cluster grenzüberschreitend zusammenarbeiten.\n\n"
             "Zum Nachlesen\n\nECCP (05.06.2018): Cluster survey https://eccp.example/news/vornholt-cluster-survey-2018"
             "\n\nQuelle: ECCP"},
    {"id": "report", "url": "https://clusters-today.example/2018/06/vornholt-survey", "platform": "today",
     "published": "2018-06-14", "language": "en", "dup_group": "survey",
     "title": "412 clusters answer the Vornholt survey",
     "text": "In the cluster survey 2018 of the Vornholt cluster observatory, 412 cluster organisations answered: "
             "half of them work with partners abroad, one in three has an agreement with a cluster outside the EU. "
             "Skills lead the agenda."},
)


def test_a_heading_standing_alone_above_the_source_link_makes_a_republication_exact() -> None:
    prints = fingerprints(SURVEY)
    assert prints["copy"].references == ("eccp.example/news/vornholt-cluster-survey-2018",)
    assert is_exact(prints["original"], prints["copy"])


def test_an_original_and_its_republication_vote_once_by_the_original() -> None:
    """The English report matches the original and not the short German copy, which shares little with it (since
    dedup round 52 the name in its link's address, "vornholt-cluster-survey-2018"): the copy is the original's
    version, not a second opinion against the report."""
    prints = fingerprints(SURVEY)
    options = MatchOptions()
    assert probability(prints["report"], prints["original"]) >= options.match
    assert probability(prints["report"], prints["copy"]) < options.match
    story = CandidateStory("survey", prints["original"], (prints["original"], prints["copy"]))
    assert assign(prints["report"], [story], options).join == "survey"


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_the_survey_is_one_story_in_any_order(settings: Settings, database_url: str, seed: int | None) -> None:
    assert stories(settings, SURVEY, database_url, seed) == gold(SURVEY)
