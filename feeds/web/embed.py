"""The embed kit: /embed.js (a script that renders a feed in a Shadow DOM on any site) and
/embed/<feed>?… (an HTML page for an iframe, for sites that allow no scripts).

Only /embed/<feed> may be framed by other sites (CSP frame-ancestors *, see web.http).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, render_template, request

from feeds.publish.catalog import FeedSpec, feed_spec
from feeds.publish.safety import safe_entry
from feeds.publish.texts import text
from feeds.web import context, http
from feeds.web.feeds import parse_limit, request_filter, spec_title
from feeds.web.i18n import language

blueprint = Blueprint("embed", __name__)
SCRIPT = Path(__file__).parent / "static" / "embed.js"
EMBED_DEFAULT_LIMIT = 5


@blueprint.get("/embed.js")
def script() -> Response:
    """The script, with the display time zone in which it shows dates (CLUSTERFEEDS_DISPLAY_TIMEZONE)."""
    body = SCRIPT.read_text(encoding="utf-8").replace("__DISPLAY_TIMEZONE__", context.settings().display_timezone)
    return http.document(body.encode("utf-8"), "application/javascript; charset=utf-8",
                         context.settings().feed_max_age)


@blueprint.get("/embed/<path:feed>")
def page(feed: str) -> Response:
    """`feed` is all, a named feed, or topics/<slug>, countries/<code>, sources/<id>."""
    spec = _spec(feed)
    config = context.settings()
    limit = parse_limit(request.args.get("limit"), EMBED_DEFAULT_LIMIT, config.feed_max_limit)
    feed_filter = [spec.filter, request_filter()]
    entries = [safe_entry(entry) for entry in  # the second line against hostile stored URLs, as in feeds
               context.store().feeds.page(feed_filter, limit, None, config.tag_threshold).entries]
    hl = language()
    body = render_template("embed.html", hl=hl, title=spec_title(spec, hl)[0], entries=entries,
                           summaries=request.args.get("summary") != "0", t=lambda key: text(key, hl),
                           home=context.absolute(spec.html_path)).encode("utf-8")
    return http.document(body, "text/html; charset=utf-8", config.feed_max_age, vary_language="hl" not in request.args)


def _spec(feed: str) -> FeedSpec:
    kind, _, code = feed.partition("/")
    kinds = {"topics": ("topic", context.known_topics), "countries": ("country", context.known_countries),
             "sources": ("source", context.known_sources)}
    if feed == "all":
        return feed_spec("all")
    if kind in kinds and code:
        name, known = kinds[kind]
        if code in known():
            return feed_spec(name, code)
    elif not code and feed in context.named_feeds():
        return feed_spec("named", feed, context.named_feeds())
    abort(404, f"unknown feed {feed!r}")
