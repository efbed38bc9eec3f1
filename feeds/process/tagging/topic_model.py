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
    "bias": -0.1874, "phrases": 0.8909, "phrases_alone": 1.0, "words": 4.5892
})


# Fitted by scripts/fit_topic_model.py on blind sets 2-20 and the project set's tune split (docs/design/tagging.md).
MODEL = Logistic({
    "bias": -1.9521, "countries": 0.9856, "ecosystem": 0.5519, "kind:agreement:digitalisation": -1.4902,
    "kind:agreement:economy": -0.9247, "kind:agreement:events": -2.261, "kind:agreement:funding": -0.3198,
    "kind:agreement:infrastructure": -0.9828, "kind:agreement:innovation": -1.6593,
    "kind:agreement:internationalisation": -0.0044, "kind:agreement:networks": 1.279,
    "kind:agreement:policy": 0.009, "kind:agreement:skills": -1.0776, "kind:agreement:sustainability": -0.8229,
    "kind:announcement:digitalisation": -0.7832, "kind:announcement:economy": -0.5266,
    "kind:announcement:events": 0.6549, "kind:announcement:funding": -0.3907,
    "kind:announcement:infrastructure": -0.3051, "kind:announcement:innovation": -0.6685,
    "kind:announcement:internationalisation": 0.5113, "kind:announcement:networks": -0.5495,
    "kind:announcement:policy": 0.274, "kind:announcement:skills": -0.505,
    "kind:announcement:sustainability": -0.8844, "kind:appointment:digitalisation": -0.1839,
    "kind:appointment:economy": -0.5992, "kind:appointment:events": 0.3734, "kind:appointment:funding": -0.1195,
    "kind:appointment:infrastructure": -0.008, "kind:appointment:innovation": 0.2282,
    "kind:appointment:internationalisation": -0.7573, "kind:appointment:networks": 0.8368,
    "kind:appointment:policy": 0.8016, "kind:appointment:skills": 1.2329,
    "kind:appointment:sustainability": -0.1321, "kind:call:digitalisation": -0.5067, "kind:call:economy": -0.6353,
    "kind:call:events": -1.3395, "kind:call:funding": 1.4289, "kind:call:infrastructure": -0.2854,
    "kind:call:innovation": -1.0806, "kind:call:internationalisation": 0.2622, "kind:call:networks": -0.9863,
    "kind:call:policy": 0.0772, "kind:call:skills": -0.3464, "kind:call:sustainability": -1.5788,
    "kind:launch:digitalisation": 0.289, "kind:launch:economy": -1.1146, "kind:launch:events": -1.5201,
    "kind:launch:funding": 0.532, "kind:launch:infrastructure": -0.7409, "kind:launch:innovation": 0.8338,
    "kind:launch:internationalisation": -1.2852, "kind:launch:networks": 0.2009, "kind:launch:policy": -0.009,
    "kind:launch:skills": 1.0259, "kind:launch:sustainability": 0.7592, "kind:report:digitalisation": 0.4694,
    "kind:report:economy": -0.6313, "kind:report:events": 0.0899, "kind:report:funding": -0.4998,
    "kind:report:infrastructure": -0.2954, "kind:report:innovation": -0.8982,
    "kind:report:internationalisation": 0.9572, "kind:report:networks": -0.1617, "kind:report:policy": 0.2763,
    "kind:report:skills": -0.4195, "kind:report:sustainability": 0.354, "kind:result:digitalisation": -0.1969,
    "kind:result:economy": -0.8317, "kind:result:events": 0.779, "kind:result:funding": 0.9292,
    "kind:result:infrastructure": -1.1715, "kind:result:innovation": 0.9532,
    "kind:result:internationalisation": -0.4756, "kind:result:networks": 1.1208, "kind:result:policy": 0.7501,
    "kind:result:skills": -0.1822, "kind:result:sustainability": -0.4756, "lead_strong": 0.4575,
    "log_body_hits": 0.28, "log_body_strong": 0.2431, "log_body_weak": 1.2426, "log_words": -2.4836,
    "rank0": 1.0627, "rank1": 0.4851, "rank2": -0.2852, "rank3": -1.2627, "share": 1.2057, "third_country": 1.8711,
    "title_strong": 0.7343, "title_weak": 0.3002, "topic:aerospace-defence": 0.4228, "topic:agri-food": 0.365,
    "topic:construction": 0.1884, "topic:creative-cultural": 0.0459, "topic:digital": -0.8374,
    "topic:digitalisation": -0.5508, "topic:economy": -1.0039, "topic:electronics": 0.1589,
    "topic:energy-intensive": 1.2041, "topic:events": 1.043, "topic:funding": -0.4439, "topic:health": -0.3455,
    "topic:infrastructure": 0.2805, "topic:innovation": -0.0474, "topic:internationalisation": -0.1608,
    "topic:mobility": -0.808, "topic:networks": -0.6357, "topic:policy": 0.3246,
    "topic:proximity-social-economy": 0.7742, "topic:renewable-energy": -0.8669, "topic:retail": -0.0155,
    "topic:skills": 0.1552, "topic:sustainability": 0.8552, "topic:textile": -0.4622, "topic:tourism": 0.3601,
    "weak_only": 0.0657
})
