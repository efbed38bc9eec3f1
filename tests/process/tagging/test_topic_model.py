"""The topic model's inputs (topic_model.py): what the fitted weights read."""

from __future__ import annotations

from feeds.process.tagging import topic_model
from feeds.process.tagging.topics import TopicEvidence

FOUND = {"internationalisation": TopicEvidence(title_strong=1, title_weak=0, lead_strong=1, body_strong=2,
                                               body_weak=1, body_strong_hits=3, score=4.0, confidence=0.8,
                                               words=150),
         "networks": TopicEvidence(title_strong=0, title_weak=0, lead_strong=1, body_strong=1, body_weak=0,
                                   body_strong_hits=1, score=2.0, confidence=0.5, words=150)}
CROSS_BORDER = frozenset({"internationalisation"})


def inputs(countries: set[str]) -> dict[str, dict[str, float]]:
    return topic_model.inputs_of(FOUND, frozenset(), countries, CROSS_BORDER)


def test_a_country_outside_the_union_is_third_country_evidence() -> None:
    """The guide's internationalisation is third-country cooperation: a partner in Chile counts, a
    partnership of two member states does not."""
    assert inputs({"fr", "cl"})["internationalisation"]["third_country"] == 1.0
    assert inputs({"fr", "de"})["internationalisation"]["third_country"] == 0.0
    assert inputs({"fr", "cl"})["internationalisation"]["countries"] == 2.0


def test_countries_count_only_for_cross_border_topics() -> None:
    found = inputs({"fr", "cl"})["networks"]
    assert found["countries"] == 0.0
    assert found["third_country"] == 0.0


def test_the_packaged_model_weighs_a_third_country_for_internationalisation() -> None:
    abroad = topic_model.probabilities(FOUND, frozenset(), {"fr", "cl"}, CROSS_BORDER)
    at_home = topic_model.probabilities(FOUND, frozenset(), {"fr", "de"}, CROSS_BORDER)
    assert abroad["internationalisation"] > at_home["internationalisation"]
    assert abroad["networks"] == at_home["networks"]
