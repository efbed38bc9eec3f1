"""Helpers for tests that start real processes and servers: free ports, polling, the service."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# The console script with the arguments after `-c SCRIPT`; at exit, how many of simplemma's dict sets were loaded
# ("dicts loaded: 0": every lemma came from the prepared tables).
CLI_REPORTING_LEMMA_DICTS = (
    "import atexit, sys\n"
    "from feeds.process import lemmas\n"
    "atexit.register(lambda: print('dicts loaded:', lemmas._dict_tables.cache_info().currsize, flush=True))\n"
    "from feeds.cli import main\n"
    "sys.argv = ['clusterfeeds', *sys.argv[1:]]\n"
    "main()\n")


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now (a connection to it is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0, interval: float = 0.1) -> bool:
    """Poll `predicate` until it holds (True) or `timeout` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


@contextmanager
def running_service(args: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """`python -m feeds <args>` as a real process (output piped), terminated (killed if it must) at the end."""
    process = subprocess.Popen([sys.executable, "-m", "feeds", *args], env={**os.environ, **env},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
