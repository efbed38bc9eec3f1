"""A feed's entries completed from their article pages (the `pages` key of a `feed` source).

Many feeds carry a teaser of a sentence or two, or no description at all, and many state no date: the
federal GSB sites' RSS sometimes has no `<description>`, republishers' feeds often no `<pubDate>`. The page the
entry links to has both. With `pages: missing` (the default), an entry whose feed text is a teaser (shorter than
`PAGE_TEXT_CHARACTERS`, or cut off with an ellipsis or a "read more": `is_teaser`) takes its page's body when that
says more than the feed, and an entry without a date its page's date (the source's `date` selectors,
`date_from_url`, then the page's markup: `article.marked_date`). With `pages: always`, every entry's page is read,
and its body replaces a feed text it says more than; with `pages: never`, no page is. The feed's title, link, GUID
and categories stay. Only pages on the feed's own site are read (its host, `host_aliases`, `site_hosts`): a feed
that links to other sites' pages is read as it is, unless the operator names their hosts.

Incremental, like the page sources (html.py): the state keeps, per entry URL, a *hint* of what the feed said of it.
An entry whose hint is unchanged and whose page was read is not yielded again (it is stored, completed); one whose
feed text changed is read again. A page that fails (an error page, a bot challenge, a timeout, robots.txt) loses
nothing: the entry is kept as the feed gives it, the failure is recorded (`failed`), and the page is tried again
at the next runs, `PAGE_TRIES` times in all. At most `PAGES_PER_RUN` pages are read per run, for at most
`PAGES_SECONDS`, and none after `FAILURES_IN_A_ROW` failures in a row; the other entries are kept as the feed gives
them, and completed at the next runs.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from feeds.collect.adapters.article import check_page, page_date
from feeds.collect.adapters.html import HTML_ACCEPT
from feeds.collect.adapters.options import PageOptions, SiteLinks, resolve_options
from feeds.collect.errors import CollectError
from feeds.collect.http import Fetcher
from feeds.collect.pages import Page, inner_html, squash
from feeds.config import SourceConfig
from feeds.model import RawItem

log = logging.getLogger(__name__)

Mode = Literal["never", "missing", "always"]
MODES: tuple[Mode, ...] = ("never", "missing", "always")
# The page keys a feed source takes (options.py): where the body and the date are on its pages, what marks an error
# page, whether robots.txt is honoured.
PAGE_KEYS = frozenset({"pages", "body", "remove", "date", "date_formats", "date_from_url", "expect", "reject",
                       "error_titles", "challenge_markers", "robots", "site_hosts"})
PAGE_TEXT_CHARACTERS = 400  # feed text shorter than this is a teaser: its page says more
PAGE_TRIES = 3  # a page that fails this many runs in a row is left at what the feed says
# the end of an excerpt cut off at a fixed length, with or without a link to the rest
_MORE = r"read more|continue reading|weiterlesen|mehr lesen|lire la suite|en savoir plus"
_CUT_OFF = re.compile(rf"(?:(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\])\s*(?:\(?(?:{_MORE}|mehr|la suite)\)?)?|\b(?:{_MORE}))"
                      r"\s*[.:»>›→)]*\s*$", re.I)
MORE_TEXT = 1.2  # a page's body replaces the feed's text when it is this much longer
PAGES_PER_RUN = 50  # pages read per run at most: a feed of thousands of entries is completed over several runs
# A run stops reading pages after this many failures in a row, or after this many seconds of it: pages that time out
# would otherwise hold the feed's entries back for up to PAGES_PER_RUN total timeouts. The rest wait for the next run.
FAILURES_IN_A_ROW = 3
PAGES_SECONDS = 120.0


def pages_mode(source: SourceConfig) -> Mode:
    """The source's `pages` key; CollectError for a value that is none of MODES."""
    value = source.options.get("pages", "missing")
    if value is False or value is None:
        return "never"
    if value not in MODES:
        raise CollectError(f"source {source.id!r}: bad option: pages must be one of {', '.join(MODES)}, not {value!r}")
    return value


def complete_from_pages(source: SourceConfig, fetcher: Fetcher, items: list[RawItem], mode: Mode,
                        previous: Mapping[str, Any]) -> tuple[list[RawItem], dict[str, Any]]:
    """The feed's items, completed from their pages where `mode` asks, and the new state."""
    options = resolve_options(source, {})
    site = SiteLinks(source, options)
    known: Mapping[str, Any] = previous.get("pages") or {}
    run = _PageRun(previous.get("failed") or {}, budget=PAGES_PER_RUN)
    found: list[RawItem] = []
    for item in items:
        if not _well_formed(item):
            found.append(item)  # the runner refuses it, with its reason (runner._fresh); nothing to read here
            continue
        # a teaser's page gives the text; an undated entry's page its date (its body replaces a full feed text
        # only with `always`: a page's body may carry a sidebar or related teasers that a feed's text has not)
        said = feed_text(item)
        text = mode == "always" or is_teaser(said)
        if not (text or item.published is None) or site.local(item.url) is None:
            found.append(item)  # nothing to complete, or a page on another site (unless named by `site_hosts`)
            continue
        hint = entry_hint(item)
        entry = known.get(item.url)
        if entry is not None and entry.get("hint") == hint:
            run.pages[item.url] = entry  # read before, stored completed: nothing to fetch, nothing to yield
            continue
        if run.paused():
            run.postpone(item.url)  # as the feed gives it; its page is read at a later run
            found.append(item)
            continue
        try:
            completed = _complete(item, fetcher, options, len(said) if text else None)
        except (CollectError, ValueError) as exc:  # ValueError: a link no request can be made of
            run.failed_page(item.url, hint, exc, source.id)
            found.append(item)
            continue
        run.read_page(item.url, hint)
        found.append(completed)
    if run.failures:
        log.warning("source=%s %d of %d entry pages read failed; their entries are kept as the feed gives them, and "
                    "the pages tried again at the next runs (first: %s)", source.id, run.failures, run.attempted,
                    run.first_error)
    return found, {"pages": run.pages, "failed": run.failed}


