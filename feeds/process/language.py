"""Language identification with Lingua, restricted to the languages in settings.

Low-accuracy mode (trigram models only) is used on purpose: measured on this machine it
needs ~47 MB resident against ~620 MB for high-accuracy mode, at ~0.25 ms per text, and
items carry enough text (title plus body) for trigrams to be reliable.

Most news in German, English or French says so in its function words: a sample with several of one
language's and hardly any of the others' is answered without Lingua (`clear_language`), with the
answer Lingua gives — tests/process/test_language.py checks every labelled text and fixture page (one English
text full of French place and cluster names, which Lingua's trigrams read as French, is the one exception, and there
the function words give the writer's language). A
language the item or its source declares is taken where a few of its function words and none of the other
two's confirm it (`confirmed_language`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

MIN_CHARACTERS = 20
# Title plus the start of the text: enough for news prose (all 166 labelled items of the
# tagging and dedup sets are identified at 300 characters already), and detection cost grows
# with length — 2,000 characters took several times as long as 600 on this machine.
SAMPLE_CHARACTERS = 600
MIN_CONFIDENCE = 0.5

# Short words each written in one of the three languages only, among the languages Lingua is proven
# against (`der`, `die`, `das`, `des`, `du`, `are`, `la` are words of other languages too).
FUNCTION_WORDS = {
    "de": frozenset("und ist mit für von nicht auch wird sich eine einer einem eines zum zur über sind wurde auf"
                    .split()),
    "en": frozenset("the and with that this from which their have has been were".split()),
    "fr": frozenset("une pour dans avec sur aux sont cette ces été leur ont les est".split()),
}
CLEAR_HITS = 4  # function words of one language a sample must have ...
CLEAR_MARGIN = 3  # ... and this many times as many as of the other two together
# A declared language is taken as it is where a sample has this many of its function words and none of
# the other two's: where Lingua is not confident the declared language is the answer anyway, and on the
# labelled sets Lingua names the declared language for every such sample (docs/performance.md, round 10).
DECLARED_HITS = 2
# The languages to choose among for which the pre-check gives Lingua's answer (the default of
# `languages`, proven by the test; a subset keeps Lingua's ranking, so any subset is fine).
PROVEN_LANGUAGES = frozenset({"de", "en", "fr", "es", "it", "nl", "pl", "pt", "cs", "sv", "da", "fi", "hu", "ro",
                              "sk", "sl", "hr", "bg", "el", "lt", "lv", "et"})
# Each function word's language (the sets are disjoint, tested): one lookup per word of a sample.
_LANGUAGE_OF = {word: language for language, words in FUNCTION_WORDS.items() for word in words}
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()


def detect_language(text: str, languages: tuple[str, ...], fallback: str | None = None) -> str | None:
    """ISO 639-1 code of `text`, or `fallback` (the language the item or its source declares) when the
    text is too short or unclear. A declared language the sample's function words confirm
    (`confirmed_language`) is taken without Lingua."""
    sample = text[:SAMPLE_CHARACTERS]
    if len(sample.strip()) < MIN_CHARACTERS or len(languages) < 2:
        return fallback
    if PROVEN_LANGUAGES.issuperset(languages):
        hits = function_word_hits(sample)
        found = _clear(hits, languages) or _confirmed(hits, languages, fallback)
        if found is not None:
            return found
    return lingua_language(sample, languages) or fallback


def lingua_language(sample: str, languages: tuple[str, ...]) -> str | None:
    """Lingua's answer for `sample`, None when it is not confident."""
    confidences = _detector(tuple(sorted(languages))).compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return None
    return str(confidences[0].language.iso_code_639_1.name.lower())


def clear_language(sample: str, languages: tuple[str, ...]) -> str | None:
    """German, English or French when `sample`'s function words say so unambiguously (CLEAR_HITS of one
    language, CLEAR_MARGIN times as many as of the others), else None: Lingua decides."""
    if not PROVEN_LANGUAGES.issuperset(languages):
        return None
    return _clear(function_word_hits(sample), languages)


def confirmed_language(sample: str, languages: tuple[str, ...], declared: str | None) -> str | None:
    """`declared` (German, English or French, among `languages`) where `sample` has DECLARED_HITS of its
    function words and none of the other two's, else None: Lingua decides."""
    if not PROVEN_LANGUAGES.issuperset(languages):
        return None
    return _confirmed(function_word_hits(sample), languages, declared)


def _clear(hits: dict[str, int], languages: tuple[str, ...]) -> str | None:
    best = max(hits, key=lambda language: hits[language])
    others = sum(hits.values()) - hits[best]
    if best in languages and hits[best] >= CLEAR_HITS and hits[best] >= CLEAR_MARGIN * others:
        return best
    return None


def _confirmed(hits: dict[str, int], languages: tuple[str, ...], declared: str | None) -> str | None:
    if declared not in hits or declared not in languages:
        return None
    if hits[declared] >= DECLARED_HITS and sum(hits.values()) == hits[declared]:
        return declared
    return None


def function_word_hits(sample: str) -> dict[str, int]:
    """How many words of lower-cased `sample` are function words of each language of FUNCTION_WORDS
    (in its order)."""
    hits = dict.fromkeys(FUNCTION_WORDS, 0)
    language_of = _LANGUAGE_OF.get
    for word in _WORD.findall(sample.lower()):
        language = language_of(word)
        if language is not None:
            hits[language] += 1
    return hits
