"""Wiring for the web role: the app with what its admin API triggers, from the runner and the scheduler.

`gunicorn "feeds.wsgi:create_app()"` and `clusterfeeds web` (granian) serve this; `create_app()`
without arguments reads every `CLUSTERFEEDS_*` variable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask

from feeds.config import SourceConfig
from feeds.config.taxonomy import load_taxonomy
from feeds.settings import Settings
from feeds.store import Store, Timeouts
from feeds.web import create_app as create_web_app

if TYPE_CHECKING:
    from feeds.runner import SourceRun

RETAG_BATCH = 500


def create_app(settings: Settings | None = None, store: Store | None = None) -> Flask:
    """The web app with `collect_now` and `retag` wired to this process's settings and store."""
    settings = settings or Settings.from_env()
    store = store or Store.open(settings.database_url, timeouts=Timeouts(settings.database_connect_timeout,
                                                                         settings.database_statement_timeout))
    wired_settings, wired_store = settings, store

    # The runner, the tagger and the deduplicator are imported when an admin action first needs them:
    # a web worker that only serves never loads them (about 60 MB of its 150 MB budget,
    # docs/performance.md). No cycle: nothing imports this module.
    def collect_now(source: SourceConfig) -> SourceRun:
        from feeds.scheduler import collect_and_count

        return collect_and_count(wired_settings, wired_store, source)

    def retag() -> tuple[int, int]:
        from feeds.process.tagging import Tagger
        from feeds.runner import prepare_reference, retag_stories

        prepare_reference(wired_settings.reference_dir)  # lemmas from the tables: simplemma's dicts would stay
        tagger = Tagger(load_taxonomy(wired_settings.config_dir))  # ConfigError: the admin API answers 500
        return retag_stories(wired_store, tagger, RETAG_BATCH)

    return create_web_app(settings, store, collect_now, retag)
