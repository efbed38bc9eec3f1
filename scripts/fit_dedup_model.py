#!/usr/bin/env python3
"""Fit the deduplication model (feeds/process/dedup/scoring.py MODEL) on labelled pairs.

Usage: .venv/bin/python scripts/fit_dedup_model.py FILE.jsonl[:SALT] ... [--half A|B|all] [--l2 0.3]

Every labelled item goes through the real pipeline (normalise, fingerprint); every pair of items
that is neither an exact match nor refused by scoring.admissible (a series, a newsletter, too little
in common, one site in one language) is one example: same gold group or not. Only the half named by
--half of each salted file is used (feeds.process.labelled.half with the file's salt; a file without
a salt is used whole): fit on tuning data, never on a half that is still to be measured. Prints the
weights to paste into MODEL. The L2 penalty (0.3) was chosen by fitting on one half of blind set 2 and
scoring the other, both ways (docs/design/dedup.md).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from feeds.config import SourceConfig
from feeds.process import NormaliseOptions, normalise
from feeds.process.dedup import Fingerprint, fingerprint
from feeds.process.dedup.evaluation import LabelledItem, parse_labelled
from feeds.process.dedup.scoring import admissible, evidence, is_exact
from feeds.process.labelled import half
from feeds.process.logistic import fit
from feeds.runner import build_deduplicator
from feeds.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


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
    parser.add_argument("--l2", type=float, default=0.3)
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
    print(fit(rows, labels, args.l2))


if __name__ == "__main__":
    main()
