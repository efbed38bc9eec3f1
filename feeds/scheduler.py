"""Wiring for periodic collection: one APScheduler job per enabled source.

Each job runs at its source's interval with random jitter (at most a tenth of the interval),
never overlaps itself (`max_instances=1`, `coalesce=True`), and respects the source's backoff
after failures. A scheduler that starts collects at once only the sources that are due (never
collected, or last collected an interval ago or more); the others first when they become due,
so a restart right after a collect fetches nothing.

Scale-out: every scheduler sharing a store schedules every source. A run first takes the
source's database lock (feeds/store/coordination.py; skipped when another process holds it), then
claims the source only if no one started it less than an interval ago. While any
scheduler is alive each source is collected once per interval; when one dies, the others'
timers find its sources due and take them over within one interval. Each scheduler also
writes a heartbeat for /readyz.

A collecting process settles (`settle`) when its start-up is done, before its first job.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.interval import IntervalTrigger

from feeds import metrics
from feeds.config import SourceConfig
from feeds.model import SourceState
from feeds.outage import DatabaseWatch
from feeds.runner import SourceRun, collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.coordination import Mark, process_name

log = logging.getLogger(__name__)


def claim_gap(interval: int) -> float:
    """Seconds that must separate two collects of a source: its interval, less a little
    (5 %, between 0.5 s and 30 s) so that a scheduler's own timer, which fires a whole
    interval after its previous run, is never refused by milliseconds of clock noise."""
    return interval - min(max(0.5, interval * 0.05), 30.0)


def jitter(interval: int, configured: int) -> int:
    """Seconds of random delay for a source's runs: the configured jitter, but never more than a
    tenth of the source's interval (60 s of jitter on a 10 s source would skip most of its runs)."""
    return max(0, min(configured, interval // 10))


def first_run(now: datetime, interval: int, state: SourceState | None, claim: Mark | None) -> datetime:
    """When a scheduler starting at `now` first runs a source: at once when it was never collected or
    its last success and last claim are an interval old; otherwise when that interval is over (and
    not before the end of a backoff after failures)."""
    seen = [at for at in (state.last_success if state else None, claim.at if claim else None) if at is not None]
    due = max(seen) + timedelta(seconds=interval) if seen else now
    if state is not None and state.consecutive_failures and state.next_attempt is not None:
        due = max(due, state.next_attempt)
    return max(now, due)


def collect_when_due(settings: Settings, store: Store, source: SourceConfig, by: str | None = None) -> bool:
    """One scheduled run of `source`. Returns whether it collected.

    Skipped while another process holds the source's lock, while the source is backing
    off after failures, and when any scheduler started it less than an interval ago.
    """
    with store.coordination.lock(source.id) as held:
        if not held:
            log.info("source=%s skipped: another process is collecting it", source.id)
            return False
        state = store.sources.state(source.id)
        now = datetime.now(UTC)
        if state.consecutive_failures and state.next_attempt and state.next_attempt > now:
            log.info("source=%s backing off until %s", source.id, state.next_attempt.isoformat())
            return False
        by = by or process_name()
        if not store.coordination.claim(source.id, now, claim_gap(source.interval), by):
            log.debug("source=%s skipped: collected less than an interval ago", source.id)
            return False
        log.info("source=%s claim=%s by=%s: collecting", source.id, now.isoformat(), by)
        collect_and_count(settings, store, source)
        return True


def collect_and_count(settings: Settings, store: Store, source: SourceConfig) -> SourceRun:
    """Collect one source now and count the run in the process's metrics."""
    started = time.monotonic()
    (run,) = collect_sources(settings, store, [source])
    outcome = "error" if not run.ok else "not_modified" if run.not_modified else "ok"
    metrics.observe_source_run(source.id, outcome, time.monotonic() - started, run.report.created,
                               run.report.updated)
    return run


def beat(store: Store, by: str) -> None:
    """Record that the scheduler `by` is alive."""
    store.coordination.heartbeat(Mark(datetime.now(UTC), by))


def add_heartbeat(scheduler: BaseScheduler, settings: Settings, store: Store) -> str:
    """Add the heartbeat job to `scheduler`; returns the name it signs with."""
    by = process_name()
    scheduler.add_job(beat, IntervalTrigger(seconds=settings.scheduler_heartbeat, timezone=UTC), args=(store, by),
                      id="heartbeat", name="heartbeat", max_instances=1, coalesce=True,
                      next_run_time=datetime.now(UTC))
    return by


def settle() -> None:
    """Start-up is done: what it made (modules, settings, the store's engine, the web app of `run`) lives as
    long as the process, so take it out of the garbage collector's full collections, which would otherwise
    walk all of it again every few collects (~135,000 objects of the imports alone; docs/performance.md,
    2026-12-05). Garbage of the start-up is collected first, never kept by the freeze."""
    gc.collect()
    gc.freeze()


def build_scheduler(settings: Settings, store: Store, sources: Sequence[SourceConfig]) -> BackgroundScheduler:
    """A scheduler with a job per enabled source, the first run due immediately."""
    scheduler = BackgroundScheduler(timezone=UTC, job_defaults={"misfire_grace_time": None})
    watch = DatabaseWatch()
    if watch.run(store.sources.sync, sources) is None:  # the database is away at start: sync before the first job
        watch.pending = lambda: store.sources.sync(sources)
    states = {state.source_id: state for state in watch.run(store.sources.states) or []}  # none: all due now
    now = datetime.now(UTC)
    for source in sources:
        if not source.enabled:
            continue
        claim = watch.run(store.coordination.last_claim, source.id) if source.id in states else None
        start = first_run(now, source.interval, states.get(source.id), claim)
        if start > now:
            log.info("source=%s next collect at %s (collected less than an interval ago)", source.id,
                     start.isoformat(timespec="seconds"))
        scheduler.add_job(
            watch.run,  # a database outage pauses collects with backoff (feeds/outage.py)
            IntervalTrigger(seconds=source.interval, jitter=jitter(source.interval, settings.scheduler_jitter),
                            timezone=UTC),
            args=(collect_when_due, settings, store, source),
            id=f"collect:{source.id}",
            name=f"collect {source.id}",
            max_instances=1,
            coalesce=True,
            next_run_time=start,
        )
    return scheduler
