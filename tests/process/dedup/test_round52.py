"""Round 52's class (blind sets 149-152, read after their measurement): two reports of one story in one language
that name its actor or its subject in two hyphenated words ("Seifriz-Preis 2018 verliehen" and a report naming the
"Seifriz-Jury"; "BuGG-Marktreport" and "BuGG") shared no rare word: a hyphenated word was one term, and none at all
where one of its parts is a word of the domain ("Games-Förderung", "Auen-Projekt"). A hyphenated word's terms are now
its rare parts. A place written with a hyphen stays no term, and a compound of common or domain words gives none. The
titles and texts are invented for these tests."""

from __future__ import annotations

from typing import Any

from feeds.process.dedup.scoring import admissible, evidence, shared_specifics
from feeds.process.dedup.terms import terms
from tests.support.labelled import article, fingerprints, items


def _item(key: str, title: str, text: str, language: str = "de") -> dict[str, Any]:
    return article(key, title, text, language, "2024-05-14")


def test_a_hyphenated_word_gives_its_rare_parts() -> None:
    found = terms("Seifriz-Preis verliehen", "Der Gebäudegrün-Markt wächst, sagt der Moorschutz-Verbund.", "de")
    assert {"seifriz", "gebäudegrün", "moorschutz"} <= found
    assert not {term for term in found if "-" in term}


def test_a_part_is_a_term_where_the_whole_word_holds_a_word_of_the_domain() -> None:
    # "Netzwerk" and "Projekt" are words of the domain: the whole word was never a term
    found = terms("Moorschutz-Projekt startet", "Das Kranich-Netzwerk beginnt im Mai.", "de")
    assert {"moorschutz", "kranich"} <= found


def test_a_hyphenated_place_and_common_parts_give_no_term() -> None:
    prints = fingerprints(items(_item("one", "Neues aus Baden-Württemberg",
                                      "In Baden-Württemberg startet ein Online-Angebot für Cluster-Manager.")))
    assert not {term for term in prints["one"].terms if term.startswith(("baden", "württemberg", "online"))}


def test_two_reports_of_one_prize_share_its_name() -> None:
    prints = fingerprints(items(
        _item("one", "Seifriz-Preis verliehen",
              "In Stuttgart wurde am Dienstag ein Preis für Transfer im Handwerk vergeben. Ausgezeichnet wurde ein "
              "Tandem aus einem Metallbaubetrieb und einer Hochschule."),
        _item("two", "Ein Geländer, das sich selbst meldet",
              "Ein Metallbauer aus dem Remstal und eine Hochschule überzeugten die Seifriz-Jury mit einem "
              "sensorbestückten Geländer, das Schäden von sich aus anzeigt.")))
    found = evidence(prints["one"], prints["two"])
    assert "seifriz" in prints["one"].terms & prints["two"].terms
    assert shared_specifics(prints["one"], prints["two"]) >= 1
    assert found.terms > 0
    assert admissible(prints["one"], prints["two"], found)
