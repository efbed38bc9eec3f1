"""Run the real Flask app on the real production WSGI server (waitress) on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import waitress
from flask import Flask


@contextmanager
def running_app(app: Flask, keep_proxy_headers: bool = False) -> Iterator[str]:
    """Serve `app` on a free port; yield its base URL. `keep_proxy_headers`: pass X-Forwarded-* on to the
    app, as `clusterfeeds run` does with CLUSTERFEEDS_TRUSTED_PROXIES (waitress drops them otherwise)."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4,
                                    clear_untrusted_proxy_headers=not keep_proxy_headers)
    port = server.effective_port
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        # closed in the server's own loop: closing its sockets from this thread races the loop's select()
        # (EBADF in the server thread, a PytestUnhandledThreadExceptionWarning); with every socket closed the loop ends
        def stop() -> None:
            for dispatcher in list(server._map.values()):
                dispatcher.close()

        server.trigger.pull_trigger(stop)
        thread.join(timeout=5)
        server.task_dispatcher.shutdown()
