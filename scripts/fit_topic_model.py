#!/usr/bin/env python3
"""Fit the topic model (feeds/process/tagging/topic_model.py MODEL) on labelled items.

Usage: .venv/bin/python scripts/fit_topic_model.py FILE.jsonl[:SALT|:tune] ... [--half A] [--l2 1.0]

Every labelled item is tagged by the real tagger's phrase rules; every topic they find in it is one
example: in the item's gold topics or not. Items with editor metadata ("Themen") are left out: their
topics come from the editor. A file with a salt contributes its half --half (feeds.process.labelled.half
of the item id); `:tune` takes the items whose `split` is "tune"; a bare file is used whole.
Prints the weights to paste into MODEL.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from feeds.config.taxonomy import load_taxonomy
from feeds.process.labelled import half
from feeds.process.logistic import fit
from feeds.process.tagging import Tagger
from feeds.process.tagging.evaluation import LabelledText, parse_labelled

ROOT = Path(__file__).resolve().parent.parent


def examples(tagger: Tagger, labelled: list[LabelledText]) -> tuple[list[dict[str, float]], list[bool]]:
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for item in labelled:
        found = tagger.topic_inputs(item.title, item.text, item.language, item.metadata)
        for slug, row in found.items():
            rows.append(row)
            labels.append(slug in item.gold["topic"])
    return rows, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--half", default="A", choices=("A", "B", "all"),
                        help="the half of each salted file to fit on; all: both (its B was measured already)")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--topic-l2", type=float, default=3.0, help="penalty of the per-topic offsets")
    args = parser.parse_args()
    tagger = Tagger(load_taxonomy(ROOT / "config"))
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for spec in args.files:
        path, _, selector = spec.partition(":")
        labelled = parse_labelled(Path(path).read_text(encoding="utf-8").splitlines())
        if selector == "tune":
            labelled = [item for item in labelled if item.split == "tune"]
        elif selector and args.half != "all":
            labelled = [item for item in labelled if half(item.id, selector) == args.half]
        file_rows, file_labels = examples(tagger, labelled)
        rows += file_rows
        labels += file_labels
        print(f"{path}: {len(labelled)} items, {len(file_rows)} found topics, {sum(file_labels)} right",
              file=sys.stderr)
    offsets = {name: args.topic_l2 for row in rows for name in row if name.startswith("topic:")}
    print(fit(rows, labels, args.l2, l2_of=offsets))


if __name__ == "__main__":
    main()
