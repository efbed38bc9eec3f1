"""The wire under `collect/http.py`: pinned connections, one deadline per exchange, bounded decoding.

- DNS rebinding: a name is resolved once, every address it resolves to is checked against
  the address policy (`addresses.py`), and the connection goes to the address that was
  checked — httpx never resolves the name itself. TLS still sends the name as SNI and
  verifies the certificate against it; the Host header comes from the URL.
- Whole-exchange deadline: a per-read timeout restarts with every byte, so a server that
  trickles its headers one byte a second would hold a worker for hours. Every read, write
  and connect of the exchange is given at most the time left until the fetch's deadline.
- Bounded decoding: httpx inflates each received chunk in one call, so 1.8 KB of stacked
  gzip became 2.28 GB before the size cap was checked. Here a body is inflated piece by
  piece, never more than the cap plus one byte, and stacked content codings are refused.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import typing
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import httpcore
import httpx

from feeds.collect.addresses import AddressPolicy
from feeds.collect.errors import BlockedAddressError, FetchError

Resolver = Callable[[str, int], Sequence[str]]  # (host, port) -> IP addresses, in preference order


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses getaddrinfo gives for `host`, in its order, without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise httpcore.ConnectError(f"cannot resolve host {host!r}: {exc.strerror}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# -- one deadline per exchange ----------------------------------------------------------------

_deadline = threading.local()


@contextmanager
def exchange_deadline(deadline: float) -> Iterator[None]:
    """Within this block, network operations of this thread end by `deadline` (time.monotonic)."""
    previous = getattr(_deadline, "at", None)
    _deadline.at = deadline
    try:
        yield
    finally:
        _deadline.at = previous


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    at = getattr(_deadline, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the fetch's total time is used up")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation ends by the exchange's deadline."""

    def __init__(self, stream: httpcore.NetworkStream):
        self.stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.stream.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self.stream.start_tls(ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout))
        return DeadlineStream(inner)

    def get_extra_info(self, info: str) -> typing.Any:
        return self.stream.get_extra_info(info)


class PinnedBackend(httpcore.NetworkBackend):
    """Resolves a host once, checks every address, connects to the first (the one checked)."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver = system_resolver,
                 network: httpcore.NetworkBackend | None = None):
        self.policy = policy
        self.resolver = resolver
        self.network = network or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        address = self.checked_address(host, port)
        stream = self.network.connect_tcp(address, port, _bounded(timeout, httpcore.ConnectTimeout),
                                          local_address, socket_options)
        return DeadlineStream(stream)

    def checked_address(self, host: str, port: int) -> str:
        """The address to connect to for `host`; BlockedAddressError when any of its addresses is refused."""
        addresses = list(self.resolver(host.strip("[]"), port))
        if not addresses:
            raise httpcore.ConnectError(f"host {host!r} has no address")
        for address in addresses:
            reason = self.policy.refusal(address)
            if not reason:
                continue
            if AddressPolicy(allow_private=True).refusal(address) is None:  # refused only as a private address
                raise BlockedAddressError(f"refusing to fetch {host} ({address}): not a public address ({reason}); "
                                          "set CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS=1 to allow it")
            raise BlockedAddressError(f"refusing to fetch {host} ({address}): never fetched ({reason})")
        return addresses[0]

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: typing.Iterable[typing.Any] | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with a PinnedBackend under its connection pool."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver = system_resolver,
                 network: httpcore.NetworkBackend | None = None):
        super().__init__()
        limits = httpx.Limits()  # httpx's defaults, as the pool it built has them
        # httpx has no parameter for the network backend; its pool is rebuilt with ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
            network_backend=PinnedBackend(policy, resolver, network))


# -- bounded decoding -------------------------------------------------------------------------

_WBITS = {"gzip": zlib.MAX_WBITS | 16, "x-gzip": zlib.MAX_WBITS | 16, "deflate": zlib.MAX_WBITS}


def content_codings(header: str | None) -> list[str]:
    """The content codings of a Content-Encoding value, in the order they were applied; identity dropped."""
    return [part.strip().lower() for part in (header or "").split(",") if part.strip()
            and part.strip().lower() != "identity"]


class BoundedDecoder:
    """Inflates one content coding incrementally; never holds more than `cap` + 1 decoded bytes at once.

    `feed` raises FetchError as soon as the decoded total passes `cap`, before inflating further.
    """

    def __init__(self, header: str | None, cap: int, url: str):
        codings = content_codings(header)
        if len(codings) > 1:
            raise FetchError(f"stacked content codings ({', '.join(codings)}) are not accepted", url)
        if codings and codings[0] not in _WBITS:
            raise FetchError(f"content coding {codings[0]!r} is not supported", url)
        self.coding = codings[0] if codings else None
        self.cap = cap
        self.url = url
        self.size = 0
        self._zlib = zlib.decompressobj(_WBITS[self.coding]) if self.coding else None
        self._raw_deflate = False  # "deflate" is often sent without its zlib header

    def feed(self, data: bytes) -> bytes:
        if self._zlib is None:
            return self._count(data)
        out: list[bytes] = []
        while data:
            try:
                piece = self._zlib.decompress(data, self.cap - self.size + 1)
            except zlib.error as exc:
                if self.coding == "deflate" and not self._raw_deflate and self.size == 0:
                    self._raw_deflate = True
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise FetchError(f"body does not decode as {self.coding}: {exc}", self.url) from None
            out.append(self._count(piece))
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                break
        return b"".join(out)

    def _count(self, piece: bytes) -> bytes:
        self.size += len(piece)
        if self.size > self.cap:
            raise FetchError(f"body is over the {self.cap}-byte cap (decoded)", self.url)
        return piece
