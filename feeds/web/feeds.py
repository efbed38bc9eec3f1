"""Feed documents: /feeds/all.atom, /feeds/all.rss, /feeds/all.json."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from feeds.publish import FORMATS, FeedMeta, render
from feeds.web.context import absolute, settings, store

blueprint = Blueprint("feeds", __name__)


class BadParameterError(ValueError):
    def __init__(self, name: str, value: str, expected: str):
        super().__init__(f"invalid value {value!r} for {name!r}: expected {expected}")


def parse_limit(raw: str | None, default: int, maximum: int) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise BadParameterError("limit", raw, f"a whole number from 1 to {maximum}")
    return int(raw)


@blueprint.errorhandler(BadParameterError)
def bad_parameter(error: BadParameterError) -> Response:
    response = Response(str(error) + "\n", status=400, mimetype="text/plain")
    return response


@blueprint.get("/feeds/all.<fmt>")
def all_feed(fmt: str) -> Response:
    if fmt not in FORMATS:
        abort(404)
    config = settings()
    limit = parse_limit(request.args.get("limit"), config.feed_default_limit, config.feed_max_limit)
    entries = store().latest_entries(limit, config.tag_threshold)
    meta = FeedMeta(
        feed_id=absolute("/feeds/all"),
        title=config.feed_title,
        self_url=absolute(request.full_path.rstrip("?")),
        home_url=absolute("/"),
    )
    rendered = render(fmt, meta, entries)
    response = Response(rendered.body, content_type=rendered.media_type)
    response.set_etag(rendered.etag)
    response.last_modified = rendered.last_modified
    response.cache_control.public = True
    response.cache_control.max_age = 300
    response.vary.add("Accept-Encoding")
    response.make_conditional(request)
    return response
