"""Topic phrase evidence (feeds/process/tagging/topics.py): the phrases found at each word are those the rule finds;
the lead is its first words read as a text of their own."""

from __future__ import annotations

import json

import pytest

from feeds.config.taxonomy import load_taxonomy
from feeds.process.tagging import topics
from feeds.process.tagging.gazetteer import tokenize
from feeds.process.tagging.topics import LEAD_WORDS, Phrase, TopicEvidence, TopicMatcher, WordRule
from tests.support.paths import CONFIG, DATA

NO_TITLE = tokenize("")


@pytest.fixture(scope="module")
def matcher() -> TopicMatcher:
    return TopicMatcher(load_taxonomy(CONFIG).topics)


def lead_alone(matcher: TopicMatcher, body: str) -> dict[str, int]:
    """The strong phrases of each topic in the first LEAD_WORDS words of `body`, as the body of a text of their own."""
    words = " ".join(tokenize(body).text[:LEAD_WORDS])
    return {slug: found.body_strong for slug, found in matcher.evidence(NO_TITLE, tokenize(words)).items()}


def lead_within(evidence: dict[str, TopicEvidence]) -> dict[str, int]:
    return {slug: found.lead_strong for slug, found in evidence.items() if found.lead_strong}


def test_the_lead_of_every_labelled_text_is_read_as_a_text_of_its_own(matcher: TopicMatcher) -> None:
    checked = 0
    for path in sorted(DATA.glob("tags_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            title, body = tokenize(record["title"]), tokenize(record["text"])
            alone = {slug: count for slug, count in lead_alone(matcher, record["text"]).items() if count}
            assert lead_within(matcher.evidence(title, body)) == alone, record["id"]
            checked += len(body) > LEAD_WORDS
    assert checked > 100  # most labelled texts are longer than their lead


def test_a_phrase_running_past_the_lead_is_not_in_it(matcher: TopicMatcher) -> None:
    """A strong phrase of several words that begins in the lead's last words and ends after them counts in the body
    only; the lead's own walk goes on from there as if the text ended with the lead."""
    phrase = next(phrase for phrases in matcher.by_word.values() for phrase in phrases
                  if phrase.weight == 1.0 and len(phrase.words) >= 2 and all(rule.forms for rule in phrase.words))
    written = " ".join(min(rule.forms) for rule in phrase.words)
    filler = " ".join(["xq"] * (LEAD_WORDS - 1))
    body = f"{filler} {written} and more words after it"
    evidence = matcher.evidence(NO_TITLE, tokenize(body))
    assert all(evidence[slug].body_strong >= 1 for slug in phrase.slugs)
    assert lead_within(evidence) == {slug: n for slug, n in lead_alone(matcher, body).items() if n}


def longest_as_written(candidates: list[Phrase], words: list[str], index: int, count: int) -> list[Phrase]:
    """The rule tried phrase by phrase: of `candidates` (longest first; their first word matches the word at `index`,
    a suffix rule's as a compound), those of the greatest length that fit within `words[:count]` and whose later
    words match."""
    best: list[Phrase] = []
    for phrase in candidates:
        size = len(phrase.words)
        if best and size < len(best[0].words):
            break
        if index + size <= count and all(rule.matches(words[index + offset])
                                         for offset, rule in enumerate(phrase.words[1:], 1)):
            best.append(phrase)
    return best


def tricky_texts(matcher: TopicMatcher) -> list[str]:
    """Every phrase of several words written out (prefixes and suffixes as compounds), cut after each of its words
    (a phrase running past the end of the text), with its second word changed, and two phrases back to back."""

    def written(rule: WordRule) -> str:
        return f"{rule.prefix}ung" if rule.prefix else f"wein{rule.suffix}" if rule.suffix else max(rule.forms)

    phrases = {phrase.text: phrase for starting in (matcher._starting(word) for word in matcher.by_word)
               for phrase in (*(entry[1] for entry in starting.longer), *starting.single)}
    texts = []
    for phrase in phrases.values():
        words = [written(rule) for rule in phrase.words]
        texts += [" ".join(words[:end]) for end in range(1, len(words) + 1)]
        if len(words) > 1:
            texts.append(" ".join([words[0], "xq", *words[2:]]))
            texts.append(" ".join([words[0], words[1] + "x", *words[2:]]))
        texts.append(" ".join(words + words[::-1]))
    return texts


def test_the_phrases_at_a_word_are_those_the_rule_finds(matcher: TopicMatcher) -> None:
    """`Starting.longest_at` (the second word's phrases remembered) finds at every position what trying each phrase
    whose first word matches finds: on tricky texts made of the phrases themselves and on the labelled texts."""
    texts = tricky_texts(matcher)
    for path in sorted(DATA.glob("tags_*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    positions = 0
    for text in texts:
        words = tokenize(text).lower
        for count in {len(words), min(len(words), LEAD_WORDS)}:
            for index in range(count):
                starting = matcher._starting(words[index])
                candidates = [*(entry[1] for entry in starting.longer), *starting.single]
                assert list(starting.longest_at(words, index, count)) == longest_as_written(
                    candidates, words, index, count), (text, index, count)
                positions += len(starting.longer) > 0
    assert positions > 10_000


def test_the_second_words_remembered_are_bounded(matcher: TopicMatcher, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topics, "SECOND_WORDS", 3)
    starting = next(matcher._starting(word) for word in matcher.by_word if matcher._starting(word).longer)
    first = starting.longer[0][1]
    for second in ("aa", "bb", "cc", "dd", "ee"):
        starting.longest_at([first.words[0].prefix or min(first.words[0].forms), second], 0, 2)
        assert len(starting._admitted) <= 3
