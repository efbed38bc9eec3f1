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
from feeds.process.tagging.gazetteer import Gazetteer, Mention, Token, tokenize

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
        self.cues = {tuple(token.lower for token in tokenize(cue)) for cue in rules.passing_cues}
        self.cue_words = frozenset(word for cue in self.cues for word in cue)

    def scores(self, title: str, title_tokens: list[Token], body: str, body_tokens: list[Token],
               language: str | None) -> list[CountryScore]:
        """Country codes with score and confidence, most confident first."""
        totals: dict[str, float] = defaultdict(float)
        lowered = f"{title}\n{body}".lower()
        for text, tokens, base in ((title, title_tokens, TITLE_WEIGHT), (body, body_tokens, 1.0)):
            for mention in self.gazetteer.mentions(tokens):
                weight = self._weight(mention, tokens, text, lowered, language)
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

    def _weight(self, mention: Mention, tokens: list[Token], text: str, lowered: str,
                language: str | None) -> float:
        sense = mention.sense
        rule = sense.rule
        if rule is not None:
            previous = tokens[mention.first - 1] if mention.first else None
            following = tokens[mention.end] if mention.end < len(tokens) else None
            if rule.languages and language not in rule.languages:
                return 0.0
            if previous is not None and previous.text in rule.not_after:
                return 0.0
            if rule.not_near and any(word.lower() in lowered for word in rule.not_near):
                return 0.0
            if rule.person_name and _next_to_name(text, tokens[mention.end - 1], previous, following):
                return 0.0
        weight = sense.weight
        if self._after_cue(tokens, mention.first):
            weight *= PASSING_WEIGHT
        return weight

    def _after_cue(self, tokens: list[Token], first: int) -> bool:
        window = [token.lower for token in tokens[max(0, first - CUE_WINDOW):first]]
        if not self.cue_words.intersection(window):
            return False
        return any(tuple(window[i:i + len(cue)]) == cue for cue in self.cues for i in range(len(window)))


def _next_to_name(text: str, last: Token, previous: Token | None, following: Token | None) -> bool:
    """A capitalised word right before (not starting a sentence) or right after: a person's name."""
    if following is not None and following.text[0].isupper() and not following.text.isupper():
        between = text[last.start + len(last.text):following.start]
        if not between.strip():
            return True
    if previous is None or not previous.text[0].isupper():
        return False
    before = text[:previous.start].rstrip()
    return bool(before) and before[-1] not in SENTENCE_END
