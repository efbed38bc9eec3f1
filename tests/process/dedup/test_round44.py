"""Round 44's class (read in blind sets 121-124's missed pairs after their measurement): EU instruments each language
names in its own words, and French often by its own acronym ("PIIEC" for "IPCEI", "pôles européens d'innovation
numérique" for "European Digital Innovation Hubs"). Two reports of one approval in two languages shared no name for
the instrument, and a French title's "PIIEC" was read as an actor the English report never names, which vetoed the
pair. They are now one `c:` concept (names.CONCEPTS), and an acronym that is a concept's name is that concept also
inside a compound ("IPCEI-Vorhaben"). The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence
from feeds.process.dedup.signals import features, title_actor_features
from tests.support.labelled import fingerprints, items


@pytest.mark.parametrize(("concept", "written"), [
    ("ipcei", ["Die Kommission genehmigt ein wichtiges Vorhaben von gemeinsamem europäischem Interesse.",
               "The Commission approves an Important Project of Common European Interest.",
               "La Commission autorise un projet important d'intérêt européen commun.",
               "Le PIIEC réunit douze États membres.", "Das IPCEI-Vorhaben umfasst 19 Unternehmen."]),
    ("edih", ["Die Europäischen Digitalen Innovationszentren nehmen die Arbeit auf.",
              "The European Digital Innovation Hubs start their work.",
              "Les pôles européens d'innovation numérique démarrent.", "Das EDIH-Netzwerk wächst."]),
    ("net-zero-industry-act", ["Die Netto-Null-Industrie-Verordnung tritt in Kraft.",
                               "The Net-Zero Industry Act enters into force.",
                               "Le règlement pour une industrie « zéro net » entre en vigueur."]),
    ("critical-raw-materials-act", ["Der Rat billigt das Gesetz über kritische Rohstoffe.",
                                    "The Council adopts the Critical Raw Materials Act.",
                                    "Le Conseil adopte le règlement sur les matières premières critiques."]),
    ("just-transition-fund", ["Mittel aus dem Fonds für einen gerechten Übergang fließen nach Schlesien.",
                              "The Just Transition Fund supports Silesia.",
                              "Le Fonds pour une transition juste soutient la Silésie."]),
])
def test_an_eu_instrument_is_one_concept_in_every_language(concept: str, written: list[str]) -> None:
    for text in written:
        assert f"c:{concept}" in features("", text), text


def test_an_acronym_that_names_a_concept_is_the_concept_inside_a_compound() -> None:
    found = features("", "Das IPCEI-Vorhaben und das ECCP-Matchmaking beginnen.")
    assert {"c:ipcei", "c:eccp"} <= found
    assert not {"a:ipcei", "a:eccp"} & found
    assert "a:clustrhin" in features("", "Das CLUSTRHIN-Treffen beginnt.")  # any other acronym stays an acronym


def test_a_french_acronym_of_a_concept_is_no_actor_in_a_title() -> None:
    assert not title_actor_features("PIIEC Cloud : feu vert de Bruxelles")
    assert title_actor_features("BIOPRO lance un appel") == frozenset({"a:biopro"})


FRENCH = {"id": "french", "url": "https://poles.example/actualites/piiec-cloud-valide", "platform": "poles",
          "language": "fr", "published": "2023-12-07", "dup_group": "cloud",
          "title": "PIIEC Cloud : feu vert de Bruxelles pour les infrastructures de nouvelle génération",
          "text": "La Commission européenne a validé un projet important d'intérêt européen commun consacré aux "
                  "infrastructures et services en nuage de nouvelle génération. Sept États membres y participent, "
                  "dont la France et l'Allemagne, avec une vingtaine d'entreprises."}
ENGLISH = {"id": "english", "url": "https://eccp.example/news/ipcei-cloud-approved", "platform": "eccp",
           "language": "en", "published": "2023-12-05", "dup_group": "cloud",
           "title": "Commission approves IPCEI on next-generation cloud infrastructure",
           "text": "The European Commission has approved an Important Project of Common European Interest on "
                   "next-generation cloud infrastructure and services. Seven Member States take part, among them "
                   "Germany and France, with about twenty companies."}


def test_two_reports_of_one_approval_share_the_instrument_and_name_no_actor_apart() -> None:
    prints = fingerprints(items(FRENCH, ENGLISH))
    found = evidence(prints["french"], prints["english"])
    assert "c:ipcei" in prints["french"].features & prints["english"].features
    assert not found.actors_differ  # before: the French title's "PIIEC" was an actor the English text never names
