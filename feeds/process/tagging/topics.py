"""Topics found in a text by the phrase rules of topics.yaml, and topics mapped from source
categories (Kooperation International "Themen", ECCP sectors and tags).

Phrase rules are matched on the same word tokens as countries: a phrase is a sequence of
words, each either a whole word that may carry its language's inflection endings or a
prefix (`förder*`). An index from first words (and first-word prefixes) to phrases keeps
the cost at about one dictionary probe per token.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from feeds.config.taxonomy import Topic
from feeds.process.tagging.gazetteer import Words

# Inflection endings a whole word may carry, per language of the rule.
ENDINGS = {"de": ("", "e", "en", "er", "es", "em", "n", "s"), "en": ("", "s", "es"), "fr": ("", "e", "s", "es", "x")}
TITLE_WEIGHT = 2.5
WEAK_WEIGHT = 0.25  # a weak phrase ("Unternehmen", "industry") supports a topic but hardly makes it
REPEAT_CAP = 3  # one phrase found more often than this adds nothing: a long text repeats words
SATURATION = 1.4  # score at which confidence reaches 1 - 1/e, for a text of REFERENCE_WORDS
REFERENCE_WORDS = 200
LEAD_WORDS = 60
SEPARATOR = re.compile(r"[^\w]+")
PHRASE_WORD = re.compile(r"\*?[^\W_]+\*?")
SUFFIX_KEY = 4  # suffix rules are indexed by their last characters
SEEN_WORDS = 200_000  # words whose candidate phrases are remembered (bounded memory)


@dataclass(frozen=True)
class WordRule:
    forms: frozenset[str]  # whole-word forms; empty for a prefix or suffix rule
    prefix: str = ""
    suffix: str = ""  # `*tourismus`: the end of a German compound ("Weintourismus")

    def matches(self, word: str) -> bool:
        if self.prefix:
            return word.startswith(self.prefix)
        if self.suffix:
            return word.endswith(self.suffix)
        return word in self.forms

    def suffix_matches(self, word: str) -> bool:
        """A compound ending in the suffix (with an inflection ending), longer than the suffix itself."""
        return len(word) > len(self.suffix) and any(word.endswith(form) for form in self.forms)


@dataclass(frozen=True)
class Phrase:
    slugs: tuple[str, ...]
    words: tuple[WordRule, ...]
    text: str
    weight: float = 1.0


@dataclass(frozen=True)
class TopicEvidence:
    """A topic's phrase hits in one text: distinct strong and weak phrases by place, and the score."""

    title_strong: int
    title_weak: int
    lead_strong: int  # in the first LEAD_WORDS words of the body
    body_strong: int
    body_weak: int
    body_strong_hits: int  # occurrences of strong phrases, each counted at most REPEAT_CAP times
    score: float
    confidence: float  # the rule score as 0..1 (before the topic model)
    words: int  # length of the body in words


def _distinct(hits: dict[str, tuple[float, int]], strong: bool) -> int:
    return sum(1 for weight, _ in hits.values() if (weight == 1.0) == strong)


# slug -> matched phrase -> (its weight, how often)
Hits = dict[str, dict[str, tuple[float, int]]]


def _count(hits: Hits, found: list[Phrase]) -> None:
    for phrase in found:
        for slug in phrase.slugs:
            counts = hits.setdefault(slug, {})
            counts[phrase.text] = (phrase.weight, counts.get(phrase.text, (0.0, 0))[1] + 1)


def parse_phrase(phrase: str, language: str) -> tuple[WordRule, ...]:
    endings = ENDINGS.get(language, ("",))
    rules = []
    for word in PHRASE_WORD.findall(phrase.lower()):
        if word.endswith("*"):
            rules.append(WordRule(frozenset(), word.strip("*")))
        elif word.startswith("*"):
            rules.append(WordRule(frozenset(word[1:] + ending for ending in endings), suffix=word[1:]))
        else:
            rules.append(WordRule(frozenset(word + ending for ending in endings)))
    return tuple(rules)


def category_key(category: str) -> str:
    """"Wirtschaft, Märkte" and "wirtschaft märkte" compare equal; "&" reads as "and"."""
    return SEPARATOR.sub(" ", category.lower().replace("&", " and ")).strip()


