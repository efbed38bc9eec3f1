"""Topics found in a text by the phrase rules of topics.yaml, and topics mapped from source
categories (Kooperation International "Themen", ECCP sectors and tags).

Phrase rules are matched on the same word tokens as countries: a phrase is a sequence of
words, each either a whole word that may carry its language's inflection endings or a
prefix (`förder*`). An index from first words (and first-word prefixes) to phrases keeps
the cost at about one dictionary probe per token; where phrases of several words begin, the
ones a second word continues are remembered per second word (`Starting`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
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
SECOND_WORDS = 10_000  # per first word: second words whose longer phrases are remembered


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


# A phrase of several words as `Starting` tries it: its length, itself, the rules of its later words.
Longer = tuple[int, Phrase, tuple[WordRule, ...]]


class Starting:
    """The phrases that may begin at a word (their first word matches it), longest first: those of several words,
    and those of the word alone. Which of the longer ones a second word admits is remembered per second word, since
    words repeat (the same walk as trying each phrase's rules in turn)."""

    __slots__ = ("_admitted", "longer", "single")

    def __init__(self, candidates: Sequence[Phrase]):
        """`candidates` ordered longest first; their order is kept."""
        self.longer: tuple[Longer, ...] = tuple(
            (len(phrase.words), phrase, phrase.words[1:]) for phrase in candidates if len(phrase.words) > 1)
        self.single = tuple(phrase for phrase in candidates if len(phrase.words) == 1)
        self._admitted: dict[str, tuple[Longer, ...]] = {}  # second word -> the longer phrases it continues

    def longest_at(self, words: list[str], index: int, count: int) -> Sequence[Phrase]:
        """The longest phrases matching at `index` within `words[:count]` (several topics may share a position), in
        their order; none when nothing matches."""
        if not self.longer or index + 1 >= count:
            return self.single
        second = words[index + 1]
        longer = self._admitted.get(second)
        if longer is None:
            longer = self._admit(second)
        best: list[Phrase] = []
        for size, phrase, rest in longer:  # longest first; the second word matches already
            if best and size < len(best[0].words):
                break
            if index + size > count:
                continue
            if not rest or all(rule.matches(word) for rule, word in zip(rest, words[index + 2:index + size],
                                                                        strict=True)):
                best.append(phrase)
        return best or self.single

    def _admit(self, second: str) -> tuple[Longer, ...]:
        """The longer phrases whose second word matches `second`, each with the rules of its words after that."""
        found = tuple((size, phrase, rest[1:]) for size, phrase, rest in self.longer if rest[0].matches(second))
        if len(self._admitted) >= SECOND_WORDS:
            self._admitted.clear()
        self._admitted[second] = found
        return found


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


NOTHING = Starting(())  # a word no phrase begins with


def _tally(hits: dict[str, tuple[float, int]], cap: int) -> tuple[int, int, int, float]:
    """(distinct strong phrases, distinct weak phrases, occurrences of the strong ones, the sum of each phrase's
    weight times its occurrences) of one topic's `hits`, a phrase's occurrences counted at most `cap` times."""
    strong = weak = strong_hits = 0
    weighted = 0.0
    for weight, n in hits.values():
        capped = min(n, cap)
        weighted += weight * capped
        if weight == 1.0:
            strong += 1
            strong_hits += capped
        else:
            weak += 1
    return strong, weak, strong_hits, weighted


# slug -> matched phrase -> (its weight, how often)
Hits = dict[str, dict[str, tuple[float, int]]]


def _count(hits: Hits, found: Sequence[Phrase]) -> None:
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
        self._seen: dict[str, Starting] = {}
        self._startings: dict[tuple[int, ...], Starting] = {}  # by the ids of its phrases

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
            # a phrase counts once in the title, up to REPEAT_CAP times in the body
            title_strong, title_weak, _, in_title = _tally(title_hits.get(slug, {}), 1)
            body_strong, body_weak, body_strong_hits, in_body = _tally(body_hits.get(slug, {}), REPEAT_CAP)
            score = TITLE_WEIGHT * in_title + in_body
            found[slug] = TopicEvidence(
                title_strong=title_strong, title_weak=title_weak, lead_strong=_tally(lead_hits.get(slug, {}), 1)[0],
                body_strong=body_strong, body_weak=body_weak, body_strong_hits=body_strong_hits,
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
            starting = seen.get(words[index])
            if starting is None:
                starting = self._starting(words[index])
            if starting is NOTHING:  # most words: one dictionary probe
                index += 1
                continue
            found = starting.longest_at(words, index, count)
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

    def _starting(self, word: str) -> Starting:
        """The phrases whose first word matches `word`; remembered, since words repeat across items."""
        found = self._seen.get(word)
        if found is None:
            candidates = list(self.by_word.get(word, ()))
            for length in self.prefix_lengths:
                if length > len(word):
                    break
                candidates.extend(self.by_prefix.get(word[:length], ()))
            candidates.extend(phrase for phrase in self.by_suffix.get(word[-SUFFIX_KEY:], ())
                              if phrase.words[0].suffix_matches(word))
            found = NOTHING
            if candidates:
                ordered = sorted(candidates, key=lambda phrase: -len(phrase.words))
                # words with the same phrases share one `Starting`, and so what it remembers of second words
                key = tuple(map(id, ordered))
                found = self._startings.get(key)
                if found is None:
                    found = self._startings[key] = Starting(ordered)
            if len(self._seen) >= SEEN_WORDS:
                self._seen.clear()
            self._seen[word] = found
        return found

    def from_categories(self, categories: Iterable[str]) -> set[str]:
        slugs: set[str] = set()
        for category in categories:
            slugs |= self.categories.get(category_key(category), set())
        return slugs
