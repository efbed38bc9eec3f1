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
                  kinds: frozenset[str] = frozenset()) -> dict[str, float]:
    """Probability per found topic that it is one of the story's themes."""
    model = model or MODEL
    return {slug: round(model.probability(values), 3)
            for slug, values in inputs_of(found, ecosystems, countries, cross_border, kinds).items()}


# Fitted by scripts/fit_topic_model.py (docs/design/tagging.md: data and date).
MODEL = Logistic({
    "bias": -1.5298, "countries": 0.9457, "ecosystem": 0.3861, "kind:agreement:digitalisation": -0.5639,
    "kind:agreement:economy": -1.4659, "kind:agreement:events": -1.7367, "kind:agreement:funding": -0.4487,
    "kind:agreement:infrastructure": -0.7243, "kind:agreement:innovation": -1.6476,
    "kind:agreement:internationalisation": 1.259, "kind:agreement:networks": 1.124,
    "kind:agreement:policy": -0.1901, "kind:agreement:skills": -1.0189,
    "kind:agreement:sustainability": -0.5117, "kind:announcement:digitalisation": -0.4618,
    "kind:announcement:economy": -0.5293, "kind:announcement:events": 0.8443,
    "kind:announcement:funding": -0.1513, "kind:announcement:infrastructure": -0.1469,
    "kind:announcement:innovation": -0.6379, "kind:announcement:internationalisation": 0.4621,
    "kind:announcement:networks": -0.3159, "kind:announcement:policy": 0.5358,
    "kind:announcement:skills": -0.2369, "kind:announcement:sustainability": -0.7294,
    "kind:appointment:digitalisation": -0.0405, "kind:appointment:economy": -0.4209,
    "kind:appointment:events": 0.4704, "kind:appointment:funding": -0.0829,
    "kind:appointment:infrastructure": -0.0064, "kind:appointment:innovation": -0.1971,
    "kind:appointment:internationalisation": -0.6295, "kind:appointment:networks": 0.7247,
    "kind:appointment:policy": 0.1391, "kind:appointment:skills": 1.1269, "kind:call:digitalisation": -0.8584,
    "kind:call:economy": -0.2873, "kind:call:events": -0.9313, "kind:call:funding": 0.9478,
    "kind:call:infrastructure": -0.0081, "kind:call:innovation": -0.8554,
    "kind:call:internationalisation": -0.1341, "kind:call:networks": -1.0438, "kind:call:policy": 0.141,
    "kind:call:skills": 0.0887, "kind:call:sustainability": -0.7904, "kind:launch:digitalisation": 0.0002,
    "kind:launch:economy": -1.2336, "kind:launch:events": -1.9498, "kind:launch:funding": 0.9886,
    "kind:launch:infrastructure": -1.006, "kind:launch:innovation": 0.7377,
    "kind:launch:internationalisation": -0.2513, "kind:launch:networks": 0.2238, "kind:launch:policy": -0.1116,
    "kind:launch:skills": 0.649, "kind:launch:sustainability": 0.806, "kind:report:digitalisation": 0.2571,
    "kind:report:economy": -0.8414, "kind:report:events": 0.1307, "kind:report:funding": -0.2834,
    "kind:report:infrastructure": -0.022, "kind:report:innovation": -0.4002,
    "kind:report:internationalisation": 0.0915, "kind:report:networks": -0.0381, "kind:report:policy": 0.1649,
    "kind:report:skills": -0.3158, "kind:report:sustainability": 0.5472, "kind:result:digitalisation": -0.5097,
    "kind:result:economy": -0.5864, "kind:result:events": 0.2277, "kind:result:funding": 1.5548,
    "kind:result:infrastructure": -0.8741, "kind:result:innovation": 0.9908,
    "kind:result:internationalisation": -0.8408, "kind:result:networks": 0.5546, "kind:result:policy": 0.6421,
    "kind:result:skills": -0.1827, "kind:result:sustainability": -0.2549, "lead_strong": 0.3928,
    "log_body_hits": 0.1739, "log_body_strong": 0.2946, "log_body_weak": 1.0923, "log_words": -2.6379,
    "rank0": 1.082, "rank1": 0.5543, "rank2": -0.2173, "rank3": -1.419, "share": 1.1929,
    "title_strong": 0.8279, "title_weak": 0.3616, "topic:aerospace-defence": 0.3964, "topic:agri-food": 0.1045,
    "topic:construction": 0.225, "topic:creative-cultural": 0.1396, "topic:digital": -0.8999,
    "topic:digitalisation": -0.5868, "topic:economy": -0.8528, "topic:electronics": 0.0378,
    "topic:energy-intensive": 0.8925, "topic:events": 1.081, "topic:funding": -0.6023, "topic:health": -0.2194,
    "topic:infrastructure": 0.1902, "topic:innovation": -0.1054, "topic:internationalisation": 0.3645,
    "topic:mobility": -0.6483, "topic:networks": -0.5267, "topic:policy": -0.0308,
    "topic:proximity-social-economy": 0.6163, "topic:renewable-energy": -0.7657, "topic:retail": 0.1924,
    "topic:skills": 0.0845, "topic:sustainability": 0.8559, "topic:textile": -0.279, "topic:tourism": 0.3365,
    "weak_only": 0.0469
})
