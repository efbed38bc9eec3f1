"""Cities and regions in every language (names.PlaceNames) and what they count for (round 7)."""

from __future__ import annotations

from datetime import UTC, datetime

from feeds.config.taxonomy import load_taxonomy
from feeds.process.dedup.fingerprint import Fingerprint
from feeds.process.dedup.names import PlaceNames, name_features
from feeds.process.dedup.scoring import admissible, evidence, shared_specifics
from tests.support.paths import CONFIG


def configured_places() -> PlaceNames:
    rules = load_taxonomy(CONFIG).countries
    return PlaceNames.of(rules.cities, rules.place_aliases, rules.ignore)


def test_the_names_of_one_place_in_three_languages_are_one_feature() -> None:
    places = configured_places()
    german = name_features("Clustertreffen in Straßburg; Partner aus Baden-Württemberg und Bayern", places)
    french = name_features("Rencontre à Strasbourg avec des partenaires du Bade-Wurtemberg et de Bavière", places)
    english = name_features("Meeting in Strasbourg with partners from Baden-Württemberg and Bavaria", places)
    assert german == french == english
    assert len(german) == 3
    assert all(feature.startswith("g:") for feature in german)


def test_a_group_takes_the_feature_cldr_gives_one_of_its_names() -> None:
    places = PlaceNames(groups=(("at", ("Wien", "Vienna", "Vienne")),))
    assert name_features("Wien", places) == name_features("Vienne", places) == name_features("Vienna")


def test_configured_cities_and_regions_without_aliases_are_places() -> None:
    places = configured_places()
    assert name_features("Nantes", places)
    assert name_features("Stuttgart", places)
    assert name_features("Niederösterreich")  # pycountry's region, with or without the configured table
    assert name_features("Nantes") == set()  # without the configured table


def _print(language: str, features: frozenset[str], source: str) -> Fingerprint:
    return Fingerprint(source_id=source, key=source, url=f"{source}.example/x", references=(), links=(), guid=None,
                       content_hash=None, signature=b"", title="", title_numbers=frozenset(), features=features,
                       language=language, published=datetime(2024, 5, 1, tzinfo=UTC), newsletter=False,
                       republication=False, text_length=500)


def test_a_listed_place_is_evidence_but_no_specific_thing() -> None:
    a = _print("de", frozenset({"g:fr/strasbourg", "g:europe/prague"}), "one")
    b = _print("fr", frozenset({"g:fr/strasbourg", "g:europe/prague"}), "two")
    assert shared_specifics(a, b) == 1  # the time-zone city counts, the listed city does not
    assert evidence(a, b).features > 1.5


def test_one_shared_specific_thing_brings_a_pair_to_the_model_in_one_language_or_two() -> None:
    """Round 14: two independent reports in one language often share one name only ("Gold Label" in other
    words); the model judges them (its `one_specific` input). Nothing shared, or one site twice: no judgement."""
    shared = frozenset({"n:55"})
    across = (_print("de", shared, "one"), _print("fr", shared, "two"))
    within = (_print("fr", shared, "one"), _print("fr", shared, "two"))
    assert admissible(*across, evidence(*across))
    assert admissible(*within, evidence(*within))
    assert evidence(*within).one_specific
    assert not evidence(*across).one_specific
    nothing = (_print("fr", frozenset({"g:fr"}), "one"), _print("fr", frozenset({"g:fr"}), "two"))
    assert not admissible(*nothing, evidence(*nothing))
    one_site = (_print("fr", shared, "one"), _print("fr", shared, "one"))
    assert not admissible(*one_site, evidence(*one_site))
