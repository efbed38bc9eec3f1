"""Which feeds exist: the URL path of each and the filter behind it.

The web stage serves these paths and the WebSub notifier watches them, so both agree on
what "a feed" is. Paths are the stable public contract (docs/feeds-api.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from feeds.config.feeds import FeedFilter, NamedFeed

FEED_KINDS = ("all", "topic", "country", "source", "named")
_PREFIXES = {"topic": "/feeds/topics/", "country": "/feeds/countries/", "source": "/feeds/sources/",
             "named": "/feeds/"}


@dataclass(frozen=True)
class FeedSpec:
    kind: str  # one of FEED_KINDS
    code: str  # topic slug, country code, source id or feed name; "" for all
    filter: FeedFilter

    @property
    def path(self) -> str:
        """The path without the format extension, e.g. /feeds/topics/innovation."""
        return "/feeds/all" if self.kind == "all" else _PREFIXES[self.kind] + self.code

    def url(self, base_url: str, fmt: str) -> str:
        return f"{base_url.rstrip('/')}{self.path}.{fmt}"

    @property
    def html_path(self) -> str:
        """The HTML page showing the same stories (the embed page), e.g. /embed/topics/innovation."""
        return "/embed/" + self.path.removeprefix("/feeds/")


def feed_spec(kind: str, code: str = "", named: Mapping[str, NamedFeed] | None = None) -> FeedSpec:
    if kind == "all":
        return FeedSpec("all", "", FeedFilter())
    if kind == "topic":
        return FeedSpec(kind, code, FeedFilter(topics=(code,)))
    if kind == "country":
        return FeedSpec(kind, code, FeedFilter(countries=(code,)))
    if kind == "source":
        return FeedSpec(kind, code, FeedFilter(sources=(code,)))
    if kind == "named" and named is not None and code in named:
        return FeedSpec(kind, code, named[code].filter)
    raise KeyError(f"no feed {kind}/{code}")


def all_feeds(topics: Iterable[str], countries: Iterable[str], sources: Iterable[str],
              named: Mapping[str, NamedFeed]) -> list[FeedSpec]:
    """Every feed: all, one per topic, country and source given, and the named feeds."""
    specs = [feed_spec("all")]
    specs += [feed_spec("topic", slug) for slug in sorted(topics)]
    specs += [feed_spec("country", code) for code in sorted(countries)]
    specs += [feed_spec("source", source_id) for source_id in sorted(sources)]
    specs += [feed_spec("named", name, named) for name in sorted(named)]
    return specs
