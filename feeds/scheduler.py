"""Wiring for periodic collection: one APScheduler job per enabled source.

Each job runs at its source's interval with random jitter, never overlaps itself
(`max_instances=1`, `coalesce=True`), and respects the source's backoff after failures.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store

log = logging.getLogger(__name__)


def collect_when_due(settings: Settings, store: Store, source: SourceConfig) -> None:
    """One scheduled run: skipped while the source is backing off after failures."""
    state = store.source_state(source.id)
    now = datetime.now(UTC)
    if state.consecutive_failures and state.next_attempt and state.next_attempt > now:
        log.info("source=%s backing off until %s", source.id, state.next_attempt.isoformat())
        return
    collect_sources(settings, store, [source])


def build_scheduler(settings: Settings, store: Store, sources: Sequence[SourceConfig]) -> BackgroundScheduler:
    """A scheduler with a job per enabled source, the first run due immediately."""
    scheduler = BackgroundScheduler(timezone=UTC, job_defaults={"misfire_grace_time": None})
    store.sync_sources(sources)
    now = datetime.now(UTC)
    for source in sources:
        if not source.enabled:
            continue
        scheduler.add_job(
            collect_when_due,
            IntervalTrigger(seconds=source.interval, jitter=settings.scheduler_jitter, timezone=UTC),
            args=(settings, store, source),
            id=f"collect:{source.id}",
            name=f"collect {source.id}",
            max_instances=1,
            coalesce=True,
            next_run_time=now,
        )
    return scheduler
