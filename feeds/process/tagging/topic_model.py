"""How likely a topic the phrase rules found is one of the story's themes: a logistic model.

The phrase rules (topics.py) find every theme a text touches; editors tag the one to three it is
about (shared/tagging-guide.md). Which of the touched themes are the story's depends on where the
phrases stand (title, lead, body), whether any strong phrase is among them or only weak ones, how
the topic ranks against the text's other topics, and on the topic itself: `economy` or
`innovation` are touched by nearly every cluster story. `MODEL` holds the weights, fitted by
scripts/fit_topic_model.py on the tuning half of the blind labelled sets (docs/design/tagging.md).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from feeds.process.logistic import Logistic
from feeds.process.tagging.topics import TopicEvidence

RANKS = 3  # ranks 1..RANKS get an input of their own; lower ranks share one
# The themes whose weight depends on what kind of news a text is (kinds.py: a call, its results, an
# event announced or reported, an agreement, a launch, an appointment): the guide's `funding` is a
# call or a grant, `events` one event announced or reported, `networks` a partnership. The industrial
# ecosystems are about a sector, whatever happened in it.
THEMES = frozenset({"funding", "innovation", "networks", "internationalisation", "policy", "skills",
                    "sustainability", "digitalisation", "economy", "infrastructure", "events"})


def inputs(slug: str, found: TopicEvidence, rank: int, best: float, ecosystem: bool,
           countries: int, kinds: frozenset[str] = frozenset()) -> dict[str, float]:
    """The model's inputs for topic `slug` of one text. `rank` counts from 0 by rule score, `best` is
    the text's highest rule score, `countries` how many countries the text is about, `kinds` what kind
    of news its title and lead say it is."""
    values = {
        "bias": 1.0,
        "title_strong": min(found.title_strong, 2), "title_weak": min(found.title_weak, 2),
        "lead_strong": min(found.lead_strong, 3),
        "log_body_strong": math.log1p(found.body_strong), "log_body_hits": math.log1p(found.body_strong_hits),
        "log_body_weak": math.log1p(found.body_weak),
        "weak_only": float(found.title_strong == 0 and found.body_strong == 0),
        "share": found.score / best if best else 0.0,
        "log_words": math.log1p(found.words / 200),
        "ecosystem": float(ecosystem),
        "countries": float(min(countries, 3)),
        f"rank{min(rank, RANKS)}": 1.0,
        f"topic:{slug}": 1.0,
    }
    if slug in THEMES:
        values.update({f"kind:{kind}:{slug}": 1.0 for kind in kinds})
    return values


def inputs_of(found: Mapping[str, TopicEvidence], ecosystems: frozenset[str], countries: int,
              cross_border: frozenset[str], kinds: frozenset[str] = frozenset()) -> dict[str, dict[str, float]]:
    """The inputs of every found topic of one text. `countries` counts only for `cross_border` topics."""
    ranked = sorted(found, key=lambda slug: (-found[slug].score, slug))
    best = max((evidence.score for evidence in found.values()), default=0.0)
    return {slug: inputs(slug, found[slug], rank, best, slug in ecosystems,
                         countries if slug in cross_border else 0, kinds)
            for rank, slug in enumerate(ranked)}


def probabilities(found: Mapping[str, TopicEvidence], ecosystems: frozenset[str], countries: int,
                  cross_border: frozenset[str], model: Logistic | None = None,
                  kinds: frozenset[str] = frozenset(), words: Mapping[str, tuple[float, float]] | None = None,
                  with_words: Logistic | None = None) -> dict[str, float]:
    """Probability per found topic that it is one of the story's themes; with the text's topic-word
    scores and their reach (topic_words.py), weighed by `with_words` beside the phrase model's log-odds."""
    model = model or MODEL
    found_inputs = inputs_of(found, ecosystems, countries, cross_border, kinds)
    if words is None:
        return {slug: round(model.probability(values), 3) for slug, values in found_inputs.items()}
    return {slug: round(combined(model.probability(values), *words.get(slug, (0.0, 0.0)), with_words), 3)
            for slug, values in found_inputs.items()}


def combined(phrases: float, words: float, reach: float, model: Logistic | None = None) -> float:
    """The probability of a topic from the phrase model's probability, the text's word score and how
    far the words reach (topic_words.TopicWords.reach: 0 for a text of no known word, 1 for a full one).
    The phrase model's log-odds enter as they are in the share of a text the words do not reach, so a
    one-sentence text or a topic the counts do not know keeps the phrase model's probability."""
    return (model or WITH_WORDS).probability(combined_inputs(phrases, words, reach))


def combined_inputs(phrases: float, words: float, reach: float) -> dict[str, float]:
    phrases = min(max(phrases, 1e-6), 1 - 1e-6)
    log_odds = math.log(phrases / (1 - phrases))
    return {"bias": reach, "phrases": reach * log_odds, "words": words, "phrases_alone": (1 - reach) * log_odds}


# Fitted by scripts/fit_topic_model.py on cross-fitted phrase probabilities and word scores;
# `phrases_alone` is fixed at 1.
WITH_WORDS = Logistic({
    "bias": -0.3505, "phrases": 0.9007, "phrases_alone": 1.0, "words": 4.5254
})


