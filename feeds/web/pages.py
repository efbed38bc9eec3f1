"""Lists of feeds for people (HTML) and their JSON twins: /topics, /countries, /sources, and /opml.

`/topics.json` (or `/topics` with `Accept: application/json`) gives the same list as data.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from flask import Blueprint, Response, render_template, request

from feeds.publish import FORMATS, documents
from feeds.publish.catalog import FeedSpec, feed_spec
from feeds.publish.texts import text
from feeds.web import context, http
from feeds.web.feeds import spec_title
from feeds.web.i18n import language

blueprint = Blueprint("pages", __name__)

FEED_LINKS = (
    ("atom", "application/atom+xml", "Atom"),
    ("rss", "application/rss+xml", "RSS"),
    ("json", "application/feed+json", "JSON Feed"),
)


def _wants_json(suffix: str | None) -> bool:
    if suffix is not None:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"], default="text/html")
    return best == "application/json"


def _respond_json(data: Any) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=_json_default).encode("utf-8")
    return http.document(body, "application/json; charset=utf-8", context.settings().feed_max_age,
                         vary_language="hl" not in request.args)


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _respond_html(template: str, **values: Any) -> Response:
    hl = language()
    body = render_template(template, hl=hl, t=lambda key, **v: text(key, hl, **v), feed_links=FEED_LINKS,
                           site=context.settings().feed_title, **values).encode("utf-8")
    response = http.document(body, "text/html; charset=utf-8", context.settings().feed_max_age,
                             vary_language="hl" not in request.args)
    response.vary.add("Accept")
    return response


def feed_row(spec: FeedSpec, hl: str, label: str, count: int | None = None) -> dict[str, Any]:
    """A feed as listed on pages and in JSON: label, count and one URL per format."""
    urls = {fmt: spec.url(context.base_url(), fmt) for fmt in FORMATS}
    row: dict[str, Any] = {"code": spec.code, "label": label, "title": spec_title(spec, hl)[0], "feeds": urls}
    if count is not None:
        row["count"] = count
    return row


def topic_rows(hl: str) -> list[dict[str, Any]]:
    return [feed_row(row.spec, hl, row.label, row.count)
            for row in documents.topic_rows(context.store(), context.site(), hl)]


def country_rows(hl: str) -> list[dict[str, Any]]:
    return [feed_row(row.spec, hl, row.label, row.count)
            for row in documents.country_rows(context.store(), context.site(), hl)]


def source_rows(hl: str) -> list[dict[str, Any]]:
    counts = context.store().sources.story_counts()
    names = context.known_sources()
    rows = []
    for state in context.store().sources.states():
        row = feed_row(feed_spec("source", state.source_id), hl, names.get(state.source_id, state.source_id),
                       counts.get(state.source_id, 0))
        row.update(last_success=state.last_success, consecutive_failures=state.consecutive_failures,
                   last_error=public_error(state.last_error), next_attempt=state.next_attempt,
                   item_count=state.item_count)
        rows.append(row)
    return rows


INTERNAL_ERROR = "internal error (the details are in the log and the admin API)"
PUBLIC_ERROR_LENGTH = 200
_ADDRESS = re.compile(r" \([0-9A-Fa-f.:]+\)")  # "(10.0.0.5)" after a host name in an address refusal


def public_error(message: str | None) -> str | None:
    """A source's last error as the public may see it: one line, no internals.

    Fetch and parse errors are ours and say what went wrong with the site (HTTP 503, timed
    out, not a feed); anything else — a bug's exception, a database error with its SQL and
    parameters — becomes one fixed line. Resolved addresses and setting hints are dropped.
    """
    if not message or not message.strip():
        return None
    line = message.strip().splitlines()[0]
    if line.startswith(("internal error", "(")) or "[SQL" in message or "Traceback" in message:
        return INTERNAL_ERROR
    line = _ADDRESS.sub("", line.split("; set CLUSTERFEEDS_", 1)[0])
    return line if len(line) <= PUBLIC_ERROR_LENGTH else line[:PUBLIC_ERROR_LENGTH - 1] + "…"


def named_rows(hl: str) -> list[dict[str, Any]]:
    named = context.named_feeds()
    return [feed_row(row.spec, hl, row.label) | {"description": named[row.spec.code].description_in(hl)}
            for row in documents.named_rows(context.site(), hl)]


@blueprint.get("/topics", defaults={"suffix": None})
@blueprint.get("/topics.json", defaults={"suffix": ".json"})
def topics(suffix: str | None) -> Response:
    hl = language()
    rows = topic_rows(hl)
    if _wants_json(suffix):
        return _respond_json({"language": hl, "topics": rows})
    return _respond_html("list.html", heading=text("topics", hl), rows=rows, kind="topic")


@blueprint.get("/countries", defaults={"suffix": None})
@blueprint.get("/countries.json", defaults={"suffix": ".json"})
def countries(suffix: str | None) -> Response:
    hl = language()
    rows = country_rows(hl)
    if _wants_json(suffix):
        return _respond_json({"language": hl, "countries": rows})
    return _respond_html("list.html", heading=text("countries", hl), rows=rows, kind="country")


@blueprint.get("/sources", defaults={"suffix": None})
@blueprint.get("/sources.json", defaults={"suffix": ".json"})
def sources(suffix: str | None) -> Response:
    hl = language()
    rows = source_rows(hl)
    if _wants_json(suffix):
        return _respond_json({"language": hl, "sources": rows})
    return _respond_html("sources.html", heading=text("sources", hl), rows=rows)


@blueprint.get("/opml")
def opml() -> Response:
    """OPML 2.0: the all feed, every named, topic and country feed (Atom), for a one-step import."""
    body = documents.build_opml(context.store(), context.site(), language())
    # the list changes with the stored stories (which topics and countries have any): their last change
    return http.document(body, documents.OPML_MEDIA_TYPE, context.settings().feed_max_age,
                         last_modified=context.store().feeds.last_change(), vary_language="hl" not in request.args)
