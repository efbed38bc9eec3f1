"""Fixture copies of the real platforms, served by `FixtureServer`.

Each site lives in ``feeds/demo/sites/<name>/`` (inside the package: `clusterfeeds demo` serves the
same copies offline):

- ``site.yaml``: the manifest. Top-level ``site``, ``canonical_host``, optional ``feeds``,
  ``listings``, ``sitemaps`` and a list of ``routes``. Each route has ``path`` (the raw request
  path including the raw query string, exactly as a client sends it, e.g. with ``%253D`` or
  ``;jsessionid=``) and either ``file`` (body bytes, relative to the site folder) or ``redirect``
  (a Location). Optional: ``status`` (default 200), ``content_type`` (default
  ``text/html; charset=utf-8``), ``headers`` (extra response headers), ``last_modified`` (epoch
  seconds), ``role`` (article, alias, print, listing, newsletter, profile, feed, sitemap, robots,
  redirect, login, challenge, error404, error200, stub) and a free-text ``note``.
- ``expected.yaml``: gold data, one entry per real article (see `expected_articles`).
- ``pages/``: the bodies, byte for byte (encoding quirks included).

``feeds/demo/sites/stories.yaml`` lists the duplicate story groups and the hard negatives.
The sources the pages are rendered from are in ``tests/fixtures/sites/_src/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from feeds.demo.sites import SITES_DIR as DEMO_SITES
from tests.support.httpserver import FixtureServer, Route, serving

SITES = ("clusterplattform", "eccp", "kooperation")
CANONICAL_HOSTS = {
    "clusterplattform": "www.clusterplattform.de",
    "eccp": "www.clustercollaboration.eu",
    "kooperation": "www.kooperation-international.de",
}
# Other host names under which the same sites (and their articles) appear in links.
HOST_ALIASES = {
    "clusterplattform": ("clusterplattform.de",),
    "eccp": ("clustercollaboration.eu", "preview.clustercollaboration.eu", "default"),
    "kooperation": ("kooperation-international.de",),
}
SITES_DIR = DEMO_SITES


def site_dir(name: str) -> Path:
    if name not in SITES:
        raise KeyError(f"unknown fixture site {name!r}")
    return SITES_DIR / name


@cache
def _manifest(name: str) -> dict[str, Any]:
    return yaml.safe_load((site_dir(name) / "site.yaml").read_text(encoding="utf-8"))


def manifest(name: str) -> dict[str, Any]:
    """The parsed ``site.yaml`` of a site (do not mutate)."""
    return _manifest(name)


def route_entries(name: str) -> list[dict[str, Any]]:
    return list(manifest(name)["routes"])


def _redirect_body(location: str) -> bytes:
    return (
        f'<html><head><title>Redirecting</title></head><body><p>Redirecting to <a href="{location}">'
        f"{location}</a>.</p></body></html>"
    ).encode()


def site_routes(name: str) -> dict[str, Route]:
    """Fresh `Route` objects for every path of the site (safe to tweak per test)."""
    folder = site_dir(name)
    routes: dict[str, Route] = {}
    for entry in manifest(name)["routes"]:
        headers = dict(entry.get("headers") or {})
        if "redirect" in entry:
            headers["Location"] = entry["redirect"]
            body = _redirect_body(entry["redirect"])
        else:
            body = (folder / entry["file"]).read_bytes()
        routes[entry["path"]] = Route(
            body=body,
            status=int(entry.get("status", 200)),
            content_type=entry.get("content_type", "text/html; charset=utf-8"),
            headers=headers,
            last_modified=entry.get("last_modified"),
        )
    return routes


@contextmanager
def serve_sites(names: Iterable[str] = SITES) -> Iterator[dict[str, FixtureServer]]:
    """Start one `FixtureServer` per site; yields ``{name: server}``."""
    with ExitStack() as stack:
        yield {name: stack.enter_context(serving(site_routes(name))) for name in names}


@cache
def _expected(name: str) -> tuple[dict[str, Any], ...]:
    data = yaml.safe_load((site_dir(name) / "expected.yaml").read_text(encoding="utf-8"))
    return tuple(data["articles"])


def expected_articles(name: str) -> list[dict[str, Any]]:
    """Gold entries of one site: ``path``, ``url``, ``title``, ``published`` (ISO UTC),
    ``language``, ``author``, ``kind``, ``body_start``, ``related_links``, ``metadata``,
    ``story``, ``countries``, ``topics`` and ``aliases`` (other paths serving the same page)."""
    return [dict(a) for a in _expected(name)]


@cache
def _stories() -> dict[str, Any]:
    return yaml.safe_load((SITES_DIR / "stories.yaml").read_text(encoding="utf-8"))


def stories() -> dict[str, Any]:
    """``{"stories": {slug: {scope, note}}, "hard_negatives": [{name, note, members}]}``."""
    return _stories()


def site_for_host(host: str) -> str | None:
    host = host.lower().split(":")[0]
    for name in SITES:
        if host == CANONICAL_HOSTS[name] or host in HOST_ALIASES[name]:
            return name
    return None


def local_url(url: str, servers: dict[str, FixtureServer]) -> str | None:
    """Map an absolute URL on a real host (or an alias host) to the fixture server."""
    parts = urlsplit(url)
    name = site_for_host(parts.netloc)
    if name is None or name not in servers:
        return None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return servers[name].url(path)
