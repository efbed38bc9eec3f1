"""Access to the app's settings, store and catalogue of feeds from inside a request."""

from __future__ import annotations

from typing import cast

from flask import current_app

from feeds.config.feeds import NamedFeed
from feeds.config.taxonomy import Taxonomy
from feeds.publish import labels
from feeds.publish.documents import Site
from feeds.settings import Settings
from feeds.store import Store


def settings() -> Settings:
    return cast(Settings, current_app.config["CLUSTERFEEDS_SETTINGS"])


def store() -> Store:
    return cast(Store, current_app.extensions["clusterfeeds.store"])


def site() -> Site:
    """What every document says the same way (title, base URL, named feeds, topic labels)."""
    return cast(Site, current_app.extensions["clusterfeeds.site"])


def named_feeds() -> dict[str, NamedFeed]:
    return cast(dict[str, NamedFeed], current_app.extensions["clusterfeeds.named_feeds"])


def absolute(path: str) -> str:
    """A public URL for `path` under the configured base URL."""
    return site().absolute(path)


def topic_counts() -> dict[str, int]:
    return store().tags.counts("topic", settings().tag_threshold)


def taxonomy() -> Taxonomy:
    return cast(Taxonomy, current_app.extensions["clusterfeeds.taxonomy"])


def topic_label(slug: str, language: str) -> str:
    return site().topic_label(slug, language)


def known_topics() -> set[str]:
    """Topics of the taxonomy, and any topic a published story carries."""
    return {topic.slug for topic in taxonomy().topics} | set(topic_counts())


def known_countries() -> frozenset[str]:
    return labels.country_codes()


def known_sources() -> dict[str, str]:
    """Source id -> name."""
    return store().sources.names()
