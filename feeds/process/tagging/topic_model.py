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
from collections.abc import Collection, Mapping

from feeds.process.logistic import Logistic
from feeds.process.tagging.topics import TopicEvidence

RANKS = 3  # ranks 1..RANKS get an input of their own; lower ranks share one
# The themes whose weight depends on what kind of news a text is (kinds.py: a call, its results, an
# event announced or reported, an agreement, a launch, an appointment): the guide's `funding` is a
# call or a grant, `events` one event announced or reported, `networks` a partnership. The industrial
# ecosystems are about a sector, whatever happened in it.
THEMES = frozenset({"funding", "innovation", "networks", "internationalisation", "policy", "skills",
                    "sustainability", "digitalisation", "economy", "infrastructure", "events"})
# The guide's `internationalisation` is going abroad and third-country cooperation: a text about a
# country outside the Union is evidence of it in a way a partnership of two member states is not.
EU_MEMBERS = frozenset({"at", "be", "bg", "cy", "cz", "de", "dk", "ee", "es", "fi", "fr", "gr", "hr", "hu", "ie",
                        "it", "lt", "lu", "lv", "mt", "nl", "pl", "pt", "ro", "se", "si", "sk"})


def inputs(slug: str, found: TopicEvidence, rank: int, best: float, ecosystem: bool,
           countries: Collection[str], kinds: frozenset[str] = frozenset()) -> dict[str, float]:
    """The model's inputs for topic `slug` of one text. `rank` counts from 0 by rule score, `best` is
    the text's highest rule score, `countries` the countries the text is about (`eu` not among them),
    `kinds` what kind of news its title and lead say it is."""
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
        "countries": float(min(len(countries), 3)),
        "third_country": float(any(code not in EU_MEMBERS for code in countries)),
        f"rank{min(rank, RANKS)}": 1.0,
        f"topic:{slug}": 1.0,
    }
    if slug in THEMES:
        values.update({f"kind:{kind}:{slug}": 1.0 for kind in kinds})
    return values


def inputs_of(found: Mapping[str, TopicEvidence], ecosystems: frozenset[str], countries: Collection[str],
              cross_border: frozenset[str], kinds: frozenset[str] = frozenset()) -> dict[str, dict[str, float]]:
    """The inputs of every found topic of one text. `countries` count only for `cross_border` topics."""
    ranked = sorted(found, key=lambda slug: (-found[slug].score, slug))
    best = max((evidence.score for evidence in found.values()), default=0.0)
    return {slug: inputs(slug, found[slug], rank, best, slug in ecosystems,
                         countries if slug in cross_border else (), kinds)
            for rank, slug in enumerate(ranked)}


