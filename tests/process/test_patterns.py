"""The first-letter lookaheads and leading classes (process/patterns.py) change how fast patterns run, never what
they match."""

from __future__ import annotations

import re
import sys

import pytest

from feeds.process import dates, kinds
from feeds.process.dedup import signals
from feeds.process.patterns import admitted, first_letters, led_by_class
from tests.support.texts import LED_PIECES, PIECES, TEXTS, random_texts

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




def test_event_kinds_and_title_stages_are_those_of_the_unguarded_cues() -> None:
    def unguarded(cues: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile("|".join(kinds._pattern(cue) for cue in cues), re.IGNORECASE)

    for text in TEXTS:
        assert kinds.event_kinds(text, "") == {kind for kind, cues in kinds.KIND_CUES.items()
                                               if unguarded(cues).search(text)}
        assert kinds.title_stage(text) == next((stage for stage, cues in kinds.TITLE_STAGES
                                                if unguarded(cues).search(text)), None)


GUARDED = [dates._DAY_MONTH_YEAR, dates._DAY_BEFORE_MONTH, dates._EDITORIAL_WORDED, signals._ISSUE_WORD,
           signals._NUMBERED, signals._AMOUNT]






def test_dates_words_and_amounts_match_as_without_the_lookaheads() -> None:
    texts = random_texts(PIECES)
    for pattern in GUARDED:
        source = re.sub(r"\(\?=\[[^\]]*\]\)", "", pattern.pattern).removeprefix(r"(?=\d)")
        assert source != pattern.pattern, pattern.pattern
        unguarded = re.compile(source, pattern.flags)
        for text in texts:
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
                (m.span(), m.groups()) for m in unguarded.finditer(text)], (pattern.pattern, text)
    assert signals.amounts(TEXTS[2]) == {"e:2500000", "n:2500000", "e:300000", "n:300000", "e:50000", "n:50000"}


# Patterns led by a class (patterns.led_by_class, `\d(?<!\w\d)` for `\b\d`), and what they were written as before.
_MONTH_WORD = rf"\b{dates.MONTH}"
_NUMBER_VALUE = r"(\d{1,3}(?:[.,\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
LED = [
    (dates._DAY_MONTH_YEAR, rf"\b(\d{{1,2}})(?:\.|er|st|nd|rd|th)?\s+{dates.MONTH}\s+(\d{{4}})\b"),
    (dates._MONTH_DAY_YEAR, rf"{_MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),
    (dates._NUMERIC_DATE, r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"),
    (dates._ISO_DATE, r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    (dates._DAY_BEFORE_MONTH, rf"\b\d{{1,2}}(?:\.|er|st|nd|rd|th)?(?=[^\n]{{0,10}}?\b{dates.MONTH})"),
    (signals._MONTH_YEAR, rf"{_MONTH_WORD}\s+(\d{{4}})\b"),
    (signals._NUMBER, r"(?:(?<![\w.,])\d{1,3}(?:[.,\u202f ]\d{3})+(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\d]))"),
    (signals._SCALED, rf"(?<![\w.,]){_NUMBER_VALUE}\s?({signals._MAGNITUDE})"),
    (signals._NUMBER_WORD, r"\b(" + "|".join(signals.NUMBER_WORDS) + r")\b"),
    (signals._ORDINAL_WORD, r"\b(" + "|".join(signals.ORDINAL_WORDS) + r")\b"),
    (signals._URL, r"\b(?:https?://|www\.)[^\s<>\"')\]]+"),
    (signals._ACRONYM, r"\b[A-ZÄÖÜ][A-ZÄÖÜ0-9&-]{1,9}\b"),
    (signals._CAPITALISED, r"\b[A-ZÄÖÜÉÈ][\w'-]{2,}\b"),
]


@pytest.mark.parametrize(("pattern", "before"), LED, ids=[pattern.pattern[:40] for pattern, _ in LED])
def test_patterns_led_by_a_class_match_as_before(pattern: re.Pattern[str], before: str) -> None:
    written = re.compile(before, pattern.flags)
    assert written.pattern != pattern.pattern
    for text in random_texts(LED_PIECES, seed=23, count=5000):
        assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == [
            (m.span(), m.groups()) for m in written.finditer(text)], (pattern.pattern, text)
        assert pattern.sub(" ", text) == written.sub(" ", text)


def test_a_reference_label_is_found_backwards_where_it_is_found_forwards() -> None:
    """The reversed hint finds something in the reversed text exactly where a reference label before a colon or a
    closing tag is written (`{label}\\s*(?::|</)`): on random texts of the labels in capitals and in `re`'s case
    variants ("ſource", the Kelvin sign), cut ("mehr erf"), with whitespace, colons, closing tags and URLs."""
    written = re.compile(rf"{signals._REFERENCE_LABEL}\s*(?::|</)", re.IGNORECASE)
    labels = [*(form for label in signals._REFERENCE_LABELS
                for form in (label, label.upper(), label.title(), label[:-2])),
              "ſource", "MEHR\u212a", "plus", "ſ", "https://x.eu/a"]
    pieces = [*LED_PIECES, *labels, ":", " :", "\n", " </", "</p>", "< /", "/", "<", "e", "S", "\t", "\u00a0"]
    hinted = 0
    for text in random_texts(pieces, seed=31, count=6000):
        found = bool(written.search(text))
        assert bool(signals._LABEL_HINT_REVERSED.search(text[::-1])) == found, text
        hinted += found
    assert 500 < hinted < 5000


def test_kinds_and_stages_are_those_of_the_cues_on_random_texts() -> None:
    def written(cues: tuple[str, ...]) -> re.Pattern[str]:
        return re.compile("|".join(kinds._pattern(cue) for cue in cues), re.IGNORECASE)

    cue_words = [word for cues in (*kinds.KIND_CUES.values(), *(cues for _, cues in kinds.TITLE_STAGES))
                 for cue in cues for word in cue.replace("*", "").split()]
    pieces = [*LED_PIECES, *cue_words, *(word.upper() for word in cue_words), *(word.title() for word in cue_words)]
    for text in random_texts(pieces, seed=29, count=5000):
        assert kinds._kinds_of.__wrapped__(text) == {kind for kind, cues in kinds.KIND_CUES.items()
                                                     if written(cues).search(text)}, text
        assert kinds.title_stage(text) == next((stage for stage, cues in kinds.TITLE_STAGES
                                                if written(cues).search(text)), None), text


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_the_class_admits_what_the_letters_admit_in_all_of_unicode(flags: int) -> None:
    words = [*LETTERS, *(word[0] for word in (*signals.NUMBER_WORDS, *signals.ORDINAL_WORDS))]
    letters = sorted(set(words))
    for letter in letters:
        assert admitted(letter, flags) == admitted(letter, flags, below=sys.maxunicode + 1), letter
    for first, second in ((a, b) for a in letters for b in letters if a < b):  # one letter leads each character
        assert not set(re.findall(f"[{admitted(first, flags)}]", admitted(second, flags))), (first, second)


def test_a_class_led_alternation_keeps_the_order_of_its_alternatives() -> None:
    pattern = re.compile(led_by_class(["ab", "abc", "b", "a"], 0, [True, True, False, False]))
    assert [m.group(0) for m in pattern.finditer("abc xb ya")] == ["ab", "b", "a"]
    with pytest.raises(ValueError, match="begin with a letter"):
        led_by_class([r"\d"], 0)
