"""What a feed document is: from the store's published stories and a `FeedSpec`, the rendered bytes.

The one place that decides a feed's title and description (in the reader's language), its
labels, its self, next and first links (RFC 5005) and its hub. The web's feed routes parse a
request into a `FeedRequest` and send what `build_feed` returns; static publishing and WebSub
call the same functions without a request (and without Flask). The OPML list of feeds is
built here for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Protocol
from urllib.parse import urlencode
from xml.sax.saxutils import escape, quoteattr

from feeds.config.feeds import FeedFilter, NamedFeed
from feeds.config.taxonomy import Taxonomy
from feeds.model import Entry
from feeds.publish import labels
from feeds.publish.catalog import FeedSpec, all_feeds, feed_spec
from feeds.publish.render import FeedMeta, Rendered, render
from feeds.publish.texts import text
from feeds.settings import Settings
from feeds.store.queries import Cursor, Page
from feeds.store.tags import TagKind

OPML_MEDIA_TYPE = "text/x-opml; charset=utf-8"


class FeedReads(Protocol):
    def page(self, feed_filter: FeedFilter | Sequence[FeedFilter], limit: int, before: Cursor | None = ...,
             threshold: float = ...) -> Page: ...

    def last_change(self) -> datetime | None: ...


class TagReads(Protocol):
    def counts(self, kind: TagKind, threshold: float = ...) -> dict[str, int]: ...


class SourceNames(Protocol):
    def names(self) -> dict[str, str]: ...


class Shelf(Protocol):
    """What building documents reads from the store (`feeds.store.Store` is one)."""

    @property
    def feeds(self) -> FeedReads: ...

    @property
    def tags(self) -> TagReads: ...

    @property
    def sources(self) -> SourceNames: ...


@dataclass(frozen=True)
class Site:
    """What every document of this installation says the same way: read once from settings and config."""

    title: str
    base_url: str
    threshold: float
    default_limit: int
    hub_url: str | None = None
    named: Mapping[str, NamedFeed] = field(default_factory=lambda: MappingProxyType({}))
    taxonomy: Taxonomy = field(default_factory=Taxonomy)

    @classmethod
    def of(cls, settings: Settings, named: Mapping[str, NamedFeed], taxonomy: Taxonomy) -> Site:
        return cls(settings.feed_title, settings.public_url.rstrip("/"), settings.tag_threshold,
                   settings.feed_default_limit, settings.websub_hub_url or None, MappingProxyType(dict(named)),
                   taxonomy)

    def absolute(self, path: str) -> str:
        """A public URL for `path` under the base URL."""
        return self.base_url + path

    def topic_labeller(self, slug: str, language: str) -> str | None:
        """The taxonomy's label of a topic in `language` (English where it has none)."""
        topic = self.taxonomy.topic(slug)
        return (topic.labels.get(language) or topic.labels.get("en")) if topic else None

    def topic_label(self, slug: str, language: str) -> str:
        return labels.topic_label(slug, language, self.topic_labeller)


@dataclass(frozen=True)
class FeedRequest:
    """One feed document to build: which feed, in which format, which page, labels in which language."""

    spec: FeedSpec
    fmt: str
    language: str = "en"
    limit: int | None = None  # None: the site's default
    before: Cursor | None = None
    query_filter: FeedFilter = field(default_factory=FeedFilter)  # ANDed with the spec's filter
    query: Sequence[tuple[str, str]] = ()  # the request's query string as given: kept in self and paging links


def build_feed(shelf: Shelf, site: Site, request: FeedRequest,
               source_names: Callable[[], Mapping[str, str]] | None = None) -> Rendered:
    """The document `request` asks for: the page of stories, titled and linked. `source_names` reads source
    id -> name when a title needs it (default `shelf.sources.names`; the web's is read once per request)."""
    filters = [request.spec.filter, request.query_filter]  # the path's filter AND the query's
    page = shelf.feeds.page(filters, request.limit or site.default_limit, request.before, site.threshold)
    entry_languages = next((f.languages for f in reversed(filters) if f.languages), ())
    hl = request.language
    # source names only where a title names a source (one statement fewer for every other feed)
    names = ((source_names or shelf.sources.names)() if request.spec.kind == "source" or request.query_filter.sources
             else {})
    title, description = filtered_title(site, names, request.spec, request.query_filter, hl)
    tags = {(tag.kind, tag.code) for entry in page.entries for tag in entry.tags}
    selection = filter_query(request.query_filter, "?")
    meta = FeedMeta(
        feed_id=site.absolute(request.spec.path) + selection,
        title=title,
        description=description,
        self_url=_with_query(request.spec.url(site.base_url, request.fmt), request.query),
        home_url=site.absolute(request.spec.html_path) + selection,
        updated=page.changed,
        base_url=site.base_url,
        language=entry_languages[0] if len(entry_languages) == 1 else hl,
        labels=labels.label_map([c for k, c in tags if k == "country"], [c for k, c in tags if k == "topic"], hl,
                                site.topic_labeller),
        next_url=_page_url(site, request, page.next_cursor.encode()) if page.next_cursor else None,
        first_url=_page_url(site, request, None) if request.before is not None or page.next_cursor else None,
        hub_url=site.hub_url,
        source_feed_url=site.absolute("/feeds/sources/{id}." + ("rss" if request.fmt == "rss" else "atom")),
    )
    return render(request.fmt, meta, page.entries)


def feed_specs(shelf: Shelf, site: Site) -> list[FeedSpec]:
    """Every feed that exists now: all, each topic and country a published story carries, each source,
    each named feed."""
    return all_feeds(shelf.tags.counts("topic", site.threshold), shelf.tags.counts("country", site.threshold),
                     shelf.sources.names(), site.named)


