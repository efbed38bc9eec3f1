"""The `clusterfeeds` command group. Commands wire stages together; the work happens in them.

Each area keeps its commands in a module of its own in this package, registered below.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType
from typing import NoReturn

import click

from feeds import __version__
from feeds.collect import source_kinds
from feeds.config import ConfigError, SourceConfig, load_sources
from feeds.logs import configure_logging
from feeds.settings import Settings, SettingsError
from feeds.store import Store, StoreError, Timeouts

EXIT_CONFIG = 2


class Context:
    def __init__(self, settings: Settings):
        self.settings = settings

    def sources(self) -> list[SourceConfig]:
        try:
            return load_sources(self.settings.sources_file, source_kinds())
        except ConfigError as exc:
            fail(str(exc))

    def store(self) -> Store:
        try:
            timeouts = Timeouts(self.settings.database_connect_timeout, self.settings.database_statement_timeout)
            return Store.open(self.settings.database_url, timeouts=timeouts)
        except StoreError as exc:
            fail(str(exc), code=1)


def fail(message: str, code: int = EXIT_CONFIG) -> NoReturn:
    click.echo(f"clusterfeeds: error: {message}", err=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="clusterfeeds")
@click.option("--config-dir", type=click.Path(file_okay=False), default=None,
              help="Folder with sources.yaml [env CLUSTERFEEDS_CONFIG_DIR; default ./config].")
@click.option("--database-url", default=None,
              help="SQLAlchemy URL [env CLUSTERFEEDS_DATABASE_URL; default sqlite:///var/clusterfeeds.db].")
@click.pass_context
def cli(ctx: click.Context, config_dir: str | None, database_url: str | None) -> None:
    """ClusterFeeds: European cluster news, collected, deduplicated, tagged and republished."""
    try:
        settings = Settings.from_env(config_dir=Path(config_dir) if config_dir else None, database_url=database_url)
    except SettingsError as exc:
        fail(str(exc))
    try:
        configure_logging(settings.log_level, settings.log_format)
    except ValueError as exc:
        fail(f"CLUSTERFEEDS_LOG_FORMAT/LOG_LEVEL: {exc}")
    ctx.obj = Context(settings)


def main() -> None:
    cli(prog_name="clusterfeeds")


def stop_on_signals() -> None:
    """SIGTERM (containers, process managers) and SIGINT (Ctrl-C) raise KeyboardInterrupt, so a serving
    command stops cleanly. SIGINT explicitly: a process started in the background inherits it ignored,
    and Python then never turns it into KeyboardInterrupt."""
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt
