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


def inputs(slug: str, found: TopicEvidence, rank: int, best: float, ecosystem: bool,
           countries: int) -> dict[str, float]:
    """The model's inputs for topic `slug` of one text. `rank` counts from 0 by rule score, `best` is
    the text's highest rule score, `countries` how many countries the text is about."""
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
    return values


def inputs_of(found: Mapping[str, TopicEvidence], ecosystems: frozenset[str], countries: int,
              cross_border: frozenset[str]) -> dict[str, dict[str, float]]:
    """The inputs of every found topic of one text. `countries` counts only for `cross_border` topics."""
    ranked = sorted(found, key=lambda slug: (-found[slug].score, slug))
    best = max((evidence.score for evidence in found.values()), default=0.0)
    return {slug: inputs(slug, found[slug], rank, best, slug in ecosystems,
                         countries if slug in cross_border else 0)
            for rank, slug in enumerate(ranked)}


def probabilities(found: Mapping[str, TopicEvidence], ecosystems: frozenset[str], countries: int,
                  cross_border: frozenset[str], model: Logistic | None = None) -> dict[str, float]:
    """Probability per found topic that it is one of the story's themes."""
    model = model or MODEL
    return {slug: round(model.probability(values), 3)
            for slug, values in inputs_of(found, ecosystems, countries, cross_border).items()}


# Fitted by scripts/fit_topic_model.py (docs/design/tagging.md: data and date).
MODEL = Logistic({
    "bias": -0.9549, "countries": 1.1634, "ecosystem": 0.2532, "lead_strong": 0.493, "log_body_hits": 0.0478,
    "log_body_strong": 0.3508, "log_body_weak": 1.0923, "log_words": -3.2702, "rank0": 0.9856,
    "rank1": 0.5307, "rank2": -0.2267, "rank3": -1.2897, "share": 0.9741, "title_strong": 0.8359,
    "title_weak": 0.5562, "topic:aerospace-defence": 0.3568, "topic:agri-food": 0.0737,
    "topic:construction": 0.0565, "topic:creative-cultural": 0.253, "topic:digital": -0.899,
    "topic:digitalisation": -0.7297, "topic:economy": -1.4269, "topic:electronics": 0.1834,
    "topic:energy-intensive": 0.7526, "topic:events": 1.1174, "topic:funding": 0.1748,
    "topic:health": 0.0098, "topic:infrastructure": -0.0488, "topic:innovation": -0.268,
    "topic:internationalisation": 0.3016, "topic:mobility": -0.5769, "topic:networks": -0.3454,
    "topic:policy": 0.0634, "topic:proximity-social-economy": 0.3592, "topic:renewable-energy": -0.6627,
    "topic:retail": 0.0773, "topic:skills": 0.2282, "topic:sustainability": 0.8491, "topic:textile": -0.2163,
    "topic:tourism": 0.3171, "weak_only": 0.0249
})
