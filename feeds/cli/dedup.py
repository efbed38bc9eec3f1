"""`clusterfeeds eval dedup FILE.jsonl`: labelled items through the real pipeline, scored; `clusterfeeds
refingerprint`: the stored items' fingerprints computed again after an upgrade.

Items are normalised and stored source by source (one batch per platform, like a collect
run) with story assignment into a throw-away SQLite store; the stories they end up in are
compared pairwise with the labels.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from feeds.cli.base import Context, cli, fail
from feeds.cli.eval import eval_group
from feeds.config import SourceConfig
from feeds.process import NormaliseOptions, normalise
from feeds.process.dedup import Deduplicator
from feeds.process.dedup.evaluation import LabelledItem, pair_scores, parse_labelled
from feeds.process.labelled import LabelError
from feeds.process.labelled import half as split_half
from feeds.settings import Settings
from feeds.store import Store


def assign_stories(settings: Settings, labelled: Sequence[LabelledItem], database_url: str,
                   seed: int | None = None, dedup: Deduplicator | None = None) -> dict[str, str]:
    """Store `labelled` with deduplication into `database_url`; item id -> story entry id.

    With `seed`, the platforms are collected in a shuffled order and each batch is shuffled. `dedup`
    replaces the configured deduplicator (a refitted model under cross-validation).
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
        store.sources.sync(configs.values())
        dedup = dedup or build_deduplicator(settings)
        for platform in platforms:
            members = [item for item in labelled if item.platform == platform]
            if seed is not None:
                order.shuffle(members)
            batch = []
            for item in members:
                normalised = normalise(item.raw, configs[platform], options, now)
                # a print view or a tracking variant of a page is the same page: one item, as in a collect
                if (platform, normalised.key) not in keys.values():
                    batch.append(normalised)
                keys[item.id] = (platform, normalised.key)
            store.items.save(platform, batch, now, settings.entry_id_authority, dedup=dedup)
        stories = store.items.stories_of_items()
    finally:
        store.close()
    return {item_id: stories[key] for item_id, key in keys.items()}


def evaluate(settings: Settings, labelled: Sequence[LabelledItem], seed: int | None = None,
             dedup: Deduplicator | None = None) -> dict[str, Any]:
    """Pairwise precision, recall and F1, overall and for cross-language pairs, the largest predicted
    story and every predicted story that mixes items of several gold stories, as a JSON-able dict."""
    with tempfile.TemporaryDirectory(prefix="clusterfeeds-eval-") as folder:
        predicted = assign_stories(settings, labelled, f"sqlite:///{Path(folder) / 'eval.db'}", seed, dedup)
    return {
        "items": len(labelled),
        "groups": len({item.dup_group for item in labelled if item.dup_group}),
        "stories": len(set(predicted.values())),
        "overall": pair_scores(labelled, predicted).as_dict(),
        "cross_language": pair_scores(labelled, predicted, cross_language=True).as_dict(),
        **story_shapes(labelled, predicted),
    }


def story_shapes(labelled: Sequence[LabelledItem], predicted: dict[str, str]) -> dict[str, Any]:
    """The largest predicted story, and the predicted stories whose members come from more than one
    gold story (a gold group, or an item without one): `chains` join two or more gold groups."""
    members: dict[str, list[LabelledItem]] = {}
    for item in sorted(labelled, key=lambda item: item.id):
        members.setdefault(predicted[item.id], []).append(item)

    def shape(story: list[LabelledItem]) -> dict[str, Any]:
        return {"size": len(story), "items": [item.id for item in story],
                "gold": sorted({item.dup_group or f"(alone) {item.id}" for item in story})}

    largest = max(members.values(), key=lambda story: (len(story), story[0].id))
    mixed = [shape(story) for story in members.values() if len({item.dup_group or item.id for item in story}) > 1]
    chains = [story for story in mixed if sum(not name.startswith("(alone)") for name in story["gold"]) > 1]
    return {"largest_story": shape(largest), "mixed_stories": mixed, "chains": len(chains)}


@eval_group.command("dedup")
@click.argument("labelled_files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--seed", type=int, default=None, help="Collect platforms and items in a shuffled order.")
@click.option("--half", type=click.Choice(["A", "B"]), default=None,
              help="Only one half of each file, split by a hash of the group (blind protocol).")
@click.option("--salt", default="0", show_default=True, help="Salt of the half split.")
@click.pass_obj
def eval_dedup(obj: Context, labelled_files: tuple[Path, ...], seed: int | None, half: str | None,
               salt: str) -> None:
    """Run labelled items (JSONL, one or more files, each scored on its own) through normalise + dedup +
    store; print pairwise scores, the largest story and the mixed stories as JSON."""
    reports = {}
    for path in labelled_files:
        try:
            labelled = parse_labelled(path.read_text(encoding="utf-8").splitlines())
        except (LabelError, UnicodeDecodeError) as exc:
            fail(f"{path}: {exc}")
        if half:
            labelled = [item for item in labelled if split_half(item.dup_group or item.id, salt) == half]
        reports[str(path)] = evaluate(obj.settings, labelled, seed)
    json.dump(reports if len(reports) > 1 else next(iter(reports.values())), sys.stdout, indent=2)
    sys.stdout.write("\n")


@cli.command()
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=500, show_default=True,
              help="Items read, fingerprinted and written per transaction.")
@click.pass_obj
def refingerprint(obj: Context, batch_size: int) -> None:
    """Recompute the deduplication fingerprints of all stored items (after an upgrade or a taxonomy change
    altered how items are compared). Stories are kept; later items are compared with the new fingerprints."""
    from feeds.runner import refingerprint_stories

    store = obj.store()
    started = time.monotonic()

    def progress(done: int, total: int, changed: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-6)
        click.echo(f"refingerprint: {done}/{total} items, {changed} changed, {rate:.0f} items/s", err=True)

    done, changed = refingerprint_stories(store, obj.settings, batch_size, progress)
    click.echo(f"refingerprinted {done} items, {changed} with a changed fingerprint")
