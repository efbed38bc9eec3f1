"""The render cache: feed responses as the app sent them, valid until the store changes.

An entry is one representation of one feed URL — keyed by (path, normalised query, language
of the labels, representation: gzip or identity) — holding the exact status line, headers and
body the Flask path produced, its ETag and Last-Modified, and the store version it was
rendered at. An entry is current while `store.feeds.version()` still equals that version; the
version is read at most every `cache_check_ms`, so a request normally does no SQL. A commit
through the app's store in this process (a collect in `clusterfeeds run`, an admin action;
`Store.commits()`) forces the next read at once; other processes' collects are seen within
`cache_check_ms`.

Entries live in this process (an LRU bounded by `cache_max_mb`) and, with
`CLUSTERFEEDS_CACHE_URL=redis://…`, also in Redis, shared by every web process. Redis keys
carry the store version, so stale entries are never read and expire on their own. Any Redis
error counts as a miss: the request is rendered and Redis is left alone for a few seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Protocol

from feeds import metrics
from feeds.settings import Settings
from feeds.store import Store

log = logging.getLogger(__name__)

CacheKey = tuple[str, str, str, str]  # path, normalised query, label language, "gzip" | "identity"
SHARED_TTL_SECONDS = 24 * 3600
SHARED_RETRY_SECONDS = 5.0


@dataclass(frozen=True)
class CachedResponse:
    """A 200 response of a feed URL, ready to send again."""

    version: int  # store version it was rendered at
    route: str  # the URL rule, for request metrics
    status: str  # "200 OK"
    headers: tuple[tuple[str, str], ...]  # as Flask sent them, without Date
    body: bytes
    etag: str | None  # the ETag header value, quoted
    last_modified: str | None  # the Last-Modified header value

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200

    def encode(self) -> bytes:
        meta = json.dumps({"version": self.version, "route": self.route, "status": self.status,
                           "headers": self.headers, "etag": self.etag, "last_modified": self.last_modified})
        encoded = meta.encode()
        return len(encoded).to_bytes(4, "big") + encoded + self.body

    @classmethod
    def decode(cls, data: bytes) -> CachedResponse:
        length = int.from_bytes(data[:4], "big")
        meta = json.loads(data[4:4 + length])
        return cls(meta["version"], meta["route"], meta["status"], tuple(tuple(h) for h in meta["headers"]),
                   data[4 + length:], meta["etag"], meta["last_modified"])


class SharedCache(Protocol):
    def get(self, name: str) -> bytes | None: ...

    def set(self, name: str, value: bytes, ttl: int) -> None: ...


class RedisCache:
    """Entries in Redis under `prefix`; every error propagates (the RenderCache decides)."""

    def __init__(self, url: str, prefix: str = "clusterfeeds:render:", timeout: float = 0.25):
        import redis

        self.client = redis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)
        self.prefix = prefix

    def get(self, name: str) -> bytes | None:
        value = self.client.get(self.prefix + name)
        return value if isinstance(value, bytes) else None

    def set(self, name: str, value: bytes, ttl: int) -> None:
        self.client.set(self.prefix + name, value, ex=ttl)


def _no_commits() -> int:
    return 0


class StoreVersion:
    """The store's content version (`read`), read at most every `interval` seconds, and at once when
    `commits()` (the store's commit count in this process) has moved since the last read.

    A read runs in one background thread and is waited for at most `wait` seconds: a database
    that does not answer leaves the version where it was, so cached feeds are still served
    from memory instead of every request waiting on the database (one read in flight at most).
    """

    def __init__(self, read: Callable[[], int], interval: float, wait: float = 1.0,
                 commits: Callable[[], int] = _no_commits):
        self.read = read
        self.commits = commits
        self.interval = interval
        self.wait = wait
        self._value = -1
        self._read_at = float("-inf")
        self._commits = -1
        self._lock = threading.Lock()
        self._reading: Future[int] | None = None
        self._reading_commits = -1
        self._threads: ThreadPoolExecutor | None = None

    def current(self) -> int:
        now = time.monotonic()
        commits = self.commits()
        if commits != self._commits or now - self._read_at >= self.interval:
            self._commits = commits  # taken before reading: a commit during the read forces another
            self._read_at = now
            try:
                self._value = self._start_read(commits).result(timeout=self.wait)
            except FutureTimeout:
                log.debug("store version not read within %.1f s, cached feeds stay at version %d",
                          self.wait, self._value)
            except Exception as exc:  # database away: keep answering what was rendered at the last version read
                log.debug("store version unreadable, cached feeds stay at version %d: %s", self._value, exc)
        return self._value

    def _start_read(self, commits: int) -> Future[int]:
        """The read in flight if it started after the last commit seen, else a new one (queued behind it)."""
        with self._lock:
            if self._reading is None or self._reading.done() or self._reading_commits != commits:
                if self._threads is None:
                    self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="store-version")
                self._reading = self._threads.submit(self.read)
                self._reading_commits = commits
            return self._reading


class RenderCache:
    def __init__(self, version: StoreVersion, max_bytes: int = 64 * 2**20, shared: SharedCache | None = None):
        self.version = version
        self.max_bytes = max_bytes
        self.shared = shared
        self._local: OrderedDict[CacheKey, CachedResponse] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._shared_down_until = 0.0

    def get(self, key: CacheKey, version: int) -> CachedResponse | None:
        """The entry for `key` rendered at `version`, or None (counted as hit or miss)."""
        entry = self._local.get(key)
        if entry is not None and entry.version == version:
            with contextlib.suppress(KeyError):  # evicted by another thread meanwhile
                self._local.move_to_end(key)
            metrics.CACHE_LOOKUPS.labels("hit").inc()
            return entry
        if self.shared is not None and self._shared_up():
            try:
                data = self.shared.get(_shared_name(key, version))
            except Exception as exc:
                self._shared_failed(exc)
            else:
                if data is not None:
                    entry = CachedResponse.decode(data)
                    self._remember(key, entry)
                    metrics.CACHE_LOOKUPS.labels("hit").inc()
                    return entry
        metrics.CACHE_LOOKUPS.labels("miss").inc()
        return None

    def put(self, key: CacheKey, entry: CachedResponse) -> None:
        self._remember(key, entry)
        if self.shared is not None and self._shared_up():
            try:
                self.shared.set(_shared_name(key, entry.version), entry.encode(), SHARED_TTL_SECONDS)
            except Exception as exc:
                self._shared_failed(exc)

    def clear(self) -> None:
        with self._lock:
            self._local.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._local)

    def _remember(self, key: CacheKey, entry: CachedResponse) -> None:
        if entry.size > self.max_bytes:
            return
        with self._lock:
            old = self._local.pop(key, None)
            if old is not None:
                self._bytes -= old.size
            self._local[key] = entry
            self._bytes += entry.size
            while self._bytes > self.max_bytes:
                _, evicted = self._local.popitem(last=False)
                self._bytes -= evicted.size

    def _shared_up(self) -> bool:
        return time.monotonic() >= self._shared_down_until

    def _shared_failed(self, exc: Exception) -> None:
        metrics.CACHE_LOOKUPS.labels("error").inc()
        if self._shared_up():
            log.warning("shared cache unavailable, rendering instead for %.0f s: %s: %s",
                        SHARED_RETRY_SECONDS, type(exc).__name__, exc)
        self._shared_down_until = time.monotonic() + SHARED_RETRY_SECONDS


def _shared_name(key: CacheKey, version: int) -> str:
    digest = hashlib.sha256("\x00".join(key).encode("utf-8", "surrogateescape")).hexdigest()[:40]
    return f"v{version}:{digest}"


def build_cache(settings: Settings, store: Store) -> RenderCache:
    """The render cache the settings ask for: in this process, and in Redis with `cache_url`."""
    shared = RedisCache(settings.cache_url) if settings.cache_url else None
    version = StoreVersion(store.feeds.version, settings.cache_check_ms / 1000, commits=store.commits)
    return RenderCache(version, settings.cache_max_mb * 2**20, shared)
