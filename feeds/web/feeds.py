"""Feed documents: /feeds/all, /feeds/topics/<slug>, /feeds/countries/<code>, /feeds/sources/<id>,
/feeds/<name> (named feeds from config/feeds.yaml), each as .atom, .rss or .json.

Every feed takes the query filters topic, country, source, lang, q, since and limit (a comma
means OR within a key; keys combine with AND) and `before`, the RFC 5005 paging cursor.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, request

from feeds import metrics
from feeds.config.feeds import FeedFilter, FilterValueError, filter_from_mapping
from feeds.publish import FeedMeta, render
from feeds.publish.catalog import FeedSpec, feed_spec
from feeds.publish.labels import country_label, label_map, language_label
from feeds.store import queries
from feeds.web import context, http
from feeds.web.fastpath import CACHEABLE
from feeds.web.i18n import language, text

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


def request_cursor() -> queries.Cursor | None:
    """The `before` paging cursor of this request, if any (400 when it is not one of ours)."""
    if "before" not in request.args:
        return None
    try:
        return queries.Cursor.decode(request.args["before"])
    except ValueError:
        raise BadParameterError("before", request.args["before"],
                                "a cursor from a feed's rel=\"next\" link") from None


def known_topic(slug: str) -> bool:
    """A topic of the taxonomy, or one a published story carries (an index probe, not a count of all tags)."""
    return context.taxonomy().topic(slug) is not None or queries.has_tag(
        context.store().engine, "topic", slug, context.settings().tag_threshold)


def _expected(key: str, message: str) -> str:
    hint = message.split(": ", 1)[-1].removeprefix("expected ")
    return f"{hint}; see {LISTS[key]}" if key in LISTS else hint


def spec_title(spec: FeedSpec, hl: str) -> tuple[str, str]:
    """(title, description) of a feed in language `hl`."""
    site = context.settings().feed_title
    if spec.kind == "all":
        return site, text("all_description", hl)
    if spec.kind == "named":
        named = context.named_feeds()[spec.code]
        return f"{site} – {named.title_in(hl)}", named.description_in(hl)
    if spec.kind == "topic":
        label = text("topic_feed", hl, label=context.topic_label(spec.code, hl))
    elif spec.kind == "country":
        label = text("country_feed", hl, label=country_label(spec.code, hl))
    else:
        label = text("source_feed", hl, label=context.known_sources().get(spec.code, spec.code))
    return f"{site} – {label}", text("filtered_description", hl, label=label)


def filtered_title(spec: FeedSpec, query_filter: FeedFilter, hl: str) -> tuple[str, str]:
    """(title, description) naming the path's feed and the query's filter, e.g.
    "ClusterFeeds – Poland, Lithuania – Funding": subscriptions to different selections differ."""
    title, description = spec_title(spec, hl)
    parts = filter_labels(query_filter, hl)
    if not parts:
        return title, description
    label = " – ".join(parts)
    if spec.kind == "all":
        return f"{title} – {label}", text("filtered_description", hl, label=label)
    return f"{title} – {label}", f"{description} – {label}"


def filter_labels(feed_filter: FeedFilter, hl: str) -> list[str]:
    """A human label per key of `feed_filter` (countries, topics, sources, languages, searches, since)."""
    names = context.known_sources()
    groups = [
        [country_label(code, hl) for code in feed_filter.countries],
        [context.topic_label(slug, hl) for slug in feed_filter.topics],
        [names.get(source, source) for source in feed_filter.sources],
        [language_label(code, hl) for code in feed_filter.languages],
        [f"“{query}”" for query in feed_filter.queries],
        [text("since", hl, date=feed_filter.since.date().isoformat())] if feed_filter.since else [],
    ]
    return [", ".join(group) for group in groups if group]


def filter_query(feed_filter: FeedFilter, prefix: str) -> str:
    """The filter as a query string in one canonical order (keys and values sorted): the same
    selection gives the same feed id whatever order the parameters came in."""
    pairs = [(key, ",".join(sorted(set(values)))) for key, values in (
        ("country", feed_filter.countries), ("lang", feed_filter.languages), ("q", feed_filter.queries),
        ("source", feed_filter.sources), ("topic", feed_filter.topics)) if values]
    if feed_filter.since is not None:
        pairs.append(("since", feed_filter.since.isoformat()))
    pairs.sort()
    return prefix + urlencode(pairs, safe=",:") if pairs else ""


def _serve(fmt: str, spec: FeedSpec) -> Response:
    config = context.settings()
    limit = parse_limit(request.args.get("limit"), config.feed_default_limit, config.feed_max_limit)
    before = request_cursor()
    query_filter = request_filter()
    filters = [spec.filter, query_filter]  # the path's filter AND the query's
    page = queries.feed_page(context.store().engine, filters, limit, before, config.tag_threshold)
    entry_languages = next((f.languages for f in reversed(filters) if f.languages), ())
    hl = language()
    title, description = filtered_title(spec, query_filter, hl)
    tags = {(tag.kind, tag.code) for entry in page.entries for tag in entry.tags}
    meta = FeedMeta(
        feed_id=context.absolute(spec.path) + filter_query(query_filter, "?"),
        title=title,
        description=description,
        self_url=_self_url(spec, fmt),
        home_url=context.absolute(spec.html_path) + filter_query(query_filter, "?"),
        updated=queries.last_change(context.store().engine),
        base_url=context.base_url(),
        language=entry_languages[0] if len(entry_languages) == 1 else hl,
        labels=label_map([c for k, c in tags if k == "country"], [c for k, c in tags if k == "topic"], hl,
                         context.topic_labeller),
        next_url=_page_url(spec, fmt, page.next_cursor.encode()) if page.next_cursor else None,
        first_url=_page_url(spec, fmt, None) if before is not None or page.next_cursor else None,
        hub_url=config.websub_hub_url or None,
        source_feed_url=context.absolute("/feeds/sources/{id}." + ("rss" if fmt == "rss" else "atom")),
    )
    with metrics.RENDER_SECONDS.labels(fmt).time():
        rendered = render(fmt, meta, page.entries)
    if request.url_rule is not None:  # the fast path may keep this response until the store changes
        request.environ[CACHEABLE] = request.url_rule.rule
    return http.document(rendered.body, rendered.media_type, config.feed_max_age, rendered.last_modified,
                         vary_language="hl" not in request.args)


def _self_url(spec: FeedSpec, fmt: str) -> str:
    query = urlencode(list(request.args.items(multi=True)))
    return spec.url(context.base_url(), fmt) + (f"?{query}" if query else "")


def _page_url(spec: FeedSpec, fmt: str, cursor: str | None) -> str:
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "before"]
    if cursor is not None:
        args.append(("before", cursor))
    query = urlencode(args)
    return spec.url(context.base_url(), fmt) + (f"?{query}" if query else "")
