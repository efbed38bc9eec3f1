"""bench/webworker.py: the worker whose memory bench_queries reports serves every filter and loads only
what a serving worker loads."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bench import bulk
from bench.bench_queries import worker_peak_mb
from feeds.store import Store


@pytest.mark.slow
def test_the_worker_serves_every_filter_and_reports_its_peak(database_url: str) -> None:
    store = Store.open(database_url)
    bulk.fill(store, 400)
    store.close()
    assert 20 < worker_peak_mb(database_url, 1) < 2_000


def test_a_serving_worker_does_not_load_the_pipeline() -> None:
    code = ("import sys, feeds.wsgi, bench.webworker; "
            "print(sorted(m for m in sys.modules if m.startswith(('feeds.process', 'feeds.runner', 'datasketch'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
