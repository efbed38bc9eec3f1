"""Language identification with Lingua, restricted to the languages in settings.

Low-accuracy mode (trigram models only) is used on purpose: measured on this machine it
needs ~47 MB resident against ~620 MB for high-accuracy mode, at ~0.25 ms per text, and
items carry enough text (title plus body) for trigrams to be reliable.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

MIN_CHARACTERS = 20
# Title plus the start of the text: enough for news prose (all 166 labelled items of the
# tagging and dedup sets are identified at 300 characters already), and detection cost grows
# with length — 2,000 characters took several times as long as 600 on this machine.
SAMPLE_CHARACTERS = 600
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()


def detect_language(text: str, languages: tuple[str, ...], fallback: str | None = None) -> str | None:
    """ISO 639-1 code of `text`, or `fallback` when the text is too short or unclear."""
    sample = text[:SAMPLE_CHARACTERS]
    if len(sample.strip()) < MIN_CHARACTERS or len(languages) < 2:
        return fallback
    confidences = _detector(tuple(sorted(languages))).compute_language_confidence_values(sample)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return fallback
    return str(confidences[0].language.iso_code_639_1.name.lower())