class TopicMatcher:
    def __init__(self, topics: Iterable[Topic]):
        self.categories: dict[str, set[str]] = {}
        phrases: dict[tuple[WordRule, ...], tuple[list[str], str, float]] = {}
        for topic in topics:
            for rule_set, weight in ((topic.phrases, 1.0), (topic.weak_phrases, WEAK_WEIGHT)):
                for language, rules in rule_set.items():
                    for text in rules:
                        words = parse_phrase(text, language)
                        if words:
                            slugs, _, _ = phrases.setdefault(words, ([], text, weight))
                            if topic.slug not in slugs:
                                slugs.append(topic.slug)
            for category in topic.categories:
                self.categories.setdefault(category_key(category), set()).add(topic.slug)
        self.by_word: dict[str, list[Phrase]] = {}
        self.by_prefix: dict[str, list[Phrase]] = {}
        self.by_suffix: dict[str, list[Phrase]] = {}  # last SUFFIX_KEY characters -> phrases
        for words, (slugs, text, weight) in phrases.items():
            phrase = Phrase(tuple(slugs), words, text, weight)
            first = words[0]
            if first.prefix:
                self.by_prefix.setdefault(first.prefix, []).append(phrase)
            elif first.suffix:
                for form in first.forms:
                    self.by_suffix.setdefault(form[-SUFFIX_KEY:], []).append(phrase)
            else:
                for form in first.forms:
                    self.by_word.setdefault(form, []).append(phrase)
        for index in (self.by_word, self.by_prefix, self.by_suffix):  # longest phrases first
            for candidates in index.values():
                candidates.sort(key=lambda p: -len(p.words))
        self.prefix_lengths = sorted({len(prefix) for prefix in self.by_prefix})
        self._seen: dict[str, tuple[Phrase, ...]] = {}

    def scores(self, title: Words, body: Words) -> dict[str, float]:
        """Confidence per topic slug found in title and body (only topics with a hit)."""
        return {slug: found.confidence for slug, found in self.evidence(title, body).items()}

    def evidence(self, title: Words, body: Words) -> dict[str, TopicEvidence]:
        """What the phrase rules found for each topic with a hit, in title, lead and body."""
        scale = SATURATION * max(1.0, math.sqrt(len(body) / REFERENCE_WORDS))
        title_hits: Hits = {}
        body_hits: Hits = {}
        lead_hits: Hits = {}  # of the first LEAD_WORDS words of the body read as a text of their own
        self._walk(title.lower, 0, len(title), title_hits)
        self._walk(body.lower, 0, len(body), body_hits, (lead_hits, min(LEAD_WORDS, len(body))))
        found = {}
        for slug in sorted(title_hits.keys() | body_hits.keys()):
            in_title, in_body = title_hits.get(slug, {}), body_hits.get(slug, {})
            score = TITLE_WEIGHT * sum(weight for weight, _ in in_title.values()) + sum(
                weight * min(n, REPEAT_CAP) for weight, n in in_body.values())
            found[slug] = TopicEvidence(
                title_strong=_distinct(in_title, strong=True), title_weak=_distinct(in_title, strong=False),
                lead_strong=_distinct(lead_hits.get(slug, {}), strong=True),
                body_strong=_distinct(in_body, strong=True), body_weak=_distinct(in_body, strong=False),
                body_strong_hits=sum(min(n, REPEAT_CAP) for weight, n in in_body.values() if weight == 1.0),
                score=score, confidence=round(1 - math.exp(-score / scale), 3), words=len(body))
        return found

    def _walk(self, words: list[str], index: int, count: int, hits: Hits,
              lead: tuple[Hits, int] | None = None) -> None:
        """Add the phrases found in `words[:count]` from `index` on to `hits`, longest first at each position.

        With `lead` (its hits, its length), also those of `words[:length]` read as a text of their own, in the same
        walk: the lead's walk is this one until a phrase found here runs past the lead's end; from there the lead's
        walk goes on alone (within the lead, that position has only shorter phrases, or none)."""
        seen = self._seen
        while index < count:
            candidates = seen.get(words[index])
            if candidates is None:
                candidates = self._candidates(words[index])
            if not candidates:  # most words: one dictionary probe
                index += 1
                continue
            found = self._phrases_at(words, index, count, candidates)
            if not found:
                index += 1
                continue
            _count(hits, found)
            end = index + len(found[0].words)
            if lead is not None and index < lead[1]:
                if end <= lead[1]:
                    _count(lead[0], found)
                else:
                    self._walk(words, index, lead[1], lead[0])
                    lead = None
            index = end

    def _candidates(self, word: str) -> tuple[Phrase, ...]:
        """Phrases whose first word matches `word`; remembered, since words repeat across items."""
        found = self._seen.get(word)
        if found is None:
            candidates = list(self.by_word.get(word, ()))
            for length in self.prefix_lengths:
                if length > len(word):
                    break
                candidates.extend(self.by_prefix.get(word[:length], ()))
            candidates.extend(phrase for phrase in self.by_suffix.get(word[-SUFFIX_KEY:], ())
                              if phrase.words[0].suffix_matches(word))
            found = tuple(sorted(candidates, key=lambda phrase: -len(phrase.words)))
            if len(self._seen) >= SEEN_WORDS:
                self._seen.clear()
            self._seen[word] = found
        return found

    def _phrases_at(self, words: list[str], index: int, count: int, candidates: tuple[Phrase, ...]) -> list[Phrase]:
        """The longest of `candidates` matching at `index` within `words[:count]` (several topics may share a
        position)."""
        best: list[Phrase] = []
        for phrase in candidates:  # longest first
            size = len(phrase.words)
            if best and size < len(best[0].words):
                break
            if index + size > count:
                continue
            if size == 1 or all(rule.matches(words[index + offset])
                                for offset, rule in enumerate(phrase.words[1:], 1)):
                best.append(phrase)
        return best

    def from_categories(self, categories: Iterable[str]) -> set[str]:
        slugs: set[str] = set()
        for category in categories:
            slugs |= self.categories.get(category_key(category), set())
        return slugs
