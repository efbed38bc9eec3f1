"""Cities and regions in every language (names.PlaceNames) and what they count for (round 7)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from feeds.config.taxonomy import load_taxonomy
from feeds.process.dedup.fingerprint import Fingerprint
from feeds.process.dedup.names import COMMON_PLACES, PlaceNames, _any_case, _fold, name_features
from feeds.process.dedup.scoring import admissible, evidence, shared_specifics
from feeds.process.dedup.text import bare_word
from tests.support.paths import CONFIG, DATA


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


def longest_name_first(text: str, places: PlaceNames) -> set[str]:
    """The rule of `name_features` read plainly: at each word, every length from the longest down."""
    table, longest = places.table
    written = re.findall(r"[\w'’-]+", text)
    tokens = [_fold(word) for word in written]
    any_case, any_case_first = _any_case()
    adjectives = places.any_case  # a place's adjective in any case ("munichois"; round 32)
    found: set[str] = set()
    start = 0
    while start < len(tokens):
        capital = bare_word(written[start])[:1].isupper()  # "d'Auvergne-Rhône-Alpes" by its own capital (round 56)
        if capital or tokens[start] in any_case_first or tokens[start] in adjectives:
            for size in range(min(longest, len(tokens) - start), 0, -1):
                key = " ".join(tokens[start:start + size])
                feature = table.get(key) if capital or key in any_case or key in adjectives else None
                if feature:
                    found |= {feature} - COMMON_PLACES
                    start += size
                    break
            else:
                start += 1
        else:
            start += 1
    return found


def test_the_longest_name_is_found_where_a_shorter_one_begins_it() -> None:
    places = PlaceNames.of({"de": ["Bad Homburg vor der Höhe", "Bad Homburg"]}, {})
    assert name_features("Treffen in Bad Homburg vor der Höhe", places) == {"g:de/bad homburg vor der höhe"}
    # words that begin a longer name without completing it: the shorter name
    assert name_features("Treffen in Bad Homburg vor Ort", places) == {"g:de/bad homburg"}
    assert name_features("Bad Homburg vor der", places) == {"g:de/bad homburg"}


def test_names_are_read_as_the_longest_name_first_rule_says_in_the_labelled_texts() -> None:
    places = configured_places()
    files = [DATA / "dedup_eval.jsonl", DATA / "dedup_holdout.jsonl",
             *(DATA / f"dedup_blind{n}.jsonl" for n in range(2, 21))]
    texts = [text for path in files for line in path.read_text().splitlines()
             for text in (json.loads(line)["title"], json.loads(line).get("text", ""))]
    assert len(texts) > 4_000
    for text in texts:
        assert name_features(text, places) == longest_name_first(text, places), text
