"""Topic phrase evidence (feeds/process/tagging/topics.py): the lead is its first words read as a text of their own."""

from __future__ import annotations

import json

import pytest

from feeds.config.taxonomy import load_taxonomy
from feeds.process.tagging.gazetteer import tokenize
from feeds.process.tagging.topics import LEAD_WORDS, TopicEvidence, TopicMatcher
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
