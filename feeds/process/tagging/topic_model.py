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
    "bias": -0.8595, "countries": 1.1241, "ecosystem": 0.1935, "lead_strong": 0.5773,
    "log_body_hits": 0.1824, "log_body_strong": 0.0701, "log_body_weak": 1.2426, "log_words": -3.3158,
    "rank0": 1.0962, "rank1": 0.5503, "rank2": -0.2653, "rank3": -1.3812, "share": 0.8213,
    "title_strong": 0.8702, "title_weak": 0.4779, "topic:aerospace-defence": 0.3777,
    "topic:agri-food": 0.0452, "topic:construction": 0.1832, "topic:creative-cultural": 0.2906,
    "topic:digital": -0.8895, "topic:digitalisation": -0.5757, "topic:economy": -1.3083,
    "topic:electronics": 0.0641, "topic:energy-intensive": 0.6259, "topic:events": 1.0605,
    "topic:funding": 0.2085, "topic:health": 0.0342, "topic:infrastructure": -0.0399,
    "topic:innovation": -0.4874, "topic:internationalisation": 0.2527, "topic:mobility": -0.5054,
    "topic:networks": -0.559, "topic:policy": 0.3329, "topic:proximity-social-economy": 0.2754,
    "topic:renewable-energy": -0.4953, "topic:retail": 0.0713, "topic:skills": 0.1429,
    "topic:sustainability": 0.9083, "topic:textile": -0.2812, "topic:tourism": 0.2684, "weak_only": -0.0329
})
