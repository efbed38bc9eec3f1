"""Topic words: counts over labelled items, a text's centred score per topic, and how the tagger weighs
it beside the phrase model (feeds/process/tagging/topic_words.py, topic_model.combined)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from feeds.config.taxonomy import load_taxonomy
from feeds.process.logistic import Logistic, fit
from feeds.process.tagging import Tagger, topic_model, topic_words
from feeds.process.tagging.gazetteer import tokenize
from tests.support.paths import CONFIG

CALL = frozenset({"deadline", "applicant", "submit", "proposal", "grant", "cluster"})
FAIR = frozenset({"stand", "visitor", "hall", "exhibitor", "fair", "cluster"})


def _counts(repeat: int = 4) -> topic_words.Counts:
    documents = [(CALL, frozenset({"funding"})), (FAIR, frozenset({"events"}))] * repeat
    return topic_words.Counts.of(documents)


def test_counts_keep_words_of_enough_items_and_survive_json() -> None:
    counts = topic_words.Counts.of([(CALL, frozenset({"funding"}))] * topic_words.MIN_DOCUMENTS
                                   + [(frozenset({"once"}), frozenset({"events"}))])
    assert "once" not in counts.words
    assert counts.words["deadline"] == (topic_words.MIN_DOCUMENTS, {"funding": topic_words.MIN_DOCUMENTS})
    assert topic_words.Counts.from_data(counts.to_data()) == counts


def test_words_of_a_topic_score_above_those_of_another() -> None:
    words = topic_words.TopicWords(_counts()).centre([(CALL, ["funding", "events"]), (FAIR, ["funding", "events"])])
    many_call_words = CALL | {f"w{i}" for i in range(50)}
    scores = words.scores(CALL, ["funding", "events"])
    assert scores["funding"][0] > 0 > scores["events"][0]
    # unknown words neither add nor reach
    assert words.scores(many_call_words, ["funding", "events"]) == scores


def test_a_topic_the_counts_do_not_know_and_a_text_with_no_known_word_score_zero() -> None:
    words = topic_words.TopicWords(_counts()).centre([(CALL, ["funding"]), (FAIR, ["events"])])
    assert words.scores(CALL, ["quantum"]) == {"quantum": (0.0, 0.0)}
    assert words.scores(frozenset({"unheard", "of"}), ["funding"]) == {"funding": (0.0, 0.0)}


def test_few_known_words_weigh_less() -> None:
    big = {f"call{i}" for i in range(topic_words.FULL_WORDS)}
    documents = [(frozenset(big), frozenset({"funding"})), (FAIR, frozenset({"events"}))] * 4
    words = topic_words.TopicWords(topic_words.Counts.of(documents)).centre(
        [(frozenset(big), ["funding"]), (FAIR, ["funding"])])
    full, full_reach = words.scores(frozenset(big), ["funding"])["funding"]
    short, short_reach = words.scores(frozenset(sorted(big)[:4]), ["funding"])["funding"]
    assert full > 0
    assert (full_reach, short_reach) == (1.0, pytest.approx(4 / topic_words.FULL_WORDS))
    assert short == pytest.approx(full * short_reach * short_reach, abs=1e-3)


def test_words_are_lemmas_of_title_and_beginning() -> None:
    body = "Die Bewerber reichen ihre Anträge ein. " + "Füllwort " * topic_words.LEAD_WORDS + "Spätwort"
    found = topic_words.words_of(tokenize("Förderaufruf für Cluster"), tokenize(body), "de")
    assert {"bewerber", "antrag", "förderaufruf"} <= found
    assert "spätwort" not in found  # beyond the first LEAD_WORDS words of the body


def test_words_that_reach_nothing_leave_the_phrase_probability() -> None:
    model = Logistic({"bias": -0.8, "phrases": 0.7, "phrases_alone": 1.0, "words": 3.0})
    assert topic_model.combined(0.7, 0.0, 0.0, model) == pytest.approx(0.7)
    assert topic_model.combined(0.4, 0.5, 1.0, model) > 0.5 > topic_model.combined(0.6, -0.5, 1.0, model)
    half_way = topic_model.combined(0.7, 0.0, 0.5, model)
    assert topic_model.combined(0.7, 0.0, 1.0, model) < half_way < 0.7


def test_the_packaged_words_keep_a_short_texts_topics_and_an_operators_topic() -> None:
    """What the packaged model does with texts too short for the words to say much: as without them."""
    with_words = Tagger(load_taxonomy(CONFIG))
    without = Tagger(load_taxonomy(CONFIG), words=False)
    if with_words.words is None:
        pytest.fail("topic_words.json is not packaged")
    for title, text, language in [
        ("Weintourismus im Rheingau", "Der Cluster stellt neue Angebote für Gäste vor.", "de"),
        ("Textile recycling pilot", "The cluster opens a textile recycling pilot line.", "en"),
    ]:
        keep = {tag.code for tag in without.tag(title, text, language) if tag.kind == "topic" and tag.confidence >= 0.5}
        got = {tag.code for tag in with_words.tag(title, text, language)
               if tag.kind == "topic" and tag.confidence >= 0.5}
        assert keep, title
        assert keep <= got, (title, keep, got)


def test_a_fixed_input_keeps_its_weight_and_the_fit_works_around_it() -> None:
    # labels follow the offset exactly: the free inputs have nothing left to explain
    rows = [{"bias": 1.0, "prior": z, "other": float(i % 2)} for i, z in enumerate([-3.0, -1.0, 1.0, 3.0] * 25)]
    labels = [z > 0 for z in [-3.0, -1.0, 1.0, 3.0] * 25]
    weights = fit(rows, labels, l2=1.0, fixed={"prior": 1.0})
    assert weights["prior"] == 1.0
    free = fit(rows, labels, l2=1.0)
    assert free["prior"] > 1.0  # unconstrained, the separable prior's weight grows


def test_saved_words_load_as_they_were(tmp_path: Path) -> None:
    words = topic_words.TopicWords(_counts()).centre([(CALL, ["funding"]), (FAIR, ["events"])])
    topic_words.save(words, tmp_path / "words.json")
    loaded = topic_words.load(tmp_path / "words.json")
    assert loaded.counts == words.counts
    assert loaded.scores(CALL, ["funding", "events"]) == words.scores(CALL, ["funding", "events"])


def test_the_packaged_scores_are_the_mean_of_the_odds_in_reading_order() -> None:
    """Scores read the odds of a text's known words in one call per topic: the very floats of a sum in order."""
    words = topic_words.default()
    assert words is not None
    rng = random.Random(5)
    vocabulary = sorted(words.counts.words)
    slugs = [*sorted(words.counts.topics), "no-such-topic"]
    for size in (0, 1, 2, 3, 17, 60, 200):
        for _ in range(20):
            found = frozenset(rng.sample(vocabulary, size) + [f"unknown{i}" for i in range(rng.randint(0, 3))])
            known = [word for word in found if word in words.counts.words]
            reach = min(1.0, len(known) / topic_words.FULL_WORDS)
            expected = {}
            for slug in slugs:
                odds = [words._odds[slug][word] for word in known] if slug in words._odds else []
                expected[slug] = (0.0, 0.0) if not odds else (
                    round(reach * reach * (sum(odds) / len(odds) - words._centre.get(slug, 0.0)), 4), round(reach, 4))
            assert words.scores(found, slugs) == expected
