"""A raw WSGI layer in front of Flask that answers feed requests from the render cache.

GET and HEAD of a feed URL (`/feeds/….atom|rss|json`) whose response is cached at the
current store version are answered here — 200 with the cached bytes and headers, or 304
with an empty body when `If-None-Match` / `If-Modified-Since` match — without entering
Flask. Everything else goes to Flask unchanged. On a miss the feed is rendered by Flask
without the client's conditional headers, so the full 200 can be cached, and the
conditional request is then answered from that entry. The Flask view marks a response as
cacheable by putting its route rule into the WSGI environ (`CACHEABLE`): errors, pages and
anything unmarked are passed through and never cached.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from email.utils import formatdate
from typing import Any
from urllib.parse import parse_qsl, urlencode

from werkzeug.datastructures import LanguageAccept
from werkzeug.http import is_resource_modified, parse_accept_header, remove_entity_headers

from feeds import metrics
from feeds.publish.texts import LANGUAGES
from feeds.web.cache import CachedResponse, CacheKey, RenderCache
from feeds.web.http import accepts_gzip

CACHEABLE = "clusterfeeds.cacheable"  # environ key the feed view sets to its route rule
FEED_PATH = re.compile(r"^/feeds/[^?]+\.(?:atom|rss|json)$")
_CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
_PASS_THROUGH = ("HTTP_IF_MATCH", "HTTP_RANGE", "HTTP_IF_UNMODIFIED_SINCE")  # rare: Flask decides
_LANGUAGE_MEMO_SIZE = 256

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class FeedFastPath:
    def __init__(self, app: WSGIApp, cache: RenderCache, per_host: bool = False):
        self.app = app
        self.cache = cache
        self.per_host = per_host  # links follow the request's host (no base URL set): one entry per host
        self._languages: dict[str, str] = {}
        self._encodings: dict[str, bool] = {}
        self._date = ("", -1)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or not FEED_PATH.match(environ.get("PATH_INFO", "")) or any(
                name in environ for name in _PASS_THROUGH):
            return self.app(environ, start_response)
        key = self.key(environ)
        version = self.cache.version.current()
        entry = self.cache.get(key, version)
        if entry is None:
            entry, status, headers, body = self._render(environ, version)
            if entry is None:  # not cacheable (an error, say): send what Flask answered
                start_response(status, headers)
                return [] if method == "HEAD" else [body]
            self.cache.put(key, entry)
            return self._answer(entry, environ, start_response, head=method == "HEAD")[1]  # Flask counted it
        code, sent = self._answer(entry, environ, start_response, head=method == "HEAD")
        metrics.FEED_REQUESTS.labels(entry.route, code).inc()
        return sent

    def key(self, environ: dict[str, Any]) -> CacheKey:
        query = environ.get("QUERY_STRING", "")
        pairs = parse_qsl(query, keep_blank_values=True) if query else []
        normalised = urlencode(pairs)
        hl = next((value for name, value in pairs if name == "hl"), "").strip().lower()
        language = hl if hl in LANGUAGES else self._language(environ.get("HTTP_ACCEPT_LANGUAGE", ""))
        gzip = self._gzip(environ.get("HTTP_ACCEPT_ENCODING", ""))
        path = environ.get("PATH_INFO", "")
        if self.per_host:
            origin = f"{environ.get('wsgi.url_scheme')}://{environ.get('HTTP_HOST')}"
            path = origin + environ.get("SCRIPT_NAME", "") + path
        return path, normalised, language, "gzip" if gzip else "identity"

    def _gzip(self, header: str) -> bool:
        """Whether Flask would send gzip for this Accept-Encoding (feeds.web.http.accepts_gzip), memoised."""
        chosen = self._encodings.get(header)
        if chosen is None:
            chosen = accepts_gzip(header)
            if len(self._encodings) >= _LANGUAGE_MEMO_SIZE:
                self._encodings.clear()
            self._encodings[header] = chosen
        return chosen

    def _language(self, header: str) -> str:
        """The label language Flask chooses for this Accept-Language (feeds.web.i18n.language), memoised."""
        chosen = self._languages.get(header)
        if chosen is None:
            chosen = parse_accept_header(header, LanguageAccept).best_match(LANGUAGES, default="en") or "en"
            if len(self._languages) >= _LANGUAGE_MEMO_SIZE:
                self._languages.clear()
            self._languages[header] = chosen
        return chosen

    def _render(self, environ: dict[str, Any], version: int
                ) -> tuple[CachedResponse | None, str, list[tuple[str, str]], bytes]:
        """Flask's full answer for this URL, as an entry when it is cacheable."""
        inner = {k: v for k, v in environ.items() if k not in _CONDITIONAL}
        inner["REQUEST_METHOD"] = "GET"
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            captured["status"], captured["headers"] = status, headers
            return lambda _data: None

        answer = self.app(inner, capture)
        try:
            body = b"".join(answer)
        finally:
            close = getattr(answer, "close", None)
            if close is not None:
                close()
        status, sent = captured["status"], captured["headers"]
        route = inner.get(CACHEABLE)
        if route is None or not status.startswith("200"):
            return None, status, sent, body
        headers = tuple((name, value) for name, value in sent if name.lower() != "date")
        values = {name.lower(): value for name, value in headers}
        entry = CachedResponse(version, route, status, headers, body, values.get("etag"), values.get("last-modified"))
        return entry, status, sent, body

    def _answer(self, entry: CachedResponse, environ: dict[str, Any], start_response: StartResponse,
                head: bool) -> tuple[str, list[bytes]]:
        """Send the entry, or a 304 for it; returns (status code, body)."""
        if _not_modified(entry, environ):
            headers = list(entry.headers)
            remove_entity_headers(headers)
            start_response("304 NOT MODIFIED", [*headers, ("Date", self._http_date())])
            return "304", []
        start_response(entry.status, [*entry.headers, ("Date", self._http_date())])
        return "200", [] if head else [entry.body]

    def _http_date(self) -> str:
        now = int(time.time())
        if self._date[1] != now:
            self._date = (formatdate(now, usegmt=True), now)
        return self._date[0]


def _not_modified(entry: CachedResponse, environ: dict[str, Any]) -> bool:
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match is None and "HTTP_IF_MODIFIED_SINCE" not in environ:
        return False
    if if_none_match is not None and if_none_match == entry.etag:
        return True
    return not is_resource_modified(environ, entry.etag, last_modified=entry.last_modified)
