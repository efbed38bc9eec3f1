"""Round 66's class (blind set 208, read after its measurement): a state-aid approval told in other words than
"approved" ("Commission clears German aid for …", "Brussels signs off on …") named no stage, nor did a groundbreaking
told as a foundation stone laid ("… legt Grundstein für Fab"), so the undated report of the groundbreaking joined the
approval's story. An approval in those words is now the result stage, a foundation stone the start: two stages of one
process, two stories by the guide. An incubator's new cohort is not read as a result: a cohort's call is named by it
too. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize("title", [
    "Commission clears €900 million Italian aid for a wafer plant in Catania",
    "State aid for the Magdeburg fab cleared by Brussels",
    "Brussels signs off on regional subsidy for a battery plant",
    "Grünes Licht für die Förderung des Halbleiterwerks",
    "Feu vert de Bruxelles à l'aide française pour l'usine de Crolles",
    "Green light for the new research campus in Cottbus",
])
def test_an_approval_in_other_words_is_a_result(title: str) -> None:
    assert title_stage(title) == "result"


@pytest.mark.parametrize("title", [
    "Chipwerk: Hersteller legt Grundstein in Dresden",
    "Grundstein für das neue Forschungszentrum gelegt",
])
def test_a_foundation_stone_laid_is_the_start(title: str) -> None:
    assert title_stage(title) == "start"


@pytest.mark.parametrize(("title", "stage"), [
    ("Clusterakademie: Anmeldung für den neuen Jahrgang geöffnet", "announcement"),
    ("Incubator opens its call for the new cohort", "call"),
    ("Neuer Jahrgang der Clusterakademie", None),
])
def test_a_new_cohort_names_no_result(title: str, stage: str | None) -> None:
    assert title_stage(title) == stage


def test_an_approval_and_the_groundbreaking_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("cleared", "Commission clears €5 billion German aid for a chip plant in Dresden",
                "The European Commission has approved a German measure of 5 billion euros to support the construction "
                "of a semiconductor plant in Dresden by a joint venture of four chip makers.", "en", "2024-08-20"),
        article("stone", "Chiphersteller legt Grundstein für Fab in Dresden",
                "In Dresden hat der Bau des Halbleiterwerks begonnen. Das Gemeinschaftsunternehmen von vier "
                "Chipherstellern investiert rund 10 Milliarden Euro, der Staat trägt 5 Milliarden Euro.", "de", None)))
    assert prints["cleared"].stage == "result"
    assert prints["stone"].stage == "start"
    assert titles_disagree(evidence(prints["cleared"], prints["stone"]))
