"""Which topics a text's own words speak for: a naive-Bayes score per topic over the words of its
title and beginning, counted once over labelled items.

The phrase rules (topics.py) say where a theme is named; editors tag the one to three themes a story
is *about* (shared/tagging-guide.md), and that shows in the whole vocabulary of its first lines: a call
speaks of deadlines and applicants, a trade-fair report of stands and visitors, a sector story of its
products. For each topic the counts give every word's log-odds of appearing in an item about the topic
against one that is not (presence only, add-one smoothing); a text's score for a topic is the mean over
its known words, less the topic's mean over the counted items whose phrases find it, scaled down for a
text with few known words. The topic model (topic_model.py) weighs that score beside its phrase inputs.

The counts (`topic_words.json`, written by scripts/fit_topic_model.py) are reference data fitted on the
labelled sets, like the model weights: a decision never depends on what the store has collected. A
topic the counts do not know (one an operator adds) and a text with no known word get score 0: the
model then decides as it does without words.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from feeds.process.lemmas import folded
from feeds.process.tagging.gazetteer import Words

PATH = Path(__file__).with_name("topic_words.json")
LEAD_WORDS = 120  # of the body, after the title: what a story is about is said at its start
MIN_DOCUMENTS = 3  # words in fewer counted items are not kept
FULL_WORDS = 40  # known words at which a text's score counts fully; fewer scale it down
MIN_LETTERS = 2


def words_of(title: Words, body: Words, language: str | None) -> frozenset[str]:
    """The distinct lemmas of the title and the first LEAD_WORDS words of the body."""
    tokens = [*title.lower, *body.lower[:LEAD_WORDS]]
    return frozenset(lemma for lemma in (folded(token, language) for token in tokens
                                         if not token.isdigit()) if len(lemma) >= MIN_LETTERS)


@dataclass(frozen=True)
class Counts:
    """How many counted items are about each topic, and per word: in how many items it stands, and in
    how many of each topic's."""

    documents: int
    topics: Mapping[str, int]
    words: Mapping[str, tuple[int, Mapping[str, int]]]

    @classmethod
    def of(cls, documents: Iterable[tuple[frozenset[str], frozenset[str]]]) -> Counts:
        """Counts over (words, gold topics) of labelled items; words in < MIN_DOCUMENTS items dropped."""
        total = 0
        topics: dict[str, int] = {}
        words: dict[str, tuple[int, dict[str, int]]] = {}
        for found, gold in documents:
            total += 1
            for slug in gold:
                topics[slug] = topics.get(slug, 0) + 1
            for word in found:
                count, by_topic = words.setdefault(word, (0, {}))
                for slug in gold:
                    by_topic[slug] = by_topic.get(slug, 0) + 1
                words[word] = (count + 1, by_topic)
        kept = {word: (count, by_topic) for word, (count, by_topic) in words.items() if count >= MIN_DOCUMENTS}
        return cls(total, topics, kept)

    def to_data(self) -> dict[str, Any]:
        """As JSON values: each word's topics by their index in `topics`, [count, index, n, index, n, …]."""
        slugs = sorted(self.topics)
        index = {slug: number for number, slug in enumerate(slugs)}
        words = {}
        for word, (count, by_topic) in sorted(self.words.items()):
            words[word] = [count, *(value for slug in sorted(by_topic) for value in (index[slug], by_topic[slug]))]
        return {"documents": self.documents, "topics": [[slug, self.topics[slug]] for slug in slugs], "words": words}

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Counts:
        slugs = [str(slug) for slug, _ in data["topics"]]
        words = {str(word): (int(values[0]), {slugs[values[i]]: int(values[i + 1]) for i in range(1, len(values), 2)})
                 for word, values in data["words"].items()}
        return cls(int(data["documents"]), {str(slug): int(count) for slug, count in data["topics"]}, words)


class TopicWords:
    """Per-topic word scores of a text (see the module docstring)."""

    def __init__(self, counts: Counts):
        self.counts = counts
        self._odds = {slug: self._log_odds(slug) for slug in counts.topics}
        self._centre: dict[str, float] = {}

    def _log_odds(self, slug: str) -> dict[str, float]:
        about = self.counts.topics[slug]
        other = self.counts.documents - about
        return {word: math.log((by_topic.get(slug, 0) + 1) / (about + 2))
                - math.log((count - by_topic.get(slug, 0) + 1) / (other + 2))
                for word, (count, by_topic) in self.counts.words.items()}

    def centre(self, texts: Iterable[tuple[frozenset[str], Iterable[str]]]) -> TopicWords:
        """Take each topic's mean raw score over the `texts` whose phrase rules found it (words, found
        topics) as its zero: a score says how much more (or less) a text's words speak for a topic
        than those of the usual text the phrases find it in."""
        raw: dict[str, list[float]] = {slug: [] for slug in self._odds}
        for found, slugs in texts:
            for slug in slugs:
                value = self._raw(slug, found) if slug in self._odds else None
                if value is not None:
                    raw[slug].append(value)
        self._centre = {slug: sum(values) / len(values) for slug, values in raw.items() if values}
        return self

    def _raw(self, slug: str, found: frozenset[str]) -> float | None:
        odds = self._odds[slug]
        return _mean([odds[word] for word in found if word in odds])

    def scores(self, found: frozenset[str], slugs: Iterable[str]) -> dict[str, tuple[float, float]]:
        """For each of `slugs`, a text's (score, reach) with words `found`: reach is how far its words
        say anything (known words / FULL_WORDS, at most 1), the score the centred mean log-odds times the
        reach squared (the reach is the share of the words in the decision, and a mean of few words is
        also the less sure). (0, 0) for a topic the counts do not know or a text with no known word."""
        # every topic's odds know the same words (those counted): found once, in the order `_raw` reads them
        known = [word for word in found if word in self.counts.words]
        reach = min(1.0, len(known) / FULL_WORDS)
        # one C call per topic reads the odds of the known words, in their order (the same float sums)
        odds_of = operator.itemgetter(*known) if len(known) > 1 else lambda odds: [odds[word] for word in known]
        result = {}
        for slug in slugs:
            value = _mean(odds_of(self._odds[slug])) if slug in self._odds else None
            result[slug] = (0.0, 0.0) if value is None else (
                round(reach * reach * (value - self._centre.get(slug, 0.0)), 4), round(reach, 4))
        return result


@lru_cache(maxsize=1)
def default() -> TopicWords | None:
    """The packaged counts, centred on their own items' words as stored; None when there are none."""
    if not PATH.exists():
        return None
    return load(PATH)


def load(path: Path) -> TopicWords:
    data = json.loads(path.read_text(encoding="utf-8"))
    words = TopicWords(Counts.from_data(data["counts"]))
    words._centre = {str(slug): float(value) for slug, value in data["centre"].items()}
    return words


def save(words: TopicWords, path: Path = PATH) -> None:
    """Write counts and centres, one word to a line (a refit's diff shows which words moved)."""
    counts = words.counts.to_data()
    head = {"documents": counts["documents"], "topics": counts["topics"],
            "centre": {slug: round(value, 6) for slug, value in sorted(words._centre.items())}}
    lines = [_compact(word) + ":" + _compact(values)
             for word, values in counts["words"].items()]
    text = "".join([
        f'{{"counts":{{"documents":{head["documents"]},"topics":{_compact(head["topics"])},',
        '"words":{\n', ",\n".join(lines), '\n}},"centre":', _compact(head["centre"]), "}\n"])
    path.write_text(text, encoding="utf-8")


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
