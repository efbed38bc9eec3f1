"""Time from `clusterfeeds demo` to a populated site (issue 15: at least 50 stories within 60 s, offline).

Starts the command on a free port, polls /feeds/all.json until it lists 50 stories, and prints the
seconds it took and the stories served. Run alone: `python -m bench.bench_demo`.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
TARGET_STORIES = 50
TARGET_SECONDS = 60.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _stories(base: str) -> int:
    try:
        return len(httpx.get(f"{base}/feeds/all.json?limit=500", timeout=5).json()["items"])
    except (httpx.HTTPError, ValueError):
        return 0


def main() -> int:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", "feeds", "demo", "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        served = 0
        while time.monotonic() - started < 3 * TARGET_SECONDS:
            served = _stories(base)
            if served >= TARGET_STORIES:
                break
            time.sleep(0.25)
        seconds = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    ok = served >= TARGET_STORIES and seconds <= TARGET_SECONDS
    print(f"demo: {served} stories served {seconds:.1f} s after start (target: {TARGET_STORIES} within "
          f"{TARGET_SECONDS:.0f} s) {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
