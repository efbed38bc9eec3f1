"""HTML pages for people: the latest stories and every feed with subscribe links."""

from __future__ import annotations

from flask import Blueprint, render_template

from feeds.web.context import settings, store

blueprint = Blueprint("pages", __name__)

FEED_LINKS = (
    ("atom", "application/atom+xml", "Atom"),
    ("rss", "application/rss+xml", "RSS"),
    ("json", "application/feed+json", "JSON Feed"),
)


@blueprint.get("/")
def index() -> str:
    config = settings()
    entries = store().latest_entries(config.feed_default_limit)
    return render_template("index.html", title=config.feed_title, entries=entries, feed_links=FEED_LINKS)
