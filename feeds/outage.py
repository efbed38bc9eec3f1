"""Riding out a database outage in the scheduler: retry with backoff, log once per state change.

Wiring, like the scheduler: every scheduled job runs through one `DatabaseWatch`. While the
database does not answer (the store's `DatabaseUnavailable`: refused connection, reset, pool
timeout, SQLite `database is locked` for longer than the busy timeout), jobs are skipped until the next retry
time, which doubles from `first_retry` up to `max_retry`; one warning says the database went
away and one line says it is back. Nothing is lost: a source that was not collected is simply
due at the next run, and each batch is one transaction.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from feeds.store import DatabaseUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")


class DatabaseWatch:
    def __init__(self, first_retry: float = 2.0, max_retry: float = 300.0,
                 clock: Callable[[], float] = time.monotonic):
        self.first_retry = first_retry
        self.max_retry = max_retry
        self.clock = clock
        self.down_since: float | None = None
        self.failures = 0
        self.retry_at = 0.0
        self.pending: Callable[[], object] | None = None  # work that must succeed before the next job
        self._lock = threading.Lock()

    @property
    def down(self) -> bool:
        return self.down_since is not None

    def run(self, job: Callable[..., T], *args: Any) -> T | None:
        """Run `job(*args)` unless waiting out an outage; None when skipped or when the database failed."""
        with self._lock:
            if self.down and self.clock() < self.retry_at:
                return None
        try:
            if self.pending is not None:
                self.pending()
                self.pending = None
            result = job(*args)
        except DatabaseUnavailable as exc:
            self._failed(exc)
            return None
        self._succeeded()
        return result

    def _failed(self, exc: Exception) -> None:
        with self._lock:
            self.failures += 1
            delay = min(self.max_retry, self.first_retry * 2 ** (self.failures - 1))
            self.retry_at = self.clock() + delay
            if self.down_since is None:
                self.down_since = self.clock()
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                log.warning("database unavailable, collects paused; retrying with backoff: %s", reason)

    def _succeeded(self) -> None:
        with self._lock:
            if self.down_since is not None:
                log.warning("database available again after %.0f s; collects resume", self.clock() - self.down_since)
            self.down_since = None
            self.failures = 0
            self.retry_at = 0.0
