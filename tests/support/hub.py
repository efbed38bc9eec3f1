"""A local WebSub hub over real HTTP that records every publish ping."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@contextmanager
def websub_hub() -> Iterator[tuple[str, list[list[tuple[str, str]]]]]:
    """(hub URL, pings): each ping is the list of its form fields."""
    pings: list[list[tuple[str, str]]] = []

    class Hub(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            pings.append(parse_qsl(self.rfile.read(length).decode()))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hub", pings
    finally:
        server.shutdown()
        server.server_close()
