#!/usr/bin/env python3
"""Fit the deduplication model (feeds/process/dedup/pair_model.json, scoring.MODEL) on labelled pairs.

Usage: .venv/bin/python scripts/fit_dedup_model.py FILE.jsonl[:SALT] ... [--half A|B|all] [--write]
       [--logistic [--l2 0.3]]

Every labelled item goes through the real pipeline (normalise, fingerprint); every pair of items
that is neither an exact match nor refused by scoring.admissible (a series, a newsletter, too little
in common, one site in one language) is one example: same gold group or not. Only the half named by
--half of each salted file is used (feeds.process.labelled.half with the file's salt; a file without
a salt is used whole): fit on tuning data, never on a half that is still to be measured. Prints the
model as JSON, or with --write replaces feeds/process/dedup/pair_model.json with it. A refit is byte-identical
under one PYTHONHASHSEED (e.g. 0): some evidence sums weights over sets, whose order, and so the last bit of the
sum, follows the string hash seed.

The model is boosted trees (feeds.process.trees, round 21) with the settings in `fit_model`, chosen by
leave-one-set-out cross-validation (scripts/crossvalidate_dedup.py, docs/design/dedup.md). --logistic fits
the logistic model of rounds 1-20 instead (its L2 penalty 0.3 chosen on blind set 2's halves), for comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from feeds.config import SourceConfig
from feeds.process import NormaliseOptions, normalise
from feeds.process.dedup import Fingerprint, fingerprint
from feeds.process.dedup.evaluation import LabelledItem, parse_labelled
from feeds.process.dedup.scoring import MODEL_PATH, admissible, evidence, is_exact
from feeds.process.labelled import half
from feeds.process.logistic import Logistic, fit
from feeds.process.trees import Trees, fit_trees
from feeds.runner import build_deduplicator
from feeds.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def fit_model(rows: list[dict[str, float]], labels: list[bool], logistic_l2: float | None = None) -> Trees | Logistic:
    """The pairwise model fitted on `rows`: boosted trees, or with `logistic_l2` the logistic model."""
    if logistic_l2 is not None:
        return Logistic(fit(rows, labels, logistic_l2))
    # 150 trees of two levels, each leaf at least 5 pairs' worth of curvature, L2 penalty 5, learning rate 0.15:
    # leave-one-set-out over sets 2-44 (round 24) against 60 trees of three levels (rounds 21-23: 2,802 right pairs,
    # 83 wrong, 17 chains against 2,816, 77 and 16) and 100 and 200 trees of two levels (2,800/74/14, 2,825/83/17);
    # L2 and leaf weight 1 and 10 lost to 5 over sets 2-38 (round 21).
    return fit_trees(rows, labels, rounds=150, depth=2, rate=0.15, l2=5.0, min_weight=5.0)


def fingerprints(labelled: list[LabelledItem]) -> list[Fingerprint]:
    """The fingerprints the service would store for `labelled`, collected the day after the last date."""
    settings = Settings(config_dir=ROOT / "config")
    dedup = build_deduplicator(settings)
    options = NormaliseOptions(summary_length=settings.summary_length, languages=settings.languages)
    dated = [item.raw.published for item in labelled if item.raw.published]
    now = max(dated, default=datetime.now(UTC)) + timedelta(days=1)
    prints = []
    for item in labelled:
        source = SourceConfig(id=item.platform, name=item.platform, kind="feed", url=f"https://{item.platform}.invalid/")
        prints.append(fingerprint(normalise(item.raw, source, options, now), dedup.fingerprint_options))
    return prints


def examples(labelled: list[LabelledItem]) -> tuple[list[dict[str, float]], list[bool]]:
    rows, labels = [], []
    for (a, pa), (b, pb) in combinations(zip(labelled, fingerprints(labelled), strict=True), 2):
        found = evidence(pa, pb)
        if is_exact(pa, pb) or not admissible(pa, pb, found):
            continue  # decided without the model
        rows.append(found.inputs())
        labels.append(a.dup_group is not None and a.dup_group == b.dup_group)
    return rows, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("files", nargs="+", help="labelled JSONL files, each optionally FILE:SALT")
    parser.add_argument("--half", default="A", choices=("A", "B", "all"),
                        help="the half of each salted file to fit on; all: both (its B was measured already)")
    parser.add_argument("--logistic", action="store_true", help="the logistic model of rounds 1-20 instead")
    parser.add_argument("--l2", type=float, default=0.3, help="the logistic model's L2 penalty")
    parser.add_argument("--write", action="store_true", help=f"replace {MODEL_PATH.relative_to(ROOT)}")
    args = parser.parse_args()
    rows: list[dict[str, float]] = []
    labels: list[bool] = []
    for spec in args.files:
        path, _, salt = spec.partition(":")
        labelled = parse_labelled(Path(path).read_text(encoding="utf-8").splitlines())
        if salt and args.half != "all":
            labelled = [item for item in labelled if half(item.dup_group or item.id, salt) == args.half]
        file_rows, file_labels = examples(labelled)
        rows += file_rows
        labels += file_labels
        print(f"{path}: {len(labelled)} items, {len(file_labels)} pairs, {sum(file_labels)} same story",
              file=sys.stderr)
    model = fit_model(rows, labels, args.l2 if args.logistic else None)
    if isinstance(model, Logistic):
        print(dict(model.weights))
    elif args.write:
        MODEL_PATH.write_text(json.dumps(model.dump(), separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}: {len(model.trees)} trees over {len(model.inputs)} inputs",
              file=sys.stderr)
    else:
        print(json.dumps(model.dump()))


if __name__ == "__main__":
    main()
