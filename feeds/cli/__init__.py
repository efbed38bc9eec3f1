"""`clusterfeeds`: the command-line interface. Importing this package registers every command."""

from feeds.cli import admin, commands, dedup  # noqa: F401  (registers export/import/prune, `eval dedup`)
from feeds.cli.base import cli, main

__all__ = ["cli", "commands", "main"]
