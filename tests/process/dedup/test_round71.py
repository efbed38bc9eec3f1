"""Round 71's class (misses of blind set 251, read after its measurement): across languages, a title names a place or an
actor in its own language's form ("Journées européennes de la mer 2022 à Ravenne", "Aquimer en Galice : une mission
réussie") and the other text in its own ("Ravenna", "Galicia", "Galician"). The names are shorter than a cognate stem
(seven letters) or spelled apart after it, so each title named someone the other text never named, and the titles'
actors vetoed the pair. A title's name is now named, across languages only, by a rare capitalised name of the other text
with the same first five folded letters and a length at most two letters apart (not a common word: "Pavillon").
"Aquamarine" is not "Aquamar": three letters longer. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.dedup.terms import name_stem
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize(("one", "other"), [
    ("Ravenna", "Ravenne"), ("Galicia", "Galice"), ("Straßburg", "Strasbourg"), ("Ÿnsect", "Ynsect"),
])
def test_a_name_in_two_languages_shares_its_short_stem(one: str, other: str) -> None:
    mine, theirs = name_stem(one), name_stem(other)
    assert mine is not None
    assert theirs is not None
    assert mine[0] == theirs[0]
    assert abs(mine[1] - theirs[1]) <= 2


def test_a_short_name_has_no_stem() -> None:
    assert name_stem("Vigo") is None


def test_only_rare_names_name_another_form() -> None:
    prints = fingerprints(items(article(
        "fr", "Le Pavillon France à Boston", "Le Pavillon France accueille à Boston quarante entreprises de Ravenne.",
        "fr", None)))
    assert ("raven", 7) in prints["fr"].name_stems
    assert not any(letters == "pavil" for letters, _ in prints["fr"].name_stems)  # "pavillon" is a common French word


def _pair(title_en: str, text_en: str, title_fr: str, text_fr: str, language: str = "fr") -> bool:
    prints = fingerprints(items(
        article("en", title_en, text_en, "en", "2022-05-20"),
        article("fr", title_fr, text_fr, language, None)))
    return titles_disagree(evidence(prints["en"], prints["fr"]))


def test_a_place_in_another_language_form_is_named() -> None:
    assert not _pair(
        "Maritime clusters meet in Ravenna",
        "Clusters from twelve countries met in Ravenna to discuss aquaculture and blue food with the Commission.",
        "Les clusters maritimes réunis à Ravenne",
        "Des clusters de douze pays se sont réunis à Ravenne pour parler d'aquaculture et d'alimentation bleue.")


def test_a_name_three_letters_longer_is_another_name() -> None:
    assert _pair(
        "Aquamar signs seafood partnership in Vigo",
        "The Aquamar network signed a partnership with processors in Vigo on traceability of farmed mussels.",
        "Aquamarine signe un partenariat à Vigo",
        "Le réseau Aquamarine a signé à Vigo un partenariat avec des transformateurs sur la traçabilité des moules.")


def test_one_language_keeps_its_spelling() -> None:
    assert _pair(
        "Maritime clusters meet in Ravenna",
        "Clusters from twelve countries met in Ravenna to discuss aquaculture and blue food with the Commission.",
        "Maritime clusters meet in Ravenne",
        "Clusters from twelve countries met in Ravenne to discuss aquaculture and blue food with the Commission.",
        language="en")
