"""Access to the app's settings and store from inside a request."""

from __future__ import annotations

from typing import cast

from flask import current_app

from feeds.settings import Settings
from feeds.store import Store


def settings() -> Settings:
    return cast(Settings, current_app.config["CLUSTERFEEDS_SETTINGS"])


def store() -> Store:
    return cast(Store, current_app.extensions["clusterfeeds.store"])


def absolute(path: str) -> str:
    """A public URL for `path` under the configured base URL."""
    return settings().base_url.rstrip("/") + path
