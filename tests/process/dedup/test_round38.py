"""Round 38's class (blind sets 39 and 95 among others, read after their measurement: a programme's rounds joined one
story — "Clusters4Future: Die ersten Zukunftscluster stehen fest" and, months later, "seven more Future Clusters
announced", whose lead says it is the second competition round): which round of a programme or which edition of a
series a text reports is read from its title and lead, and two texts of different rounds are a series, never one story,
as two titles with different edition numbers are. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup import Fingerprint
from feeds.process.dedup.scoring import probability
from feeds.process.kinds import round_number
from tests.support.labelled import fingerprints, items

FIRST = {"id": "first", "url": "https://ministry.example/press/innovation-hubs-round-1", "platform": "ministry",
         "language": "en", "published": "2022-03-10", "dup_group": "first round",
         "title": "Innovation hubs: the winners are known",
         "text": "Six regional innovation hubs will be funded under the federal hubs programme. A jury chose them "
                 "from 84 sketches submitted in the first round of the competition. Each hub can receive up to "
                 "EUR 20 million over six years for research and transfer with companies of its region."}
SECOND = {"id": "second", "url": "https://portal.example/news/hubs-six-more", "platform": "portal", "language": "en",
          "published": "2023-04-02", "dup_group": "second round",
          "title": "Innovation hubs: six more regions selected",
          "text": "The federal hubs programme now counts twelve regional innovation hubs. In the second round of the "
                  "competition a jury selected six further hubs; like the six winners of the first round, each can "
                  "receive up to EUR 20 million over six years for research and transfer with companies."}
ZWEITE = {"id": "zweite", "url": "https://land.example/aktuelles/hubs", "platform": "land", "language": "de",
          "published": "2023-04-05", "dup_group": "second round",
          "title": "Sechs weitere Innovationshubs ausgewählt",
          "text": "In der zweiten Wettbewerbsrunde des Bundesprogramms für Innovationshubs hat die Jury sechs weitere "
                  "Regionen ausgewählt. Jeder Hub kann über sechs Jahre bis zu 20 Millionen Euro für Forschung und "
                  "Transfer mit Unternehmen seiner Region erhalten."}
UNNAMED = {"id": "unnamed", "url": "https://press.example/hubs", "platform": "press", "language": "en",
           "published": "2023-04-06", "dup_group": "second round",
           "title": "Twelve innovation hubs now funded",
           "text": "The federal hubs programme funds six more regions; each hub can receive up to EUR 20 million over "
                   "six years for research and transfer with companies of its region."}


@pytest.mark.parametrize(("title", "text", "expected"), [
    ("Interreg: second call opens", "", 2),
    ("Zukunftscluster", "Die dritte Wettbewerbsrunde ist eröffnet.", 3),
    ("Online-Seminar zum zweiten Projektaufruf", "", 2),
    ("Appel à projets", "Le deuxième appel est ouvert jusqu'au 3 mars.", 2),
    ("Die 4. Ausschreibungsrunde", "", 4),
    ("European Cluster Days", "The first edition took place in Milan.", 1),
    ("Pôles de compétitivité", "La première édition du concours a réuni 40 candidats.", 1),
    ("Thessaloniki hosts the second Mediterranean Cluster Forum", "", 2),
    ("Zweite trilaterale Ausschreibung zur KI", "", 2),
])
def test_a_text_names_its_round_or_edition(title: str, text: str, expected: int) -> None:
    assert round_number(title, text) == expected


def test_the_highest_round_named_is_the_texts_own() -> None:
    assert round_number(SECOND["title"], SECOND["text"]) == 2  # the first round named as background
    assert round_number(FIRST["title"], FIRST["text"]) == 1


def test_winners_added_to_the_first_rounds_are_a_later_round() -> None:
    text = "Zehn weitere Netzwerke erhalten Förderung. Anders als in der ersten Runde liegt der Schwerpunkt in Asien."
    assert round_number("Internationalisierungswettbewerb", text) == 2
    assert round_number("Internationalisierungswettbewerb", "In der ersten Runde: weitere Informationen folgen.") == 1


@pytest.mark.parametrize(("title", "text"), [
    ("Cluster meeting", "For the first time the clusters met in Lyon on 3. März; a call followed."),
    ("Second thoughts on cluster policy", "The first cluster to join was from Graz."),
    ("Twelve innovation hubs now funded", UNNAMED["text"]),
])
def test_an_ordinal_not_next_to_a_rounds_noun_names_no_round(title: str, text: str) -> None:
    assert round_number(title, text) == 0


def test_two_rounds_of_one_programme_are_never_one_story() -> None:
    prints = fingerprints(items(FIRST, SECOND, ZWEITE, UNNAMED))
    assert probability(prints["first"], prints["second"]) == 0.0
    assert probability(prints["first"], prints["zweite"]) == 0.0  # across languages
    # the same round, or one text that names none: the model judges
    assert probability(prints["second"], prints["zweite"]) > 0.0
    assert probability(prints["second"], prints["unnamed"]) > 0.0


def test_the_round_is_stored_with_the_fingerprint() -> None:
    stored = fingerprints(items(SECOND))["second"].dump()
    assert Fingerprint.load(stored).round == 2
    del stored["round"]  # a fingerprint stored before round 38
    assert Fingerprint.load(stored).round == 0
