"""Prometheus metrics: every counter and histogram ClusterFeeds exports, in one place.

Stages do not import this module (they stay pure); the wiring (runner, scheduler, web)
counts what the stages report. The metrics live in prometheus-client's default registry,
one per process. `/metrics` serves it; under gunicorn with several workers, set
`PROMETHEUS_MULTIPROC_DIR` and `/metrics` aggregates every worker's files instead (see
docs/operations/monitoring.md).
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client import multiprocess as prometheus_multiprocess

FETCHES = Counter("clusterfeeds_fetches", "Collect runs of a source, by outcome (ok, not_modified, error).",
                  ["source", "outcome"])
FETCH_ERRORS = Counter("clusterfeeds_fetch_errors", "Collect runs of a source that failed.", ["source"])
FETCH_SECONDS = Histogram("clusterfeeds_fetch_seconds", "Time to collect, process and store one source.",
                          ["source"], buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300))
ITEMS_INGESTED = Counter("clusterfeeds_items_ingested", "Items stored: new or changed.", ["source", "change"])
STORIES_CREATED = Counter("clusterfeeds_stories_created", "Stories started by a new item.")
STORIES_MERGED = Counter("clusterfeeds_stories_merged", "Items or stories merged into an existing story.")
TAGS_ASSIGNED = Counter("clusterfeeds_tags_assigned", "Tags assigned to items, by kind (country, topic).", ["kind"])
FEED_REQUESTS = Counter("clusterfeeds_http_requests", "HTTP requests answered, by route rule and status.",
                        ["route", "status"])
REQUEST_SECONDS = Histogram("clusterfeeds_http_request_seconds", "Time to answer an HTTP request, by route rule.",
                            ["route"])
RENDER_SECONDS = Histogram("clusterfeeds_render_seconds", "Time to render a feed document, by format.",
                           ["format"], buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5))
CACHE_LOOKUPS = Counter("clusterfeeds_cache_lookups", "Rendered-feed cache lookups, by result (hit, miss, error).",
                        ["result"])


def observe_source_run(source_id: str, outcome: str, seconds: float, created: int = 0, updated: int = 0) -> None:
    """Count one source's collect run: `outcome` is ok, not_modified or error."""
    FETCHES.labels(source_id, outcome).inc()
    FETCH_SECONDS.labels(source_id).observe(seconds)
    if outcome == "error":
        FETCH_ERRORS.labels(source_id).inc()
    if created:
        ITEMS_INGESTED.labels(source_id, "new").inc(created)
    if updated:
        ITEMS_INGESTED.labels(source_id, "updated").inc(updated)


def exposition() -> tuple[bytes, str]:
    """The metrics of this process — or of every worker in multiprocess mode — as
    (body, content type) in the Prometheus text format."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST
