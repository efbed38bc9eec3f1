#!/usr/bin/env python3
"""Fit the country model (feeds/process/tagging/country_model.py MODEL) on labelled items.

Usage: .venv/bin/python scripts/fit_country_model.py FILE.jsonl[:tune] ... [--l2 1.0] [--crossvalidate]

Every country the rules find in a labelled item is one example: in the item's gold countries or not.
Items with editor countries ("Länder / Organisationen") give none (their countries come from the
editor). `:tune` takes a file's items whose `split` is "tune". Prints the weights to paste into MODEL;
--crossvalidate instead measures, leaving each file out in turn, country P/R/F1 of the rule alone (the
rule was tuned on these sets: an optimistic baseline) and of the model fitted on the other files.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from feeds.config.taxonomy import load_taxonomy
from feeds.process.logistic import Logistic, fit
from feeds.process.metadata import metadata_lines
from feeds.process.tagging import Tagger
from feeds.process.tagging.country_model import probability
from feeds.process.tagging.evaluation import Counts, parse_labelled
from feeds.process.tagging.gazetteer import tokenize

ROOT = Path(__file__).resolve().parent.parent
THRESHOLD = 0.5
Example = tuple[frozenset[str], dict[str, dict[str, float]]]  # gold countries, inputs per found country


def examples(tagger: Tagger, path: str) -> list[Example]:
    file, _, selector = path.partition(":")
    found = []
    for item in parse_labelled(Path(file).read_text(encoding="utf-8").splitlines()):
        if (selector == "tune" and item.split != "tune") or {**metadata_lines(item.text), **item.metadata}.get(
                "countries"):
            continue
        title, text = tagger.boilerplate.strip(item.title), tagger.boilerplate.strip(item.text)
        inputs = tagger.countries.inputs(tokenize(title), tokenize(text), item.language)
        found.append((item.gold["country"], {code: values for code, (_, values) in inputs.items()}))
    return found


def fitted(files: list[list[Example]], l2: float) -> Logistic:
    rows = [values for examples_ in files for _, found in examples_ for values in found.values()]
    labels = [code in gold for examples_ in files for gold, found in examples_ for code in found]
    return Logistic(fit(rows, labels, l2, fixed={"rule_alone": 1.0}))


def counted(examples_: list[Example], decide: Callable[[dict[str, float]], bool]) -> Counts:
    total = Counts()
    for gold, found in examples_:
        predicted = {code for code, values in found.items() if decide(values)}
        total += Counts(len(predicted & gold), len(predicted - gold), len(gold - predicted))
    return total


def decides(model: Logistic, values: dict[str, float]) -> bool:
    return probability(values, model) >= THRESHOLD


def crossvalidate(files: list[list[Example]], names: list[str], l2: float) -> None:
    pooled = {"rule": Counts(), "model": Counts()}
    rule_model = Logistic({"rule": 1.0, "rule_alone": 1.0})
    for index, held_out in enumerate(files):
        model = fitted(files[:index] + files[index + 1:], l2)
        line = [names[index]]
        for label, chosen in (("rule", rule_model), ("model", model)):
            counts = counted(held_out, partial(decides, chosen))
            pooled[label] += counts
            line.append(f"{label}: P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f}")
        print("  ".join(line), flush=True)
    for label, counts in pooled.items():
        print(f"pooled {label}: P {counts.precision:.3f} R {counts.recall:.3f} F1 {counts.f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--crossvalidate", action="store_true")
    args = parser.parse_args()
    tagger = Tagger(load_taxonomy(ROOT / "config"), words=False)
    files = [examples(tagger, spec) for spec in args.files]
    for spec, found in zip(args.files, files, strict=True):
        print(f"{spec}: {len(found)} items, {sum(len(f) for _, f in found)} found countries", file=sys.stderr)
    if args.crossvalidate:
        crossvalidate(files, [Path(spec.partition(":")[0]).stem for spec in args.files], args.l2)
        return
    print("MODEL =", dict(fitted(files, args.l2).weights))


if __name__ == "__main__":
    main()
