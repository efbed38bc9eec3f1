"""The admin API: collect a source now, retag stories, read every source's state, correct stories
(`/admin/api/corrections`, feeds/store/corrections.py; the editor's pages are feeds/web/editor.py).

Every route needs `Authorization: Bearer <CLUSTERFEEDS_ADMIN_TOKEN>`, compared in constant
time; anything else gets 401. Without a configured token the blueprint is not registered
at all, so /admin/* answers 404 like any unknown path. A token shorter than
`feeds.settings.MIN_ADMIN_TOKEN_LENGTH` stops start-up. Failed attempts are rate-limited per client
(`admin_failures_per_minute`): once a client's allowance is used up, every admin request
from it gets 429 with Retry-After, the right token included, until the allowance refills.
Admin responses carry no CORS header: no web page may read them.
"""

from __future__ import annotations

import hmac
import math
from dataclasses import asdict, fields
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, request

from feeds.collect import source_kinds
from feeds.config import ConfigError, SourceConfig, load_sources
from feeds.store.corrections import ConflictError, Correction, CorrectionError, NotFoundError
from feeds.store.locks import claim_if_due, process_name, source_lock
from feeds.web import editing
from feeds.web.context import settings, store
from feeds.web.ratelimit import TokenBuckets, client_address

blueprint = Blueprint("admin", __name__, url_prefix="/admin")

RETAG_BATCH = 500
MAX_CORRECTIONS = 500
CORRECTION_FIELDS = frozenset(field.name for field in fields(Correction))
FAILURES = "clusterfeeds.admin_failures"


def init_app(app: Flask) -> None:
    """Register the admin API on `app` when an admin token is configured (settings refuse a short one)."""
    config = app.config["CLUSTERFEEDS_SETTINGS"]
    if not config.admin_token:
        return
    per_minute = max(1, config.admin_failures_per_minute)
    app.extensions[FAILURES] = TokenBuckets(per_minute / 60.0, per_minute)
    app.register_blueprint(blueprint)


@blueprint.before_request
def require_token() -> tuple[Response, int] | None:
    failures: TokenBuckets = current_app.extensions[FAILURES]
    client = client_address(request.environ, settings().trusted_proxies)
    wait = failures.wait(client)
    if wait:
        return _too_many(wait)
    expected = settings().admin_token.encode()
    given = request.headers.get("Authorization", "")
    scheme, _, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected):
        failures.take(client)
        response = jsonify(error="a valid 'Authorization: Bearer <token>' header is required")
        response.headers["WWW-Authenticate"] = 'Bearer realm="clusterfeeds-admin"'
        return response, 401
    return None


def _too_many(wait: float) -> tuple[Response, int]:
    retry_after = max(1, math.ceil(wait))
    response = jsonify(error=f"too many failed admin attempts from this client; retry after {retry_after} s")
    response.headers["Retry-After"] = str(retry_after)
    response.cache_control.no_store = True
    return response, 429


@blueprint.get("/sources")
def list_sources() -> Response:
    configured = {source.id: source for source in _configured_sources()}
    states = []
    for state in store().source_states():
        row: dict[str, Any] = asdict(state)
        row["items_capped"] = row.pop("adapter_state").get("items_capped")
        for name in ("last_attempt", "last_success", "next_attempt"):
            row[name] = row[name].isoformat() if row[name] else None
        source = configured.get(state.source_id)
        row["configured"] = source is not None
        row["enabled"] = bool(source and source.enabled)
        states.append(row)
    return jsonify(sources=states)


