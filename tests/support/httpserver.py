"""A real HTTP server on loopback for fixture sites.

Each route answers a path (with or without its query string) with a status, headers and
a body. Conditional GET is implemented the way real servers do it (strong ETag from the
body, Last-Modified from the route), and faults can be switched on per route at run time:
delays, a dribbled body, a truncated body, arbitrary status and headers, or a custom
handler. Every request is logged with its method, path and headers so tests can assert
what a collector sent.
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    last_modified: float | None = None  # epoch seconds; enables If-Modified-Since
    etag: bool = True  # send a strong ETag derived from the body
    delay: float = 0.0  # seconds before the status line
    dribble: float = 0.0  # seconds between 64-byte chunks of the body
    truncate: int | None = None  # announce the full length, send only this many bytes
    handler: Callable[[BaseHTTPRequestHandler], None] | None = None


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    headers: dict[str, str]
    time: float


class FixtureServer:
    """Serve `routes` on 127.0.0.1 at a free port until `stop()`."""

    def __init__(self, routes: dict[str, Route] | None = None) -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:
                server._serve(self, head=False)

            def do_HEAD(self) -> None:
                server._serve(self, head=True)

            def do_POST(self) -> None:
                server._serve(self, head=False)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def requests_for(self, path: str) -> list[LoggedRequest]:
        with self._lock:
            return [r for r in self.log if r.path == path]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    def _find_route(self, raw_path: str) -> Route | None:
        route = self.routes.get(raw_path)
        if route is None and "?" in raw_path:
            route = self.routes.get(raw_path.split("?", 1)[0])
        return route

    def _serve(self, req: BaseHTTPRequestHandler, head: bool) -> None:
        with self._lock:
            self.log.append(
                LoggedRequest(req.command, req.path, {k.lower(): v for k, v in req.headers.items()}, time.time())
            )
        if req.command == "POST":
            length = int(req.headers.get("Content-Length") or 0)
            if length:
                req.rfile.read(length)
        route = self._find_route(req.path)
        if route is None:
            route = Route(body=b"<html><body><h1>Not found</h1></body></html>", status=404)
        if route.handler is not None:
            route.handler(req)
            return
        if route.delay:
            time.sleep(route.delay)
        headers = {"Content-Type": route.content_type, **route.headers}
        etag = '"' + hashlib.sha256(route.body).hexdigest()[:32] + '"' if route.etag else None
        if etag:
            headers["ETag"] = etag
        if route.last_modified is not None:
            headers["Last-Modified"] = email.utils.formatdate(route.last_modified, usegmt=True)
        if route.status == 200 and self._not_modified(req, etag, route.last_modified):
            req.send_response(304)
            for name in ("ETag", "Last-Modified"):
                if name in headers:
                    req.send_header(name, headers[name])
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        req.send_response(route.status)
        for name, value in headers.items():
            req.send_header(name, value)
        req.send_header("Content-Length", str(len(route.body)))
        req.end_headers()
        if head:
            return
        body = route.body if route.truncate is None else route.body[: route.truncate]
        try:
            for chunk in _chunks(body, 64 if route.dribble else len(body) or 1):
                req.wfile.write(chunk)
                req.wfile.flush()
                if route.dribble:
                    time.sleep(route.dribble)
        except (BrokenPipeError, ConnectionResetError):
            return
        if route.truncate is not None:
            req.close_connection = True

    @staticmethod
    def _not_modified(req: BaseHTTPRequestHandler, etag: str | None, last_modified: float | None) -> bool:
        if_none_match = req.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag is not None and etag in [t.strip() for t in if_none_match.split(",")]
        if_modified_since = req.headers.get("If-Modified-Since")
        if if_modified_since and last_modified is not None:
            parsed = email.utils.parsedate_to_datetime(if_modified_since)
            return int(last_modified) <= int(parsed.timestamp())
        return False


def _chunks(body: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


@contextmanager
def serving(routes: dict[str, Route] | None = None) -> Iterator[FixtureServer]:
    server = FixtureServer(routes).start()
    try:
        yield server
    finally:
        server.stop()
