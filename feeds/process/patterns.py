"""What regular expressions of the process stage share.

Python's `re` tries a case-insensitive alternation of words ("januar|february|…") word by word at
every position it reaches: it has no fast path for an alternative whose first character is matched
ignoring case. A lookahead on the first letters every alternative can start with lets it skip the
other positions after one character test; the matches are the very same (the lookahead admits every
character the alternatives' first letters admit, under the same flags), at a third to half the cost
on news texts (docs/performance.md, 2026-12-04, lane scale-r4).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence


def first_letters(words: Iterable[str]) -> str:
    """A lookahead that admits what one of `words` (written as they are matched, lower case) may begin with.

    Put it right before an alternation of `words` (before its `\\b` too); it takes the pattern's flags,
    so under `re.IGNORECASE` it admits the capitals and the case variants `re` admits for each letter."""
    letters = sorted({word[0] for word in words})
    if not letters or any(not letter.isalpha() for letter in letters):
        raise ValueError(f"words must begin with a letter: {letters}")
    return "(?=[" + "".join(re.escape(letter) for letter in letters) + "])"


def led_by_class(alternatives: Sequence[str], flags: int, word_start: Sequence[bool] | bool = True) -> str:
    """A non-capturing group that matches what `(?:\\bA|\\bB|…)` matches, tried in the same order, for
    `alternatives` (regular expressions, each beginning with a letter written as itself); `word_start`,
    for all or for each alternative: a `\\b` before it. Put it first in a pattern compiled with `flags`.

    `re` looks for the start of a match in C, character by character, when a pattern begins with a
    character class (not with `\\b` nor a lookahead): here, the class of the characters `flags` lets
    the first letters stand for. The `\\b` is checked after that first letter (no word character before
    it), and each letter leads its own alternatives in their order (two first letters never admit the
    same character: tests/process/test_patterns.py)."""
    starts = [word_start] * len(alternatives) if isinstance(word_start, bool) else list(word_start)
    if len(starts) != len(alternatives) or any(not alternative[:1].isalpha() for alternative in alternatives):
        raise ValueError("each alternative must begin with a letter, each with its word_start")
    by_letter: dict[str, list[tuple[bool, str]]] = {}
    for alternative, start in zip(alternatives, starts, strict=True):
        by_letter.setdefault(alternative[0], []).append((start, alternative[1:]))
    # the word start is checked once where every alternative (of a letter) begins a word: most positions
    # a class admits are inside words
    everywhere = all(starts)
    branches = "|".join(_branch(letter, rests, everywhere) for letter, rests in by_letter.items())
    return f"(?:(?-i:[{admitted(''.join(by_letter), flags)}]){_WORD_START if everywhere else ''}(?:{branches}))"


_WORD_START = r"(?<!\w.)"  # after the first letter: no word character before it


def _branch(letter: str, rests: list[tuple[bool, str]], checked: bool) -> str:
    if checked or all(start for start, _ in rests):
        return f"(?<={letter}){'' if checked else _WORD_START}(?:{'|'.join(rest for _, rest in rests)})"
    return f"(?<={letter})(?:{'|'.join((_WORD_START if start else '') + rest for start, rest in rests)})"


# Characters `re` may let a letter stand for ignoring case lie below U+3000 (Latin, Greek, Cyrillic, the
# letterlike symbols: the Kelvin sign, the long s); the tests check every letter used against all of Unicode.
CASED_BELOW = 0x3000


@functools.lru_cache(maxsize=64)
def admitted(letters: str, flags: int, below: int = CASED_BELOW) -> str:
    """Every character below `below` that `re` lets one of `letters` stand for under `flags` (its own
    judgement), escaped for a character class."""
    found = re.findall(f"[{re.escape(letters)}]", "".join(map(chr, range(below))), flags)
    return "".join(re.escape(char) for char in sorted(set(found)))
