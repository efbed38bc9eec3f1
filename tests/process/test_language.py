"""The function-word pre-check answers only where Lingua gives the same answer: every labelled text
(tests/data) and every page of the fixture sites, whole and as its paragraphs, in the sample that
`normalise` passes."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from feeds.process.language import (
    FUNCTION_WORDS,
    PROVEN_LANGUAGES,
    SAMPLE_CHARACTERS,
    clear_language,
    confirmed_language,
    detect_language,
    function_word_hits,
    lingua_language,
)
from feeds.process.sanitize import html_to_text
from feeds.settings import Settings

ROOT = Path(__file__).parent.parent.parent
LANGUAGES = Settings().languages
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)


def labelled_texts() -> list[tuple[str, str | None]]:
    """Every labelled item's title and text, and its text alone, each with the language its writer gave it."""
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                texts.append((f"{record.get('title', '')}. {record.get('text', '')}", record.get("language")))
                texts.append((record.get("text", ""), record.get("language")))
    return texts


def fixture_page_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "feeds" / "demo" / "sites").rglob("*")):
        if not path.is_file() or path.suffix in (".yaml", ".pdf"):
            continue
        page = path.read_text(encoding="utf-8", errors="replace")
        texts.append(html_to_text(page))
        texts.append(" ".join(html_to_text(paragraph) for paragraph in _PARAGRAPH.findall(page)))
    return texts


def test_the_pre_check_proves_the_default_languages() -> None:
    assert set(LANGUAGES) == PROVEN_LANGUAGES


@pytest.mark.slow  # Lingua on ~8,000 samples
def test_the_pre_check_answers_as_lingua_on_every_labelled_text_and_fixture_page() -> None:
    """The pre-check gives Lingua's answer, or where the two differ the language the writer gave the text: an English
    text full of French names ("The Pôle Véhicule du Futur, the competitiveness cluster for mobility in the Grand Est
    and Bourgogne-Franche-Comté regions, …", blind set 112) is French to Lingua's trigrams and English by its
    function words. A fixture page has no such label: there the two must agree."""
    samples = [(text[:SAMPLE_CHARACTERS], language) for text, language in labelled_texts()]
    samples += [(text[:SAMPLE_CHARACTERS], None) for text in fixture_page_texts()]
    answered = wrong = overruled = 0
    for sample, language in samples:
        clear = clear_language(sample, LANGUAGES)
        if clear is not None:
            answered += 1
            if clear != lingua_language(sample, LANGUAGES):
                overruled += 1
                wrong += clear != language
    assert wrong == 0
    assert overruled <= 0.001 * answered  # a rare text where the function words know better than the trigrams
    assert answered > 0.8 * len(samples)  # most news says its language in its function words


def test_unclear_and_other_language_texts_go_to_lingua() -> None:
    assert clear_language("Cluster Netzwerk Innovation Projekt Region Wirtschaft", LANGUAGES) is None
    mixed = "Die Konferenz und the conference: with partners von overseas, mit the network and von uns."
    assert clear_language(mixed, LANGUAGES) is None
    dutch = "Het cluster werkt samen met de partners van de regio en de bedrijven in het netwerk."
    assert clear_language(dutch, LANGUAGES) is None
    assert detect_language(dutch, LANGUAGES) == "nl"


def test_a_clear_text_is_answered_only_among_the_chosen_languages() -> None:
    german = "Das Netzwerk ist mit den Partnern auf der Messe und stellt sich mit einer neuen Strategie vor."
    assert clear_language(german, LANGUAGES) == "de"
    assert clear_language(german, ("en", "fr")) is None
    assert clear_language(german, ("de", "en", "xx")) is None  # a language the pre-check is not proven against
    assert detect_language(german, LANGUAGES) == "de"


def _hits_word_by_word(sample: str) -> dict[str, int]:
    """The pre-check's count as first written: every word tried against each language's set."""
    hits = dict.fromkeys(FUNCTION_WORDS, 0)
    for word in re.findall(r"\w+", sample.lower()):
        for language, words in FUNCTION_WORDS.items():
            if word in words:
                hits[language] += 1
    return hits


