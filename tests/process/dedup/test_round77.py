"""Round 77's class (the actor vetoes among the missed pairs of blind sets 153-276, read after their measurement):
English and French headlines capitalise the word that opens them or a clause after a colon, and a dictionary word
there ("Drought hits French lavender harvest", "Lavande : une récolte en berne", "Jumelage entre …") was read as an
actor that the other text never names, so two reports of one event disagreed by their titles. Such a word is now a
name only where the text writes it with its capital too ("Osez l'IA", a plan's name); an acronym or a word the
dictionary does not know ("Graphenea") stays a name wherever it stands. German titles are unchanged: there every noun
is asked so already. The titles and texts are invented here."""

from __future__ import annotations

from functools import cache

import pytest

from feeds.process.dedup.names import PlaceNames
from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.dedup.terms import title_names
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from tests.support.labelled import article, fingerprints, items
from tests.support.paths import CONFIG

LAVENDER_EN = ("The summer without rain has cut the lavender harvest on the Valensole plateau by a third, the growers' "
               "association said on Tuesday; distillers expect less essential oil for perfume makers in Grasse.")
LAVENDER_FR = ("Sans pluie depuis juin, les producteurs du plateau de Valensole annoncent une récolte de lavande en "
               "baisse d'un tiers ; les distilleries prévoient moins d'huile essentielle pour les parfumeurs de "
               "Grasse.")


@cache
def _places() -> PlaceNames:
    return build_deduplicator(Settings(config_dir=CONFIG)).fingerprint_options.places


@pytest.mark.parametrize(("title", "language", "text", "name"), [
    ("Drought hits French lavender harvest", "en", LAVENDER_EN, "drought"),
    ("Lavande : une récolte en berne à cause de la sécheresse", "fr", LAVENDER_FR, "lavande"),
    ("Valensole growers: Drought cuts the harvest by a third", "en", LAVENDER_EN, "drought"),
])
def test_a_dictionary_word_opening_a_headline_is_no_name(title: str, language: str, text: str, name: str) -> None:
    assert name not in title_names(title, language, text=text)


def test_an_opening_word_the_text_writes_with_its_capital_stays_a_name() -> None:
    text = ("Le gouvernement présente le plan « Osez l'IA » pour les petites entreprises ; "
            "les clusters relaient Osez l'IA auprès de leurs adhérents.")
    assert "oser" in title_names("Osez l'IA : les clusters en première ligne", "fr", text=text)
    assert "oser" not in title_names("Osez l'IA : les clusters en première ligne", "fr",
                                     text="les clusters relaient le plan auprès de leurs adhérents.")


def test_a_word_the_dictionary_does_not_know_stays_a_name_where_it_opens() -> None:
    text = "The graphene producer adds a second reactor line in San Sebastián."
    assert "graphenea" in title_names("Graphenea opens new production line", "en", text=text)


def test_a_demonym_opening_a_headline_stays_a_name() -> None:
    text = "The national agency opened a new funding round for industry clusters."
    assert title_names("Estonian clusters get new funding round", "en", places=_places(), text=text) == {
        "g:ee=estonian"}


def test_a_capital_inside_a_headline_is_read_as_before() -> None:
    assert title_names("Quorvalis awarded the Gold Label", "en") == {"quorvalis"}
    assert "drought" in title_names("Provence growers count the Drought's cost", "en", text=LAVENDER_EN)


def test_two_reports_of_one_harvest_no_longer_disagree_by_their_opening_words() -> None:
    prints = fingerprints(items(
        article("en", "Drought hits French lavender harvest", LAVENDER_EN, "en", "2022-08-16"),
        article("fr", "Lavande : une récolte en berne à cause de la sécheresse", LAVENDER_FR, "fr", "2022-08-18")))
    assert not titles_disagree(evidence(prints["en"], prints["fr"]))


def test_two_headlines_naming_two_actors_still_disagree() -> None:
    prints = fingerprints(items(
        article("one", "Quorvalis opens a lavender distillery in Valensole", LAVENDER_EN, "en", "2022-08-16"),
        article("two", "Brelinor opens a lavender distillery in Valensole", LAVENDER_EN, "en", "2022-08-18")))
    assert titles_disagree(evidence(prints["one"], prints["two"]))
