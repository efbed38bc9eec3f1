"""Access to the app's settings, store and catalogue of feeds from inside a request."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from flask import current_app, g, request

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
    """What every document says the same way (title, base URL, named feeds, topic labels); without a
    configured base URL, links follow the host this request was sent to."""
    configured = cast(Site, current_app.extensions["clusterfeeds.site"])
    return configured if settings().base_url else replace(configured, base_url=base_url())


def named_feeds() -> dict[str, NamedFeed]:
    return cast(dict[str, NamedFeed], current_app.extensions["clusterfeeds.named_feeds"])


def base_url() -> str:
    """The service's public URL: the configured base URL, else the one this request was sent to
    (behind trusted proxies, as rewritten from X-Forwarded-* by ProxyFix in create_app)."""
    return (settings().base_url or request.url_root).rstrip("/")


def absolute(path: str) -> str:
    """A public URL for `path` under the base URL."""
    return base_url() + path


def topic_counts() -> dict[str, int]:
    return store().tags.counts("topic", settings().tag_threshold)


def country_counts() -> dict[str, int]:
    return store().tags.counts("country", settings().tag_threshold)


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
    """Source id -> name, read once per request (a source feed checks its id, then titles itself)."""
    if "clusterfeeds_source_names" not in g:
        g.clusterfeeds_source_names = store().sources.names()
    return cast(dict[str, str], g.clusterfeeds_source_names)
