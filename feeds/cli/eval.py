"""The `clusterfeeds eval` group: measure a stage against a labelled file."""

from __future__ import annotations

from feeds.cli.base import cli


@cli.group("eval")
def eval_group() -> None:
    """Measure processing stages against labelled data."""
