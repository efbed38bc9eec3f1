"""`clusterfeeds`: the command-line interface. Importing this package registers every command."""

# registers export/import/prune, `eval dedup`, and tag/retag/`eval tags`
from feeds.cli import admin, commands, dedup, tagging  # noqa: F401
from feeds.cli.base import cli, main

__all__ = ["cli", "commands", "main"]
