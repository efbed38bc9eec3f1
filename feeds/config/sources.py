"""sources.yaml: the sources to collect, validated into SourceConfig values.

Nothing here does network or database I/O. Which source kinds exist, and which extra
keys each kind accepts, is decided by the collect stage and passed in by the caller, so
this module stays first in the chain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from feeds.config import yamlfile

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd])\s*$")
INTERVAL_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
DEFAULT_INTERVAL = 3600
MIN_INTERVAL = 10
COMMON_KEYS = frozenset({"id", "name", "kind", "url", "interval", "language", "enabled", "host_aliases"})


class ConfigError(ValueError):
    """A configuration file cannot be used. The message names file, source and key."""

    def __init__(self, path: Path, message: str, source_id: str | None = None, key: str | None = None):
        where = str(path)
        if source_id is not None:
            where += f": source {source_id!r}"
        if key is not None:
            where += f": key {key!r}"
        super().__init__(f"{where}: {message}")
        self.path = path
        self.source_id = source_id
        self.key = key


@dataclass(frozen=True)
class SourceConfig:
    id: str
    name: str
    kind: str
    url: str
    interval: int = DEFAULT_INTERVAL  # seconds
    language: str | None = None
    enabled: bool = True
    # alias host (or host:port) -> replacement host, scheme optional ("https://www.example.org")
    host_aliases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    options: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def parse_interval(value: object) -> int:
    """Seconds in an interval written like `90s`, `30m`, `2h`, `1d` (or a bare number of seconds)."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not an interval")
    if isinstance(value, int):
        seconds = value
    else:
        match = INTERVAL.match(str(value))
        if not match:
            raise ValueError(f"{value!r} is not an interval like 30m, 2h or 1d")
        seconds = int(match.group(1)) * INTERVAL_UNITS[match.group(2)]
    if seconds < MIN_INTERVAL:
        raise ValueError(f"{value!r} is shorter than {MIN_INTERVAL}s")
    return seconds


def load_sources(path: Path, kinds: Mapping[str, frozenset[str]]) -> list[SourceConfig]:
    """Read `sources.yaml`. `kinds` maps each known kind to the extra keys it accepts."""
    document = _read_yaml(path)
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise ConfigError(path, "expected a mapping with a `sources:` list")
    sources: list[SourceConfig] = []
    seen: set[str] = set()
    for position, entry in enumerate(document["sources"], start=1):
        source = _source(path, position, entry, kinds)
        if source.id in seen:
            raise ConfigError(path, "duplicate id", source.id, "id")
        seen.add(source.id)
        sources.append(source)
    return sources


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot be read: {exc}") from None
    try:
        return yamlfile.load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"invalid YAML: {exc}") from None


def _source(path: Path, position: int, entry: object, kinds: Mapping[str, frozenset[str]]) -> SourceConfig:
    label = f"#{position}"
    if not isinstance(entry, dict):
        raise ConfigError(path, "each source must be a mapping", label)
    raw_id = entry.get("id")
    if raw_id is None or raw_id == "":
        raise ConfigError(path, "missing id", label, "id")
    source_id = str(raw_id)
    if not SLUG.match(source_id):
        raise ConfigError(path, "id must be a slug (a-z, 0-9, - and _)", source_id, "id")

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(path, message, source_id, key)

    kind = entry.get("kind")
    if not isinstance(kind, str) or kind not in kinds:
        raise fail("kind", f"unknown kind {kind!r}; known kinds: {', '.join(sorted(kinds))}")
    extra = set(entry) - COMMON_KEYS
    unknown = sorted(extra - kinds[kind])
    if unknown:
        raise fail(unknown[0], f"unknown key for kind {kind!r}")
    url = entry.get("url")
    if not isinstance(url, str) or not re.match(r"^https?://[^/\s]+", url):
        raise fail("url", "must be an http(s) URL")
    try:
        interval = parse_interval(entry.get("interval", DEFAULT_INTERVAL))
    except ValueError as exc:
        raise fail("interval", str(exc)) from None
    language = entry.get("language")
    if language is not None and not (isinstance(language, str) and re.match(r"^[a-z]{2}$", language)):
        raise fail("language", "must be an ISO 639-1 code such as de or en")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail("enabled", "must be true or false")
    try:
        aliases = _host_aliases(entry.get("host_aliases", []), url)
    except ValueError as exc:
        raise fail("host_aliases", str(exc)) from None
    name = entry.get("name", source_id)
    if not isinstance(name, str) or not name.strip():
        raise fail("name", "must be a non-empty string")
    return SourceConfig(
        id=source_id,
        name=name.strip(),
        kind=kind,
        url=url,
        interval=interval,
        language=language,
        enabled=enabled,
        host_aliases=MappingProxyType(aliases),
        options=MappingProxyType({key: entry[key] for key in sorted(extra)}),
    )


def _host_aliases(value: object, url: str) -> dict[str, str]:
    """A list of alias hosts (folded into the host of `url`) or a mapping alias -> target."""
    from urllib.parse import urlsplit

    if isinstance(value, list) and all(isinstance(a, str) for a in value):
        parts = urlsplit(url)
        return {alias.lower(): f"{parts.scheme}://{parts.netloc.lower()}" for alias in value}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return {alias.lower(): target.lower() for alias, target in value.items()}
    raise ValueError("must be a list of host names or a mapping alias: target")
