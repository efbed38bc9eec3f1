"""`clusterfeeds eval dedup FILE.jsonl`: labelled items through the real pipeline, scored.

Items are normalised and stored source by source (one batch per platform, like a collect
run) with story assignment into a throw-away SQLite store; the stories they end up in are
compared pairwise with the labels.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from feeds.cli.base import Context, fail
from feeds.cli.eval import eval_group
from feeds.config import SourceConfig
from feeds.process import NormaliseOptions, normalise
from feeds.process.dedup.evaluation import LabelError, LabelledItem, pair_scores, parse_labelled
from feeds.settings import Settings
from feeds.store import Store


def assign_stories(settings: Settings, labelled: Sequence[LabelledItem], database_url: str,
                   seed: int | None = None) -> dict[str, str]:
    """Store `labelled` with deduplication into `database_url`; item id -> story entry id.

    With `seed`, the platforms are collected in a shuffled order and each batch is shuffled.
    """
    from feeds.runner import build_deduplicator

    platforms = list(dict.fromkeys(item.platform for item in labelled))
    order = random.Random(seed)
    if seed is not None:
        order.shuffle(platforms)
    configs = {name: SourceConfig(id=name, name=name, kind="feed", url=f"https://{name}.invalid/feed")
               for name in platforms}
    options = NormaliseOptions(summary_length=settings.summary_length, languages=settings.languages)
    dated = [item.raw.published for item in labelled if item.raw.published]
    now = max(dated, default=datetime.now(UTC)) + timedelta(days=1)
    keys: dict[str, tuple[str, str]] = {}
    store = Store.open(database_url)
    try:
        store.sync_sources(configs.values())
        dedup = build_deduplicator(settings)
        for platform in platforms:
            members = [item for item in labelled if item.platform == platform]
            if seed is not None:
                order.shuffle(members)
            batch = [normalise(item.raw, configs[platform], options, now) for item in members]
            for item, normalised in zip(members, batch, strict=True):
                if (platform, normalised.key) in keys.values():
                    raise LabelError(f"item {item.id!r} has the URL of another {platform} item: {normalised.key}")
                keys[item.id] = (platform, normalised.key)
            store.save_items(platform, batch, now, settings.entry_id_authority, dedup=dedup)
        stories = store.item_stories()
    finally:
        store.close()
    return {item_id: stories[key] for item_id, key in keys.items()}


def evaluate(settings: Settings, labelled: Sequence[LabelledItem], seed: int | None = None) -> dict[str, Any]:
    """Pairwise precision, recall and F1, overall and for cross-language pairs, as a JSON-able dict."""
    with tempfile.TemporaryDirectory(prefix="clusterfeeds-eval-") as folder:
        predicted = assign_stories(settings, labelled, f"sqlite:///{Path(folder) / 'eval.db'}", seed)
    return {
        "items": len(labelled),
        "groups": len({item.dup_group for item in labelled if item.dup_group}),
        "stories": len(set(predicted.values())),
        "overall": pair_scores(labelled, predicted).as_dict(),
        "cross_language": pair_scores(labelled, predicted, cross_language=True).as_dict(),
    }


@eval_group.command("dedup")
@click.argument("labelled_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--seed", type=int, default=None, help="Collect platforms and items in a shuffled order.")
@click.pass_obj
def eval_dedup(obj: Context, labelled_file: Path, seed: int | None) -> None:
    """Run labelled items (JSONL) through normalise + dedup + store; print pairwise scores as JSON."""
    try:
        labelled = parse_labelled(labelled_file.read_text(encoding="utf-8").splitlines())
    except (LabelError, UnicodeDecodeError) as exc:
        fail(f"{labelled_file}: {exc}")
    json.dump(evaluate(obj.settings, labelled, seed), sys.stdout, indent=2)
    sys.stdout.write("\n")
