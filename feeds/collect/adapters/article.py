"""One article page -> a RawItem, driven entirely by `PageOptions` selectors."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from feeds.collect.adapters.options import PageOptions
from feeds.collect.errors import FetchError, ParseError
from feeds.collect.pages import Page, inner_html
from feeds.config import SourceConfig
from feeds.model import Link, RawItem, item_metadata

# English month names are what strptime's %B reads in the C locale; German ones are mapped.
_GERMAN_MONTHS = {
    "januar": "January", "februar": "February", "märz": "March", "april": "April", "mai": "May",
    "juni": "June", "juli": "July", "august": "August", "september": "September", "oktober": "October",
    "november": "November", "dezember": "December",
}


def check_page(page: Page, options: PageOptions, expect: tuple[str, ...], what: str) -> None:
    """Raise when `page` is a bot challenge or lacks the elements a real `what` page has."""
    marker = page.contains_text(options.challenge_markers)
    if marker:
        raise FetchError(f"bot challenge instead of the {what} ({marker!r})", page.url)
    rejected = next((selector for selector in options.reject if page.tree.css_first(selector) is not None), None)
    if rejected:
        raise ParseError(f"not a {what}: error page ({rejected!r} found)", page.url)
    titles = f"{page.text('title') or ''} {page.text('h1') or ''}".lower()
    error_title = next((t for t in options.error_titles if t.lower() in titles), None)
    if error_title:
        raise ParseError(f"not a {what}: error or login page titled {error_title!r}", page.url)
    missing = [selector for selector in expect if page.tree.css_first(selector) is None]
    if missing:
        title = page.text("title") or "untitled"
        raise ParseError(f"not a {what}: no {missing[0]!r} on the page titled {title!r} (an error page?)", page.url)


def extract_article(page: Page, source: SourceConfig, options: PageOptions) -> RawItem:
    """The article on `page`. Raises ParseError for an error page or a page without a title."""
    check_page(page, options, options.expect, "article page")
    title = page.text(options.title) or ""
    for pattern in options.title_strip:
        title = pattern.sub("", title).strip()
    if not title:
        raise ParseError("article page without a title", page.url)
    # Read every field before the body: cutting `remove` selectors out of the body edits the tree.
    metadata = item_metadata({name: page.text(selectors) for name, selectors in options.fields.items()})
    author = page.text(options.author) if options.author else None
    published = page_date(page, options)
    language = page.language() or source.language
    categories = tuple(page.texts(options.tags)) if options.tags else ()
    links = tuple(Link(href) for href in page.links(options.related)) if options.related else ()
    body_node = page.first(options.body)
    content = inner_html(body_node, options.remove) if body_node is not None else None
    return RawItem(
        source_id=source.id, url=page.url, title=title, content_html=content, author=author,
        published=published, language=language, categories=categories, links=links, metadata=metadata,
    )


def page_date(page: Page, options: PageOptions) -> datetime | None:
    """The publication date from the date selectors, else from the URL (`date_from_url`), else wherever the
    page's markup states it (`marked_date`)."""
    node = page.first(options.date)
    if node is not None:
        raw = node.attributes.get("datetime") or node.attributes.get("content") or node.text(separator=" ")
        parsed = parse_date(raw or "", options)
        if parsed is not None:
            return parsed
    return date_from_url(page.url, options) or marked_date(page)


def marked_date(page: Page) -> datetime | None:
    """The original publication date the page's markup states where no selector of the source found one:
    JSON-LD `datePublished`, Open Graph, Dublin Core and `itemprop` meta tags, `<time>` elements, a date in the URL
    or an editorial "published on" line, as `htmldate` reads them (its quick search only: a date merely named in the
    text, such as an event's, is not taken for the page's). Midday UTC of that day: the markup's time of day is
    often its zone's midnight."""
    from htmldate import find_date  # its import takes 0.15 s (dateparser): only pages without a date pay it

    try:
        found = find_date(page.tree.html or "", url=page.url, extensive_search=False, original_date=True)
    except (ValueError, TypeError):  # htmldate reads any markup; a page it cannot parse states no date
        return None
    if not found:
        return None
    try:
        day = datetime.strptime(found, "%Y-%m-%d")
    except ValueError:
        return None
    return day.replace(hour=12, tzinfo=UTC)


def date_from_url(url: str, options: PageOptions) -> datetime | None:
    if options.date_from_url is None:
        return None
    match = options.date_from_url.search(url)
    if not match:
        return None
    try:
        moment = datetime(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        return None
    return _zoned(moment, options)


def parse_date(value: str, options: PageOptions) -> datetime | None:
    """`value` read with the first matching format; naive results get the source's zone."""
    text = " ".join(value.split())
    for german, english in _GERMAN_MONTHS.items():
        text = re.sub(rf"\b{german}\b", english, text, flags=re.I)
    if not text:
        return None
    try:
        return _zoned(datetime.fromisoformat(text.replace("Z", "+00:00")), options)
    except ValueError:
        pass
    for fmt in options.date_formats:
        try:
            return _zoned(datetime.strptime(text, fmt), options)
        except ValueError:
            continue
    found = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", text)
    if found:
        day, month, year = (int(g) for g in found.groups())
        try:
            return _zoned(datetime(year, month, day), options)
        except ValueError:
            return None
    return None


def _zoned(moment: datetime, options: PageOptions) -> datetime:
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=options.timezone or UTC)
