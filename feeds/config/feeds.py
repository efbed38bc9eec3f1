"""feeds.yaml: named feeds (a stable short URL with a title, a description and a filter).

A `FeedFilter` is also what a feed URL's query string turns into, so the web stage and
the store share one value: each key is a tuple of alternatives (OR), keys combine with AND.
Nothing here does network or database I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from feeds.config import yamlfile
from feeds.config.sources import ConfigError

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
RESERVED_NAMES = frozenset({"topics", "countries", "sources"})  # path prefixes of the built-in feeds
FILTER_KEYS = ("topic", "country", "source", "lang", "q", "since")
FEED_KEYS = frozenset({"title", "description", "filter"})
LANGUAGES = ("de", "en")
MAX_FILTER_VALUES = 20  # alternatives per key: each `q` value is one OR branch of the full-text query
MAX_QUERY_LENGTH = 200  # characters of one `q` value
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # PostgreSQL text cannot hold NUL; no word contains these


@dataclass(frozen=True)
class FeedFilter:
    """Which stories a feed shows. Empty tuples mean "any"."""

    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    queries: tuple[str, ...] = ()  # full-text searches; a story matches any of them
    since: datetime | None = None  # published at or after


@dataclass(frozen=True)
class NamedFeed:
    name: str
    title: Mapping[str, str]  # language (de, en) -> text
    description: Mapping[str, str]
    filter: FeedFilter

    def title_in(self, language: str) -> str:
        return self.title.get(language) or next(iter(self.title.values()))

    def description_in(self, language: str) -> str:
        return self.description.get(language) or next(iter(self.description.values()))


def parse_since(value: str) -> datetime:
    """An ISO date (`2025-01-31`) or date-time; naive values are UTC.

    Years 0001 and 9999 with an offset fall outside what a datetime can hold once moved
    to UTC (`0001-01-01T00:00:00+14:00`): those are refused like any other bad value.
    """
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValueError(f"{value!r} is not an ISO date from 0001-01-02 to 9999-12-30 such as 2025-01-31") from None


def load_named_feeds(path: Path) -> dict[str, NamedFeed]:
    """Read feeds.yaml (a missing file means no named feeds). Errors name file, feed and key."""
    if not path.exists():
        return {}
    try:
        document = yamlfile.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot be read: {exc}") from None
    if document is None:
        return {}
    if not isinstance(document, dict) or not isinstance(document.get("feeds", {}), dict):
        raise ConfigError(path, "expected a mapping with a `feeds:` mapping of name -> feed")
    feeds: dict[str, NamedFeed] = {}
    for name, entry in (document.get("feeds") or {}).items():
        feeds[str(name)] = _named_feed(path, str(name), entry)
    return feeds


def _named_feed(path: Path, name: str, entry: object) -> NamedFeed:
    def fail(key: str | None, message: str) -> ConfigError:
        error = ConfigError(path, message, key=key)
        error.args = (f"{path}: feed {name!r}" + (f": key {key!r}" if key else "") + f": {message}",)
        return error

    if not NAME.match(name) or name in RESERVED_NAMES or name == "all":
        raise fail(None, "name must be a slug (a-z, 0-9, - and _) other than all, topics, countries, sources")
    if not isinstance(entry, dict):
        raise fail(None, "must be a mapping with title, description and filter")
    unknown = sorted(set(entry) - FEED_KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key; known keys: {', '.join(sorted(FEED_KEYS))}")
    texts = {}
    for key in ("title", "description"):
        try:
            texts[key] = _localised(entry.get(key))
        except ValueError as exc:
            raise fail(key, str(exc)) from None
    raw_filter = entry.get("filter")
    if not isinstance(raw_filter, dict) or not raw_filter:
        raise fail("filter", "must be a non-empty mapping of filter keys (topic, country, source, lang, q, since)")
    try:
        feed_filter = filter_from_mapping(raw_filter)
    except KeyError as exc:
        raise fail(f"filter.{exc.args[0]}", f"unknown filter key; known keys: {', '.join(FILTER_KEYS)}") from None
    except FilterValueError as exc:
        raise fail(f"filter.{exc.key}", str(exc)) from None
    return NamedFeed(name, texts["title"], texts["description"], feed_filter)


def _localised(value: object) -> Mapping[str, str]:
    if isinstance(value, str) and value.strip():
        return MappingProxyType({language: value.strip() for language in LANGUAGES})
    if isinstance(value, dict) and value and all(
            k in LANGUAGES and isinstance(v, str) and v.strip() for k, v in value.items()):
        return MappingProxyType({k: v.strip() for k, v in value.items()})
    raise ValueError("must be a non-empty string or a mapping with de and/or en texts")


class FilterValueError(ValueError):
    """A filter value that cannot be used; `key` is the filter key, `value` the offending value."""

    def __init__(self, key: str, value: str, message: str):
        super().__init__(f"{key}={value!r}: {message}")
        self.key = key
        self.value = value


def split_values(raw: Any) -> tuple[str, ...]:
    """`a,b` or a YAML list -> ("a", "b"): stripped, empty parts dropped, order kept, no repeats."""
    parts = raw if isinstance(raw, list) else str(raw).split(",")
    seen: dict[str, None] = {}
    for part in parts:
        text = str(part).strip()
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


def filter_from_mapping(raw: Mapping[str, Any]) -> FeedFilter:
    """A filter from query-string-like keys. Checks the form of each value (not whether a topic exists)."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in FILTER_KEYS:
            raise KeyError(key)
        if key == "since":
            try:
                values["since"] = parse_since(str(value))
            except ValueError as exc:
                raise FilterValueError("since", str(value), str(exc)) from None
            continue
        parts = split_values(value)
        if len(parts) > MAX_FILTER_VALUES:
            raise FilterValueError(key, str(value)[:100], f"expected at most {MAX_FILTER_VALUES} comma-separated "
                                   f"values, got {len(parts)}")
        if key == "q":
            for part in parts:
                if _CONTROL.search(part):
                    raise FilterValueError("q", part, "expected words to search for, without control characters")
                if len(part) > MAX_QUERY_LENGTH:
                    raise FilterValueError("q", part[:50] + "…", f"expected at most {MAX_QUERY_LENGTH} characters")
                if not re.search(r"\w", part):
                    raise FilterValueError("q", part, "expected words to search for")
            values["queries"] = parts
            continue
        lowered = tuple(part.lower() for part in parts)
        for part in lowered:
            if key in {"country", "lang"} and not re.fullmatch(r"[a-z]{2}", part):
                what = "an ISO 3166-1 alpha-2 code or eu" if key == "country" else "an ISO 639-1 code such as de"
                raise FilterValueError(key, part, f"expected {what}")
            if key in {"topic", "source"} and not NAME.match(part):
                raise FilterValueError(key, part, "expected a slug (a-z, 0-9, - and _)")
        field = {"topic": "topics", "country": "countries", "source": "sources", "lang": "languages"}[key]
        values[field] = lowered
    return FeedFilter(**values)
