"""A host that never completes the TCP handshake: the connect timeout fires and is recorded."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from tests.support.documents import RSS
from tests.support.httpserver import Route, serving


@contextmanager
def unanswered_port() -> Iterator[int]:
    """A loopback port whose accept queue is full: Linux drops further SYNs, so connects hang."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = int(listener.getsockname()[1])
    fillers = []
    for _ in range(4):
        filler = socket.socket()
        filler.setblocking(False)
        with suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.2)
    try:
        yield port
    finally:
        for sock in [*fillers, listener]:
            sock.close()


def test_connect_timeout_is_recorded_and_others_are_collected(settings: Settings) -> None:
    with unanswered_port() as port, serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        sources = [
            SourceConfig(id="hanging", name="Hanging", kind="feed", url=f"http://127.0.0.1:{port}/feed.rss"),
            SourceConfig(id="fine", name="Fine", kind="feed", url=server.url("/feed.rss")),
        ]
        store = Store.open(settings.database_url)
        hanging, fine = collect_sources(settings, store, sources)
        assert not hanging.ok
        assert "ConnectTimeout" in (hanging.error or "")
        assert fine.ok
        assert fine.report.created == 1
        state = store.sources.state("hanging")
        assert state.consecutive_failures == 1
        assert "ConnectTimeout" in (state.last_error or "")
        store.close()