def test_the_function_words_belong_to_one_language_each() -> None:
    languages = list(FUNCTION_WORDS)
    for position, language in enumerate(languages):
        for other in languages[position + 1:]:
            assert not FUNCTION_WORDS[language] & FUNCTION_WORDS[other]


def test_function_word_hits_count_as_every_word_tried_against_each_language() -> None:
    rng = random.Random(17)
    pieces = [*sorted(set().union(*FUNCTION_WORDS.values())), "Und", "THE", "Für", "FÜR", "ÜBER", "İst", "ıst",
              "été", "ÉTÉ", "Ete", "l'une", "d’une", "the-and", "und3", "_the", "theme", "Netzwerk", "la", "die",
              "der", "ſur", "\u212aonferenz"]
    separators = [" ", ". ", ", ", "\n", "\u00a0", "-", "'", "’", "", "3", "_", ": "]
    for _ in range(3000):
        sample = "".join(rng.choice(pieces) + rng.choice(separators) for _ in range(rng.randint(0, 40)))
        assert function_word_hits(sample) == _hits_word_by_word(sample), sample
    assert function_word_hits("The net and THE plan, with für und Über: été") == {"de": 3, "en": 4, "fr": 1}


def _no_lingua(sample: str, languages: tuple[str, ...]) -> str | None:
    raise AssertionError(f"Lingua asked about {sample!r}")


def test_a_declared_language_its_function_words_confirm_is_taken_without_lingua(
        monkeypatch: pytest.MonkeyPatch) -> None:
    german = "Förderprogramm für Quantentechnologie und Robotik: Gründungen in Estland, Finnland, Lettland"
    english = "Call for proposals: cluster partners from Estonia with robotics and quantum technology"
    assert confirmed_language(german, LANGUAGES, "de") == "de"
    assert confirmed_language(english, LANGUAGES, "en") == "en"
    assert clear_language(german, LANGUAGES) is None  # two function words: the pre-check leaves it to Lingua
    monkeypatch.setattr("feeds.process.language.lingua_language", _no_lingua)
    assert detect_language(german, LANGUAGES, fallback="de") == "de"
    assert detect_language(english, LANGUAGES, fallback="en") == "en"


def test_a_declared_language_is_not_confirmed_by_too_few_or_mixed_function_words() -> None:
    one = "Förderprogramm für Quantentechnologie, Robotik, Gründungen in Estland, Finnland, Lettland"
    mixed = "Förderprogramm für Quantentechnologie und Robotik with partners in Estland, Finnland"
    german = "Förderprogramm für Quantentechnologie und Robotik: Gründungen in Estland, Finnland, Lettland"
    assert confirmed_language(one, LANGUAGES, "de") is None
    assert confirmed_language(mixed, LANGUAGES, "de") is None
    assert confirmed_language(german, LANGUAGES, "en") is None  # a declaration the words do not confirm
    assert confirmed_language(german, LANGUAGES, None) is None
    assert confirmed_language(german, LANGUAGES, "nl") is None  # no function words of its own
    assert confirmed_language(german, ("en", "fr"), "de") is None  # not among the chosen languages
    assert confirmed_language(german, ("de", "en", "xx"), "de") is None  # a language not proven against


def test_a_declaration_the_text_does_not_confirm_goes_to_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    german = "Förderprogramm für Quantentechnologie und Robotik: Gründungen in Estland, Finnland, Lettland"
    asked: list[str] = []

    def lingua(sample: str, languages: tuple[str, ...]) -> str | None:
        asked.append(sample)
        return "de"

    monkeypatch.setattr("feeds.process.language.lingua_language", lingua)
    assert detect_language(german, LANGUAGES, fallback="en") == "de"  # an English source's German item
    assert detect_language(german, LANGUAGES) == "de"
    assert len(asked) == 2
