"""Admin commands: export, import and prune the store."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from feeds.cli.base import Context, cli, fail


class _Progress:
    """Progress on stderr: a line per table, and every 1000 rows for big ones."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.started = time.monotonic()
        self.rows = 0
        self.current: dict[str, int] = {}

    def __call__(self, table: str, rows: int) -> None:
        self.rows += rows - self.current.get(table, 0)
        self.current[table] = rows
        click.echo(f"{self.verb} {table}: {rows} rows ({self.rows} in all, {time.monotonic() - self.started:.1f} s)",
                   err=True)


@cli.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.pass_obj
def export_command(obj: Context, output: Path | None) -> None:
    """Every source's state, story, item and tag as JSON lines, for backups and moving stores."""
    store = obj.store()
    progress = _Progress("exported")
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        for line in store.maintenance.export(progress):
            stream.write(line + "\n")
    finally:
        if output:
            stream.close()
        store.close()
    click.echo(f"export done: {progress.rows} rows" + (f" in {output}" if output else ""), err=True)


@cli.command("import")
@click.argument("source", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.pass_obj
def import_command(obj: Context, source: Path) -> None:
    """Restore an export (a file, or - for standard input) into an empty store."""
    from feeds.store.maintenance import MaintenanceError, read_lines

    store = obj.store()
    progress = _Progress("imported")
    try:
        if str(source) == "-":
            counts = store.maintenance.import_(read_lines(sys.stdin), progress)
        else:
            if not source.is_file():
                fail(f"{source}: no such file")
            with source.open(encoding="utf-8") as stream:
                counts = store.maintenance.import_(read_lines(stream), progress)
    except MaintenanceError as exc:
        fail(f"{source}: {exc}")
    finally:
        store.close()
    click.echo(f"import done: {sum(counts.values())} rows", err=True)


@cli.command()
@click.option("--days", type=int, default=None,
              help="Delete items published more than DAYS ago [env CLUSTERFEEDS_RETENTION_DAYS; 0 keeps all].")
@click.option("--keep", type=int, default=None,
              help="Keep the KEEP newest items per source [env CLUSTERFEEDS_RETENTION_ITEMS_PER_SOURCE; 0 keeps all].")
@click.pass_obj
def prune(obj: Context, days: int | None, keep: int | None) -> None:
    """Retention: delete old items per source, and stories left without items (one transaction per source)."""
    days = obj.settings.retention_days if days is None else days
    keep = obj.settings.retention_items_per_source if keep is None else keep
    if days < 0 or keep < 0:
        fail("--days and --keep must be 0 (no limit) or more")
    if not days and not keep:
        fail("nothing to prune: set --days/--keep or CLUSTERFEEDS_RETENTION_DAYS/_ITEMS_PER_SOURCE")
    cutoff = datetime.now(UTC) - timedelta(days=days) if days else None
    store = obj.store()
    items = stories = 0
    for state in store.sources.states():
        report = store.maintenance.prune(state.source_id, cutoff, keep or None)
        items, stories = items + report.items_deleted, stories + report.stories_deleted
        click.echo(f"{state.source_id}: {report.items_deleted} items, {report.stories_deleted} stories deleted")
    store.close()
    click.echo(f"pruned {items} items and {stories} stories")
