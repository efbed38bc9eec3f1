"""Canonical URLs: two spellings of one page become one string.

Follows RFC 3986 §6.2.2 syntax-based normalisation (case, percent-encoding, dot
segments) plus what the sources need: default ports, fragments, tracking parameters,
session ids in the path (`;jsessionid=…`) and host aliases folded to one host.

`checked_url` is the gate every URL passes at collection: only http and https, a host that
RFC 3986 (IP literals, registered names) or IDNA (names in other scripts) allows, a port in
range, no control characters. What fails it never reaches the store or a feed.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import idna

TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi|wt_mc|pk_campaign|pk_kwd)$", re.I)
# Query pairs that switch a page to its print view: the same page, so the same URL.
PRINT_VIEWS = re.compile(r"^(view=render(print|pdf)|print=(1|true|yes)|format=print|printview=(1|true))$", re.I)
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters that may stay literal in a path or query (RFC 3986 unreserved + sub-delims + ':@/').
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/:@!$'()*+,;?-._~"
ALLOWED_SCHEMES = frozenset({"http", "https"})
# RFC 3986 §3.2.2 reg-name, without the sub-delims and percent-encoding no real host uses.
_ASCII_HOST = re.compile(r"[A-Za-z0-9_~-]+(\.[A-Za-z0-9_~-]+)*\.?", re.ASCII)
_CONTROL = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be percent-encoded (no UTF-8 form)
_IGNORED_IN_URL = re.compile("[\t\n\r]")  # browsers drop them anywhere in a URL (WHATWG URL)


class BadURLError(ValueError):
    """A URL that may not be stored or republished; the message says why."""


def checked_url(url: str) -> str:
    """`url` stripped of surrounding whitespace, if it is an http(s) URL with a valid host and port.

    Raises BadURLError naming the reason otherwise. Tabs and newlines anywhere (`java\nscript:`)
    are ignored by browsers, so they are removed here before the scheme is judged. Other control
    characters are refused in the host; in the path and query `canonical_url` percent-encodes them.
    """
    if not isinstance(url, str):
        raise BadURLError(f"URL is a {type(url).__name__}, not text")
    candidate = _IGNORED_IN_URL.sub("", url.strip())
    try:
        parts = urlsplit(candidate)
        port = parts.port
    except ValueError as exc:  # a bad port or a malformed IPv6 literal
        raise BadURLError(f"URL {_shown(candidate)} cannot be parsed: {exc}") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BadURLError(f"URL scheme {parts.scheme.lower() or '(none)'!r} is not http(s): {_shown(candidate)}")
    if _CONTROL.search(parts.netloc) or _SURROGATE.search(candidate):
        raise BadURLError(f"URL contains a control character in its host or a lone surrogate: {_shown(candidate)}")
    _check_host(parts.hostname or "", candidate)
    if port == 0:
        raise BadURLError(f"URL port 0 is not a port: {_shown(candidate)}")
    return candidate


def _check_host(host: str, url: str) -> None:
    if not host:
        raise BadURLError(f"URL has no host: {_shown(url)}")
    if ":" in host:  # an IP literal (urlsplit strips the brackets)
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            raise BadURLError(f"URL host {host!r} is not an IPv6 address: {_shown(url)}") from None
        return
    if host.isascii():
        if not _ASCII_HOST.fullmatch(host) or any(len(label) > 63 for label in host.split(".")):
            raise BadURLError(f"URL host {host!r} is not a valid host name: {_shown(url)}")
        return
    try:
        idna.encode(host.rstrip("."), uts46=True)
    except idna.IDNAError as exc:
        raise BadURLError(f"URL host {host!r} is not a valid host name ({exc}): {_shown(url)}") from None


def _shown(url: str) -> str:
    """The URL as a log line may show it: control characters escaped, long ones cut."""
    shown = url.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 120 else shown[:120] + "…"


def canonical_url(url: str, host_aliases: Mapping[str, str] | None = None,
                  drop_params: frozenset[str] = frozenset(), keep_fragment: bool = False) -> str:
    """The canonical form of `url`.

    `host_aliases` maps an alias host (or host:port, or `*.suffix` for every staging
    host under a domain) to the host that replaces it, scheme included when given as
    `https://www.example.org`. `drop_params` names extra query parameters to remove.
    The fragment is dropped unless `keep_fragment` (an item that is one part of a page,
    such as a newsletter entry, is addressed by its anchor).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if host_aliases:
        target = host_aliases.get(netloc) or host_aliases.get(host) or _wildcard_alias(host, host_aliases)
        if target:
            if "://" in target:
                scheme, netloc = target.split("://", 1)
            else:
                netloc = target
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    path = _remove_dot_segments(quote(unquote(path), safe=_PATH_SAFE))
    query = _clean_query(parts.query, drop_params)
    fragment = quote(unquote(parts.fragment), safe=_QUERY_SAFE) if keep_fragment else ""
    return urlunsplit((scheme, netloc, path, query, fragment))


def _wildcard_alias(host: str, host_aliases: Mapping[str, str]) -> str | None:
    for alias, target in host_aliases.items():
        if alias.startswith("*.") and host.endswith(alias[1:]):
            return target
    return None


def _clean_query(query: str, drop_params: frozenset[str]) -> str:
    if not query:
        return ""
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = unquote(pair.split("=", 1)[0])
        if TRACKING_PARAMS.match(name) or name in drop_params or PRINT_VIEWS.match(unquote(pair)):
            continue
        key, _, value = pair.partition("=")
        normalised = quote(unquote(key), safe=_QUERY_SAFE)
        if _:
            normalised += "=" + quote(unquote(value), safe=_QUERY_SAFE + "=")
        kept.append(normalised)
    return "&".join(kept)


def _remove_dot_segments(path: str) -> str:
    if "." not in path:
        return path
    output: list[str] = []
    for segment in path.split("/"):
        if segment == "..":
            if len(output) > 1:
                output.pop()
        elif segment != ".":
            output.append(segment)
    result = "/".join(output)
    if path.endswith(("/.", "/..")):
        result += "/"
    return result if result.startswith("/") else "/" + result