def probabilities(found: Mapping[str, TopicEvidence], ecosystems: frozenset[str], countries: Collection[str],
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
# `phrases_alone` is fixed at 1. The bias is the fitted one moved by +0.2 (the decision threshold chosen
# by leave-one-set-out cross-validation for F1, docs/design/tagging.md round 11).
WITH_WORDS = Logistic({
    "bias": -0.2211, "phrases": 0.8898, "phrases_alone": 1.0, "words": 4.6077
})


# Fitted by scripts/fit_topic_model.py on blind sets 2-22 and the project set's tune split (docs/design/tagging.md).
MODEL = Logistic({
    "bias": -1.9516, "countries": 0.9575, "ecosystem": 0.5707, "kind:agreement:digitalisation": -1.7208,
    "kind:agreement:economy": -0.9467, "kind:agreement:events": -2.3276, "kind:agreement:funding": -0.4755,
    "kind:agreement:infrastructure": -1.0087, "kind:agreement:innovation": -1.7622,
    "kind:agreement:internationalisation": 0.068, "kind:agreement:networks": 1.1541,
    "kind:agreement:policy": 0.2616, "kind:agreement:skills": -1.0761, "kind:agreement:sustainability": -0.8316,
    "kind:announcement:digitalisation": -0.7859, "kind:announcement:economy": -0.5522,
    "kind:announcement:events": 0.6944, "kind:announcement:funding": -0.391,
    "kind:announcement:infrastructure": -0.3257, "kind:announcement:innovation": -0.7074,
    "kind:announcement:internationalisation": 0.4551, "kind:announcement:networks": -0.4519,
    "kind:announcement:policy": 0.1128, "kind:announcement:skills": -0.2476,
    "kind:announcement:sustainability": -1.292, "kind:appointment:digitalisation": -0.1789,
    "kind:appointment:economy": -0.5958, "kind:appointment:events": 0.3584, "kind:appointment:funding": -0.112,
    "kind:appointment:infrastructure": -0.0076, "kind:appointment:innovation": 0.2438,
    "kind:appointment:internationalisation": -0.7425, "kind:appointment:networks": 0.8402,
    "kind:appointment:policy": 0.8039, "kind:appointment:skills": 1.248,
    "kind:appointment:sustainability": -0.1296, "kind:call:digitalisation": -0.3542, "kind:call:economy": -0.827,
    "kind:call:events": -1.4227, "kind:call:funding": 1.5143, "kind:call:infrastructure": -0.3608,
    "kind:call:innovation": -1.1024, "kind:call:internationalisation": 0.3177, "kind:call:networks": -1.0668,
    "kind:call:policy": 0.0214, "kind:call:skills": -0.1231, "kind:call:sustainability": -1.5065,
    "kind:launch:digitalisation": 0.2636, "kind:launch:economy": -0.8001, "kind:launch:events": -1.5374,
    "kind:launch:funding": 0.5717, "kind:launch:infrastructure": -0.7969, "kind:launch:innovation": 0.8274,
    "kind:launch:internationalisation": -1.465, "kind:launch:networks": 0.2831, "kind:launch:policy": -0.0266,
    "kind:launch:skills": 1.0509, "kind:launch:sustainability": 0.7644, "kind:report:digitalisation": 0.4059,
    "kind:report:economy": -0.6245, "kind:report:events": -0.1203, "kind:report:funding": -0.4986,
    "kind:report:infrastructure": -0.3153, "kind:report:innovation": -0.595,
    "kind:report:internationalisation": 0.928, "kind:report:networks": -0.1636, "kind:report:policy": 0.3604,
    "kind:report:skills": -0.4241, "kind:report:sustainability": 0.3274, "kind:result:digitalisation": -0.2741,
    "kind:result:economy": -0.8672, "kind:result:events": 0.9881, "kind:result:funding": 0.7844,
    "kind:result:infrastructure": -0.8989, "kind:result:innovation": 1.0657,
    "kind:result:internationalisation": -0.5268, "kind:result:networks": 1.105, "kind:result:policy": 0.834,
    "kind:result:skills": -0.6161, "kind:result:sustainability": -0.5501, "lead_strong": 0.4648,
    "log_body_hits": 0.1988, "log_body_strong": 0.2933, "log_body_weak": 1.2501, "log_words": -2.4572,
    "rank0": 1.0484, "rank1": 0.5183, "rank2": -0.3003, "rank3": -1.2664, "share": 1.1852, "third_country": 1.9999,
    "title_strong": 0.7704, "title_weak": 0.3194, "topic:aerospace-defence": 0.4472, "topic:agri-food": 0.3327,
    "topic:construction": 0.1486, "topic:creative-cultural": 0.1155, "topic:digital": -0.8361,
    "topic:digitalisation": -0.5501, "topic:economy": -1.0319, "topic:electronics": 0.1786,
    "topic:energy-intensive": 1.1734, "topic:events": 1.1143, "topic:funding": -0.4999, "topic:health": -0.3513,
    "topic:infrastructure": 0.297, "topic:innovation": -0.0416, "topic:internationalisation": -0.1701,
    "topic:mobility": -0.8433, "topic:networks": -0.6403, "topic:policy": 0.3272,
    "topic:proximity-social-economy": 0.7873, "topic:renewable-energy": -0.8339, "topic:retail": -0.0186,
    "topic:skills": 0.1427, "topic:sustainability": 0.8623, "topic:textile": -0.4629, "topic:tourism": 0.353,
    "weak_only": 0.0128
})
