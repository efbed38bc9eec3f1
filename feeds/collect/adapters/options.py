"""The sources.yaml keys of the page-reading kinds (`html`, `sitemap` and the presets).

Every selector, URL pattern and date format an operator may need to fix is a key here,
so a changed site template is a config edit, not a code change. Presets are just other
defaults for the same keys; a key given in sources.yaml always wins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from feeds.collect.errors import CollectError
from feeds.config import SourceConfig

DEFAULT_ERROR_TITLES = ("Seite nicht gefunden", "Page not found", "Fehler 404", "Access denied", "Log in |",
                        "Anmelden |")
DEFAULT_CHALLENGE_MARKERS = ("Verify you are human", "Checking your browser", "cf-challenge", "Just a moment...")


@dataclass(frozen=True)
class Rewrite:
    pattern: re.Pattern[str]
    replace: str

    def apply(self, url: str) -> str:
        return self.pattern.sub(self.replace, url)


@dataclass(frozen=True)
class PageOptions:
    """Resolved options of one page-reading source. Selector values are lists tried in order."""

    listings: tuple[str, ...] = ()  # listing URLs (absolute or relative to `url`)
    sitemaps: tuple[str, ...] = ()  # sitemap or sitemap index URLs
    item: tuple[str, ...] = ()  # a listing card; its text tells when an item changed
    item_link: tuple[str, ...] = ("a[href]",)  # the article link (inside `item` when given)
    next_page: tuple[str, ...] = ()  # the next-page link on a listing
    page_param: str | None = None  # e.g. "page={page}" or "gtp=5427374_list%253D{page}"
    first_page: int = 1  # number of the listing page `url` shows (with page_param)
    max_pages: int = 5  # listing pages read per listing and run
    listing_expect: tuple[str, ...] = ()  # must match on a listing page (else it is an error page)
    include: tuple[re.Pattern[str], ...] = ()  # article URLs must match one (when given)
    exclude: tuple[re.Pattern[str], ...] = ()  # article URLs matching one are skipped
    url_rewrites: tuple[Rewrite, ...] = ()  # applied to every discovered URL (`loc`s, links)
    expect: tuple[str, ...] = ()  # must match on an article page (else it is an error page)
    title: tuple[str, ...] = ("h1", "title")
    title_strip: tuple[re.Pattern[str], ...] = ()  # removed from the title (site suffixes)
    date: tuple[str, ...] = ("time[datetime]", "meta[property='article:published_time']")
    date_formats: tuple[str, ...] = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d", "%d.%m.%Y", "%d %B %Y")
    date_from_url: re.Pattern[str] | None = None  # groups y, m, d: a date in the article URL
    timezone: ZoneInfo | None = None  # zone of dates written without one
    body: tuple[str, ...] = ("article", "main")
    remove: tuple[str, ...] = ("script", "style", "nav", "form")  # dropped from the body
    author: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # related-link anchors
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # metadata name -> selectors
    parts: tuple[str, ...] = ()  # separate items bundled in one page (newsletter entries), by anchor id
    challenge_markers: tuple[str, ...] = DEFAULT_CHALLENGE_MARKERS
    reject: tuple[str, ...] = ()  # selectors found only on error pages
    error_titles: tuple[str, ...] = DEFAULT_ERROR_TITLES  # page titles of error and login pages
    robots: bool = True  # honour robots.txt
    since: str | None = None  # ISO date: older articles are not collected
    site_hosts: tuple[str, ...] = ()  # more hosts whose links are fetched from the source's own host


OPTION_KEYS = frozenset(f.name for f in fields(PageOptions))
_PATTERN_KEYS = {"include", "exclude", "title_strip"}


def resolve_options(source: SourceConfig, defaults: Mapping[str, Any]) -> PageOptions:
    """`defaults` (a preset) overlaid with the source's own keys, validated."""
    merged = {**defaults, **dict(source.options)}
    values: dict[str, Any] = {}
    try:
        for key, value in merged.items():
            if key not in OPTION_KEYS:
                continue
            values[key] = _convert(key, value)
    except (TypeError, ValueError, re.error, ZoneInfoNotFoundError) as exc:
        raise CollectError(f"source {source.id!r}: bad option: {exc}") from None
    return PageOptions(**values)


def _convert(key: str, value: Any) -> Any:
    if key in _PATTERN_KEYS:
        return tuple(re.compile(p) for p in _strings(key, value))
    if key == "url_rewrites":
        return tuple(_rewrite(rule) for rule in (value or []))
    if key == "date_from_url":
        return re.compile(value) if value else None
    if key == "timezone":
        return ZoneInfo(value) if value else None
    if key == "fields":
        if not isinstance(value, Mapping):
            raise TypeError("fields must map a metadata name to selectors")
        return {str(name): _strings(f"fields.{name}", sel) for name, sel in value.items()}
    if key in {"max_pages", "first_page"}:
        return int(value)
    if key == "robots":
        if not isinstance(value, bool):
            raise TypeError("robots must be true or false")
        return value
    if key in {"page_param", "since"}:
        return str(value) if value is not None else None
    return _strings(key, value)


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"{key} must be a string or a list of strings")


def _rewrite(rule: Any) -> Rewrite:
    if isinstance(rule, Mapping) and isinstance(rule.get("pattern"), str):
        return Rewrite(re.compile(rule["pattern"]), str(rule.get("replace", "")))
    raise TypeError("each url_rewrites rule needs `pattern` (and `replace`)")


class SiteLinks:
    """Which discovered URLs belong to the source's site, and from where to fetch them.

    Links on a page may name the canonical host, an alias (www/bare, a staging copy) or a
    placeholder (`http://default/`); all of them are fetched from the host of the
    configured `url`, so the operator's choice of host is the one ever contacted.
    """

    def __init__(self, source: SourceConfig, options: PageOptions):
        self.origin = _origin(source.url)
        self.source_url = source.url
        hosts = {urlsplit(source.url).netloc.lower()}
        hosts.update(alias.lower() for alias in source.host_aliases)
        hosts.update(urlsplit(t if "://" in t else "//" + t).netloc.lower() for t in source.host_aliases.values())
        hosts.update(h.lower() for h in options.site_hosts)
        self.hosts = frozenset(hosts)
        self.options = options

    def absolute(self, url: str) -> str:
        return urljoin(self.source_url, url)

    def local(self, url: str) -> str | None:
        """`url` rewritten and moved to the source's host; None when it is off-site."""
        for rule in self.options.url_rewrites:
            url = rule.apply(url)
        parts = urlsplit(self.absolute(url))
        netloc = parts.netloc.lower()
        bare = netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc
        if not self._on_site(netloc) and not self._on_site(bare):
            return None
        local = self.origin + (parts.path or "/")
        return local + ("?" + parts.query if parts.query else "")

    def _on_site(self, host: str) -> bool:
        return host in self.hosts or any(
            pattern.startswith("*.") and host.endswith(pattern[1:]) for pattern in self.hosts)

    def wanted(self, url: str) -> bool:
        path = urlsplit(url).path
        target = path + ("?" + urlsplit(url).query if urlsplit(url).query else "")
        if self.options.include and not any(p.search(target) for p in self.options.include):
            return False
        return not any(p.search(target) for p in self.options.exclude)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
