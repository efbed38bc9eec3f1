"""Editorial commands: `clusterfeeds correct ...` (the same corrections as the editor's pages and
`/admin/api/corrections`) and `clusterfeeds export-labels` (corrected stories as labelled data)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from feeds.cli.base import Context, cli, fail
from feeds.process.sanitize import html_to_text
from feeds.publish.websub import announcing
from feeds.store import Store
from feeds.store.corrections import Correction, CorrectionError, Recorded
from feeds.store.review import StoryView

EDITOR = click.option("--editor", required=True, help="Who makes the correction (kept in the audit log).")
REASON = click.option("--reason", required=True, help="Why (kept in the audit log).")


@cli.group("correct")
def correct_group() -> None:
    """Correct a story by hand: tags, versions, visibility. Every correction is logged and can be undone.

    STORY is an entry id (`tag:...`), as feeds and `correct list` show it; ITEM is an item id, as the
    editor's story page (/admin/stories/...) shows it.
    """


def _apply(obj: Context, correction: Correction) -> None:
    _run(obj, lambda store: store.corrections.apply(correction, authority=obj.settings.entry_id_authority))


def _run(obj: Context, change: Callable[[Store], Recorded]) -> None:
    from feeds.runner import feed_watch, write_static_feeds

    store = obj.store()
    try:
        with announcing(feed_watch(obj.settings, store)):  # a WebSub hub hears of it, as after a collect
            recorded = change(store)
        if obj.settings.publish_dir:  # static files follow at once, as after a collect
            write_static_feeds(obj.settings, store)
    except CorrectionError as exc:
        fail(str(exc), code=1)
    finally:
        store.close()
    click.echo(_line(recorded))


def _line(recorded: Recorded) -> str:
    target = {"split": f" (new story {recorded.other_story})", "merge": f" (absorbed {recorded.other_story})"}
    what = f" {recorded.kind}:{recorded.code}" if recorded.kind else ""
    item = f" item {recorded.item_id}" if recorded.item_id is not None else ""
    state = f" undone by {recorded.undone_by} at {recorded.undone_at:%Y-%m-%d %H:%M}" if recorded.undone_at else ""
    return (f"#{recorded.id} {recorded.created_at:%Y-%m-%d %H:%M} {recorded.editor}: {recorded.action}{what}{item} "
            f"on {recorded.story}{target.get(recorded.action, '')} - {recorded.reason}{state}")


def _tag_command(action: str, verb: str) -> None:
    @correct_group.command(action.replace("_", "-"), help=f"{verb} a country or topic on STORY; "
                           "retags and re-collects keep it so.")
    @click.argument("story")
    @click.argument("kind", type=click.Choice(["country", "topic"]))
    @click.argument("code")
    @EDITOR
    @REASON
    @click.pass_obj
    def command(obj: Context, story: str, kind: str, code: str, editor: str, reason: str) -> None:
        _apply(obj, Correction(action, story, editor, reason, kind=kind, code=code))


_tag_command("add_tag", "Add")
_tag_command("remove_tag", "Remove")


@correct_group.command()
@click.argument("story")
@click.argument("item", type=int)
@EDITOR
@REASON
@click.pass_obj
def split(obj: Context, story: str, item: int, editor: str, reason: str) -> None:
    """Split ITEM off STORY: it becomes a story of its own (new entry id) and never rejoins STORY."""
    _apply(obj, Correction("split", story, editor, reason, item_id=item))


@correct_group.command()
@click.argument("story")
@click.argument("other")
@EDITOR
@REASON
@click.pass_obj
def merge(obj: Context, story: str, other: str, editor: str, reason: str) -> None:
    """Merge stories STORY and OTHER: the older entry id survives, the other becomes its alias."""
    _apply(obj, Correction("merge", story, editor, reason, other_story=other))


@correct_group.command()
@click.argument("story")
@click.argument("item", type=int)
@EDITOR
@REASON
@click.pass_obj
def pin(obj: Context, story: str, item: int, editor: str, reason: str) -> None:
    """Show STORY as its version ITEM, whatever versions join it later."""
    _apply(obj, Correction("pin", story, editor, reason, item_id=item))


@correct_group.command()
@click.argument("story")
@EDITOR
@REASON
@click.pass_obj
def hide(obj: Context, story: str, editor: str, reason: str) -> None:
    """Take STORY out of every feed (it stays in the store)."""
    _apply(obj, Correction("hide", story, editor, reason))


@correct_group.command()
@click.argument("story")
@EDITOR
@REASON
@click.pass_obj
def show(obj: Context, story: str, editor: str, reason: str) -> None:
    """Put a hidden STORY back into the feeds."""
    _apply(obj, Correction("show", story, editor, reason))


@correct_group.command()
@click.argument("correction", type=int)
@EDITOR
@click.pass_obj
def undo(obj: Context, correction: int, editor: str) -> None:
    """Undo CORRECTION (its number in `correct list`): the state it replaced comes back."""
    _run(obj, lambda store: store.corrections.undo(correction, editor))


@correct_group.command("list")
@click.option("--story", default=None, help="Only the corrections of this story (entry id).")
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@click.pass_obj
def list_command(obj: Context, story: str | None, limit: int) -> None:
    """The newest corrections first: who, when, what, why, and whether it was undone."""
    store = obj.store()
    try:
        found = store.corrections.recent(limit, story)
    except CorrectionError as exc:
        fail(str(exc), code=1)
    finally:
        store.close()
    for recorded in found:
        click.echo(_line(recorded))


@cli.command("export-labels")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.pass_obj
def export_labels(obj: Context, output: Path | None) -> None:
    """Every version of every corrected story as a labelled JSON line, for `eval tags` and `eval dedup`.

    Gold tags are the story's tags after its corrections; versions of one story share a `dup_group`
    (its entry id), so a split becomes two groups and a merge one.
    """
    store = obj.store()
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    count = 0
    try:
        for view in store.corrections.corrected_stories():
            for record in labelled_versions(view, obj.settings.tag_threshold):
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    finally:
        if output:
            stream.close()
        store.close()
    click.echo(f"exported {count} labelled versions" + (f" to {output}" if output else ""), err=True)


def labelled_versions(view: StoryView, threshold: float) -> list[dict[str, Any]]:
    """A corrected story's versions in the labelled format of the evaluation sets (docs/design/evaluation.md)."""
    gold = {kind: sorted(tag.code for tag in view.tags if tag.kind == kind and tag.confidence >= threshold)
            for kind in ("country", "topic")}
    return [{"id": f"{version.source_id}:{version.url}", "url": version.url, "title": version.title,
             "text": html_to_text(version.content_html) or version.summary,
             "published": version.published.date().isoformat(), "language": version.language,
             "platform": version.source_id, "dup_group": view.entry_id,
             "gold_countries": gold["country"], "gold_topics": gold["topic"], "note": "exported from corrections"}
            for version in view.versions]
