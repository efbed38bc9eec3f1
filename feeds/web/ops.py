"""Operations endpoints: /readyz (can this process serve?) and /metrics (Prometheus).

/healthz (feeds.web.health) says the process is alive; /readyz says whether it should get
traffic: the database answers, its schema is at the code's migration head, and — when
`scheduler_expected` is set — some scheduler wrote a heartbeat in the last three
heartbeat periods. Every request is counted by route rule and status.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Flask, Response, g, jsonify, request
from sqlalchemy import text

from feeds import metrics
from feeds.logs import configure_logging
from feeds.store import db
from feeds.store.locks import last_heartbeat
from feeds.web.context import settings, store

blueprint = Blueprint("ops", __name__)

HEARTBEATS_MISSED_BEFORE_STALE = 3


def init_app(app: Flask) -> None:
    """Register /readyz, /metrics and the request counters on `app`.

    An app started outside the CLI (gunicorn "feeds.web:create_app()") gets the same log
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


@blueprint.get("/readyz")
def readyz() -> tuple[Response, int]:
    checks: dict[str, Any] = {}
    ready = _check_database(checks)
    if ready:
        ready = _check_scheduler(checks)
    response = jsonify(status="ready" if ready else "unavailable", checks=checks)
    response.cache_control.no_store = True
    return response, 200 if ready else 503


@blueprint.get("/metrics")
def prometheus_metrics() -> Response:
    body, content_type = metrics.exposition()
    response = Response(body, content_type=content_type)
    response.cache_control.no_store = True
    return response


def _check_database(checks: dict[str, Any]) -> bool:
    engine = store().engine
    try:
        with engine.connect() as connection:
            connection.execute(text("select 1"))
        current, head = db.current_revision(engine), db.head_revision(engine)
    except Exception as exc:  # any driver error means "not reachable"; the reason goes to the operator
        checks["database"] = f"unreachable: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        return False
    checks["database"] = "ok"
    if current != head:
        checks["migrations"] = f"database at {current}, code expects {head}: run `clusterfeeds db upgrade`"
        return False
    checks["migrations"] = f"ok ({current})"
    return True


def _check_scheduler(checks: dict[str, Any]) -> bool:
    config = settings()
    if not config.scheduler_expected:
        checks["scheduler"] = "not expected"
        return True
    try:
        beat = last_heartbeat(store().engine)
    except Exception as exc:
        checks["scheduler"] = f"heartbeat unreadable: {type(exc).__name__}"
        return False
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
