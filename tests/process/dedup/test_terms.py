"""Rare words (feeds/process/dedup/terms.py): what the topic vocabulary holds."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from feeds.config.taxonomy import load_taxonomy
from feeds.process.dedup import terms
from feeds.process.dedup.names import PlaceNames, is_place
from feeds.process.dedup.terms import MIN_LETTERS, TopicVocabulary
from feeds.process.dedup.text import bare_word
from feeds.process.lemmas import folded
from feeds.runner import build_deduplicator, topic_vocabulary
from feeds.settings import Settings
from tests.support.paths import CONFIG, DATA
from tests.support.texts import LED_PIECES, random_texts


def begins_with_one(word: str, prefixes: frozenset[str]) -> bool:
    """The vocabulary's rule as written: some prefix of the vocabulary is the beginning of `word`."""
    return any(word.startswith(prefix) for prefix in prefixes)


@pytest.fixture(scope="module")
def vocabulary() -> TopicVocabulary:
    return topic_vocabulary(load_taxonomy(CONFIG))


def test_a_word_is_topical_exactly_when_it_begins_with_a_prefix_of_the_vocabulary(vocabulary: TopicVocabulary) -> None:
    """Tried at the lengths of the prefixes its first letters begin: the same answer as every prefix tried, for every
    word of the labelled texts and for the prefixes themselves, cut, extended and in capitals."""
    words = {word.casefold() for path in sorted(DATA.glob("tags_*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
             for word in re.findall(r"\w+", json.loads(line)["text"])}
    for prefix in vocabulary.prefixes:
        words.update({prefix, prefix[:-1], prefix[:MIN_LETTERS - 1], prefix + "s", prefix + "ung", prefix.upper()})
    assert len(words) > 10_000
    topical = {word for word in words if word in vocabulary}
    assert topical == {word for word in words if begins_with_one(word, vocabulary.prefixes)}
    assert topical
    assert topical != words


def test_prefixes_of_one_beginning_and_several_lengths() -> None:
    vocabulary = TopicVocabulary(["Wasser", "wasserstoff", "Wärme", "abc"])  # "abc": too short to be a prefix
    assert vocabulary.prefixes == {"wasser", "wasserstoff", "wärme"}
    assert all(word in vocabulary for word in ("wasserstoffnetz", "wassers", "wärmepumpe"))
    assert not any(word in vocabulary for word in ("wass", "abcdef", "Wasser", 4))  # not folded here; no word
    assert "wasser" not in TopicVocabulary()


def terms_word_by_word(title: str, text: str, language: str | None, topical: TopicVocabulary,
                       places: PlaceNames) -> frozenset[str]:
    """`terms.terms` as written before round 9 of the ingest speed: every word in turn, repeated ones again (a
    hyphenated word by its parts since dedup round 52)."""
    opening = unicodedata.normalize("NFKC", f"{title}\n{text[:terms.MAX_TEXT_CHARACTERS]}")
    found = set()
    for match in terms._WORD.finditer(opening):
        word = bare_word(match.group(0))
        if len(word) < MIN_LETTERS:
            continue
        if "-" in word:  # since dedup round 52 its parts, unless the whole word is a place or a topic's word
            if is_place(word, places) or word.casefold() in topical:
                continue
            parts = [part for part in word.split("-") if len(part) >= MIN_LETTERS]
        else:
            parts = [word]
        for part in parts:
            term = folded(part, language)
            if terms.weight(term) > 0 and terms._zipf(part.casefold()) < terms.COMMON_ZIPF \
                    and not is_place(part, places) and part.casefold() not in topical and term not in topical:
                found.add(term)
    return frozenset(found)


TERM_PIECES = [*LED_PIECES, " ", " ", " ", "Wasserstoffnetzwerk", "Wasserstoffnetzwerks", "Minalogic", "Skywin",
               "Istanbul", "İstanbul", "ıstanbul", "DİYARBAKIR", "Straßburg", "Strasbourg", "Grünwasserstoff", "Öko",
               "éco-innovation", "Réseau", "l'Agence", "d’Occitanie", "Germany's", "Bio-Ökonomie", "Cyber-Sicherheit",
               "OWL", "it's", "A320", "zahlreiche", "Graphen", "graphène", "Quantencomputing", "Lyon", "Brno"]


def test_each_word_once_gives_the_terms_of_every_word_in_turn() -> None:
    """Terms read from each written word once are the terms read from every word in turn, in each language and
    none, with the configured topic words and places: on random texts of words repeated in other forms (Turkish
    İ and ı, umlauts, accents, elisions, hyphens, apostrophes, digits) and on the labelled texts."""
    options = build_deduplicator(Settings(config_dir=CONFIG)).fingerprint_options
    texts = random_texts(TERM_PIECES, seed=53, count=1500)
    records = [json.loads(line) for line in (DATA / "dedup_blind2.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    texts += [f"{record['title']}\n{record['text']}" for record in records]
    found = 0
    for text in texts:
        title, _, body = text.partition("\n")
        for language in ("de", "en", "fr", None):
            expected = terms_word_by_word(title, body, language, options.topical, options.places)
            assert terms.terms(title, body, language, options.topical, options.places) == expected, (text, language)
            found += bool(expected)
    assert found > len(texts)
