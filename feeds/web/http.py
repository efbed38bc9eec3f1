"""HTTP behaviour shared by every public document: validators, caching, compression, CORS, framing.

ETags come from the bytes sent (never from the time of generation); a gzip body gets its
own ETag (`…-gz`) because it is a different representation (RFC 9110 §8.8.3).
"""

from __future__ import annotations

import gzip
from datetime import datetime

from flask import Flask, Response, request
from werkzeug.http import parse_accept_header

from feeds.publish.render import etag_of

COMPRESSIBLE = ("text/", "application/atom+xml", "application/rss+xml", "application/feed+json",
                "application/json", "application/javascript", "text/x-opml")
MIN_GZIP_BYTES = 256
_GZIP_NAMES = ("gzip", "x-gzip")  # RFC 9110 §8.4.1.3: x-gzip is the same coding


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding value lets us send gzip (RFC 9110 §12.5.3): gzip (or x-gzip)
    listed with a q-value above 0, or not listed and `*` above 0. `gzip;q=0` refuses it."""
    if not header:
        return False
    qualities = {coding.lower(): quality for coding, quality in parse_accept_header(header)}
    listed = [qualities[name] for name in _GZIP_NAMES if name in qualities]
    if listed:
        return max(listed) > 0
    return qualities.get("*", 0) > 0


def document(body: bytes, media_type: str, max_age: int, last_modified: datetime | None = None,
             vary_language: bool = False, etag: str | None = None) -> Response:
    """A cacheable public response for `body`, answered with 304 when the client's validators match. `etag`:
    the body's validator when the caller has it already (`etag_of(body)`; a feed's renderer gives it)."""
    etag = etag or etag_of(body)
    response = Response(body, content_type=media_type)
    compressible = len(body) >= MIN_GZIP_BYTES and media_type.startswith(COMPRESSIBLE)
    if compressible and accepts_gzip(request.headers.get("Accept-Encoding")):
        response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        etag += "-gz"
    response.set_etag(etag)
    if last_modified is not None and last_modified.year > 1970:
        response.last_modified = last_modified
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    response.vary.add("Accept-Encoding")
    if vary_language:
        response.vary.add("Accept-Language")
    response.make_conditional(request)
    return response


def install(app: Flask) -> None:
    """CORS for public reads; security headers and framing rules (feeds.web.security) on every response."""
    from feeds.web import security

    security.install(app)

    @app.after_request
    def public_headers(response: Response) -> Response:
        if request.method in {"GET", "HEAD"} and request.blueprint != "admin":  # no page may read admin answers
            response.headers.setdefault("Access-Control-Allow-Origin", "*")
        return response
