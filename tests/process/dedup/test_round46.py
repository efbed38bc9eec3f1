"""Round 46's class (read in blind sets 129-132's missed pairs after their measurement): EU bodies whose acronym has
three letters and differs by language ("EIB" and the French "BEI", "EIF" and "FEI"). The concept table leaves out
names shorter than four letters, so such an acronym was an acronym (`a:eib`) in a text that does not spell the name
out and nothing in one that does (the name is the concept, `c:eib`): two reports of one loan shared nothing for the
bank, and each title's "EIB" was an actor the other text never named, which vetoed the pair. An acronym CONCEPTS
writes in capitals is now the concept whatever its length. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.names import concept_of
from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.dedup.signals import features, title_actor_features
from tests.support.labelled import fingerprints, items


@pytest.mark.parametrize(("concept", "written"), [
    ("eib", ["The EIB signs a loan.", "Die EIB vergibt einen Kredit.", "La BEI signe un prêt.",
             "The European Investment Bank signs a loan.", "La Banque européenne d'investissement signe un prêt."]),
    ("eif", ["The EIF signs a guarantee.", "Le FEI signe une garantie.", "Der Europäische Investitionsfonds bürgt.",
             "Der EIF-Garantievertrag ist unterzeichnet."]),
    ("jrc", ["The JRC publishes a study.", "Die Gemeinsame Forschungsstelle veröffentlicht eine Studie.",
             "Le Centre commun de recherche publie une étude."]),
])
def test_a_three_letter_acronym_of_a_concept_is_the_concept(concept: str, written: list[str]) -> None:
    for text in written:
        found = features("", text)
        assert f"c:{concept}" in found, text
        assert not {feature for feature in found if feature.startswith("a:")}, text


def test_only_an_acronym_in_capitals_is_the_concept() -> None:
    assert concept_of("BEI") == "c:eib"
    assert concept_of("bei") is None  # a German word
    assert concept_of("Bei") is None
    assert "c:eib" not in features("", "Bei der Bank beginnt der Kredit.")
    assert "a:ebi" in features("", "Das EBI-Treffen beginnt.")  # any other acronym stays an acronym


def test_a_three_letter_acronym_of_a_concept_is_no_actor_in_a_title() -> None:
    assert title_actor_features("EIB and BIOPRO sign a loan for Swabian companies") == frozenset({"a:biopro"})
    assert not title_actor_features("Le FEI et Bpifrance signent une garantie")


ENGLISH = {"id": "english", "url": "https://eccp.example/news/eib-loan-saxony-bank", "platform": "eccp",
           "language": "en", "published": None, "dup_group": "loan",
           "title": "EIB lends EUR 150 million to Saxony's development bank for small firms",
           "text": "The European Investment Bank is lending EUR 150 million to the Sächsische Aufbaubank, the "
                   "development bank of Saxony, which will pass the money on as cheap loans to small and "
                   "medium-sized companies in Dresden, Leipzig and Chemnitz for machines and energy savings."}
GERMAN = {"id": "german", "url": "https://cluster-sachsen.example/aktuelles/eib-kredit-aufbaubank",
          "platform": "sachsen", "language": "de", "published": None, "dup_group": "loan",
          "title": "Aufbaubank und EIB: 150 Millionen Euro für den sächsischen Mittelstand",
          "text": "Die Sächsische Aufbaubank erhält von der Europäischen Investitionsbank 150 Millionen Euro. Die "
                  "Mittel gehen als zinsgünstige Kredite an kleine und mittlere Unternehmen in Dresden, Leipzig und "
                  "Chemnitz, für Maschinen und Energiesparen."}


def test_two_reports_of_one_loan_share_the_bank_and_name_no_actor_apart() -> None:
    prints = fingerprints(items(ENGLISH, GERMAN))
    found = evidence(prints["english"], prints["german"])
    assert "c:eib" in prints["english"].features & prints["german"].features
    assert not found.actors_differ  # before: each title's "EIB" was an actor the other text never named
    assert not titles_disagree(found)
