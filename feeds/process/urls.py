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
# Query pairs that switch a page to its print view: the same page, so the same URL.
PRINT_VIEWS = re.compile(r"^(view=render(print|pdf)|print=(1|true|yes)|format=print|printview=(1|true))$", re.I)
_SESSION_IN_PATH = re.compile(r";jsessionid=[^/?#]*", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters that may stay literal in a path or query (RFC 3986 unreserved + sub-delims + ':@/').
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
_QUERY_SAFE = "/:@!$'()*+,;?-._~"


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
