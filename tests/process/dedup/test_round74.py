"""Round 74's class (misses of blind set 262, read after its measurement, and of sets 243 and 251 before it): one city
or region named in two languages' forms that share too few letters for a stem to tell ("Courtrai" / "Kortrijk",
"Bienne" / "Biel", "Sarrebruck" / "Saarbrücken"). Each title named a place the other text never
named in its own form, so the titles' actors or places vetoed the pair. `config/countries.yaml` now lists such names
as one place each (`place_aliases`). Not a word that is also a common one: the French "Trente" (thirty) is no name of
Trento, and "Nice" no name of Nizza. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.names import name_features
from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from tests.support.labelled import article, fingerprints, items
from tests.support.paths import CONFIG

PLACES = build_deduplicator(Settings(config_dir=CONFIG)).fingerprint_options.places


@pytest.mark.parametrize(("one", "other"), [
    ("Kortrijk", "Courtrai"), ("Biel", "Bienne"), ("Saarbrücken", "Sarrebruck"),
    ("Bozen", "Bolzano"), ("Sibiu", "Hermannstadt"), ("Mülhausen", "Mulhouse"), ("Lissabon", "Lisbonne"),
])
def test_a_places_two_language_forms_are_one_place(one: str, other: str) -> None:
    mine, theirs = name_features(f"Treffen in {one}", PLACES), name_features(f"Rencontre à {other}", PLACES)
    assert mine
    assert mine == theirs


@pytest.mark.parametrize("written", ["Trente entreprises au salon", "Nice results for the cluster"])
def test_a_common_word_is_no_place(written: str) -> None:
    assert not any(feature.startswith("g:") for feature in name_features(written, PLACES))


def _disagree(title_fr: str, text_fr: str) -> bool:
    prints = fingerprints(items(
        article("en", "Velofollies back in Kortrijk after two years",
                "The Velofollies bike show returns to Kortrijk Xpo in January 2023 with two hundred exhibitors of "
                "bicycles, e-bikes and cargo bikes.", "en", "2022-11-20"),
        article("fr", title_fr, text_fr, "fr", None)))
    return titles_disagree(evidence(prints["en"], prints["fr"]))


def test_one_place_in_two_languages_does_not_veto_its_story() -> None:
    assert not _disagree("Velofollies : le salon du vélo revient à Courtrai",
                         "Le salon Velofollies revient à Courtrai en janvier 2023 avec deux cents exposants de vélos, "
                         "de vélos électriques et de vélos cargos.")


def test_another_place_still_vetoes() -> None:
    assert _disagree("Velofollies : le salon du vélo part à Malines",
                     "Le salon Velofollies quitte la Flandre occidentale pour Malines en janvier 2023 avec deux cents "
                     "exposants de vélos, de vélos électriques et de vélos cargos.")
