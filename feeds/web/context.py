"""Access to the app's settings, store and catalogue of feeds from inside a request."""

from __future__ import annotations

from typing import cast

from flask import current_app

from feeds.config.feeds import NamedFeed
from feeds.publish import labels
from feeds.settings import Settings
from feeds.store import Store, queries


def settings() -> Settings:
    return cast(Settings, current_app.config["CLUSTERFEEDS_SETTINGS"])


def store() -> Store:
    return cast(Store, current_app.extensions["clusterfeeds.store"])


def named_feeds() -> dict[str, NamedFeed]:
    return cast(dict[str, NamedFeed], current_app.extensions["clusterfeeds.named_feeds"])


def absolute(path: str) -> str:
    """A public URL for `path` under the configured base URL."""
    return settings().base_url.rstrip("/") + path


def topic_counts() -> dict[str, int]:
    return queries.tag_counts(store().engine, "topic", settings().tag_threshold)


def country_counts() -> dict[str, int]:
    return queries.tag_counts(store().engine, "country", settings().tag_threshold)


def known_topics() -> set[str]:
    """Topics of the taxonomy, and any topic a published story carries."""
    return set(labels.taxonomy_topics()) | set(topic_counts())


def known_countries() -> frozenset[str]:
    return labels.country_codes()


def known_sources() -> dict[str, str]:
    """Source id -> name."""
    return queries.source_names(store().engine)
