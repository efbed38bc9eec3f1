"""Countries found in a text, scored so that the subject outweighs a passing mention.

Each mention weighs by what it is (a name counts more than a city, "European" very
little), where it is (title, lead, body) and what precedes it ("such as Japan" is an
example, not the subject). Ambiguous words follow their rule from countries.yaml. The
score of a country becomes a confidence in 0..1; countries far behind the main one lose
confidence, because a text about Poland that names Japan once is not about Japan.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from feeds.config.taxonomy import CountryRules
from feeds.process.tagging.gazetteer import Gazetteer, Mention, Words, tokenize

TITLE_WEIGHT = 2.0
LEAD_WEIGHT = 1.3
LEAD_TOKENS = 60
PASSING_WEIGHT = 0.3
CUE_WINDOW = 6  # tokens before a mention in which a passing cue counts ("wie in A oder den B")
SATURATION = 1.0  # score at which confidence reaches 1 - 1/e
MINOR_SHARE = 0.25  # below this share of the main country's score a country is a side note ...
MINOR_MAX_COUNTRIES = 3  # ... unless the text names many countries (a list of partners is no side note)
MINOR_FACTOR = 0.6
SENTENCE_END = frozenset(".!?:;\n")


@dataclass(frozen=True)
class CountryScore:
    code: str
    score: float
    confidence: float


class CountryFinder:
    def __init__(self, gazetteer: Gazetteer, rules: CountryRules):
        self.gazetteer = gazetteer
        self.cue_starts: dict[str, list[tuple[str, ...]]] = {}
        for cue in rules.passing_cues:
            words = tuple(tokenize(cue).lower)
            if words:
                self.cue_starts.setdefault(words[0], []).append(words)

    def scores(self, title: Words, body: Words, language: str | None) -> list[CountryScore]:
        """Country codes with score and confidence, most confident first."""
        totals: dict[str, float] = defaultdict(float)
        lowered = f"{title.source}\n{body.source}".lower()
        for words, base in ((title, TITLE_WEIGHT), (body, 1.0)):
            cue_ends: list[int] | None = None
            for mention in self.gazetteer.mentions(words):
                if cue_ends is None:
                    cue_ends = self._cue_ends(words)
                weight = self._weight(mention, words, lowered, language, cue_ends)
                if weight:
                    lead = LEAD_WEIGHT if base == 1.0 and mention.first < LEAD_TOKENS else 1.0
                    totals[mention.sense.code] += weight * base * lead
        if not totals:
            return []
        main = max(totals.values())
        found = []
        for code, score in totals.items():
            confidence = 1 - math.exp(-score / SATURATION)
            if score < MINOR_SHARE * main and len(totals) <= MINOR_MAX_COUNTRIES:
                confidence *= MINOR_FACTOR
            found.append(CountryScore(code, score, round(confidence, 3)))
        return sorted(found, key=lambda s: (-s.confidence, s.code))

    def _weight(self, mention: Mention, words: Words, lowered: str, language: str | None,
                cue_ends: list[int]) -> float:
        sense = mention.sense
        rule = sense.rule
        if rule is not None:
            if rule.languages and language not in rule.languages:
                return 0.0
            if mention.first and words.text[mention.first - 1] in rule.not_after:
                return 0.0
            if rule.not_near and any(word.lower() in lowered for word in rule.not_near):
                return 0.0
            if rule.person_name and _next_to_name(words, mention):
                return 0.0
        weight = sense.weight
        if any(mention.first - CUE_WINDOW <= end < mention.first for end in cue_ends):
            weight *= PASSING_WEIGHT
        return weight

    def _cue_ends(self, words: Words) -> list[int]:
        """Indexes of the words that end a passing cue ("such as", "wie in")."""
        ends = []
        lower = words.lower
        for index, word in enumerate(lower):
            for cue in self.cue_starts.get(word, ()):
                if tuple(lower[index:index + len(cue)]) == cue:
                    ends.append(index + len(cue) - 1)
        return ends


def _next_to_name(words: Words, mention: Mention) -> bool:
    """A capitalised word right before (not starting a sentence) or right after: a person's name."""
    text, source = words.text, words.source
    if mention.end < len(words):
        following = text[mention.end]
        between = source[words.end(mention.end - 1):words.start(mention.end)]
        if following[0].isupper() and not following.isupper() and not between.strip():
            return True
    if not mention.first or not text[mention.first - 1][0].isupper():
        return False
    before = source[:words.start(mention.first - 1)].rstrip()
    return bool(before) and before[-1] not in SENTENCE_END
