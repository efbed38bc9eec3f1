"""The statement watchdog (feeds/store/watchdog.py): a connection whose deadline passes is shut down,
a disarmed one is left alone, and arming once per statement costs neither a thread switch nor memory."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from feeds.store.watchdog import Watchdog
from tests.support.processes import wait_for


@contextmanager
def connected() -> Iterator[tuple[socket.socket, socket.socket]]:
    """A loopback TCP connection: (the side the watchdog watches, the peer)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        peer, _ = listener.accept()
    with client, peer:
        peer.settimeout(0.05)
        yield client, peer


def closed_by_watchdog(peer: socket.socket) -> bool:
    """Whether the other side shut the connection down (the peer reads end-of-stream)."""
    try:
        return peer.recv(1) == b""
    except TimeoutError:
        return False


def test_a_connection_past_its_deadline_is_shut_down_and_a_disarmed_one_is_not() -> None:
    watchdog = Watchdog()
    with connected() as (watched, watched_peer), connected() as (spared, spared_peer):
        handle = watchdog.arm(0.2, spared.fileno())
        watchdog.disarm(handle)
        watchdog.arm(0.3, watched.fileno())
        assert wait_for(lambda: closed_by_watchdog(watched_peer))
        assert not closed_by_watchdog(spared_peer)


def test_an_earlier_deadline_armed_after_a_later_one_still_fires() -> None:
    watchdog = Watchdog()
    with connected() as (late, late_peer), connected() as (early, early_peer):
        watchdog.arm(3_600, late.fileno())  # the thread now sleeps until this one
        watchdog.arm(0.2, early.fileno())
        assert wait_for(lambda: closed_by_watchdog(early_peer))
        assert not closed_by_watchdog(late_peer)


def test_disarmed_deadlines_do_not_pile_up() -> None:
    watchdog = Watchdog()
    with connected() as (watched, _peer):
        for _ in range(10_000):  # a statement each: armed before, disarmed after
            watchdog.disarm(watchdog.arm(300, watched.fileno()))
        kept = watchdog.arm(300, watched.fileno())
        assert len(watchdog._heap) <= 65
        watchdog.disarm(kept)
