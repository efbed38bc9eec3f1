"""Polite HTTP fetching: the only place in collect that touches the network.

- Conditional GET (RFC 9110 §13): send the stored ETag / Last-Modified, accept 304.
- Redirects are followed by hand (at most `http_max_redirects`, loops detected) so that
  every hop is checked against the address policy (`addresses.py`), not just the first URL;
  the connection goes to the address that was checked (`transport.py`: no DNS rebinding).
- Bodies are streamed and capped after decompression, inflated piece by piece
  (`transport.BoundedDecoder`), so a compressed bomb stops at the cap in memory too.
- Timeouts: connect and read per operation, plus a total deadline for the whole exchange,
  status line and headers included.
- Politeness: a token bucket per host (`http_rate_per_host`, burst of one) and a limit of
  requests in flight per host, shared by every Fetcher of the process; a `Retry-After`
  on 429/503 (RFC 9110 §10.2.3) holds back that URL, not the whole host; robots.txt
  (RFC 9309, see `robots.py`) is honoured when the caller asks for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from feeds import __version__
from feeds.collect.addresses import AddressPolicy
from feeds.collect.errors import BlockedAddressError, FetchError, RobotsDisallowedError
from feeds.collect.robots import ALLOW_ALL, DISALLOW_ALL, RobotsRules, parse_robots
from feeds.collect.transport import BoundedDecoder, PinnedTransport, Resolver, exchange_deadline, system_resolver
from feeds.settings import Settings

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({429, 503})
MAX_RETRY_AFTER = 7 * 86400.0  # seconds: a longer Retry-After is taken as a week (the runner caps it further)
ROBOTS_AGENT = "clusterfeeds"


class HostLimiter:
    """Per-host token bucket (burst of one) and a cap on requests in flight per host.

    `acquire(host)` blocks until the host's next slot: consecutive request starts to one
    host are at least `1 / rate` seconds apart, whichever thread sends them.
    """

    def __init__(self, rate: float, concurrency: int):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.concurrency = max(1, concurrency)
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._in_flight: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def acquire(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._in_flight.setdefault(host, threading.BoundedSemaphore(self.concurrency))
        with semaphore:
            with self._lock:
                now = time.monotonic()
                slot = max(now, self._next_slot.get(host, now))
                self._next_slot[host] = slot + self.interval
            if slot > now:
                time.sleep(slot - now)
            yield


_LIMITERS: dict[tuple[float, int], HostLimiter] = {}
_LIMITERS_LOCK = threading.Lock()


def shared_limiter(rate: float, concurrency: int) -> HostLimiter:
    """The process-wide limiter for these settings: scheduler jobs running side by side share it."""
    with _LIMITERS_LOCK:
        return _LIMITERS.setdefault((rate, concurrency), HostLimiter(rate, concurrency))


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    """The outcome of one successful fetch (a 2xx or a 304)."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def user_agent(settings: Settings) -> str:
    return f"ClusterFeeds/{__version__} (+{settings.contact_url})"


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.

    Clamped to [0, MAX_RETRY_AFTER]: `Retry-After: 300000000000` once overflowed date arithmetic
    and stopped a whole collect run.
    """
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value[:12]), MAX_RETRY_AFTER)
    try:
        moment = parsedate_to_datetime(value)
        seconds = moment.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None
    return min(max(0.0, seconds), MAX_RETRY_AFTER)


class Fetcher:
    """Fetches URLs for the adapters. One per collect run; close it when done."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None,
                 limiter: HostLimiter | None = None, resolver: Resolver = system_resolver):
        """`transport` replaces the pinned, policy-checking one (tests of the transport itself);
        `resolver` answers the DNS questions of the default transport."""
        self.settings = settings
        self.limiter = limiter or shared_limiter(settings.http_rate_per_host, settings.http_host_concurrency)
        self._not_before: dict[str, float] = {}  # URL -> monotonic time its Retry-After ends
        self._robots: dict[str, tuple[float, RobotsRules]] = {}  # origin -> (fetched at, rules)
        timeout = httpx.Timeout(
            connect=settings.http_connect_timeout,
            read=settings.http_read_timeout,
            write=settings.http_read_timeout,
            pool=settings.http_connect_timeout,
        )
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": user_agent(settings), "Accept-Encoding": "gzip, deflate"},
            transport=transport or PinnedTransport(AddressPolicy(settings.allow_private_networks), resolver),
            trust_env=False,  # a proxy from the environment would connect for us, past the checked address
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, url: str, validators: Validators | None = None, accept: str | None = None,
            *, robots: bool = False) -> Fetched:
        """GET `url`, following redirects; raise FetchError for anything but 2xx/304.

        With `robots`, every hop must be allowed by its host's robots.txt. A URL whose
        server asked us to retry later is not requested again before that time.
        """
        waiting = self._not_before.get(url, 0.0) - time.monotonic()
        if waiting > 0:
            raise FetchError(f"server asked to retry after {waiting:.0f}s", url, retry_after=waiting)
        try:
            return self._get(url, validators, accept, robots)
        except FetchError as exc:
            if exc.status in RETRY_STATUSES and exc.retry_after:
                self._not_before[url] = time.monotonic() + exc.retry_after
            raise

    def allowed_by_robots(self, url: str) -> bool:
        """Whether robots.txt of `url`'s host lets ClusterFeeds fetch it (fetched once, then cached)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached is None or time.monotonic() - cached[0] > self.settings.robots_cache_seconds:
            cached = (time.monotonic(), self._fetch_robots(origin))
            self._robots[origin] = cached
        return cached[1].allows(url)

    def _fetch_robots(self, origin: str) -> RobotsRules:
        # RFC 9309 §2.3.1: no robots.txt (4xx) allows everything; an unreachable one (5xx,
        # network error) disallows everything until it can be read.
        try:
            fetched = self._get(origin + "/robots.txt", None, "text/plain", robots=False)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return ALLOW_ALL
            return DISALLOW_ALL
        return parse_robots(fetched.body.decode("utf-8", errors="replace"), ROBOTS_AGENT)

    def _get(self, url: str, validators: Validators | None, accept: str | None, robots: bool) -> Fetched:
        deadline = time.monotonic() + self.settings.http_total_timeout
        headers: dict[str, str] = {}
        if accept:
            headers["Accept"] = accept
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        seen: set[str] = set()
        current = url
        for _hop in range(self.settings.http_max_redirects + 1):
            if current in seen:
                raise FetchError("redirect loop", current)
            seen.add(current)
            if not urlsplit(current).hostname:
                raise FetchError("URL has no host", current)
            if robots and not self.allowed_by_robots(current):
                raise RobotsDisallowedError("disallowed by robots.txt", current)
            with self.limiter.acquire(urlsplit(current).netloc.lower()):
                result = self._get_once(current, headers, deadline)
            if isinstance(result, Fetched):
                return result
            current = result
        raise FetchError(f"more than {self.settings.http_max_redirects} redirects", url)

    def _get_once(self, url: str, headers: dict[str, str], deadline: float) -> Fetched | str:
        """One request: a Fetched, or the next URL when the answer is a redirect."""
        try:
            with exchange_deadline(deadline), self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in REDIRECT_STATUSES:
                    location = response.headers.get("Location")
                    if not location:
                        raise FetchError(f"HTTP {response.status_code} without Location", url,
                                         response.status_code)
                    return urljoin(url, location)
                if response.status_code == 304:
                    return self._fetched(url, response, b"")
                if not 200 <= response.status_code < 300:
                    raise FetchError(
                        f"HTTP {response.status_code}", url, response.status_code,
                        parse_retry_after(response.headers.get("Retry-After")),
                    )
                body = self._read_capped(url, response, deadline)
                return self._fetched(url, response, body)
        except BlockedAddressError as exc:
            raise BlockedAddressError(exc.args[0], url) from None
        except httpx.TimeoutException as exc:
            if time.monotonic() >= deadline:
                raise FetchError(f"took longer than {self.settings.http_total_timeout:g}s in total", url) from None
            raise FetchError(f"timed out ({type(exc).__name__})", url) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", url) from None

    def _read_capped(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        """The decoded body, at most `http_max_bytes` of it, raw and decoded; memory bounded by the cap."""
        cap = self.settings.http_max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > cap and "Content-Encoding" not in response.headers:
            raise FetchError(f"body of {declared} bytes is over the {cap}-byte cap", url)
        decoder = BoundedDecoder(response.headers.get("Content-Encoding"), cap, url)
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_raw(64 * 1024):
            received += len(chunk)
            if received > cap:
                raise FetchError(f"body is over the {cap}-byte cap", url)
            if time.monotonic() > deadline:
                raise FetchError(f"took longer than {self.settings.http_total_timeout:g}s in total", url)
            chunks.append(decoder.feed(chunk))
        return b"".join(chunks)

    @staticmethod
    def _fetched(url: str, response: httpx.Response, body: bytes) -> Fetched:
        return Fetched(
            url=url,
            status=response.status_code,
            body=body,
            content_type=response.headers.get("Content-Type"),
            validators=Validators(response.headers.get("ETag"), response.headers.get("Last-Modified")),
        )
