"""An optional per-client rate limit on the public endpoints: a token bucket per client IP.

Off unless `rate_limit_per_minute` is set. It wraps the whole WSGI app — outside the feed
fast path, so cached answers count too — and answers `429 Too Many Requests` with
`Retry-After` (RFC 6585 §4, RFC 9110 §10.2.3) when a client's bucket is empty. Operations
endpoints (/healthz, /readyz, /metrics) and the token-protected /admin API are not limited
here; the admin API limits failed attempts itself (feeds.web.admin).

The client is the socket's address. Behind reverse proxies, set `trusted_proxies` to their
number: the client is then the address that many entries from the right of
`X-Forwarded-For` (what the nearest trusted proxy saw). Without that setting the header is
ignored, since any client can write it.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
UNLIMITED_PREFIXES = ("/healthz", "/readyz", "/metrics", "/admin/")
MAX_CLIENTS = 100_000  # buckets kept; the least recently seen are forgotten (a full bucket is no state)


class TokenBuckets:
    """`rate` tokens per second up to `burst`, per key; thread-safe, bounded in memory."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_CLIENTS):
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key -> (tokens, at)
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Seconds until `key` has a token (0.0: one is there now); takes nothing."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def take(self, key: str) -> float:
        """Take one token for `key`: 0.0 when granted, else the seconds until one is available."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - at) * self.rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate
            if not wait:
                tokens -= 1.0
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
            return wait


def client_address(environ: dict[str, Any], trusted_proxies: int) -> str:
    """The client's IP: the socket peer, or with `trusted_proxies` the entry that many from X-Forwarded-For's end."""
    peer = str(environ.get("REMOTE_ADDR") or "unknown")
    if trusted_proxies <= 0:
        return peer
    forwarded = [part.strip() for part in str(environ.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(forwarded) >= trusted_proxies:
        return forwarded[-trusted_proxies]
    return forwarded[0] if forwarded else peer


class RateLimit:
    """WSGI middleware: `app` behind per-client token buckets."""

    def __init__(self, app: WSGIApp, per_minute: float, burst: int, trusted_proxies: int = 0,
                 clock: Callable[[], float] = time.monotonic):
        self.app = app
        self.buckets = TokenBuckets(per_minute / 60.0, burst or max(1, math.ceil(per_minute / 6)), clock)
        self.per_minute = per_minute
        self.trusted_proxies = trusted_proxies

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith(UNLIMITED_PREFIXES):
            return self.app(environ, start_response)
        wait = self.buckets.take(client_address(environ, self.trusted_proxies))
        if not wait:
            return self.app(environ, start_response)
        retry_after = max(1, math.ceil(wait))
        body = (f"rate limit exceeded: {self.per_minute:g} requests per minute per client; "
                f"retry after {retry_after} s\n").encode()
        start_response("429 Too Many Requests", [
            ("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
            ("Retry-After", str(retry_after)), ("Cache-Control", "no-store"),
        ])
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
