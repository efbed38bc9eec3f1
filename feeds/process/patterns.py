"""What regular expressions of the process stage share.

Python's `re` tries a case-insensitive alternation of words ("januar|february|…") word by word at
every position it reaches: it has no fast path for an alternative whose first character is matched
ignoring case. A lookahead on the first letters every alternative can start with lets it skip the
other positions after one character test; the matches are the very same (the lookahead admits every
character the alternatives' first letters admit, under the same flags), at a third to half the cost
on news texts (docs/performance.md, 2026-12-04, lane scale-r4).
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def first_letters(words: Iterable[str]) -> str:
    """A lookahead that admits what one of `words` (written as they are matched, lower case) may begin with.

    Put it right before an alternation of `words` (before its `\\b` too); it takes the pattern's flags,
    so under `re.IGNORECASE` it admits the capitals and the case variants `re` admits for each letter."""
    letters = sorted({word[0] for word in words})
    if not letters or any(not letter.isalpha() for letter in letters):
        raise ValueError(f"words must begin with a letter: {letters}")
    return "(?=[" + "".join(re.escape(letter) for letter in letters) + "])"
