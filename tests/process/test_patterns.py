"""The first-letter lookaheads (process/patterns.py) change how fast patterns run, never what they match."""

from __future__ import annotations

import random
import re

import pytest

from feeds.process import dates, kinds
from feeds.process.dedup import signals
from feeds.process.patterns import first_letters

# every letter a guarded pattern begins with, and characters `re` folds onto them ignoring case
LETTERS = sorted({word.removeprefix("*")[0] for words in (
    dates.MONTHS, signals.NUMBER_WORDS, signals.ORDINAL_WORDS, signals._REFERENCE_LABELS,
    *kinds.KIND_CUES.values(), *(cues for _, cues in kinds.TITLE_STAGES)) for word in words})


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_the_lookahead_admits_what_the_letters_admit(flags: int) -> None:
    for letter in LETTERS:
        plain = re.compile(re.escape(letter), flags)
        guarded = re.compile(first_letters([letter]) + re.escape(letter), flags)
        for code in range(0x3000):  # Latin, Greek, Cyrillic and the letterlike symbols (the Kelvin sign)
            char = chr(code)
            assert bool(plain.match(char)) == bool(guarded.match(char)), (letter, hex(code))


def test_words_must_begin_with_a_letter() -> None:
    with pytest.raises(ValueError, match="begin with a letter"):
        first_letters(["*konferenz"])


TEXTS = [
    "Am 3. März 2024 und am 22.–26. April 2024 in Berlin; on March 5, 2024; le 1er juin 2023; 12.05.2024.",
    "ANMELDUNG zur Fachkonferenz: Die Jahresversammlung findet am Montag statt. Save the date!",
    "Winners of the call: EUR 2.5 million for twelve projects, 2,5 Mio. Euro, 300 000 CHF und 50 000 €.",
    "Rückblick: Der ZWEITE Kongress, Weltkongress 2024 — Read more: <a href='/x'>hier</a>",
    "Ausschreibung, Förderaufruf, Workshop, Infotag; l'Agence, Germany's; MAI 2024, Dez. 2023, Sept. 2022",
]


def test_event_kinds_and_title_stages_are_those_of_the_unguarded_cues() -> None:
    def unguarded(cues: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile("|".join(kinds._pattern(cue) for cue in cues), re.IGNORECASE)

    for text in TEXTS:
        assert kinds.event_kinds(text, "") == {kind for kind, cues in kinds.KIND_CUES.items()
                                               if unguarded(cues).search(text)}
        assert kinds.title_stage(text) == next((stage for stage, cues in kinds.TITLE_STAGES
                                                if unguarded(cues).search(text)), None)


GUARDED = [dates._DAY_MONTH_YEAR, dates._MONTH_DAY_YEAR, dates._DAY_BEFORE_MONTH, dates._EDITORIAL_WORDED,
           signals._MONTH_YEAR, signals._ISSUE_WORD, signals._NUMBERED, signals._NUMBER_WORD, signals._ORDINAL_WORD,
           signals._LABEL_HINT, signals._AMOUNT, signals._SCALED, signals._URL, signals._NUMBER, signals._ACRONYM,
           signals._CAPITALISED]


def test_dates_words_and_amounts_match_as_without_the_lookaheads() -> None:
    rng = random.Random(17)
    pieces = [*" .,:–\n0123456789€'’", "Mai", "mars", "SEPT.", "Dez", "twelve", "Dritte", "de ", "d'", "EUR", "euros",
              "CHF", "Mio.", "millions", "k", "Mehr", "read more", "Quelle", "ſept", "\u212aick", "2024", "12", "3.",
              "HTTPS://x.eu/a", "www.", "Www", "EU-", "ÄBC", "Élan", "ab", "1.250,5", "\u202f"]
    texts = [*TEXTS, *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(3000))]
    for pattern in GUARDED:
        source = re.sub(r"\(\?=\[[^\]]*\]\)", "", pattern.pattern).removeprefix(r"(?=\d)")
        assert source != pattern.pattern, pattern.pattern
        unguarded = re.compile(source, pattern.flags)
        for text in texts:
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
                (m.span(), m.groups()) for m in unguarded.finditer(text)], (pattern.pattern, text)
    assert signals.amounts(TEXTS[2]) == {"e:2500000", "n:2500000", "e:300000", "n:300000", "e:50000", "n:50000"}
