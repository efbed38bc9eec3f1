"""The TCP connection's wait wrapper (feeds/store/db.py, `AckingConnection`): no database needed."""

from __future__ import annotations

import socket
from collections.abc import Generator

import pytest

from feeds.store import db


def test_the_acking_wait_hands_each_readiness_through_and_returns_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    acks: list[int] = []

    def generator() -> Generator[str, str, str]:
        seen = [(yield "wait-1"), (yield "wait-2")]
        return "+".join(seen)

    wrapped = db._acked(generator(), 7)  # type: ignore[arg-type]
    assert next(wrapped) == "wait-1"
    monkeypatch.setattr(db, "quick_ack", acks.append)
    assert wrapped.send("ready-1") == "wait-2"  # type: ignore[arg-type]
    with pytest.raises(StopIteration) as stop:
        wrapped.send("ready-2")  # type: ignore[arg-type]
    assert stop.value.value == "ready-1+ready-2"
    assert acks == [7, 7]  # once per wake-up, before the generator reads


def test_quick_ack_leaves_the_descriptor_open_and_ignores_a_closed_one() -> None:
    server = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(server.getsockname())
    db.quick_ack(client.fileno())
    db.quick_ack(client.fileno())
    assert client.getsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK) == 1
    client.sendall(b"still open")
    peer, _ = server.accept()
    assert peer.recv(100) == b"still open"
    descriptor = client.fileno()
    client.close()
    db.quick_ack(descriptor)  # no error for a closed descriptor
    peer.close()
    server.close()
