"""Security headers of every response, and what a request gets while the database is away.

HTML pages run no script at all: their Content-Security-Policy allows nothing but the
pages' own inline `<style>` blocks, by hash (CSP Level 3, `'sha256-…'`), and images from
this origin. Only the embed page (`embed.page`) may be framed, by any site; everything else
says `frame-ancestors 'none'` and `X-Frame-Options: DENY`. Feeds and JSON get a policy that
forbids everything, in case a browser renders them.

A database that does not answer (`OperationalError`, a pool timeout) gives `503` with
`Retry-After`, never a 500; cached feeds are still answered by the fast path before Flask.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import time

from flask import Flask, Response, request
from sqlalchemy import exc as sql_errors

log = logging.getLogger(__name__)

FRAMABLE_ENDPOINTS = frozenset({"embed.page"})
TEMPLATES_WITH_STYLE = ("base.html", "embed.html", "admin/base.html")
FORM_BLUEPRINTS = frozenset({"editor"})  # pages whose forms post back to this origin (feeds/web/editor.py)
REFERRER_POLICY = "strict-origin-when-cross-origin"
DATABASE_RETRY_AFTER = 30  # seconds a client is asked to wait while the database is unreachable
OUTAGE_LOG_SECONDS = 60
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_DATABASE_DOWN = (sql_errors.OperationalError, sql_errors.InterfaceError, sql_errors.TimeoutError)


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


def html_policy(hashes: tuple[str, ...], framable: bool, forms: bool = False) -> str:
    return "; ".join([
        "default-src 'none'",
        "style-src " + " ".join(hashes),
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'self'" if forms else "form-action 'none'",
        "frame-ancestors *" if framable else "frame-ancestors 'none'",
    ])


DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


def install(app: Flask) -> None:
    """Add the security headers to every response, and the 503 for an unreachable database."""
    hashes = style_hashes(app)
    pages, framable_page = html_policy(hashes, framable=False), html_policy(hashes, framable=True)
    form_pages = html_policy(hashes, framable=False, forms=True)

    @app.after_request
    def security_headers(response: Response) -> Response:
        framable = request.endpoint in FRAMABLE_ENDPOINTS
        headers = response.headers
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = REFERRER_POLICY
        if response.mimetype == "text/html":
            policy = form_pages if request.blueprint in FORM_BLUEPRINTS else pages
            headers["Content-Security-Policy"] = framable_page if framable else policy
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

    for error_class in _DATABASE_DOWN:
        app.register_error_handler(error_class, database_unavailable)
