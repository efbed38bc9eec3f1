"""Rare words (feeds/process/dedup/terms.py): what the topic vocabulary holds."""

from __future__ import annotations

import json
import re

import pytest

from feeds.config.taxonomy import load_taxonomy
from feeds.process.dedup.terms import MIN_LETTERS, TopicVocabulary
from feeds.runner import topic_vocabulary
from tests.support.paths import CONFIG, DATA


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
