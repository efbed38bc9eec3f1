"""Feed documents: /feeds/all, /feeds/topics/<slug>, /feeds/countries/<code>, /feeds/sources/<id>,
/feeds/<name> (named feeds from config/feeds.yaml), each as .atom, .rss or .json.

Every feed takes the query filters topic, country, source, lang, q, since and limit (a comma
means OR within a key; keys combine with AND) and `before`, the RFC 5005 paging cursor.
A route parses the request into a `FeedRequest`, `feeds/publish/documents.py` builds the
document (as it does for static publishing), and the response adds HTTP validators and caching.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Blueprint, Response, abort, request

from feeds import metrics
from feeds.config.feeds import FeedFilter, FilterValueError, filter_from_mapping
from feeds.publish import documents
from feeds.publish.catalog import FeedSpec, feed_spec
from feeds.store import Cursor
from feeds.web import context, http
from feeds.web.fastpath import CACHEABLE
from feeds.web.i18n import language

blueprint = Blueprint("feeds", __name__)
FMT = "<any(atom, rss, json):fmt>"
FILTER_ARGS = ("topic", "country", "source", "lang", "q", "since")
LISTS = {"topic": "/topics", "country": "/countries", "source": "/sources"}


class BadParameterError(ValueError):
    def __init__(self, name: str, value: str, expected: str):
        super().__init__(f"invalid value {value!r} for {name!r}: expected {expected}")


def parse_limit(raw: str | None, default: int, maximum: int) -> int:
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9) or not 1 <= int(raw) <= maximum:
        raise BadParameterError("limit", raw, f"a whole number from 1 to {maximum}")
    return int(raw)


@blueprint.app_errorhandler(BadParameterError)  # the embed page reads the same parameters
def bad_parameter(error: BadParameterError) -> Response:
    return Response(str(error) + "\n", status=400, mimetype="text/plain")


@blueprint.get(f"/feeds/all.{FMT}")
def all_feed(fmt: str) -> Response:
    return _serve(fmt, feed_spec("all"))


@blueprint.get(f"/feeds/topics/<slug>.{FMT}")
def topic_feed(slug: str, fmt: str) -> Response:
    if not known_topic(slug):
        abort(404, f"unknown topic {slug!r}; see /topics")
    return _serve(fmt, feed_spec("topic", slug))


@blueprint.get(f"/feeds/countries/<code>.{FMT}")
def country_feed(code: str, fmt: str) -> Response:
    if code not in context.known_countries():
        abort(404, f"unknown country {code!r}; see /countries")
    return _serve(fmt, feed_spec("country", code))


@blueprint.get(f"/feeds/sources/<source_id>.{FMT}")
def source_feed(source_id: str, fmt: str) -> Response:
    if source_id not in context.known_sources():
        abort(404, f"unknown source {source_id!r}; see /sources")
    return _serve(fmt, feed_spec("source", source_id))


@blueprint.get(f"/feeds/<name>.{FMT}")
def named_feed(name: str, fmt: str) -> Response:
    named = context.named_feeds()
    if name not in named:
        abort(404, f"unknown feed {name!r}; see /")
    return _serve(fmt, feed_spec("named", name, named))


def request_filter(args: Mapping[str, str] | None = None) -> FeedFilter:
    """The query-string filter of this request (or `args`), every value checked (400 names the bad one)."""
    args = request.args if args is None else args
    raw = {key: args[key] for key in FILTER_ARGS if key in args}
    try:
        feed_filter = filter_from_mapping(raw)
    except FilterValueError as exc:
        raise BadParameterError(exc.key, exc.value, _expected(exc.key, str(exc))) from None
    for key, values, known in (("topic", feed_filter.topics, known_topic),
                               ("country", feed_filter.countries, lambda code: code in context.known_countries()),
                               ("source", feed_filter.sources, lambda source: source in context.known_sources())):
        for value in values:
            if not known(value):
                raise BadParameterError(key, value, f"a known {key}; see {LISTS[key]}")
    return feed_filter


def request_cursor() -> Cursor | None:
    """The `before` paging cursor of this request, if any (400 when it is not one of ours)."""
    if "before" not in request.args:
        return None
    try:
        return Cursor.decode(request.args["before"])
    except ValueError:
        raise BadParameterError("before", request.args["before"],
                                "a cursor from a feed's rel=\"next\" link") from None


def filter_labels(feed_filter: FeedFilter, hl: str) -> list[str]:
    """A human label per key of `feed_filter` (publish/documents.py), for pages that name their selection."""
    return documents.filter_labels(context.site(), context.known_sources(), feed_filter, hl)


filter_query = documents.filter_query


def known_topic(slug: str) -> bool:
    """A topic of the taxonomy, or one a published story carries (an index probe, not a count of all tags)."""
    return context.taxonomy().topic(slug) is not None or context.store().tags.has(
        "topic", slug, context.settings().tag_threshold)


def _expected(key: str, message: str) -> str:
    hint = message.split(": ", 1)[-1].removeprefix("expected ")
    return f"{hint}; see {LISTS[key]}" if key in LISTS else hint


def spec_title(spec: FeedSpec, hl: str) -> tuple[str, str]:
    """(title, description) of a feed in language `hl` (feeds/publish/documents.py)."""
    return documents.spec_title(context.site(), context.known_sources(), spec, hl)


def feed_request(fmt: str, spec: FeedSpec) -> documents.FeedRequest:
    """The document this request asks for, every parameter checked (400 names the bad one)."""
    config = context.settings()
    limit = parse_limit(request.args.get("limit"), config.feed_default_limit, config.feed_max_limit)
    return documents.FeedRequest(spec, fmt, language(), limit, request_cursor(), request_filter(),
                                 tuple(request.args.items(multi=True)))


def _serve(fmt: str, spec: FeedSpec) -> Response:
    wanted = feed_request(fmt, spec)
    with metrics.RENDER_SECONDS.labels(fmt).time():
        rendered = documents.build_feed(context.store(), context.site(), wanted, context.known_sources)
    if request.url_rule is not None:  # the fast path may keep this response until the store changes
        request.environ[CACHEABLE] = request.url_rule.rule
    return http.document(rendered.body, rendered.media_type, context.settings().feed_max_age,
                         rendered.last_modified, vary_language="hl" not in request.args, etag=rendered.etag)
