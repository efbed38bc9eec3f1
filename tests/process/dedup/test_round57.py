"""Round 57's class (blind set 170, read after its measurement, and sets 2-172's titles): a headline in the present
tense that reports a selection ("Germany selects its first seven Future Clusters", "Innosuisse choisit ses premiers
Innovation Booster", "La Commission sélectionne 30 Euroclusters") named no stage, so the call it closes and the
selection itself were not told apart by their titles: an undated report of the networks chosen joined the call's
story. Such a headline now reports results. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize("title", [
    "Germany selects its first seven Future Clusters",
    "Alpine agency picks ten start-ups for its accelerator",
    "Le Gouvernement choisit ses premiers réseaux d'innovation",
    "La Commission sélectionne 30 Euroclusters",
])
def test_a_selection_in_the_present_tense_reports_results(title: str) -> None:
    assert title_stage(title) == "result"


def test_choosing_as_a_question_is_no_result() -> None:
    assert title_stage("Comment choisir son cluster ?") is None


def test_a_call_and_the_networks_it_chose_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("call", "Réseaux d'innovation : l'agence lance un appel à propositions",
                "L'agence suisse pour l'encouragement de l'innovation lance un appel à propositions pour des réseaux "
                "thématiques d'innovation. Les consortiums peuvent déposer leur dossier jusqu'au 30 septembre 2020.",
                "fr", "2020-06-18"),
        article("chosen", "L'agence choisit ses premiers réseaux d'innovation",
                "L'agence suisse pour l'encouragement de l'innovation a retenu huit réseaux thématiques parmi les "
                "dossiers déposés après l'appel à propositions de l'été 2020.", "fr", None)))
    assert prints["call"].stage == "call"
    assert prints["chosen"].stage == "result"
    assert titles_disagree(evidence(prints["call"], prints["chosen"]))
