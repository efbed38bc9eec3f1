"""Why a fetch or a parse failed. Each error knows the URL it concerns."""

from __future__ import annotations


class CollectError(Exception):
    """A source could not be collected this time."""

    def __init__(self, message: str, url: str | None = None):
        super().__init__(message)
        self.url = url

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.url})" if self.url else message


class FetchError(CollectError):
    """The HTTP exchange failed: network error, bad status, limits exceeded."""

    def __init__(self, message: str, url: str | None = None, status: int | None = None,
                 retry_after: float | None = None):
        super().__init__(message, url)
        self.status = status
        self.retry_after = retry_after  # seconds the server asked us to wait


class BlockedAddressError(FetchError):
    """The URL resolves to an address we refuse to fetch (loopback, private, ...)."""


class RobotsDisallowedError(FetchError):
    """The site's robots.txt asks us not to fetch this URL."""


class ParseError(CollectError):
    """The body arrived but is not what the adapter expects."""