@dataclass
class _PageRun:
    """One run's pages: what was read or given up (`pages`), what failed and is tried again (`failed`), and whether
    the run should read more (`paused`: its budget of pages, of failures in a row and of seconds)."""

    tried: Mapping[str, Any]  # the failures of earlier runs, by page URL
    pages: dict[str, Any] = field(default_factory=dict)
    failed: dict[str, Any] = field(default_factory=dict)
    budget: int = 0  # pages left to read this run
    streak: int = 0
    attempted: int = 0
    failures: int = 0
    first_error: str = ""
    started: float = field(default_factory=time.monotonic)

    def paused(self) -> bool:
        return (self.budget == 0 or self.streak >= FAILURES_IN_A_ROW
                or time.monotonic() - self.started > PAGES_SECONDS)

    def postpone(self, url: str) -> None:
        if url in self.tried:
            self.failed[url] = self.tried[url]  # not tried this run: its count stays

    def read_page(self, url: str, hint: str) -> None:
        self.budget, self.streak, self.attempted = self.budget - 1, 0, self.attempted + 1
        self.pages[url] = {"hint": hint}

    def failed_page(self, url: str, hint: str, error: Exception, source_id: str) -> None:
        self.budget, self.streak, self.attempted = self.budget - 1, self.streak + 1, self.attempted + 1
        self.failures += 1
        self.first_error = self.first_error or str(error)
        count = int((self.tried.get(url) or {}).get("count", 0)) + 1
        log.info("source=%s page of feed entry failed (%d of %d): %s", source_id, count, PAGE_TRIES, error)
        if count >= PAGE_TRIES:
            self.pages[url] = {"hint": hint, "gave_up": str(error)[:500]}
        else:
            self.failed[url] = {"error": str(error)[:500], "count": count}


def _complete(item: RawItem, fetcher: Fetcher, options: PageOptions, feed_length: int | None) -> RawItem:
    """`item` with its page's date where it has none, and its page's body where that says more than the feed's text of
    `feed_length` characters (None: the date only)."""
    fetched = fetcher.get(item.url, None, accept=HTML_ACCEPT, robots=options.robots)
    page = Page.parse(fetched.url, fetched.body, fetched.content_type)
    check_page(page, options, options.expect, "article page")
    published = item.published or page_date(page, options)  # before the body: `remove` edits the tree
    body = page.first(options.body) if feed_length is not None else None
    content = inner_html(body, options.remove) if body is not None else None
    if body is None or len(squash(body.text(separator=" "))) < MORE_TEXT * (feed_length or 0):
        content = None  # the feed says as much (the page adds its headline, a byline, a share box): its text stays
    return replace(item, published=published, content_html=content or item.content_html,
                   language=item.language or page.language())


def _well_formed(item: RawItem) -> bool:
    """Whether the entry's link and texts are strings that can be written out (a hostile feed gives numbers, lists
    and lone surrogates where strings belong) and its dates dates."""
    texts = (item.url, item.title, item.guid, item.content_html, item.summary_html)
    if not isinstance(item.url, str) or not all(value is None or isinstance(value, str) for value in texts):
        return False
    if not all(moment is None or isinstance(moment, datetime) for moment in (item.published, item.updated)):
        return False
    try:
        "".join(value or "" for value in texts).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def is_teaser(text: str) -> bool:
    """Whether a feed's text of an entry is a teaser of its page: short, or cut off ("… [&hellip;]", "... Read more",
    "Weiterlesen", "Lire la suite" at its end: excerpts of a fixed length, as many CMSs write them)."""
    return len(text) < PAGE_TEXT_CHARACTERS or _CUT_OFF.search(text[-80:]) is not None


def feed_text(item: RawItem) -> str:
    """The plain text the feed gives of an entry (its content, else its summary)."""
    html = item.content_html or item.summary_html or ""
    if "<" not in html:
        return squash(html)
    return squash(Page.parse(item.url, html.encode(), "text/html; charset=utf-8").tree.text(separator=" "))


def entry_hint(item: RawItem) -> str:
    """What the feed says of an entry, as a short digest: it changes when the entry is edited."""
    said = "\x1f".join((item.guid or "", item.title, item.content_html or "", item.summary_html or "",
                        item.updated.isoformat() if item.updated else "",
                        item.published.isoformat() if item.published else ""))
    return hashlib.sha256(said.encode()).hexdigest()[:32]
