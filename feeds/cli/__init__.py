"""`clusterfeeds`: the command-line interface. Importing this package registers every command."""

# registers export/import/prune, `eval dedup`, tag/retag/`eval tags`, and correct/export-labels
from feeds.cli import admin, commands, corrections, dedup, tagging  # noqa: F401
from feeds.cli.base import cli, main

__all__ = ["cli", "commands", "main"]
