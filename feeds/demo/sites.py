"""Serve the bundled copies of the platforms on 127.0.0.1, each on a free port, as their site.yaml says.

A route has a `path` (raw, query string included) and a `file` (the body) or a `redirect`, with an
optional `status`, `content_type` and `headers`. Nothing but these files is ever served.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

SITES_DIR = Path(__file__).resolve().parent / "sites"
SITES = ("clusterplattform", "eccp", "kooperation")


@dataclass(frozen=True)
class Page:
    status: int
    content_type: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def site_pages(name: str) -> dict[str, Page]:
    """Every path of the bundled site `name` and what it answers."""
    folder = SITES_DIR / name
    manifest = yaml.safe_load((folder / "site.yaml").read_text(encoding="utf-8"))
    pages = {}
    for route in manifest["routes"]:
        headers = dict(route.get("headers") or {})
        if "redirect" in route:
            headers["Location"] = route["redirect"]
            body = f'<html><body><a href="{route["redirect"]}">moved</a></body></html>'.encode()
        else:
            body = (folder / route["file"]).read_bytes()
        content_type = route.get("content_type", "text/html; charset=utf-8")
        pages[route["path"]] = Page(int(route.get("status", 200)), content_type, tuple(headers.items()), body)
    return pages


class SiteServer:
    """One bundled site on 127.0.0.1 at a free port, until `stop()`."""

    def __init__(self, pages: dict[str, Page]):
        self.pages = pages
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def do_GET(self) -> None:
                site.answer(self)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        page = self.pages.get(request.path) or self.pages.get(request.path.split("?", 1)[0])
        if page is None:
            page = Page(404, "text/html; charset=utf-8", (), b"<html><body>Not found</body></html>")
        request.send_response(page.status)
        request.send_header("Content-Type", page.content_type)
        for name, value in page.headers:
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(page.body)))
        request.end_headers()
        request.wfile.write(page.body)

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def serving_sites() -> Iterator[dict[str, SiteServer]]:
    """Every bundled site on its own loopback port; yields {name: server}."""
    with ExitStack() as stack:
        servers = {}
        for name in SITES:
            server = SiteServer(site_pages(name))
            stack.callback(server.stop)
            servers[name] = server
        yield servers
