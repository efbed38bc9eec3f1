"""The feed builder (/build): choose topics, countries, sources, languages and a search term; get
the feed URLs, an OPML file (/build/opml), the embed code (script and iframe) and a preview.

The page is a GET form and works without JavaScript: sending it shows the URLs and the preview.
`/static/build.js` only re-sends the form as the choice changes (live preview).
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, request

from feeds.config.feeds import FeedFilter
from feeds.publish import FORMATS, documents
from feeds.publish.catalog import feed_spec
from feeds.publish.labels import country_label, language_label
from feeds.publish.safety import safe_entry
from feeds.publish.texts import LANGUAGES, text
from feeds.store.reading import Listed
from feeds.web import context, http
from feeds.web.feeds import FILTER_ARGS, filter_labels, filter_query, parse_limit, request_filter
from feeds.web.i18n import language
from feeds.web.stories import render_page

blueprint = Blueprint("build", __name__)
EMBED_DEFAULT_COUNT = 5
EMBED_MAX_COUNT = 50


def chosen_filter() -> FeedFilter:
    """The form's choice: checkboxes send a key once per value; the feeds read one comma-separated value."""
    joined = {key: ",".join(value for value in request.args.getlist(key) if value.strip())
              for key in FILTER_ARGS if key in request.args}
    return request_filter({key: value for key, value in joined.items() if value})


def embed_options() -> dict[str, str]:
    """The embed's own options: stories shown, label language, whether summaries show."""
    count = parse_limit(request.args.get("limit") or None, EMBED_DEFAULT_COUNT, EMBED_MAX_COUNT)
    embed_hl = request.args.get("embed_hl", "")
    options = {"limit": str(count), "hl": embed_hl if embed_hl in LANGUAGES else language()}
    if request.args.get("summary", "1") == "0" or ("sent" in request.args and "summary" not in request.args):
        options["summary"] = "0"
    return options


@blueprint.get("/build")
def page() -> Response:
    hl = language()
    config = context.settings()
    feed_filter = chosen_filter()
    options = embed_options()
    query = filter_query(feed_filter, "")
    base = context.base_url()
    feeds = {fmt: feed_spec("all").url(base, fmt) + (f"?{query}" if query else "") for fmt in FORMATS}
    embed_query = "&".join(part for part in (query, urlencode(options)) if part)
    preview = context.store().stories.page(feed_filter, int(options["limit"]), None, config.tag_threshold)
    opml_url = base + "/build/opml" + (f"?{query}" if query else "")
    script = f'<script src="{base}/embed.js" defer></script>\n<div data-clusterfeeds="{_attr(embed_query)}"></div>'
    iframe = (f'<iframe src="{_attr(base + "/embed/all?" + embed_query)}" title="{_attr(config.feed_title)}" '
              'width="100%" height="600" loading="lazy"></iframe>')
    return render_page(
        "build.html", choice=_choices(feed_filter, hl), search_term=", ".join(feed_filter.queries), options=options,
        feeds=feeds, opml_url=opml_url, labels=filter_labels(feed_filter, hl), script_snippet=script,
        iframe_snippet=iframe, preview=[Listed(each.story_id, safe_entry(each.entry)) for each in preview.stories],
        summaries=options.get("summary") != "0")


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _choices(chosen: FeedFilter, hl: str) -> dict[str, list[tuple[str, str, bool]]]:
    """(value, label, checked) per form field, labels sorted."""
    def rows(values: dict[str, str], checked: tuple[str, ...]) -> list[tuple[str, str, bool]]:
        return sorted(((code, label, code in checked) for code, label in values.items()),
                      key=lambda row: row[1].casefold())

    topics = {slug: context.topic_label(slug, hl) for slug in context.known_topics()}
    countries = {code: country_label(code, hl) for code in context.country_counts()}
    languages = {code: language_label(code, hl) for code in context.settings().languages}
    return {"topic": rows(topics, chosen.topics), "country": rows(countries, chosen.countries),
            "source": rows(context.known_sources(), chosen.sources), "lang": rows(languages, chosen.languages)}


@blueprint.get("/build/opml")
def opml() -> Response:
    """OPML 2.0 with the one feed chosen in the builder (Atom)."""
    hl = language()
    feed_filter = chosen_filter()
    query = filter_query(feed_filter, "")
    labels = filter_labels(feed_filter, hl)
    title = " – ".join([context.settings().feed_title, *labels])
    url = feed_spec("all").url(context.base_url(), "atom") + (f"?{query}" if query else "")
    body = documents.opml_document(f"{title} – {text('feeds', hl)}", [(text("build", hl), [(title, url)])],
                                   context.absolute("/"))
    return http.document(body, "text/x-opml; charset=utf-8", context.settings().feed_max_age,
                         vary_language="hl" not in request.args)
