"""Run the real Flask app on the real production WSGI server (waitress) on loopback."""

from __future__ import annotations

import contextlib
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

        try:
            server.trigger.pull_trigger(stop)
        except OSError:
            # The trigger's pipe is already closed (EBADF, seen once in CI at eb9bc54 after a collect run in the same
            # process; the cause is not known): the loop can no longer be woken, so its dispatchers are closed from
            # here and an empty map ends it at its next turn (the server thread may log the race as EBADF).
            for dispatcher in list(server._map.values()):
                with contextlib.suppress(OSError):  # the trigger's own pipe end
                    dispatcher.close()
        thread.join(timeout=60)
        if thread.is_alive():
            raise RuntimeError("the test server's loop did not end within 60 s of being asked to stop")
        with contextlib.suppress(OSError):  # closed twice when the pipe was already gone (above)
            server.trigger.close()
        server.task_dispatcher.shutdown()
