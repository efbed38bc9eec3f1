"""No `javascript:`, `vbscript:` or `data:` URL leaves the service (docs/security.md).

Every URL field a source can fill — the item link, an enclosure, an image (media thumbnail,
JSON Feed `image`/`banner_image`), a related link — is fed each hostile spelling, in RSS,
Atom and JSON Feed served over HTTP. None may appear in any feed format, page or static file:
collection refuses them (feeds/process/urls.py), and rendering checks again
(feeds/publish/safety.py), which the second test shows with rows that bypassed collection.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest

from feeds.config import SourceConfig
from feeds.model import Item, Link
from feeds.runner import collect_sources, write_static_feeds
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.httpserver import Route, serving

HOSTILE = [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "javascript\n:alert(1)", "vbscript:msgbox(1)", "VBScript:msgbox(1)",
    "data:image/png;base64,iVBORw0KGgo=", "data:text/html,<script>alert(1)</script>", " data:image/svg+xml,<svg/>",
]
NOW = datetime(2026, 11, 25, tzinfo=UTC)
PAGES = ("/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/feeds/sources/rss.atom", "/", "/embed/all")


def leaked(body: bytes) -> list[str]:
    """Hostile schemes in a document, however split by whitespace or escaped in JSON."""
    text = body.decode("utf-8").lower()
    squeezed = re.sub(r"\s|\\[tnr]|&#x?[0-9a-f]+;", "", text)
    return [scheme for scheme in ("javascript:", "vbscript:", "data:") if scheme in squeezed]


def rss(n: int, url: str) -> str:
    return f"""<item><title>Riga cluster item {n}</title><link>https://example.org/rss-{n}</link>
<description>Latvian clusters meet.</description><guid>rss-{n}</guid>
<enclosure url={quoteattr(url)} type="image/png" length="123"/>
<media:thumbnail url={quoteattr(url)}/></item>
<item><title>Hostile link {n}</title><link>{url.replace("<", "&lt;")}</link><guid>rss-link-{n}</guid></item>"""


def atom(n: int, url: str) -> str:
    return f"""<entry><id>urn:atom-{n}</id><title>Tallinn cluster entry {n}</title>
<link rel="alternate" href="https://example.org/atom-{n}"/>
<link rel="related" href={quoteattr(url)}/><link rel="enclosure" type="image/jpeg" href={quoteattr(url)}/>
<author><name>Editor</name><uri>{url.replace("<", "&lt;")}</uri></author>
<updated>2026-11-0{n % 9 + 1}T10:00:00Z</updated></entry>
<entry><id>urn:atom-link-{n}</id><title>Hostile alternate {n}</title><link href={quoteattr(url)}/>
<updated>2026-11-01T10:00:00Z</updated></entry>"""


def documents() -> dict[str, Route]:
    items = "".join(rss(n, url) for n, url in enumerate(HOSTILE))
    rss_body = (f'<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>'
                f"<title>R</title><link>https://example.org/</link><description>d</description>{items}"
                "</channel></rss>")
    entries = "".join(atom(n, url) for n, url in enumerate(HOSTILE))
    atom_body = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:f</id><title>A</title>'
                 f"<updated>2026-11-01T10:00:00Z</updated>{entries}</feed>")
    json_items = [{"id": f"json-{n}", "url": f"https://example.org/json-{n}", "title": f"Vilnius item {n}",
                   "content_text": "Lithuanian clusters.", "image": url, "banner_image": url,
                   "authors": [{"name": "A", "url": url}]} for n, url in enumerate(HOSTILE)]
    json_items += [{"id": f"json-link-{n}", "url": url, "title": f"Hostile url {n}"} for n, url in enumerate(HOSTILE)]
    json_body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": json_items})
    return {"/rss": Route(rss_body.encode(), content_type="application/rss+xml"),
            "/atom": Route(atom_body.encode(), content_type="application/atom+xml"),
            "/json": Route(json_body.encode(), content_type="application/feed+json")}


def test_hostile_urls_from_sources_never_reach_an_output(settings: Settings, tmp_path: Path) -> None:
    with serving(documents()) as server:
        sources = [SourceConfig(id=kind, name=kind.upper(), kind="feed", url=server.url(f"/{kind}"))
                   for kind in ("rss", "atom", "json")]
        store = Store.open(settings.database_url)
        runs = collect_sources(settings, store, sources, clock=lambda: NOW)
    assert all(run.ok for run in runs), [run.error for run in runs]
    assert [run.report.created for run in runs] == [len(HOSTILE)] * 3  # the safe items; hostile links skipped
    assert_nothing_leaks(settings, store, tmp_path)
    store.close()


def test_hostile_urls_stored_before_the_check_are_dropped_at_render_time(settings: Settings, tmp_path: Path) -> None:
    """Rows written by an older version or an import: the render-time check is the second line."""
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="s", name="S", kind="feed", url="https://example.org/feed")])
    items = []
    for n, url in enumerate(HOSTILE):
        link = url if n % 2 else f"https://example.org/item-{n}"
        items.append(Item(source_id="s", key=f"k{n}", canonical_url=link, url=link, title=f"Cluster item {n}",
                          content_html="<p>Text</p>", summary="Text", published=NOW, updated=NOW, language="en",
                          content_hash=f"h{n}", image_url=url, image_type="image/png", links=(Link(url, "R", "de"),)))
    store.items.save("s", items, NOW, "feeds.test")
    assert_nothing_leaks(settings, store, tmp_path)
    store.close()


@pytest.mark.parametrize("scheme_url", ["javascript:alert(1)", "data:text/html,x"])
def test_a_hostile_source_url_is_no_author_uri(settings: Settings, scheme_url: str) -> None:
    """The author URI of an entry without a byline is its source's URL: checked like every other."""
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="s", name="S", kind="feed", url=scheme_url)])
    store.items.save("s", [Item(source_id="s", key="k", canonical_url="https://example.org/a",
                                url="https://example.org/a", title="Cluster", content_html="<p>x</p>", summary="x",
                                published=NOW, updated=NOW, language="en", content_hash="h")], NOW, "feeds.test")
    body = create_app(replace(settings, cache_max_mb=0), store).test_client().get("/feeds/all.atom").data
    assert b"<name>S</name>" in body
    assert leaked(body) == []
    store.close()


def assert_nothing_leaks(settings: Settings, store: Store, tmp_path: Path) -> None:
    client = create_app(replace(settings, cache_max_mb=0), store).test_client()
    for path in PAGES:
        response = client.get(path)
        if path.startswith("/feeds/sources/") and response.status_code == 404:
            continue
        assert response.status_code == 200, path
        assert leaked(response.data) == [], path
    assert b"example.org" in client.get("/feeds/all.atom").data  # the safe items are there
    publish_dir = tmp_path / "public"
    write_static_feeds(replace(settings, publish_dir=str(publish_dir)), store)
    files = [path for path in publish_dir.rglob("*") if path.is_file() and path.suffix != ".gz"]
    assert files
    for path in files:
        assert leaked(path.read_bytes()) == [], path
