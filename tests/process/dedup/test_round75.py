"""Round 75's class (the chains of blind sets 228, 258 and 261 and wrong pairs of sets 73, 185 and 213, read after their
measurement): at a trade fair, a matchmaking held there ("Kooperationsbörse auf der Agritechnica 2023", "B2B
matchmaking at Tire Technology Expo 2024") joined the fair's own preview or report, or its innovation awards, whose
titles name no meeting at all. The writers of these sets give the matchmaking a story of its own, as the guide gives
each event one. Two titles about a fair now disagree where one names a matchmaking and the other names no meeting in any
words; a title that names meetings loosely ("companies meet German partners", "au rendez-vous") or a matchmaking beside
a stand ("Hessian pavilion and B2B meetings") keeps its pair with either. The titles and texts are invented here."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.dedup.signals import matchmaking_named
from tests.support.labelled import article, fingerprints, items

FAIR_TEXT = ("Agritechnica 2023 in Hanover brings together makers of tractors, sprayers and field robots from 12 to 18 "
             "November 2023; the Enterprise Europe Network organises meetings between exhibitors and visitors.")


@pytest.mark.parametrize(("title", "named"), [
    ("Internationale Kooperationsbörse auf der Agritechnica 2023", 2),
    ("Agritechnica 2023: international B2B matchmaking in Hanover", 2),
    ("Agritechnica 2023 : rendez-vous d'affaires internationaux", 2),
    ("Agritechnica 2023: Hessian pavilion and B2B meetings", 1),
    ("Polish farm machinery makers meet German partners at Agritechnica", 1),
    ("Agritechnica Innovation Award 2023: Die Goldmedaillen", 0),
    ("Agritechnica 2023 closes with record attendance", 0),
])
def test_a_title_names_a_matchmaking_loosely_or_not_at_all(title: str, named: int) -> None:
    assert matchmaking_named(title) == named


def _disagree(title: str, other: str, language: str = "de") -> bool:
    prints = fingerprints(items(article("one", title, FAIR_TEXT, "en", "2023-09-20"),
                                article("other", other, FAIR_TEXT, language, "2023-10-10")))
    return titles_disagree(evidence(prints["one"], prints["other"]))


def test_a_matchmaking_and_the_fairs_awards_are_two_stories() -> None:
    assert _disagree("Agritechnica 2023: international B2B matchmaking in Hanover",
                     "Agritechnica 2023: Innovation Award verliehen")


def test_a_matchmaking_and_the_fairs_report_are_two_stories() -> None:
    assert _disagree("Kooperationsbörse auf der Agritechnica 2023", "Agritechnica 2023 closes with record attendance",
                     language="en")


def test_two_titles_of_one_matchmaking_stay_one_story() -> None:
    assert not _disagree("Agritechnica 2023: international B2B matchmaking in Hanover",
                         "Internationale Kooperationsbörse auf der Agritechnica 2023")


def test_meetings_in_looser_words_keep_their_pair() -> None:
    assert not _disagree("Agritechnica 2023: international B2B matchmaking in Hanover",
                         "Polish farm machinery makers meet German partners at Agritechnica", language="en")


def test_away_from_a_fair_nothing_changes() -> None:
    prints = fingerprints(items(
        article("one", "Cluster matchmaking on farm robotics in Hohenheim", FAIR_TEXT, "en", "2023-09-20"),
        article("other", "Hohenheim opens a test field for farm robotics", FAIR_TEXT, "en", "2023-10-10")))
    assert not titles_disagree(evidence(prints["one"], prints["other"]))