def first_page(shelf: Shelf, site: Site, feed_filter: FeedFilter) -> list[Entry]:
    """The entries of a feed's first page (what WebSub fingerprints)."""
    return shelf.feeds.page(feed_filter, site.default_limit, None, site.threshold).entries


def spec_title(site: Site, names: Mapping[str, str], spec: FeedSpec, hl: str) -> tuple[str, str]:
    """(title, description) of a feed in language `hl`; `names` maps source ids to names."""
    if spec.kind == "all":
        return site.title, text("all_description", hl)
    if spec.kind == "named":
        named = site.named[spec.code]
        return f"{site.title} – {named.title_in(hl)}", named.description_in(hl)
    if spec.kind == "topic":
        label = text("topic_feed", hl, label=site.topic_label(spec.code, hl))
    elif spec.kind == "country":
        label = text("country_feed", hl, label=labels.country_label(spec.code, hl))
    else:
        label = text("source_feed", hl, label=names.get(spec.code, spec.code))
    return f"{site.title} – {label}", text("filtered_description", hl, label=label)


def filtered_title(site: Site, names: Mapping[str, str], spec: FeedSpec, query_filter: FeedFilter,
                   hl: str) -> tuple[str, str]:
    """(title, description) naming the path's feed and the query's filter, e.g.
    "ClusterFeeds – Poland, Lithuania – Funding": subscriptions to different selections differ."""
    title, description = spec_title(site, names, spec, hl)
    parts = filter_labels(site, names, query_filter, hl)
    if not parts:
        return title, description
    label = " – ".join(parts)
    if spec.kind == "all":
        return f"{title} – {label}", text("filtered_description", hl, label=label)
    return f"{title} – {label}", f"{description} – {label}"


def filter_labels(site: Site, names: Mapping[str, str], feed_filter: FeedFilter, hl: str) -> list[str]:
    """A human label per key of `feed_filter` (countries, topics, sources, languages, searches, since)."""
    groups = [
        [labels.country_label(code, hl) for code in feed_filter.countries],
        [site.topic_label(slug, hl) for slug in feed_filter.topics],
        [names.get(source, source) for source in feed_filter.sources],
        [labels.language_label(code, hl) for code in feed_filter.languages],
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


def _with_query(url: str, query: Sequence[tuple[str, str]]) -> str:
    encoded = urlencode(list(query))
    return url + (f"?{encoded}" if encoded else "")


def _page_url(site: Site, request: FeedRequest, cursor: str | None) -> str:
    args = [(k, v) for k, v in request.query if k != "before"]
    if cursor is not None:
        args.append(("before", cursor))
    return _with_query(request.spec.url(site.base_url, request.fmt), args)


# -- the OPML list of feeds ------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedRow:
    """A feed as lists show it: its spec, label, title and story count (None: not counted)."""

    spec: FeedSpec
    label: str
    title: str
    count: int | None = None


def topic_rows(shelf: Shelf, site: Site, hl: str) -> list[FeedRow]:
    """Every topic of the taxonomy and every topic a published story carries, by label."""
    counts = shelf.tags.counts("topic", site.threshold)
    slugs = {topic.slug for topic in site.taxonomy.topics} | set(counts)
    return [FeedRow(spec, site.topic_label(slug, hl), spec_title(site, {}, spec, hl)[0], counts.get(slug, 0))
            for slug in sorted(slugs, key=lambda slug: site.topic_label(slug, hl).casefold())
            for spec in [feed_spec("topic", slug)]]


def country_rows(shelf: Shelf, site: Site, hl: str) -> list[FeedRow]:
    """Every country a published story carries, by label."""
    counts = shelf.tags.counts("country", site.threshold)
    return [FeedRow(spec, labels.country_label(code, hl), spec_title(site, {}, spec, hl)[0], counts[code])
            for code in sorted(counts, key=lambda code: labels.country_label(code, hl).casefold())
            for spec in [feed_spec("country", code)]]


def named_rows(site: Site, hl: str) -> list[FeedRow]:
    return [FeedRow(spec, feed.title_in(hl), spec_title(site, {}, spec, hl)[0])
            for name, feed in sorted(site.named.items()) for spec in [feed_spec("named", name, site.named)]]


def build_opml(shelf: Shelf, site: Site, hl: str) -> bytes:
    """OPML 2.0: the all feed, every named, topic and country feed (Atom), for a one-step import."""
    everything = FeedRow(feed_spec("all"), text("all", hl), spec_title(site, {}, feed_spec("all"), hl)[0])
    groups = [(text("all", hl), [everything]), (text("named", hl), named_rows(site, hl)),
              (text("topics", hl), topic_rows(shelf, site, hl)), (text("countries", hl), country_rows(shelf, site, hl))]
    outlines = [(heading, [(row.title, row.spec.url(site.base_url, "atom")) for row in rows])
                for heading, rows in groups]
    return opml_document(f"{site.title} – {text('feeds', hl)}", outlines, site.absolute("/"))


def opml_document(title: str, groups: Sequence[tuple[str, Sequence[tuple[str, str]]]], home_url: str) -> bytes:
    """OPML 2.0 of `groups`: (heading, [(feed title, Atom URL)]); empty groups are left out."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             f"  <head><title>{escape(title)}</title></head>", "  <body>"]
    for heading, feeds in groups:
        if not feeds:
            continue
        lines.append(f"    <outline text={quoteattr(heading)}>")
        lines += [f"      <outline type=\"rss\" text={quoteattr(name)} title={quoteattr(name)} "
                  f"xmlUrl={quoteattr(url)} htmlUrl={quoteattr(home_url)}/>" for name, url in feeds]
        lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines).encode("utf-8")
