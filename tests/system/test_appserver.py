"""The loopback app server of the tests stops cleanly, also when its wake-up pipe is already gone (EBADF once in CI at
eb9bc54, in test_end_to_end's server after a collect run in the same process)."""

from __future__ import annotations

import os
from typing import Any

import httpx
import pytest
import waitress
from flask import Flask

from tests.support import appserver


def app() -> Flask:
    flask_app = Flask("loopback")
    flask_app.add_url_rule("/", "index", lambda: "ok")
    return flask_app


def test_the_server_serves_and_stops() -> None:
    with appserver.running_app(app()) as base_url:
        assert httpx.get(base_url + "/").text == "ok"
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url + "/")


# With the pipe gone the dispatchers are closed from the test's thread while the loop may sit in select(): the server
# thread can end on EBADF (appserver.running_app says so). What this test asserts is that the server stops all the same.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
def test_the_server_stops_when_its_trigger_pipe_is_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    servers: list[Any] = []
    create = waitress.create_server

    def create_server(*args: Any, **kwargs: Any) -> Any:
        servers.append(create(*args, **kwargs))
        return servers[-1]

    monkeypatch.setattr(appserver.waitress, "create_server", create_server)
    with appserver.running_app(app()) as base_url:
        assert httpx.get(base_url + "/").text == "ok"
        os.close(servers[0].trigger.trigger)  # the pipe's write end, as the loop would write to it
    assert not servers[0]._map
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url + "/")
