"""Canonical URLs: two spellings of one page become one string.

Follows RFC 3986 §6.2.2 syntax-based normalisation (case, percent-encoding, dot
segments) plus what the sources need: default ports, fragments, tracking parameters,
session ids in the path (`;jsessionid=…`) and host aliases folded to one host.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, unquote, urlsplit, urlunsplit

TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|_hsenc|_hsmi|wt_mc|pk_campaign|pk_kwd)$", re.I)
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters that may stay literal in a path or query (RFC 3986 unreserved + sub-delims + ':@/').
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/:@!$'()*+,;?-._~"


def canonical_url(url: str, host_aliases: Mapping[str, str] | None = None,
                  drop_params: frozenset[str] = frozenset()) -> str:
    """The canonical form of `url`.

    `host_aliases` maps an alias host (or host:port) to the host that replaces it, scheme
    included when given as `https://www.example.org`. `drop_params` names extra query
    parameters to remove (e.g. a print-view switch).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if host_aliases:
        target = host_aliases.get(netloc) or host_aliases.get(host)
        if target:
            if "://" in target:
                scheme, netloc = target.split("://", 1)
            else:
                netloc = target
    path = _SESSION_IN_PATH.sub("", parts.path) or "/"
    path = _remove_dot_segments(quote(unquote(path), safe=_PATH_SAFE))
    query = _clean_query(parts.query, drop_params)
    return urlunsplit((scheme, netloc, path, query, ""))


def _clean_query(query: str, drop_params: frozenset[str]) -> str:
    if not query:
        return ""
    kept = []
    for pair in query.split("&"):
        if not pair:
            continue
        name = unquote(pair.split("=", 1)[0])
        if TRACKING_PARAMS.match(name) or name in drop_params:
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
