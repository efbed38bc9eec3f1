"""Operations endpoints: /readyz (can this process serve?) and /metrics (Prometheus).

/healthz (feeds.web.health) says the process is alive; /readyz says whether it should get
traffic: the database answers, its schema is at the code's migration head, and — when
`scheduler_expected` is set — some scheduler wrote a heartbeat in the last three
heartbeat periods. Every request is counted by route rule and status.

/readyz answers within `readyz_timeout` whatever the database does: its reads run in one
probe thread, and a probe that has not answered in time is a 503 (the next /readyz waits
for the same probe rather than starting another, so a hung database costs one thread).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as ProbeTimeout
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Flask, Response, current_app, g, jsonify, request

from feeds import metrics
from feeds.logs import configure_logging
from feeds.store import DatabaseUnavailable, Store
from feeds.store.coordination import Mark
from feeds.web.context import settings, store

blueprint = Blueprint("ops", __name__)

HEARTBEATS_MISSED_BEFORE_STALE = 3


def init_app(app: Flask) -> None:
    """Register /readyz, /metrics and the request counters on `app`.

    An app started outside the CLI (gunicorn "feeds.wsgi:create_app()") gets the same log
    lines as the CLI, unless the server configured logging itself.
    """
    if not logging.getLogger().handlers:
        config = app.config["CLUSTERFEEDS_SETTINGS"]
        configure_logging(config.log_level, config.log_format)
    app.register_blueprint(blueprint)


@blueprint.before_app_request
def _start_timer() -> None:
    g.clusterfeeds_request_started = time.perf_counter()


@blueprint.after_app_request
def _count_request(response: Response) -> Response:
    # The rule ("/feeds/<name>.<fmt>"), not the path, keeps the label set small.
    route = request.url_rule.rule if request.url_rule is not None else "unmatched"
    metrics.FEED_REQUESTS.labels(route, str(response.status_code)).inc()
    started = g.get("clusterfeeds_request_started")
    if started is not None:
        metrics.REQUEST_SECONDS.labels(route).observe(time.perf_counter() - started)
    return response


@dataclass(frozen=True)
class Probe:
    """What one look at the database found."""

    current: str | None
    head: str | None
    heartbeat: Mark | None


class DatabaseProber:
    """Looks at one store's database from one thread; at most one look is in flight at a time."""

    def __init__(self, store: Store):
        self.store = store
        self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="readyz")
        self._lock = threading.Lock()
        self._probe: Future[Probe] | None = None

    def probe(self, expect_scheduler: bool) -> Future[Probe]:
        """The look in flight, or a new one."""
        with self._lock:
            if self._probe is None or self._probe.done():
                self._probe = self._threads.submit(self._look, expect_scheduler)
            return self._probe

    def _look(self, expect_scheduler: bool) -> Probe:
        self.store.ping()
        beat = self.store.coordination.last_heartbeat() if expect_scheduler else None
        return Probe(self.store.revision(), self.store.head_revision(), beat)


def _probe_database(expect_scheduler: bool) -> Future[Probe]:
    prober = current_app.extensions.get("clusterfeeds.readyz")
    if prober is None:
        prober = current_app.extensions.setdefault("clusterfeeds.readyz", DatabaseProber(store()))
    return prober.probe(expect_scheduler)


@blueprint.get("/readyz")
def readyz() -> tuple[Response, int]:
    checks: dict[str, Any] = {}
    config = settings()
    probe = _probe_database(config.scheduler_expected)
    try:
        found = probe.result(timeout=config.readyz_timeout)
    except ProbeTimeout:
        checks["database"] = f"unreachable: no answer within {config.readyz_timeout:g} s"
        ready = False
    except DatabaseUnavailable as exc:  # names the driver's error: the reason goes to the operator
        checks["database"] = f"unreachable: {exc}"
        ready = False
    except Exception as exc:  # any other failure of the probe means "not reachable" too
        checks["database"] = f"unreachable: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        ready = False
    else:
        checks["database"] = "ok"
        ready = _check_migrations(checks, found) and _check_scheduler(checks, found)
    response = jsonify(status="ready" if ready else "unavailable", checks=checks)
    response.cache_control.no_store = True
    return response, 200 if ready else 503


@blueprint.get("/metrics")
def prometheus_metrics() -> Response:
    body, content_type = metrics.exposition()
    response = Response(body, content_type=content_type)
    response.cache_control.no_store = True
    return response


def _check_migrations(checks: dict[str, Any], found: Probe) -> bool:
    if found.current != found.head:
        checks["migrations"] = (f"database at {found.current}, code expects {found.head}: "
                                "run `clusterfeeds db upgrade`")
        return False
    checks["migrations"] = f"ok ({found.current})"
    return True


def _check_scheduler(checks: dict[str, Any], found: Probe) -> bool:
    config = settings()
    if not config.scheduler_expected:
        checks["scheduler"] = "not expected"
        return True
    beat = found.heartbeat
    if beat is None:
        checks["scheduler"] = "no scheduler heartbeat yet"
        return False
    age = (datetime.now(UTC) - beat.at).total_seconds()
    limit = HEARTBEATS_MISSED_BEFORE_STALE * config.scheduler_heartbeat
    if age > limit:
        checks["scheduler"] = f"last heartbeat {age:.0f} s ago from {beat.by} (limit {limit} s)"
        return False
    checks["scheduler"] = f"ok: heartbeat {age:.0f} s ago from {beat.by}"
    return True
