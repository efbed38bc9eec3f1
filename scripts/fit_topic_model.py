#!/usr/bin/env python3
"""Fit the topic model on labelled items: the phrase model (topic_model.py MODEL), the topic-word
counts (topic_words.json) and the weights that combine the two (topic_model.py WITH_WORDS).

Usage: .venv/bin/python scripts/fit_topic_model.py FILE.jsonl[:tune] ... [--l2 1.0] [--write]
                                                   [--crossvalidate [--shift 0 0.2 ...]]

Every labelled item is tagged by the real tagger's phrase rules; every topic they find in it is one
example: in the item's gold topics or not. Items with editor topics ("Themen") give no examples (their
topics come from the editor) but their words are counted. `:tune` takes a file's items whose `split` is
"tune". The combining weights are fitted on cross-fitted inputs: each file's phrase probabilities and
word scores come from a phrase model and counts fitted on the other files, as a text the service meets
is one the model and counts never saw.

Prints the MODEL and WITH_WORDS weights to paste into topic_model.py; --write also writes the counts.
--crossvalidate instead measures, leaving each file out in turn (and fitting everything, cross-fitting
included, on the rest), topic P/R/F1 with and without the words, per file and pooled; --shift also
measures the combining weights with their bias moved by each value (how the decision threshold is chosen).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from feeds.config.taxonomy import load_taxonomy
from feeds.process.logistic import Logistic, fit
from feeds.process.tagging import Tagger, topic_model, topic_words
from feeds.process.tagging.evaluation import LabelledText, parse_labelled, scores
from feeds.process.tagging.gazetteer import tokenize

ROOT = Path(__file__).resolve().parent.parent
THRESHOLD = 0.5


@dataclass(frozen=True)
class Example:
    item: LabelledText
    rows: dict[str, dict[str, float]]  # found topic -> phrase model inputs
    words: frozenset[str]


def examples(tagger: Tagger, labelled: list[LabelledText]) -> list[Example]:
    found = []
    for item in labelled:
        title, text = tagger.boilerplate.strip(item.title), tagger.boilerplate.strip(item.text)
        found.append(Example(item, tagger.topic_inputs(item.title, item.text, item.language, item.metadata),
                             topic_words.words_of(tokenize(title), tokenize(text), item.language)))
    return found


def fit_phrases(files: list[list[Example]], l2: float, topic_l2: float) -> Logistic:
    rows = [row for examples_ in files for example in examples_ for row in example.rows.values()]
    labels = [slug in example.item.gold["topic"] for examples_ in files for example in examples_
              for slug in example.rows]
    offsets = {name: topic_l2 for row in rows for name in row if name.startswith("topic:")}
    return Logistic(fit(rows, labels, l2, l2_of=offsets))


def fit_words(files: list[list[Example]]) -> topic_words.TopicWords:
    counted = [(example.words, example.item.gold["topic"]) for examples_ in files for example in examples_]
    return topic_words.TopicWords(topic_words.Counts.of(counted)).centre(
        (example.words, example.rows) for examples_ in files for example in examples_)


def fit_with_words(files: list[list[Example]], l2: float, topic_l2: float) -> Logistic:
    """The combining weights, on each file's inputs from a phrase model and counts fitted without it."""
    rows, labels = [], []
    for index, held_out in enumerate(files):
        rest = files[:index] + files[index + 1:]
        model, words = fit_phrases(rest, l2, topic_l2), fit_words(rest)
        for example in held_out:
            scores_ = words.scores(example.words, example.rows)
            for slug, row in example.rows.items():
                rows.append(topic_model.combined_inputs(model.probability(row), *scores_[slug]))
                labels.append(slug in example.item.gold["topic"])
    return Logistic(fit(rows, labels, l2=0.1, fixed={"phrases_alone": 1.0}))


def topic_figures(tagger: Tagger, items: list[LabelledText]) -> dict[str, float | int]:
    predicted = {item.id: tagger.tag(item.title, item.text, item.language, item.metadata, item.categories)
                 for item in items}
    micro = scores(items, predicted, THRESHOLD)["topic"]["micro"]
    return {name: micro[name] for name in ("precision", "recall", "f1", "tp", "fp", "fn")}


def shifted(model: Logistic, shift: float) -> Logistic:
    return Logistic({**model.weights, "bias": model.weights["bias"] + shift})


def crossvalidate(taxonomy_tagger: Tagger, files: list[list[Example]], names: list[str], l2: float,
                  topic_l2: float, shifts: list[float]) -> None:
    pooled: dict[str, list[int]] = {}
    for index, held_out in enumerate(files):
        rest = files[:index] + files[index + 1:]
        model = fit_phrases(rest, l2, topic_l2)
        words, with_words = fit_words(rest), fit_with_words(rest, l2, topic_l2)
        items = [example.item for example in held_out]
        line = [names[index]]
        taggers = [("without", Tagger(taxonomy_tagger.taxonomy, model=model, words=False))]
        taggers += [(f"with{shift:+}" if shift else "with", Tagger(taxonomy_tagger.taxonomy, model=model, words=words,
                                                                  with_words=shifted(with_words, shift)))
                    for shift in shifts]
        for label, tagger in taggers:
            figures = topic_figures(tagger, items)
            pooled[label] = [a + int(b) for a, b in zip(pooled.get(label, [0, 0, 0]),
                                                        (figures["tp"], figures["fp"], figures["fn"]), strict=True)]
            line.append(f"{label}: P {figures['precision']:.3f} R {figures['recall']:.3f} F1 {figures['f1']:.3f}")
        print("  ".join(line), f"  weights {dict(with_words.weights)}", flush=True)
    for label, (tp, fp, fn) in pooled.items():
        precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        print(f"pooled {label}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--topic-l2", type=float, default=3.0, help="penalty of the per-topic offsets")
    parser.add_argument("--write", action="store_true", help=f"write the counts to {topic_words.PATH}")
    parser.add_argument("--crossvalidate", action="store_true")
    parser.add_argument("--shift", type=float, nargs="*", default=[0.0],
                        help="with --crossvalidate: also measure the combining weights' bias moved by these")
    args = parser.parse_args()
    tagger = Tagger(load_taxonomy(ROOT / "config"), words=False)
    files: list[list[Example]] = []
    names = []
    for spec in args.files:
        path, _, selector = spec.partition(":")
        labelled = parse_labelled(Path(path).read_text(encoding="utf-8").splitlines())
        if selector == "tune":
            labelled = [item for item in labelled if item.split == "tune"]
        files.append(examples(tagger, labelled))
        names.append(Path(path).stem)
        print(f"{path}: {len(labelled)} items, {sum(len(e.rows) for e in files[-1])} found topics",
              file=sys.stderr)
    if args.crossvalidate:
        crossvalidate(tagger, files, names, args.l2, args.topic_l2, args.shift)
        return
    print("MODEL =", dict(fit_phrases(files, args.l2, args.topic_l2).weights))
    print("WITH_WORDS =", dict(fit_with_words(files, args.l2, args.topic_l2).weights))
    if args.write:
        topic_words.save(fit_words(files))


if __name__ == "__main__":
    main()
