"""Round 67's class (the misses of sets 153–212): a press release and its report in another language name one thing
in each language's own word ("Wechselrichter", "inverters"), which neither the rare words both write alike nor the
cognate stems find, and an undated report that shares little else was scored below the match. A bilingual dictionary
(Debian's FreeDict, `glossary.py`) now counts such pairs of words with the cognates, from two on: one alone is often
the vocabulary of a topic. Numbers are features, no translations; a cognate counts once; and translated words alone
admit no pair. The titles and texts are invented for
these tests."""

from __future__ import annotations

from collections.abc import Iterator
from unittest import mock

import pytest

from feeds.process.dedup import Fingerprint, glossary
from feeds.process.dedup.scoring import MatchOptions, admissible, evidence, probability
from tests.support.labelled import article, fingerprints, items

RELEASE = article(
    "werk", "Neue Fertigungslinie für Wechselrichter in Kassel",
    "Der Hersteller von Wechselrichtern hat in seinem Werk in Kassel eine zweite Fertigungslinie in Betrieb genommen. "
    "Die Anlage soll die Kapazität verdoppeln; rund 120 neue Arbeitsplätze entstehen. Die Geräte werden vor allem an "
    "Installateure von Dachanlagen und an Betreiber von Batteriespeichern geliefert. Auf der Messe im Sommer gehört "
    "das Unternehmen zu den Ausstellern am Stand des Solarclusters.", "de", "2019-03-12")
REPORT = article(
    "report", "German maker doubles its inverter output",
    "A second production line for inverters is running at the Kassel factory of the German maker. The expansion "
    "brings about 120 jobs, and the devices go to rooftop installers and to operators of battery storage. The firm "
    "will be among the exhibitors on the solar cluster's stand at the summer fair.", "en", None)


@pytest.fixture
def no_translations() -> Iterator[None]:
    with mock.patch.object(glossary, "translations", return_value=frozenset()):
        yield


def _pair(*records: dict[str, object]) -> tuple[Fingerprint, Fingerprint]:
    first, second = fingerprints(items(*records)).values()
    return first, second


def test_a_release_and_its_undated_report_in_another_language_match_by_translated_words() -> None:
    release, report = _pair(RELEASE, REPORT)
    # Wechselrichter and inverters, Aussteller and exhibitors
    assert release.translated(report) == 2
    assert report.translated(release) == 2
    assert evidence(release, report).cognates == 2
    assert probability(release, report) >= MatchOptions().match


def test_without_translations_the_pair_is_scored_apart(no_translations: None) -> None:
    release, report = _pair(RELEASE, REPORT)
    assert evidence(release, report).cognates == 0
    assert probability(release, report) < MatchOptions().match


def test_translated_words_alone_admit_no_pair() -> None:
    release, report = _pair(
        article("werk", "Wechselrichter aus Kassel", "Ein Hersteller von Wechselrichtern sucht Aussteller.", "de"),
        article("other", "Inverters for rooftops", "A maker of inverters looks for exhibitors in Lyon.", "en"))
    found = evidence(release, report)
    assert found.cognates == 2
    assert not admissible(release, report, found)


def test_a_number_word_is_no_translation() -> None:
    german, english = _pair(
        article("de", "Vierzehn Cluster ausgezeichnet", "Vierzehn Cluster erhalten das Label.", "de"),
        article("en", "Fourteen clusters awarded", "Fourteen clusters receive the label.", "en"))
    assert "vierzehn" in german.terms
    assert "fourteen" in english.terms
    assert glossary.translations("vierzehn", "de", "en") >= {"fourteen"}
    assert german.translated(english) == 0
    assert english.translated(german) == 0


def test_a_cognate_counts_once() -> None:
    german, english = _pair(
        article("de", "Neuer Katalysator vorgestellt", "Ein Katalysator für Brennstoffzellen wurde in Graz gezeigt.",
                "de"),
        article("en", "New catalyst presented", "A catalyst for fuel cells was shown in Graz.", "en"))
    assert "katalysator" in german.terms
    assert "catalyst" in english.terms
    assert "catalyst" in glossary.translations("katalysator", "de", "en")
    assert german.translated(english) == 0  # one root: a cognate (`katalis`), counted as such
    assert evidence(german, english).cognates == 1


def test_one_translated_word_alone_does_not_count() -> None:
    german, english = _pair(
        article("de", "Neuer Biokunststoff vorgestellt", "Ein Biokunststoff wurde in Graz gezeigt.", "de"),
        article("en", "New bioplastic presented", "A bioplastic was shown in Graz.", "en"))
    assert german.translated(english) == 1
    assert english.translated(german) == 1
    assert evidence(german, english).cognates == 0
