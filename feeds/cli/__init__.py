"""`clusterfeeds`: the command-line interface. Importing this package registers every command."""

from feeds.cli import commands, dedup  # noqa: F401  (registers `eval dedup`)
from feeds.cli.base import cli, main

__all__ = ["cli", "commands", "main"]
