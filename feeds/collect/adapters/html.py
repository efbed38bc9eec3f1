"""`kind: html` and `kind: sitemap`: find article URLs on listings or sitemaps, read each article.

Backfill, then incremental (the adapter's state, saved with the batch):
- `listings`: validators per listing page (a 304 ends that listing for this run);
- `pages`: per article URL its validators and the *hint* that announced it (the text
  of its listing card, or its sitemap `<lastmod>`). An article is fetched again only
  when its hint changed, and then conditionally;
- paging stops at the first listing page that shows an already-known article.

A listing or sitemap that is an error page, a bot challenge or empty fails the source;
a single broken article page is only recorded (`failed` in the state) and retried when
its listing changes. If every article page fails, the source fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from feeds.collect.adapters.article import check_page, extract_article
from feeds.collect.adapters.base import Collected, Previous
from feeds.collect.adapters.options import OPTION_KEYS, PageOptions, SiteLinks, resolve_options
from feeds.collect.adapters.sitemap import read_sitemaps
from feeds.collect.errors import CollectError, ParseError, RobotsDisallowedError
from feeds.collect.http import Fetcher, Validators
from feeds.collect.pages import Page, squash
from feeds.config import SourceConfig
from feeds.model import RawItem

log = logging.getLogger(__name__)
HTML_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


@dataclass
class Run:
    """One collect run of a page source: what it reads, what it learns."""

    source: SourceConfig
    fetcher: Fetcher
    options: PageOptions
    site: SiteLinks
    previous: Mapping[str, Any]
    listings: dict[str, Any] = field(default_factory=dict)
    sitemaps: dict[str, Any] = field(default_factory=dict)
    pages: dict[str, Any] = field(default_factory=dict)
    failed: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # a preset's own bookkeeping

    def get(self, url: str, validators: Validators | None = None, accept: str = HTML_ACCEPT) -> Any:
        return self.fetcher.get(url, validators, accept=accept, robots=self.options.robots)

    def known_pages(self) -> Mapping[str, Any]:
        return self.previous.get("pages") or {}


# A preset's hook: the item(s) an article page yields, given the generic extraction.
Refine = Callable[[Page, RawItem, Run], list[RawItem]]


def _no_refine(page: Page, item: RawItem, run: Run) -> list[RawItem]:
    return [item]


class PageAdapter:
    """The engine behind `html`, `sitemap` and the platform presets."""

    option_keys: frozenset[str] = OPTION_KEYS

    def __init__(self, kind: str, defaults: Mapping[str, Any] | None = None, refine: Refine = _no_refine,
                 sitemap_from_url: bool = False):
        self.kind = kind
        self.defaults = dict(defaults or {})
        self.refine = refine
        self.sitemap_from_url = sitemap_from_url

    def collect(self, source: SourceConfig, fetcher: Fetcher, previous: Previous) -> Collected:
        options = resolve_options(source, self.defaults)
        run = Run(source, fetcher, options, SiteLinks(source, options), dict(previous.state or {}))
        run.extra = dict(run.previous.get("extra") or {})
        hints = self._discover(run)
        items = self._read_articles(run, hints)
        state = {"listings": run.listings, "sitemaps": run.sitemaps, "pages": run.pages, "failed": run.failed,
                 "extra": run.extra}
        return Collected(tuple(items), Validators(), not_modified=not items, state=state)

    def _discover(self, run: Run) -> dict[str, str]:
        """Article URL -> hint, from the sitemaps and listings, newest knowledge first."""
        sitemaps = list(run.options.sitemaps)
        if self.sitemap_from_url:
            sitemaps.insert(0, run.source.url)
        hints: dict[str, str] = {}
        if sitemaps:
            hints.update(read_sitemaps(run, [run.site.absolute(s) for s in sitemaps]))
        listings = list(run.options.listings) or ([] if sitemaps else [run.source.url])
        for listing in listings:
            for url, hint in read_listing(run, run.site.local(listing) or run.site.absolute(listing)).items():
                hints.setdefault(url, hint)
        return hints

    def _read_articles(self, run: Run, hints: Mapping[str, str]) -> list[RawItem]:
        known = run.known_pages()
        run.pages = {url: dict(entry) for url, entry in known.items()}
        items: list[RawItem] = []
        attempted = succeeded = 0
        first_error: str | None = None
        for url, hint in hints.items():
            entry = known.get(url)
            if entry is not None and entry.get("hint") == hint:
                continue  # the listing or sitemap says nothing changed: no request at all
            attempted += 1
            try:
                found = self._read_article(run, url, entry)
            except CollectError as exc:
                first_error = first_error or str(exc)
                previous_failure = (run.previous.get("failed") or {}).get(url) or {}
                run.failed[url] = {"error": str(exc)[:500], "count": int(previous_failure.get("count", 0)) + 1}
                log.info("source=%s article page failed: %s", run.source.id, exc)
                continue
            succeeded += 1
            run.pages[url] = {**run.pages.get(url, {}), "hint": hint}
            items.extend(found)
        if attempted and not succeeded:
            raise CollectError(f"all {attempted} article pages failed; first: {first_error}")
        return items

    def _read_article(self, run: Run, url: str, entry: Mapping[str, Any] | None) -> list[RawItem]:
        validators = Validators(entry.get("etag"), entry.get("last_modified")) if entry else None
        fetched = run.get(url, validators)
        if fetched.not_modified:
            return []
        page = Page.parse(fetched.url, fetched.body, fetched.content_type)
        article = _with_url(extract_article(page, run.source, run.options), url)
        found = [item for item in self.refine(page, article, run) if _recent_enough(item, run.options)]
        run.pages[url] = {"etag": fetched.validators.etag, "last_modified": fetched.validators.last_modified}
        return found


def _with_url(item: RawItem, url: str) -> RawItem:
    from dataclasses import replace

    return replace(item, url=url)


def _recent_enough(item: RawItem, options: PageOptions) -> bool:
    if not options.since or item.published is None:
        return True
    since = datetime.fromisoformat(options.since)
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    published = item.published if item.published.tzinfo else item.published.replace(tzinfo=UTC)
    return published >= since


def read_listing(run: Run, start: str) -> dict[str, str]:
    """Article URL -> card text of one listing, following its pages until known items appear."""
    found: dict[str, str] = {}
    known = run.known_pages()
    url: str | None = start
    visited: set[str] = set()
    for number in range(run.options.max_pages):
        if url is None or url in visited:
            break
        visited.add(url)
        old = (run.previous.get("listings") or {}).get(url) or {}
        try:
            fetched = run.get(url, Validators(old.get("etag"), old.get("last_modified")))
        except RobotsDisallowedError:
            if number == 0:
                raise  # the listing itself is off limits: the source cannot be collected
            log.info("listing %s: robots.txt disallows the next page; paging stops there", start)
            break
        if fetched.not_modified:
            run.listings[url] = old
            break
        run.listings[url] = {"etag": fetched.validators.etag, "last_modified": fetched.validators.last_modified}
        page = Page.parse(fetched.url, fetched.body, fetched.content_type)
        check_page(page, run.options, run.options.listing_expect, "listing page")
        cards = listing_cards(page, run)
        if not cards and number == 0:
            raise ParseError("listing page shows no articles (an error page?)", fetched.url)
        found.update((u, h) for u, h in cards.items() if u not in found)
        if any(known.get(u, {}).get("hint") == h for u, h in cards.items()):
            break  # reached what the last run already saw
        url = next_listing_page(page, run, start, number)
    return found


def listing_cards(page: Page, run: Run) -> dict[str, str]:
    """Article URL (local, rewritten) -> the text of its card."""
    options = run.options
    pairs: list[tuple[str | None, str]] = []
    if options.item:
        for card in page.all(options.item):
            anchor = next((a for sel in options.item_link for a in card.css(sel)), None)
            if anchor is not None:
                pairs.append((anchor.attributes.get("href"), squash(card.text(separator=" "))))
    else:
        for anchor in page.all(options.item_link):
            pairs.append((anchor.attributes.get("href"), squash(anchor.text(separator=" "))))
    cards: dict[str, str] = {}
    for href, hint in pairs:
        absolute = page.link(href)
        local = run.site.local(absolute) if absolute else None
        if local and run.site.wanted(local) and local not in cards:
            cards[local] = hint
    return cards


def next_listing_page(page: Page, run: Run, start: str, number: int) -> str | None:
    options = run.options
    if options.next_page:
        href = page.links(options.next_page)
        return run.site.local(href[0]) if href else None
    if options.page_param:
        return with_page_param(start, options.page_param, options.first_page + number + 1)
    return None


def with_page_param(url: str, pattern: str, number: int) -> str:
    """`url` with its page parameter (the name before `=` in `pattern`) set to `number`."""
    name = pattern.split("=", 1)[0]
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and p.split("=", 1)[0] != name]
    kept.append(pattern.format(page=number))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), ""))
