"""A client-side bound on PostgreSQL statements, for a server that stops answering.

`statement_timeout` is enforced by the server: a server that accepts connections but never
answers (frozen, or a proxy in front of a dead one) enforces nothing, and psycopg waits on
the socket forever — every web thread and `/readyz` with it. The watchdog is one thread
holding deadlines: a statement (or the liveness ping a pooled connection gets when it is
checked out) that has not answered by its deadline has its socket shut down, so the driver
fails at once with a disconnect error, the pool throws the connection away, and the
request becomes a 503. The deadline is the statement timeout plus the connect timeout:
a server that is alive always answers first.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import socket
import threading
import time
from typing import Any

log = logging.getLogger(__name__)


class Watchdog:
    """Shuts down the socket of a connection whose deadline passes before it is disarmed."""

    def __init__(self) -> None:
        self._heap: list[tuple[float, int]] = []
        self._armed: dict[int, int] = {}  # handle -> socket file descriptor
        self._counter = itertools.count()
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, descriptor: int) -> int:
        """Watch `descriptor` for `seconds`; returns the handle to `disarm` it with.

        Every statement arms and disarms, so this stays cheap: the thread, asleep until the
        earliest deadline, is woken only for an earlier one (waking it per statement cost a thread
        switch per statement), and deadlines of disarmed handles are dropped once they outnumber
        the armed ones (the heap does not grow with the statements of the last deadline's span).
        """
        handle = next(self._counter)
        deadline = time.monotonic() + seconds
        with self._condition:
            self._armed[handle] = descriptor
            if len(self._heap) > 2 * len(self._armed) + 64:
                self._heap = [entry for entry in self._heap if entry[1] in self._armed]
                heapq.heapify(self._heap)
            earliest = self._heap[0][0] if self._heap else None
            heapq.heappush(self._heap, (deadline, handle))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="db-watchdog", daemon=True)
                self._thread.start()
            elif earliest is None or deadline < earliest:
                self._condition.notify()
        return handle

    def disarm(self, handle: int) -> None:
        with self._condition:
            self._armed.pop(handle, None)

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._heap:
                    self._condition.wait()
                deadline, handle = self._heap[0]
                wait = deadline - time.monotonic()
                if wait > 0:
                    self._condition.wait(wait)
                    continue
                heapq.heappop(self._heap)
                descriptor = self._armed.pop(handle, None)
            if descriptor is not None:
                _shut_down(descriptor)


def _shut_down(descriptor: int) -> None:
    try:
        # fromfd duplicates the descriptor: shutting the duplicate down ends the connection for
        # the driver too, while closing it leaves the driver's own descriptor alone.
        with socket.fromfd(descriptor, socket.AF_INET, socket.SOCK_STREAM) as duplicate:
            duplicate.shutdown(socket.SHUT_RDWR)
        log.warning("database gave no answer in time: connection closed")
    except OSError:
        pass


WATCHDOG = Watchdog()


def socket_of(dbapi_connection: Any) -> int | None:
    """The socket descriptor of a psycopg connection, if it has one open."""
    try:
        return int(dbapi_connection.pgconn.socket)
    except Exception:
        return None
