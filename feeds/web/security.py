"""Security headers of every response, and what a request gets while the database is away.

HTML pages run no script at all, but for the feed builder's live preview (its own script file,
`/static/build.js`): their Content-Security-Policy allows nothing but the stylesheet of this
origin, the embed page's inline `<style>` block by hash (CSP Level 3, `'sha256-…'`), images
from this origin and forms sent to this origin. Only the embed page (`embed.page`) may be
framed, by any site; everything else says `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
Feeds and JSON get a policy that forbids everything, in case a browser renders them.

A database that does not answer (the store's `DatabaseUnavailable`) gives `503` with
`Retry-After`, never a 500; cached feeds are still answered by the fast path before Flask.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import time

from flask import Flask, Response, request

from feeds.store import DatabaseUnavailable

log = logging.getLogger(__name__)

FRAMABLE_ENDPOINTS = frozenset({"embed.page"})
SCRIPTED_ENDPOINTS = frozenset({"build.page"})  # may run this origin's scripts and fetch from it
TEMPLATES_WITH_STYLE = ("base.html", "embed.html", "admin/base.html")
REFERRER_POLICY = "strict-origin-when-cross-origin"
DATABASE_RETRY_AFTER = 30  # seconds a client is asked to wait while the database is unreachable
OUTAGE_LOG_SECONDS = 60
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def style_hashes(app: Flask) -> tuple[str, ...]:
    """CSP source expressions for every inline `<style>` of the page templates (they hold no template code)."""
    loader = app.jinja_env.loader
    assert loader is not None
    found = []
    for name in TEMPLATES_WITH_STYLE:
        source = loader.get_source(app.jinja_env, name)[0]
        for block in _STYLE.findall(source):
            digest = base64.b64encode(hashlib.sha256(block.encode("utf-8")).digest()).decode()
            found.append(f"'sha256-{digest}'")
    return tuple(found)


def html_policy(hashes: tuple[str, ...], framable: bool, scripted: bool = False) -> str:
    return "; ".join([
        "default-src 'none'",
        "style-src 'self' " + " ".join(hashes),
        *(["script-src 'self'", "connect-src 'self'"] if scripted else []),
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'none'" if framable else "form-action 'self'",  # the search box, the editor's forms
        "frame-ancestors *" if framable else "frame-ancestors 'none'",
    ])


DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


def install(app: Flask) -> None:
    """Add the security headers to every response, and the 503 for an unreachable database."""
    hashes = style_hashes(app)
    pages, framable_page = html_policy(hashes, framable=False), html_policy(hashes, framable=True)
    scripted_page = html_policy(hashes, framable=False, scripted=True)

    @app.after_request
    def security_headers(response: Response) -> Response:
        framable = request.endpoint in FRAMABLE_ENDPOINTS
        headers = response.headers
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = REFERRER_POLICY
        if response.mimetype == "text/html":
            scripted = request.endpoint in SCRIPTED_ENDPOINTS
            headers["Content-Security-Policy"] = framable_page if framable else scripted_page if scripted else pages
        else:
            headers["Content-Security-Policy"] = DOCUMENT_POLICY
        if framable:
            headers.pop("X-Frame-Options", None)
        else:
            headers["X-Frame-Options"] = "DENY"
        return response

    last_logged = [float("-inf")]

    def database_unavailable(error: Exception) -> Response:
        if time.monotonic() - last_logged[0] >= OUTAGE_LOG_SECONDS:  # an outage is one line a minute, not a flood
            last_logged[0] = time.monotonic()
            log.warning("database unavailable, answering 503: %s", str(error).splitlines()[0] if str(error) else "")
        response = Response("the database is unavailable; try again shortly\n", status=503, mimetype="text/plain")
        response.headers["Retry-After"] = str(DATABASE_RETRY_AFTER)
        response.cache_control.no_store = True
        return response

    app.register_error_handler(DatabaseUnavailable, database_unavailable)
