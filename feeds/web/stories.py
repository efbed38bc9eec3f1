"""Pages for reading: the home page, one story, the stories of a topic, country or source, and search.

Every list page shows exactly the stories of its feed (`/topics/x` those of `/feeds/topics/x.atom`,
`/search?…` those of `/feeds/all.atom?…`): the same query, the same page size (the feeds' default
limit, or `limit=`), the same `before` cursor. Its feed links and autodiscovery `<link>`s carry
the page's filter.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from feeds.config.feeds import FeedFilter
from feeds.model import Tag
from feeds.publish import FORMATS
from feeds.publish.catalog import FeedSpec, feed_spec
from feeds.publish.labels import country_label, language_label
from feeds.publish.safety import outbound_url, safe_entry
from feeds.publish.texts import text
from feeds.store.reading import Listed, StoryPage
from feeds.web import context, http
from feeds.web.feeds import filter_labels, known_topic, parse_limit, request_cursor, request_filter, spec_title
from feeds.web.i18n import language
from feeds.web.pages import named_rows

blueprint = Blueprint("stories", __name__)
FEED_LINKS = (("atom", "application/atom+xml", "Atom"), ("rss", "application/rss+xml", "RSS"),
              ("json", "application/feed+json", "JSON Feed"))
RELATED_STORIES = 5
_LIST_ARGS = ("topic", "country", "source", "lang", "q", "since", "limit")


def render_page(template: str, **values: Any) -> Response:
    """An HTML page in the request's language, cacheable like the feeds."""
    hl = language()
    body = render_template(template, hl=hl, t=lambda key, **v: text(key, hl, **v), site=context.settings().feed_title,
                           feed_links=FEED_LINKS, tag_label=lambda tag: tag_label(tag, hl),
                           tag_url=tag_url, language_label=lambda code: language_label(code, hl), **values)
    response = http.document(body.encode("utf-8"), "text/html; charset=utf-8", context.settings().feed_max_age,
                             vary_language="hl" not in request.args)
    response.vary.add("Accept")
    return response


@blueprint.app_context_processor
def page_helpers() -> dict[str, Any]:
    return {"lang_url": _lang_url}


def _lang_url(hl: str) -> str:
    """This page in language `hl` (every other query argument kept)."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "hl"] + [("hl", hl)]
    return request.path + "?" + urlencode(args)


def tag_label(tag: Tag, hl: str) -> str:
    return context.topic_label(tag.code, hl) if tag.kind == "topic" else country_label(tag.code, hl)


def tag_url(tag: Tag) -> str:
    return url_for("stories.topic", slug=tag.code) if tag.kind == "topic" else url_for("stories.country", code=tag.code)


def feed_urls(spec: FeedSpec) -> dict[str, str]:
    """The feed of this page in each format: the page's filter and limit, without its cursor and language."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key in _LIST_ARGS]
    query = "?" + urlencode(args) if args else ""
    return {fmt: spec.url(context.base_url(), fmt) + query for fmt in FORMATS}


def _story_page(spec: FeedSpec) -> tuple[StoryPage, FeedFilter]:
    config = context.settings()
    limit = parse_limit(request.args.get("limit"), config.feed_default_limit, config.feed_max_limit)
    before = request_cursor()
    query_filter = request_filter()
    page = context.store().stories.page([spec.filter, query_filter], limit, before, config.tag_threshold)
    shown = StoryPage([Listed(each.story_id, safe_entry(each.entry)) for each in page.stories], page.next_cursor)
    return shown, query_filter


def _next_url(page: StoryPage) -> str | None:
    """The page of older stories: this one with the feed's cursor."""
    if page.next_cursor is None:
        return None
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "before"]
    return request.path + "?" + urlencode([*args, ("before", page.next_cursor.encode())])


def _first_url() -> str | None:
    """The first page of this list when this one is a later page."""
    if "before" not in request.args:
        return None
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "before"]
    return request.path + ("?" + urlencode(args) if args else "")


def _list(spec: FeedSpec, heading: str, **extra: Any) -> Response:
    page, query_filter = _story_page(spec)
    hl = language()
    labels = filter_labels(query_filter, hl)
    return render_page("stories.html", heading=heading, filters=labels, page=page, next_url=_next_url(page),
                       first_url=_first_url(), feeds=feed_urls(spec),
                       feed_title=spec_title(spec, hl)[0], build_url=_build_url(spec, query_filter), **extra)


