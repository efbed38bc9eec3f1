"""`clusterfeeds demo`: a populated site from the bundled copies of the platforms, with no network.

The command runs as a real process on a free port; the test waits for its feeds (a bound against a
hang, not a speed target: the time to a populated site is measured in bench/bench_demo.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.processes import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
MIN_STORIES = 50


def stories_served(base: str) -> int:
    try:
        return len(httpx.get(f"{base}/feeds/all.json?limit=500", timeout=5).json()["items"])
    except (httpx.HTTPError, ValueError):
        return 0


@pytest.mark.slow
def test_demo_serves_the_bundled_platforms_offline(tmp_path: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CLUSTERFEEDS_")}
    environment["CLUSTERFEEDS_LOG_LEVEL"] = "WARNING"
    process = subprocess.Popen([sys.executable, "-m", "feeds", "demo", "--port", str(port)], cwd=ROOT,
                               env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        populated = wait_for(lambda: stories_served(base) >= MIN_STORIES, timeout=180, interval=0.5)
        assert populated, f"the demo did not serve {MIN_STORIES} stories"
        home = httpx.get(f"{base}/?hl=en").text
        assert home.count('href="/stories/') >= 20
        assert f'href="{base}/feeds/all.atom"' in home  # links follow the port it was started on
        topics = httpx.get(f"{base}/topics.json").json()["topics"]
        assert sum(topic["count"] for topic in topics) > 0  # tagged with ./config's taxonomy
        sources = httpx.get(f"{base}/sources.json").json()["sources"]
        assert {row["code"]: row["consecutive_failures"] for row in sources} == {
            "clusterplattform": 0, "eccp": 0, "kooperation": 0}
    finally:
        # SIGINT is ignored in a process started by a pytest-xdist worker unless the demo installs its handler
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)  # a hang guard, not a speed check
    assert "clusterplattform: ok" in output
    assert "eccp: ok" in output
    assert "kooperation: ok" in output
    workdir = output.split(" into ", 1)[1].split()[0]
    assert not Path(workdir).exists(), "the demo's temporary store is removed on exit"
