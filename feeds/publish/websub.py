"""WebSub (W3C Recommendation, 2018) publisher side: tell the hub which feeds changed.

A collect, and an editor's correction, snapshot a fingerprint of every feed's first page before and
after (`announcing`); the hub is pinged with `hub.mode=publish` and one `hub.url` per format of
exactly the feeds whose fingerprint changed. The fingerprint covers every entry field a feed renders,
so a change that touched no feed pings nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

from feeds.config.feeds import FeedFilter
from feeds.model import Entry
from feeds.publish.catalog import FeedSpec
from feeds.publish.documents import Shelf, Site, feed_specs, first_page
from feeds.publish.render import FORMATS

log = logging.getLogger(__name__)


def fingerprint(entries: Sequence[Entry]) -> str:
    return hashlib.sha256(repr(list(entries)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FeedWatch:
    """Fingerprints of every feed, taken through the callables the wiring passes in."""

    hub_url: str
    base_url: str
    list_feeds: Callable[[], Sequence[FeedSpec]]
    entries_of: Callable[[FeedFilter], Sequence[Entry]]

    def snapshot(self) -> dict[str, str]:
        """{feed path: fingerprint of its first page}."""
        return {spec.path: fingerprint(self.entries_of(spec.filter)) for spec in self.list_feeds()}

    def changed_urls(self, before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
        """Self URLs (every format) of the feeds whose first page differs between the snapshots."""
        paths = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
        base = self.base_url.rstrip("/")
        return [f"{base}{path}.{fmt}" for path in paths for fmt in FORMATS]

    def notify(self, urls: Sequence[str], timeout: float = 10.0) -> bool:
        """POST the publish ping. A hub that is down is logged, never raised: the collect succeeded."""
        if not urls:
            return True
        form = [("hub.mode", "publish"), *(("hub.url", url) for url in urls)]
        try:
            response = httpx.post(self.hub_url, content=urlencode(form), timeout=timeout,
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
        except httpx.HTTPError as exc:
            log.warning("websub hub %s unreachable: %s", self.hub_url, exc)
            return False
        if response.status_code >= 300:
            log.warning("websub hub %s answered %d to %d feed URLs", self.hub_url, response.status_code, len(urls))
            return False
        log.info("websub hub %s notified of %d feed URLs", self.hub_url, len(urls))
        return True


def watch_of(hub_url: str, base_url: str, shelf: Shelf, site: Site) -> FeedWatch | None:
    """The watch over every feed of `shelf`, or None without a hub."""
    if not hub_url:
        return None
    return FeedWatch(hub_url, base_url, lambda: feed_specs(shelf, site),
                     lambda feed_filter: first_page(shelf, site, feed_filter))


@contextmanager
def announcing(watch: FeedWatch | None) -> Iterator[None]:
    """Ping the hub for the feeds that the block changed (nothing without a watch, or on an error)."""
    before = watch.snapshot() if watch is not None else {}
    yield
    if watch is not None:
        watch.notify(watch.changed_urls(before, watch.snapshot()))
