"""Content coding by q-value (RFC 9110 §12.5.3) in Flask and the fast path, and /opml validators."""

from __future__ import annotations

import gzip
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from werkzeug.http import http_date

from feeds.config import SourceConfig
from feeds.model import Item
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from feeds.web.fastpath import FeedFastPath
from feeds.web.http import accepts_gzip

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.mark.parametrize(("header", "gzip_ok"), [
    ("gzip", True), ("GZIP", True), ("x-gzip", True), ("gzip;q=0.5", True), ("*", True), ("br, *;q=0.1", True),
    ("gzip;q=0", False), ("identity, gzip;q=0", False), ("gzip;q=0.000", False), ("*;q=0", False),
    ("gzip;q=0, *;q=1", False), ("identity", False), ("br", False), ("", False), ("deflate, br;q=1", False),
])
def test_accept_encoding_q_values(header: str, gzip_ok: bool) -> None:
    assert accepts_gzip(header) is gzip_ok


def filled_store(settings: Settings) -> Store:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig(id="s", name="S", kind="feed", url="https://example.org/feed")])
    items = [Item(source_id="s", key=f"k{n}", canonical_url=f"https://example.org/{n}", url=f"https://example.org/{n}",
                  title=f"Cluster story {n}", content_html="<p>" + "Cluster managers met in Riga. " * 20 + "</p>",
                  summary="Cluster managers met.", published=NOW, updated=NOW, language="en", content_hash=f"h{n}")
             for n in range(5)]
    store.items.save("s", items, NOW, "feeds.test")
    return store


@pytest.mark.parametrize("cached", [True, False], ids=["fast-path", "flask"])
def test_gzip_refused_by_q_zero_is_not_sent(settings: Settings, cached: bool) -> None:
    store = filled_store(settings)
    app = create_app(settings if cached else replace(settings, cache_max_mb=0), store)
    assert isinstance(app.wsgi_app, FeedFastPath) is cached
    client = app.test_client()
    for _ in range(2):  # the second round is answered from the cache when there is one
        for header in ("gzip;q=0", "identity, gzip;q=0", "gzip;q=0, *"):
            response = client.get("/feeds/all.atom", headers={"Accept-Encoding": header})
            assert response.status_code == 200
            assert "Content-Encoding" not in response.headers, header
            assert response.data.startswith(b"<?xml")
        response = client.get("/feeds/all.atom", headers={"Accept-Encoding": "identity;q=0.5, gzip"})
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.data).startswith(b"<?xml")
    store.close()


def test_opml_answers_if_modified_since_with_304(settings: Settings) -> None:
    store = filled_store(settings)
    client = create_app(settings, store).test_client()
    first = client.get("/opml", headers={"Accept-Encoding": "identity"})
    assert first.status_code == 200
    assert first.headers["Last-Modified"] == http_date(NOW)  # the store's last change
    again = client.get("/opml", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert again.status_code == 304
    older = client.get("/opml", headers={"If-Modified-Since": http_date(datetime(2026, 1, 1, tzinfo=UTC))})
    assert older.status_code == 200
    store.close()
