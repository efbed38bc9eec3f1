"""Presets: `kind: clusterplattform` and `kind: eccp` are the `html` engine with defaults
written from what is known of the two platforms (the project's sources notes). Every
value below is a sources.yaml key and can be overridden per source.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import pycountry

from feeds.collect.adapters.html import PageAdapter, Run
from feeds.collect.errors import CollectError
from feeds.collect.pages import Page, inner_html, squash
from feeds.model import EventFields, ItemMetadata, Link, RawItem

_GSB_NEXT = ('ul.pagination a[aria-label="Next"]', "li.c-pagination__item--active + li > a",
             "nav.c-nav-index li.c-nav-index__item--next > a", "div.navIndex li.forward > a")

CLUSTERPLATTFORM: dict[str, Any] = {
    "listings": [
        "/CLUSTER/Navigation/DE/Aktuelles/Kurzmeldungen/kurzmeldungen.html",
        "/CLUSTER/Navigation/DE/ClusterERFOLGE/clustererfolge.html",
        "/CLUSTER/Navigation/DE/Service/Newsletter/newsletter.html",
        "/CLUSTER/Navigation/EN/News/news.html",
    ],
    "item": ["li.media-space-list-item", "a.c-teaser", "div.teaser"],
    "item_link": ["a.card-link-overlay", "a[href]"],
    "next_page": list(_GSB_NEXT),
    "max_pages": 10,
    "exclude": [r"^/SiteGlobals/", r"__blob="],
    "url_rewrites": [{"pattern": r";jsessionid=[^/?#]*", "replace": ""},
                     {"pattern": r"[?&]view=renderPrint\b", "replace": ""}],
    "expect": ["#main .main-head h1, .c-topline, #main h1"],
    "reject": [".error-page"],
    "title": ["#main .main-head .title", "#main h1"],
    "date": ["#main .main-head .topline .date", ".c-topline time[datetime]", "p.dateOfRevision", "div.dateOfIssue"],
    "date_formats": ["%d.%m.%Y"],
    "date_from_url": r"/(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)_[^/]*$",
    "timezone": "Europe/Berlin",
    "body": ["#main .main-content .content", ".s-richtext", "#main"],
    "remove": [".image-block", "figure", "figcaption", ".credit", ".caption", ".share", "script", "style"],
    "related": [".box-related a[href]", ".newsletter-item .more a[href]"],
    "fields": {"kicker": ["#main .main-head .topline-descriptor", ".c-topline__descriptor"],
               "subtitle": ["#main .main-head .subtitle"]},
    "parts": [".newsletter-item[id]"],
}

ECCP: dict[str, Any] = {
    "listings": [
        "/search-results?type=news&page=0",
        "/search-results?type=community_news&page=0",
        "/search-results?type=events&page=0",
        "/search-results?type=eccp_calls&page=0",
    ],
    "item": [".search-result-item"],
    "item_link": [".search-result-item__title a[href]", "a[href]"],
    "next_page": ['nav.pager a[rel="next"]', ".pager__item--next a", 'a[rel="next"]'],
    "max_pages": 10,
    "exclude": [r"^/user/", r"^/tags/", r"^/taxonomy/", r"^/search-results", r"^/admin/"],
    "url_rewrites": [{"pattern": r"^https?://default/", "replace": "https://www.clustercollaboration.eu/"}],
    "site_hosts": ["www.clustercollaboration.eu", "clustercollaboration.eu", "preview.clustercollaboration.eu",
                   "*.eccp.hosted-temp.com"],
    "expect": ["article[data-history-node-id]"],
    "title": ["meta[property='og:title']", "h1.page-title", "h1", "title"],
    "title_strip": [r"\s*\|\s*European Cluster Collaboration Platform\s*$"],
    "date": [".node__meta .date"],
    "date_formats": ["%d %B %Y"],
    "timezone": "Europe/Brussels",
    "body": [".field--name-body"],
    "author": [".node__meta [typeof='schema:Person']"],
    "tags": [".field--name-field-sectors .field__item"],
    "fields": {},
}

_ECCP_TYPES = {"news": "news", "community_news": "community_news", "event": "event", "call": "call",
               "eccp_calls": "call"}


def refine_clusterplattform(page: Page, item: RawItem, run: Run) -> list[RawItem]:
    """Note where the date came from; split a newsletter into its items (the page itself is then a
    digest: `content_type` "newsletter")."""
    metadata: ItemMetadata = {**item.metadata, "date_in_header": page.first(run.options.date) is not None}
    item = replace(item, metadata=metadata)
    parts = split_parts(page, item, run)
    if parts:
        item = replace(item, metadata={**metadata, "content_type": "newsletter"})
    return [item, *parts]


def split_parts(page: Page, item: RawItem, run: Run) -> list[RawItem]:
    """The separate items of a page that bundles several (a newsletter), addressed by anchor."""
    parts = []
    for node in page.all(run.options.parts):
        anchor = node.attributes.get("id")
        heading = node.css_first("h2, h3, h4")
        if not anchor or heading is None:
            continue
        title = squash(heading.text(separator=" "))
        related = [href for a in node.css(".more a[href], a[href]") if (href := page.link(a.attributes.get("href")))]
        heading.decompose()
        body = inner_html(node, [".more"])
        parts.append(replace(
            item, url=f"{item.url}#{anchor}", title=title, content_html=body, summary_html=None,
            links=tuple(Link(href) for href in dict.fromkeys(related)),
            metadata=ItemMetadata(kicker=item.metadata.get("kicker"), subtitle=None, newsletter=item.title,
                                  part_of=item.url),
        ))
    return parts


def refine_eccp(page: Page, item: RawItem, run: Run) -> list[RawItem]:
    """Node id, content type, byline, sectors, the cluster organisation and its country, event fields."""
    article = page.tree.css_first("article[data-history-node-id]")
    assert article is not None  # `expect` made sure
    node_id = article.attributes.get("data-history-node-id") or ""
    classes = (article.attributes.get("class") or "").split()
    node_type = next((c.removeprefix("node--type-") for c in classes if c.startswith("node--type-")), "")
    author = item.author or None
    organisation = page.first(".field--name-og-audience .field__items a[href]")
    org_name = squash(organisation.text()) if organisation is not None else None
    org_path = urlsplit(page.link(organisation.attributes.get("href")) or "").path if organisation else None
    metadata: ItemMetadata = {
        **item.metadata,
        "node_id": int(node_id) if node_id.isdigit() else None,
        "content_type": _ECCP_TYPES.get(node_type, node_type or None),
        "organisation": org_name, "organisation_path": org_path or None,
        "organisation_country": organisation_country(run, org_path) if org_path else None,
        "sectors": list(item.categories),
        "author_truncated": bool(author and author.endswith(("…", "..."))),
    }
    if node_type == "event":
        metadata["event"] = event_fields(page)
    return [replace(item, metadata=metadata)]


def event_fields(page: Page) -> EventFields:
    times = page.tree.css(".field--name-field-event-date time[datetime]")
    dates = [(t.attributes.get("datetime") or "")[:10] for t in times]

    def field(name: str) -> str | None:
        return page.text(f".field--name-field-{name} .field__item")

    return EventFields(start=dates[0] if dates else None, end=dates[-1] if dates else None,
                       location=field("location"), organised_by=field("event-organised-by"),
                       target=field("event-target"), type=field("event-type"),
                       other_properties=page.texts(".field--name-field-other-properties .field__item"))


def organisation_country(run: Run, path: str) -> str | None:
    """ISO code of an organisation's country, read once from its profile page and remembered."""
    known = run.extra.setdefault("organisations", {})
    if path in known:
        return known[path]
    country = None
    try:
        fetched = run.get(run.site.origin + path)
        profile = Page.parse(fetched.url, fetched.body, fetched.content_type)
        name = profile.text(".field--name-field-country .field__item")
        country = _country_code(name) if name else None
    except CollectError:
        return None  # unreachable now: try again next time, the article is still good
    known[path] = country
    return country


def _country_code(name: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(name).alpha_2).lower()
    except LookupError:
        pass
    try:
        matches = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    return str(matches[0].alpha_2).lower() if matches else None


PRESETS = (
    PageAdapter("clusterplattform", CLUSTERPLATTFORM, refine_clusterplattform),
    PageAdapter("eccp", ECCP, refine_eccp),
)