@blueprint.post("/collect/<source_id>")
def collect(source_id: str) -> tuple[Response, int]:
    from feeds.scheduler import collect_and_count

    matches = [source for source in _configured_sources() if source.id == source_id]
    if not matches:
        abort(404, description=f"no source with id {source_id!r}")
    source = matches[0]
    store().sync_sources([source])
    with source_lock(store().engine, source.id) as held:
        if not held:
            return jsonify(source=source.id, error="another process is collecting this source now"), 409
        # Claimed like a scheduled run, so the schedulers do not fetch it again right away.
        claim_if_due(store().engine, source.id, datetime.now(UTC), 0, process_name())
        run = collect_and_count(settings(), store(), source)
    body = {"source": run.source_id, "ok": run.ok, "not_modified": run.not_modified, "error": run.error,
            "created": run.report.created, "updated": run.report.updated, "unchanged": run.report.unchanged}
    return jsonify(body), 200 if run.ok else 502


@blueprint.post("/retag")
def retag() -> tuple[Response, int]:
    """Recompute every stored item's tags with the current taxonomy (synchronously: for very
    large stores prefer `clusterfeeds retag`, which shows progress)."""
    from feeds.config.taxonomy import load_taxonomy
    from feeds.process.tagging import Tagger
    from feeds.runner import retag_stories

    try:
        tagger = Tagger(load_taxonomy(settings().config_dir))
    except ConfigError as exc:
        return jsonify(error=str(exc)), 500
    seen, changed = retag_stories(store().engine, tagger, RETAG_BATCH)
    return jsonify(items=seen, changed=changed), 200


@blueprint.get("/api/corrections")
def list_corrections() -> Response | tuple[Response, int]:
    """The newest corrections first (`?story=<entry id>`: of one story; `?limit=`: at most 500)."""
    limit = request.args.get("limit", "100")
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_CORRECTIONS:
        abort(400, description=f"limit must be 1 to {MAX_CORRECTIONS}")
    try:
        found = store().corrections.recent(int(limit), request.args.get("story"))
    except NotFoundError as exc:
        return _error(exc, 404)
    return jsonify(corrections=[editing.as_json(recorded) for recorded in found])


@blueprint.post("/api/corrections")
def correct() -> tuple[Response, int]:
    """Apply one correction, given as a JSON object (feeds/web/openapi.yaml, `Correction`)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return jsonify(error="the body must be a JSON object"), 400
    unknown = set(body) - CORRECTION_FIELDS
    if unknown:
        return jsonify(error=f"unknown field {sorted(unknown)[0]!r}"), 400
    try:
        correction = Correction(**{name: _field(body, name) for name in CORRECTION_FIELDS if name in body})
    except TypeError:
        return jsonify(error="action, story, editor and reason are required"), 400
    except ValueError as exc:
        return jsonify(error=str(exc)), 400
    try:
        recorded = editing.apply(correction)
    except NotFoundError as exc:
        return _error(exc, 404)
    except ConflictError as exc:
        return _error(exc, 409)
    except CorrectionError as exc:
        return _error(exc, 400)
    return jsonify(editing.as_json(recorded)), 201


@blueprint.post("/api/corrections/<int:correction_id>/undo")
def undo(correction_id: int) -> tuple[Response, int]:
    body = request.get_json(silent=True)
    editor = body.get("editor") if isinstance(body, dict) else None
    if not isinstance(editor, str):
        return jsonify(error="the body must be a JSON object with the editor's name: {\"editor\": ...}"), 400
    try:
        recorded = editing.undo(correction_id, editor)
    except NotFoundError as exc:
        return _error(exc, 404)
    except CorrectionError as exc:
        return _error(exc, 409 if isinstance(exc, ConflictError) else 400)
    return jsonify(editing.as_json(recorded)), 200


def _field(body: dict[str, Any], name: str) -> Any:
    value = body[name]
    wanted = int if name == "item_id" else str
    if value is not None and (not isinstance(value, wanted) or isinstance(value, bool)):
        raise ValueError(f"{name} must be {'an integer' if wanted is int else 'a string'}")
    return value


def _error(exc: Exception, status: int) -> tuple[Response, int]:
    return jsonify(error=str(exc)), status


def _configured_sources() -> list[SourceConfig]:
    try:
        return load_sources(settings().sources_file, source_kinds())
    except ConfigError as exc:
        abort(500, description=str(exc))
