"""Text normalisation for comparing items: words, shingles, title similarity.

Everything here is language-neutral string handling: Unicode NFKC, case folding and word
splitting on `\\w+`. No stemming: near duplicates share their wording, and items in
different languages are compared by `signals`, not by text.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
# A French elision before a word ("l'Agence", "d'innovation", "qu'il") and an English possessive after it
# ("Germany's"): not part of the word, so that "l'Agence" is "Agence" and "Germany's" is "Germany".
_ELIDED = r"(?:[lLdD]|[qQ]u)['’](?=\w)"
_ELISION = re.compile("^" + _ELIDED)
_ELISIONS = re.compile(r"\b" + _ELIDED)  # in running text (round 56)
_CAPITAL_AFTER_APOSTROPHE = re.compile(r"['’][A-ZÀ-ÖØ-ÞĀ-ž]")
_POSSESSIVE = re.compile(r"(?<=\w)['’][sS]$")
SHINGLE_WORDS = 3
MAX_TEXT_CHARACTERS = 4000  # a story's opening says what it is; long pages cost time, not precision
OPENING_CHARACTERS_PER_WORD = 12  # has_words reads about this much text per word it needs first


def normalise_text(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def bare_word(word: str) -> str:
    """`word` without a French elision before it or an English possessive after it (round 11)."""
    if "'" not in word and "’" not in word:  # most words: neither pattern can match
        return word
    return _POSSESSIVE.sub("", _ELISION.sub("", word))


def without_elisions(text: str) -> str:
    """`text` without the French elisions before its names ("d'Auvergne-Rhône-Alpes" is "Auvergne-Rhône-Alpes", so the
    name's own capital counts; round 56). Taken off only where a capital follows an apostrophe (about one text in ten):
    the search costs less than the substitution."""
    if ("'" in text or "’" in text) and _CAPITAL_AFTER_APOSTROPHE.search(text):
        return _ELISIONS.sub("", text)
    return text


def words(text: str) -> list[str]:
    """The words of `normalise_text(text)`: its whitespace collapsed or not, the same runs of word characters (no
    whitespace character is one), so it is not collapsed here."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def has_words(text: str, count: int) -> bool:
    """`len(words(text)) >= count`, read from an opening of `text` where that holds enough words (nearly every
    text): the opening ends before a space, which NFKC never joins with what stands around it and which is no
    word character, so the words of the opening are the first words of the whole text."""
    cut = text.find(" ", OPENING_CHARACTERS_PER_WORD * count)
    if cut != -1 and len(words(text[:cut])) >= count:
        return True
    return len(words(text)) >= count


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Overlapping runs of `size` words; a text shorter than `size` words is one shingle."""
    tokens = words(text[:MAX_TEXT_CHARACTERS])
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    if size == SHINGLE_WORDS:  # the same strings, joined without a slice each
        runs = zip(tokens, tokens[1:], tokens[2:], strict=False)  # as long as the shortest
        return {f"{first} {second} {third}" for first, second, third in runs}
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def title_trigrams(title: str) -> frozenset[str]:
    """Character trigrams of the title's words, padded so short words count too."""
    padded = f"  {' '.join(words(title))} "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)  # the size of the union, without building it
