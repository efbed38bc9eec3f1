"""Round 80's class (the pairs of blind sets 253-292 that the gate of shared specifics refused, read after their
measurement): a report and its translation whose texts share no rare word, date, number, acronym or unlisted place
were never judged at all, though their titles write one name alike ("Le Havre green coffee hub opens its doors" /
"Le Havre : inauguration du hub café vert", "ClusterXchange: …" / "ClusterXchange: …"), because the name is a
common word in one language ("havre"), a word of the domain ("clusterxchange") or a listed place. Across languages
two titles that write one word with a capital alike now have enough in common for the model to judge them; the model
decides. The titles and texts are invented for these tests."""

from __future__ import annotations

from feeds.process.dedup import Fingerprint
from feeds.process.dedup.scoring import admissible, evidence, vote
from feeds.process.dedup.terms import capitalised_words
from tests.support.labelled import article, fingerprints, items

HUB_EN = ("A new warehouse for green coffee beans has opened at the port on the Channel coast. It stores sacks from "
          "Brazil and Uganda for roasters across the north of the country and cuts their road haulage.")
HUB_FR = ("Un nouvel entrepôt de café vert a ouvert sur le port de la Manche. Les sacs arrivent du Brésil et "
          "d'Ouganda et repartent vers les torréfacteurs du nord du pays par le rail.")


def _pair(english: str, french: str) -> tuple[Fingerprint, Fingerprint]:
    prints = fingerprints(items(article("en", english, HUB_EN, "en", "2022-09-14"),
                                article("fr", french, HUB_FR, "fr", "2022-09-15")))
    return prints["en"], prints["fr"]


def test_the_words_a_title_writes_with_a_capital() -> None:
    assert capitalised_words("ClusterXchange: Gäste aus drei Ländern beim Möbel-Cluster") == {
        "clusterxchange", "gäste", "ländern", "möbel-cluster"}
    assert capitalised_words("Le Havre : inauguration du hub café vert") == {"havre"}  # "Le": under three letters


def test_titles_writing_one_name_alike_across_languages_are_judged() -> None:
    english, french = _pair("Le Havre green coffee hub opens its doors", "Le Havre : inauguration du hub café vert")
    found = evidence(english, french)
    assert found.specifics == 0  # nothing else in common: the texts share no rare word, date, number or name
    assert found.titles_write_alike
    assert admissible(english, french, found)
    assert vote(english, french) is not None


def test_titles_sharing_no_name_across_languages_stay_unjudged() -> None:
    english, french = _pair("Green coffee hub opens its doors on the Channel", "Inauguration du hub café vert")
    found = evidence(english, french)
    assert found.specifics == 0
    assert not found.titles_write_alike
    assert not admissible(english, french, found)
    assert vote(english, french) is None  # no evidence either way: the member abstains


def test_a_demonym_written_alike_is_no_shared_name() -> None:
    prints = fingerprints(items(article("en", "Estonian coffee roasters open a joint warehouse", HUB_EN, "en",
                                        "2022-09-14")))
    assert "estonian" in capitalised_words(prints["en"].title)
    assert "estonian" not in prints["en"].title_capitals


def test_one_language_is_unchanged() -> None:
    prints = fingerprints(items(article("one", "Le Havre green coffee hub opens its doors", HUB_EN, "en", "2022-09-14"),
                                article("two", "Le Havre opens a cocoa warehouse", HUB_EN, "en", "2022-09-15")))
    assert prints["one"].language == prints["two"].language == "en"
    assert not evidence(prints["one"], prints["two"]).titles_write_alike
