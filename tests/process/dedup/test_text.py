"""Text normalisation for comparing items (feeds/process/dedup/text.py): the shortcuts give what the rule gives."""

from __future__ import annotations

import random
import re
import sys
import unicodedata

from feeds.process.dedup.text import OPENING_CHARACTERS_PER_WORD, has_words, normalise_text, shingles, words

# Pieces where NFKC, case folding or the word split change what a text's words are: Turkish dotless i and İ (which
# folds to "i" and a combining dot, no word character), German umlauts and ß, French accents and elisions, combining
# marks after a space, ligatures, fractions and circled digits (NFKC writes them out), no-break and narrow spaces,
# hyphens, apostrophes, digits, and characters that are no word at all
WORD_PIECES = [" ", "  ", "\n", "\u00a0", "\u202f", "\u2009", "-", "'", "’", ".", ",", "İ", "ı", "Istanbul",
               "İzmir", "ß", "Straße", "Ärger", "über", "Öl", "café", "e\u0301", " \u0301", "\u0308", "l'Agence",
               "d’innovation", "Germany's", "ﬁ", "ﬀ", "½", "①", "²", "2024", "12,5", "x", "EU-Mittel", "日本",
               "\u212a", "ſ", "€", "—", "", "Clusterplattform", "twelve"]


def pieced(rng: random.Random, longest: int) -> str:
    return "".join(rng.choice(WORD_PIECES) for _ in range(rng.randint(0, longest)))


def test_has_words_is_the_count_of_words() -> None:
    """The answer of counting every word, on random texts of the pieces, short (no opening to read: the whole text
    is counted) and long (the opening holds enough words, or only spaces and marks do not count), around each
    count, and on texts whose opening ends right before a combining mark or at a space."""
    rng = random.Random(29)
    texts = [pieced(rng, longest) for longest in (5, 20, 60, 200) for _ in range(800)]
    texts += ["", " ", "ﬁ ﬁ ﬁ", "İ" * 100, "½ " * 40, " \u0301" * 200 + " word",
              "x" * (OPENING_CHARACTERS_PER_WORD * 8) + " \u0301 a b c d e f g h"]
    for text in texts:
        counted = len(words(text))
        for count in {0, 1, 7, 8, 9, counted - 1, counted, counted + 1} - {-1}:
            assert has_words(text, count) == (counted >= count), (text, count)


def test_nfkc_never_joins_a_space_with_a_neighbour() -> None:
    """What `has_words` relies on: beside any character, a space is normalised apart (the opening's words are then the
    first words of the whole text)."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        alone = unicodedata.normalize("NFKC", char)
        assert unicodedata.normalize("NFKC", f" {char}") == f" {alone}", hex(code)
        assert unicodedata.normalize("NFKC", f"{char} ") == f"{alone} ", hex(code)


def test_has_words_on_texts_of_many_words() -> None:
    """Where the opening settles it and where it does not: eight words early, or late after a long first word."""
    assert has_words("one two three four five six seven eight " + "x " * 100, 8)
    assert not has_words("one two three four five six seven", 8)
    assert has_words("W" * 500 + " two three four five six seven eight", 8)
    assert not has_words("İ " * 3 + "\u0301 " * 300, 8)  # İ folds to i and a mark: three words, marks are none


SPACES = [chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()]


def test_words_are_the_words_of_the_normalised_text() -> None:
    """Read without collapsing the whitespace, the words of `normalise_text` (no whitespace character is a word
    character): on random texts of the pieces and every whitespace character Python knows."""
    assert len(SPACES) > 20
    assert not any(re.fullmatch(r"\w", space) for space in SPACES)
    rng = random.Random(31)
    for _ in range(3000):
        text = "".join(rng.choice(WORD_PIECES) if rng.random() < 0.7 else rng.choice(SPACES)
                       for _ in range(rng.randint(0, 40)))
        assert words(text) == re.findall(r"\w+", normalise_text(text)), text


def test_shingles_of_three_words_are_the_runs_of_three() -> None:
    rng = random.Random(37)
    for _ in range(2000):
        text = " ".join(rng.choice(WORD_PIECES) for _ in range(rng.randint(0, 30)))
        tokens = words(text)
        expected = {" ".join(tokens[i:i + 3]) for i in range(len(tokens) - 2)} if len(tokens) >= 3 else (
            {" ".join(tokens)} if tokens else set())
        assert shingles(text) == expected, text
        assert shingles(text, 2) == ({" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)} if len(tokens) >= 2
                                     else {" ".join(tokens)} if tokens else set())
