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
        # The sockets are closed in the server's own loop: closing them from this thread races the loop's select()
        # (EBADF in the server thread). The trigger itself is only taken out of the loop's map there and closed here
        # once the loop has ended: `pull_trigger` queues the thunk and only then writes to the pipe, so a loop already
        # woken by a worker's pull can run `stop` in between, and a trigger closed by `stop` fails that write (EBADF).
        def stop() -> None:
            for dispatcher in list(server._map.values()):
                if dispatcher is not server.trigger:
                    dispatcher.close()
            server.trigger.del_channel()  # an empty map ends the loop

        server.trigger.pull_trigger(stop)
        thread.join(timeout=60)
        if thread.is_alive():
            raise RuntimeError("the test server's loop did not end within 60 s of being asked to stop")
        server.trigger.close()
        server.task_dispatcher.shutdown()