def _build_url(spec: FeedSpec, query_filter: FeedFilter) -> str:
    """The feed builder, preset with this page's selection."""
    args: list[tuple[str, str]] = [("hl", language())]
    for key, values in (("topic", spec.filter.topics + query_filter.topics),
                        ("country", spec.filter.countries + query_filter.countries),
                        ("source", spec.filter.sources + query_filter.sources), ("lang", query_filter.languages),
                        ("q", query_filter.queries)):
        args += [(key, value) for value in values]
    return url_for("build.page") + "?" + urlencode(args)


@blueprint.get("/")
def index() -> Response:
    page, _ = _story_page(feed_spec("all"))
    hl = language()
    return render_page("home.html", page=page, next_url=_next_url(page), first_url=_first_url(),
                       feeds=feed_urls(feed_spec("all")), feed_title=spec_title(feed_spec("all"), hl)[0],
                       empty=_empty_reason() if not page.stories and "before" not in request.args else None,
                       topics=_navigation(context.topic_counts(), lambda code: context.topic_label(code, hl)),
                       countries=_navigation(context.country_counts(), lambda code: country_label(code, hl)),
                       sources=_source_navigation(), named=named_rows(hl), build_url=url_for("build.page", hl=hl))


def _navigation(counts: dict[str, int], label: Any) -> list[tuple[str, str, int]]:
    """(code, label, stories) of every tag with stories, by label."""
    return sorted(((code, label(code), count) for code, count in counts.items() if count),
                  key=lambda row: row[1].casefold())


def _source_navigation() -> list[tuple[str, str, int]]:
    names = context.known_sources()
    counts = context.store().sources.story_counts()
    return _navigation({code: count for code, count in counts.items() if code in names}, lambda code: names[code])


def _empty_reason() -> str:
    """Why the store has no story yet, in the reader's language."""
    hl = language()
    states = context.store().sources.states()
    failing = [state for state in states if state.consecutive_failures and state.last_success is None]
    if not states:
        return text("empty_none", hl)
    if failing:
        return text("empty_failing", hl, failing=str(len(failing)), total=str(len(states)))
    return text("empty_pending", hl)


@blueprint.get("/stories/<int:story_id>")
def story(story_id: int) -> Response:
    store, threshold = context.store(), context.settings().tag_threshold
    view = store.stories.get(story_id, threshold)
    if view is None:
        survivor = store.stories.survivor(story_id)
        if survivor is None or survivor == story_id:
            abort(404, f"no story {story_id}")
        target = url_for("stories.story", story_id=survivor) + (f"?{urlencode(list(request.args.items()))}"
                                                                 if request.args else "")
        return redirect(target, 301)  # type: ignore[return-value]
    versions = [version for version in view.versions if outbound_url(version.link)]
    related = [Listed(each.story_id, safe_entry(each.entry))
               for each in store.stories.related(view, RELATED_STORIES, threshold)]
    return render_page("story.html", story=view, versions=versions, related=related,
                       primary=view.versions[0])


@blueprint.get("/topics/<slug>")
def topic(slug: str) -> Response:
    if not known_topic(slug):
        abort(404, f"unknown topic {slug!r}; see /topics")
    hl = language()
    return _list(feed_spec("topic", slug), text("topic_feed", hl, label=context.topic_label(slug, hl)))


@blueprint.get("/countries/<code>")
def country(code: str) -> Response:
    if code not in context.known_countries():
        abort(404, f"unknown country {code!r}; see /countries")
    hl = language()
    return _list(feed_spec("country", code), text("country_feed", hl, label=country_label(code, hl)))


@blueprint.get("/sources/<source_id>")
def source(source_id: str) -> Response:
    names = context.known_sources()
    if source_id not in names:
        abort(404, f"unknown source {source_id!r}; see /sources")
    return _list(feed_spec("source", source_id), text("source_feed", language(), label=names[source_id]))


@blueprint.get("/search")
def search() -> Response:
    hl = language()
    query = request.args.get("q", "").strip()
    heading = text("search_for", hl, query=f"“{query}”") if query else text("search_results", hl)
    return _list(feed_spec("all"), heading, query=query)
