"""Polite HTTP fetching: the only place in collect that touches the network.

- Conditional GET (RFC 9110 §13): send the stored ETag / Last-Modified, accept 304.
- Redirects are followed by hand (at most `http_max_redirects`, loops detected) so that
  every hop is checked against the address policy, not just the first URL.
- Bodies are streamed and capped after decompression, so a compressed bomb stops at the cap.
- Timeouts: connect and read per operation, plus a total deadline for the whole fetch.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from feeds import __version__
from feeds.collect.errors import BlockedAddressError, FetchError
from feeds.settings import Settings

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


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


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs whose host resolves to a loopback, private, link-local or multicast address."""
    host = urlsplit(url).hostname
    if not host:
        raise FetchError("URL has no host", url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc.strerror}", url) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (address.is_loopback or address.is_private or address.is_link_local or address.is_multicast
                or address.is_reserved or address.is_unspecified):
            raise BlockedAddressError(
                f"refusing to fetch {host} ({address}): not a public address; "
                "set CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS=1 to allow it",
                url,
            )


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """Fetches URLs for the adapters. One per collect run; close it when done."""

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None):
        self.settings = settings
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
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, url: str, validators: Validators | None = None, accept: str | None = None) -> Fetched:
        """GET `url`, following redirects; raise FetchError for anything but 2xx/304."""
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
            check_address(current, self.settings.allow_private_networks)
            result = self._get_once(current, headers, deadline)
            if isinstance(result, Fetched):
                return result
            current = result
        raise FetchError(f"more than {self.settings.http_max_redirects} redirects", url)

    def _get_once(self, url: str, headers: dict[str, str], deadline: float) -> Fetched | str:
        """One request: a Fetched, or the next URL when the answer is a redirect."""
        try:
            with self._client.stream("GET", url, headers=headers) as response:
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
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out ({type(exc).__name__})", url) from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}", url) from None

    def _read_capped(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        cap = self.settings.http_max_bytes
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > cap and "Content-Encoding" not in response.headers:
            raise FetchError(f"body of {declared} bytes is over the {cap}-byte cap", url)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"body is over the {cap}-byte cap", url)
            if time.monotonic() > deadline:
                raise FetchError(f"took longer than {self.settings.http_total_timeout:g}s in total", url)
            chunks.append(chunk)
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
