"""Tagging commands: `tag` (JSON lines in, JSON lines out), `eval tags FILE.jsonl`, `retag`."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

import click

from feeds.cli.base import Context, cli, fail
from feeds.cli.eval import eval_group
from feeds.config import ConfigError
from feeds.config.taxonomy import Taxonomy, load_taxonomy
from feeds.model import ItemMetadata, Tag, item_metadata
from feeds.process.labelled import LabelError
from feeds.process.labelled import half as split_half
from feeds.process.language import detect_language
from feeds.process.sanitize import html_to_text
from feeds.process.tagging import Tagger
from feeds.process.tagging.evaluation import parse_labelled, scores
from feeds.runner import prepare_reference, retag_stories


def build_tagger(obj: Context) -> Tagger:
    """The configured tagger, lemmatising with the compact tables under `reference_dir` (prepared here at first
    use), as a collect does: tagging before they are chosen loads simplemma's dicts for the rest of the process
    (~110 MB more; the lemmas are the same)."""
    prepare_reference(obj.settings.reference_dir)
    return Tagger(_taxonomy(obj))


def _taxonomy(obj: Context) -> Taxonomy:
    try:
        return load_taxonomy(obj.settings.config_dir)
    except ConfigError as exc:
        fail(str(exc))


def tag_record(tagger: Tagger, record: Mapping[str, Any], languages: tuple[str, ...],
               threshold: float) -> dict[str, Any]:
    """One `tag` input object (`title`, `summary`, `content`, optional `language`) -> its output."""
    title = str(record.get("title") or "")
    text = "\n".join(str(record.get(key) or "") for key in ("summary", "content") if record.get(key))
    if "<" in text:
        text = html_to_text(text)
    language = record.get("language") or detect_language(f"{title}. {text}", languages)
    metadata = record.get("metadata")
    categories = record.get("categories")
    metadata = item_metadata(metadata) if isinstance(metadata, dict) else ItemMetadata()
    categories = [str(c) for c in categories] if isinstance(categories, list) else []
    tags = tagger.tag(title, text, language, metadata, categories)
    result = {key: record[key] for key in ("id",) if key in record}
    result["language"] = language
    result["countries"] = [_tag_json(tag) for tag in tags if tag.kind == "country" and tag.confidence >= threshold]
    result["topics"] = [_tag_json(tag) for tag in tags if tag.kind == "topic" and tag.confidence >= threshold]
    return result


def _tag_json(tag: Tag) -> dict[str, Any]:
    return {"code": tag.code, "confidence": tag.confidence, "provenance": tag.provenance}


@cli.command("tag")
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--all", "everything", is_flag=True, help="Also print tags below the publishing threshold.")
@click.pass_obj
def tag_command(obj: Context, source: IO[str], everything: bool) -> None:
    """Tag JSON lines (`title`, `summary`, `content`, optional `language`) from SOURCE (default stdin).

    Prints one JSON line per input line with `language`, `countries` and `topics`, each tag
    with `code`, `confidence` and `provenance`. A line that is not a JSON object is reported
    on stderr with its number and skipped; the exit status is then 1.
    """
    tagger = build_tagger(obj)
    threshold = 0.0 if everything else obj.settings.tag_threshold
    bad = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("expected a JSON object")
        except ValueError as exc:
            click.echo(f"clusterfeeds: line {number}: {exc}", err=True)
            bad += 1
            continue
        click.echo(json.dumps(tag_record(tagger, record, obj.settings.languages, threshold), ensure_ascii=False))
    if bad:
        sys.exit(1)


@eval_group.command("tags")
@click.argument("labelled_files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--split", type=click.Choice(["all", "tune", "holdout"]), default="all",
              help="Score only the items of one split (the `split` field).")
@click.option("--half", type=click.Choice(["A", "B"]), default=None,
              help="Only one half of the items, split by a hash of the id (blind protocol).")
@click.option("--salt", default="0", show_default=True, help="Salt of the half split.")
@click.option("--threshold", type=float, default=None, help="Confidence threshold [default: tag_threshold].")
@click.pass_obj
def eval_tags(obj: Context, labelled_files: tuple[Path, ...], split: str, half: str | None, salt: str,
              threshold: float | None) -> None:
    """Tag the labelled items of LABELLED_FILES (one or more, scored together) with the real tagger and
    print the scores as JSON: per kind and label, the worst labels and the tags per item against gold."""
    labelled = []
    for path in labelled_files:
        try:
            labelled += parse_labelled(path.read_text(encoding="utf-8").splitlines())
        except LabelError as exc:
            fail(f"{path}: {exc}")
    if split != "all":
        labelled = [item for item in labelled if item.split == split]
    if half:
        labelled = [item for item in labelled if split_half(item.id, salt) == half]
    tagger = build_tagger(obj)
    predicted = {item.id: tagger.tag(item.title, item.text, item.language, item.metadata, item.categories)
                 for item in labelled}
    report = scores(labelled, predicted, obj.settings.tag_threshold if threshold is None else threshold)
    report["split"] = split
    json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
    click.echo()


@cli.command()
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=500, show_default=True,
              help="Items read, tagged and written per transaction.")
@click.pass_obj
def retag(obj: Context, batch_size: int) -> None:
    """Recompute the tags of all stored items and stories (after a taxonomy change)."""
    tagger = build_tagger(obj)
    store = obj.store()
    started = time.monotonic()

    def progress(done: int, total: int, changed: int) -> None:
        rate = done / max(time.monotonic() - started, 1e-6)
        click.echo(f"retag: {done}/{total} items, {changed} changed, {rate:.0f} items/s", err=True)

    done, changed = retag_stories(store, tagger, batch_size, progress)
    click.echo(f"retagged {done} items, {changed} with changed tags")