# Fitted by scripts/fit_topic_model.py on blind sets 2-16 and the project set's tune split (docs/design/tagging.md).
MODEL = Logistic({
    "bias": -1.9775, "countries": 1.4233, "ecosystem": 0.4767, "kind:agreement:digitalisation": -1.5069,
    "kind:agreement:economy": -1.0004, "kind:agreement:events": -2.1032, "kind:agreement:funding": -0.2227,
    "kind:agreement:infrastructure": -0.9839, "kind:agreement:innovation": -1.5131,
    "kind:agreement:internationalisation": 0.1302, "kind:agreement:networks": 1.1946,
    "kind:agreement:policy": -0.2456, "kind:agreement:skills": -0.9836, "kind:agreement:sustainability": -1.0445,
    "kind:announcement:digitalisation": -0.4662, "kind:announcement:economy": -0.941,
    "kind:announcement:events": 0.8244, "kind:announcement:funding": -0.2987,
    "kind:announcement:infrastructure": -0.3275, "kind:announcement:innovation": -0.8059,
    "kind:announcement:internationalisation": 1.0044, "kind:announcement:networks": -0.5598,
    "kind:announcement:policy": 0.2694, "kind:announcement:skills": -0.4129,
    "kind:announcement:sustainability": -0.8625, "kind:appointment:digitalisation": -0.1809,
    "kind:appointment:economy": -0.617, "kind:appointment:events": 0.1988, "kind:appointment:funding": -0.1057,
    "kind:appointment:infrastructure": -0.0089, "kind:appointment:innovation": 0.4264,
    "kind:appointment:internationalisation": -0.7874, "kind:appointment:networks": 0.6036,
    "kind:appointment:policy": 0.5506, "kind:appointment:skills": 1.2997, "kind:call:digitalisation": -0.4833,
    "kind:call:economy": -0.6555, "kind:call:events": -1.1893, "kind:call:funding": 1.1926,
    "kind:call:infrastructure": -0.2796, "kind:call:innovation": -0.9784, "kind:call:internationalisation": 0.3237,
    "kind:call:networks": -0.9724, "kind:call:policy": 0.1347, "kind:call:skills": -0.2003,
    "kind:call:sustainability": -1.2277, "kind:launch:digitalisation": 0.3, "kind:launch:economy": -1.1513,
    "kind:launch:events": -1.4582, "kind:launch:funding": 0.5497, "kind:launch:infrastructure": -0.7267,
    "kind:launch:innovation": 0.8199, "kind:launch:internationalisation": -1.2171, "kind:launch:networks": 0.1036,
    "kind:launch:policy": 0.0702, "kind:launch:skills": 1.0069, "kind:launch:sustainability": 0.7002,
    "kind:report:digitalisation": 0.1589, "kind:report:economy": -0.8947, "kind:report:events": 0.3233,
    "kind:report:funding": -0.4603, "kind:report:infrastructure": -0.2665, "kind:report:innovation": -0.8121,
    "kind:report:internationalisation": 1.106, "kind:report:networks": -0.2563, "kind:report:policy": 0.4887,
    "kind:report:skills": -0.4091, "kind:report:sustainability": 0.4159, "kind:result:digitalisation": -0.2777,
    "kind:result:economy": -0.8346, "kind:result:events": 0.7879, "kind:result:funding": 0.9381,
    "kind:result:infrastructure": -1.1301, "kind:result:innovation": 1.1112,
    "kind:result:internationalisation": -0.8612, "kind:result:networks": 0.9779, "kind:result:policy": 0.7313,
    "kind:result:skills": -0.3882, "kind:result:sustainability": -0.5316, "lead_strong": 0.4501,
    "log_body_hits": 0.1534, "log_body_strong": 0.4405, "log_body_weak": 1.2101, "log_words": -2.4337,
    "rank0": 1.094, "rank1": 0.4735, "rank2": -0.3276, "rank3": -1.2398, "share": 1.2138, "title_strong": 0.7662,
    "title_weak": 0.3396, "topic:aerospace-defence": 0.4187, "topic:agri-food": 0.3107,
    "topic:construction": 0.2263, "topic:creative-cultural": 0.0398, "topic:digital": -0.8425,
    "topic:digitalisation": -0.5964, "topic:economy": -0.9323, "topic:electronics": 0.1109,
    "topic:energy-intensive": 1.1387, "topic:events": 1.1449, "topic:funding": -0.4888, "topic:health": -0.3039,
    "topic:infrastructure": 0.3011, "topic:innovation": -0.1067, "topic:internationalisation": -0.0668,
    "topic:mobility": -0.8271, "topic:networks": -0.5514, "topic:policy": 0.2066,
    "topic:proximity-social-economy": 0.7073, "topic:renewable-energy": -0.8751, "topic:retail": 0.1068,
    "topic:skills": 0.0973, "topic:sustainability": 0.8335, "topic:textile": -0.4419, "topic:tourism": 0.39,
    "weak_only": 0.1528
})
