"""The production WSGI server of `clusterfeeds web`: granian (Rust HTTP, WSGI interface).

Chosen from bench/bench_serving.py (docs/performance.md): on the cached feed it answers
several times more requests per second than gunicorn's sync or gthread workers on the
same two cores. Workers are separate processes that build the app from the environment,
so the effective settings (command-line options included) are handed over as
CLUSTERFEEDS_* variables.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from feeds.settings import ENV_PREFIX, Settings

APP_FACTORY = "feeds.web:create_app"


def settings_environment(settings: Settings) -> dict[str, str]:
    """CLUSTERFEEDS_* variables that make `Settings.from_env()` equal `settings`."""
    variables = {}
    for spec in dataclasses.fields(settings):
        value = getattr(settings, spec.name)
        if isinstance(value, bool):
            text = "1" if value else "0"
        elif isinstance(value, tuple):
            text = ",".join(value)
        elif isinstance(value, Path):
            text = str(value)
        else:
            text = str(value)
        variables[ENV_PREFIX + spec.name.upper()] = text
    return variables


def serve_granian(settings: Settings, host: str, port: int) -> None:
    """Serve the app until SIGINT/SIGTERM."""
    from granian import Granian
    from granian.constants import Interfaces

    os.environ.update(settings_environment(settings))
    Granian(APP_FACTORY, address=host, port=port, interface=Interfaces.WSGI, factory=True,
            workers=settings.web_workers, blocking_threads=settings.web_threads, log_access=False,
            respawn_failed_workers=True).serve()
