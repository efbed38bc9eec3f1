"""A collecting process settles after its start-up: what the start-up made is kept out of the garbage
collector's full collections (gc.freeze), and start-up garbage is collected, not kept. Each check runs in a
child process: freezing is process-wide."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from tests.support import paths
from tests.support.processes import wait_for

SETTLE = """
import gc, weakref
from feeds.scheduler import settle

class Cycle:
    pass

garbage = Cycle()
garbage.itself = garbage
dead = weakref.ref(garbage)
del garbage
kept = [[] for _ in range(1000)]  # lives as long as the process, as start-up's objects do
settle()
walked = {id(thing) for thing in gc.get_objects()}
print(dead() is None, any(id(thing) in walked for thing in kept), gc.get_freeze_count() >= len(kept))
"""


def test_settling_keeps_start_up_out_of_collections_and_collects_its_garbage() -> None:
    done = subprocess.run([sys.executable, "-c", SETTLE], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.split() == ["True", "False", "True"], done.stderr


# `clusterfeeds scheduler` as the console script does; at exit, how many objects the collector leaves alone.
SCHEDULER = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print('frozen:', gc.get_freeze_count(), flush=True))\n"
             "from feeds.cli import main\n"
             "sys.argv = ['clusterfeeds', 'scheduler']\n"
             "main()\n")


def test_the_scheduler_settles_before_its_first_job(database_url: str, config_dir: Path, tmp_path: Path) -> None:
    out, _ = _scheduler_until_started(SCHEDULER, database_url, config_dir, tmp_path)
    frozen = int(out.split("frozen:")[1])
    assert frozen > 10_000, out  # the imports alone are ~135,000 objects


# `clusterfeeds scheduler` as above; at exit, whether the tagger its collects use was made before it settled.
TAGGER = ("import atexit, gc, os, sys\n"
          "from pathlib import Path\n"
          "def report():\n"
          "    from feeds import runner\n"
          "    kept = runner._tagger.cache_info().currsize\n"
          "    walked = {id(thing) for thing in gc.get_objects()}\n"
          "    tagger = runner.run_tagger(Path(os.environ['CLUSTERFEEDS_CONFIG_DIR']))  # kept: files unchanged\n"
          "    print('tagger kept:', kept, 'frozen:', id(tagger) not in walked, flush=True)\n"
          "atexit.register(report)\n"
          "from feeds.cli import main\n"
          "sys.argv = ['clusterfeeds', 'scheduler']\n"
          "main()\n")


def test_the_scheduler_builds_its_tagger_before_it_settles(database_url: str, config_dir: Path,
                                                          tmp_path: Path) -> None:
    """The tagger lives as long as its taxonomy files are unchanged (`runner.run_tagger`): built before the freeze,
    a full collection never walks it."""
    for file in ("topics.yaml", "countries.yaml"):
        shutil.copy(paths.CONFIG / file, config_dir / file)
    out, errors = _scheduler_until_started(TAGGER, database_url, config_dir, tmp_path)
    assert "tagger kept: 1 frozen: True" in out, out + errors


def _scheduler_until_started(script: str, database_url: str, config_dir: Path, tmp_path: Path) -> tuple[str, str]:
    """Run `script` (a scheduler) until it logs that it started, stop it with SIGTERM; its stdout and its log."""
    environment = {**os.environ, "CLUSTERFEEDS_DATABASE_URL": database_url,
                   "CLUSTERFEEDS_CONFIG_DIR": str(config_dir)}
    log = tmp_path / "scheduler.log"
    with log.open("w") as errors:
        process = subprocess.Popen([sys.executable, "-c", script], env=environment, stdout=subprocess.PIPE,
                                   stderr=errors, text=True)
        try:
            started = wait_for(lambda: "started" in log.read_text() or process.poll() is not None, 60)
            process.send_signal(signal.SIGTERM)
            out, _ = process.communicate(timeout=60)
        finally:
            process.kill()
    assert started, log.read_text()
    assert process.returncode == 0, log.read_text()
    return out, log.read_text()
