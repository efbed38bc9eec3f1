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
from feeds.process.tagging.gazetteer import Token

# Inflection endings a whole word may carry, per language of the rule.
ENDINGS = {"de": ("", "e", "en", "er", "es", "em", "n", "s"), "en": ("", "s", "es"), "fr": ("", "e", "s", "es", "x")}
TITLE_WEIGHT = 2.5
REPEAT_CAP = 3  # one phrase found more often than this adds nothing: a long text repeats words
SATURATION = 2.2  # score at which confidence reaches 1 - 1/e, for a text of REFERENCE_WORDS
REFERENCE_WORDS = 200
SEPARATOR = re.compile(r"[^\w]+")
PHRASE_WORD = re.compile(r"[^\W_]+\*?")


@dataclass(frozen=True)
class WordRule:
    forms: frozenset[str]  # whole-word forms; empty for a prefix
    prefix: str = ""

    def matches(self, word: str) -> bool:
        return word.startswith(self.prefix) if self.prefix else word in self.forms


@dataclass(frozen=True)
class Phrase:
    slugs: tuple[str, ...]
    words: tuple[WordRule, ...]
    text: str


def parse_phrase(phrase: str, language: str) -> tuple[WordRule, ...]:
    endings = ENDINGS.get(language, ("",))
    rules = []
    for word in PHRASE_WORD.findall(phrase.lower()):
        if word.endswith("*"):
            rules.append(WordRule(frozenset(), word[:-1]))
        else:
            rules.append(WordRule(frozenset(word + ending for ending in endings)))
    return tuple(rules)


def category_key(category: str) -> str:
    """"Wirtschaft, Märkte" and "wirtschaft märkte" compare equal; "&" reads as "and"."""
    return SEPARATOR.sub(" ", category.lower().replace("&", " and ")).strip()


class TopicMatcher:
    def __init__(self, topics: Iterable[Topic]):
        self.categories: dict[str, set[str]] = {}
        phrases: dict[tuple[WordRule, ...], tuple[list[str], str]] = {}
        for topic in topics:
            for language, rules in topic.phrases.items():
                for text in rules:
                    words = parse_phrase(text, language)
                    if words:
                        slugs, _ = phrases.setdefault(words, ([], text))
                        if topic.slug not in slugs:
                            slugs.append(topic.slug)
            for category in topic.categories:
                self.categories.setdefault(category_key(category), set()).add(topic.slug)
        self.by_word: dict[str, list[Phrase]] = {}
        self.by_prefix: dict[str, list[Phrase]] = {}
        for words, (slugs, text) in phrases.items():
            phrase = Phrase(tuple(slugs), words, text)
            first = words[0]
            if first.prefix:
                self.by_prefix.setdefault(first.prefix, []).append(phrase)
            for form in first.forms:
                self.by_word.setdefault(form, []).append(phrase)
        for index in (self.by_word, self.by_prefix):  # longest phrases first
            for candidates in index.values():
                candidates.sort(key=lambda p: -len(p.words))
        self.prefix_lengths = sorted({len(prefix) for prefix in self.by_prefix})

    def scores(self, title: list[Token], body: list[Token]) -> dict[str, float]:
        """Confidence per topic slug found in title and body (only topics with a hit)."""
        scale = SATURATION * max(1.0, math.sqrt(len(body) / REFERENCE_WORDS))
        totals: dict[str, float] = {}
        for slug, count in self._hits(title).items():
            totals[slug] = TITLE_WEIGHT * len(count)
        for slug, counts in self._hits(body).items():
            totals[slug] = totals.get(slug, 0.0) + sum(min(n, REPEAT_CAP) for n in counts.values())
        return {slug: round(1 - math.exp(-score / scale), 3) for slug, score in totals.items()}

    def _hits(self, tokens: list[Token]) -> dict[str, dict[str, int]]:
        """slug -> matched phrase -> how often."""
        hits: dict[str, dict[str, int]] = {}
        words = [token.lower for token in tokens]
        index = 0
        while index < len(words):
            found = self._phrases_at(words, index)
            if not found:
                index += 1
                continue
            for phrase in found:
                for slug in phrase.slugs:
                    counts = hits.setdefault(slug, {})
                    counts[phrase.text] = counts.get(phrase.text, 0) + 1
            index += len(found[0].words)
        return hits

    def _phrases_at(self, words: list[str], index: int) -> list[Phrase]:
        """The longest phrases matching at `index` (several topics may share a position)."""
        word = words[index]
        candidates = list(self.by_word.get(word, ()))
        for length in self.prefix_lengths:
            if length > len(word):
                break
            candidates.extend(self.by_prefix.get(word[:length], ()))
        best: list[Phrase] = []
        for phrase in candidates:
            size = len(phrase.words)
            if best and size < len(best[0].words):
                continue
            if index + size <= len(words) and all(
                    rule.matches(words[index + offset]) for offset, rule in enumerate(phrase.words[1:], 1)):
                best = [*best, phrase] if best and size == len(best[0].words) else [phrase]
        return best

    def from_categories(self, categories: Iterable[str]) -> set[str]:
        slugs: set[str] = set()
        for category in categories:
            slugs |= self.categories.get(category_key(category), set())
        return slugs
