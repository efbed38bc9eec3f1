"""Static publishing: after a collect every path-addressed feed is a file equal to what the app
serves; an unchanged collect rewrites nothing; nginx with the shipped deploy/nginx.conf serves the
files and proxies everything else to the app."""

from __future__ import annotations

import dataclasses
import gzip
import time
from pathlib import Path

import httpx
import pytest

from bench import nginx
from feeds.config import SourceConfig
from feeds.publish.static import Document, file_of, publish
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.appserver import running_app
from tests.support.documents import FIRST, SECOND, rss
from tests.support.httpserver import Route, serving
from tests.support.processes import free_port


def published_files(directory: Path) -> dict[str, int]:
    """Every published file -> its mtime in ns."""
    return {"/" + p.relative_to(directory).as_posix(): p.stat().st_mtime_ns
            for p in directory.rglob("*") if p.is_file()}


def test_a_collect_publishes_every_feed_as_the_app_serves_it(settings: Settings, tmp_path: Path) -> None:
    published = tmp_path / "published"
    settings = dataclasses.replace(settings, publish_dir=str(published))
    with serving({"/a.rss": Route(rss(*FIRST), content_type="application/rss+xml"),
                  "/b.rss": Route(rss(*SECOND), content_type="application/rss+xml")}) as site:
        sources = [SourceConfig("north", "North news", "feed", site.url("/a.rss"), language="en"),
                   SourceConfig("south", "South news", "feed", site.url("/b.rss"), language="de")]
        store = Store.open(settings.database_url)
        collect_sources(settings, store, sources[:1])
        client = create_app(dataclasses.replace(settings, cache_max_mb=0), store).test_client()
        files = published_files(published)
        feeds = sorted(path for path in files if not path.endswith(".gz"))
        for expected in ("/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/feeds/sources/north.atom",
                         "/feeds/countries/lt.json", "/opml"):
            assert expected in feeds
        assert len(feeds) >= 3 * 4 + 1
        for path in feeds:
            body = (published / path.lstrip("/")).read_bytes()
            assert body == client.get(path).data, path
            assert gzip.decompress((published / (path.lstrip("/") + ".gz")).read_bytes()) == body

        time.sleep(0.01)
        collect_sources(settings, store, sources[:1])  # nothing changed: no file touched
        assert published_files(published) == files

        collect_sources(settings, store, sources)  # south is new
        after = published_files(published)
        assert after["/feeds/all.atom"] != files["/feeds/all.atom"]
        assert "/feeds/sources/south.atom" in after
        assert after["/feeds/sources/north.atom"] == files["/feeds/sources/north.atom"]  # unchanged bytes
        assert (published / "feeds/all.atom").read_bytes() == client.get("/feeds/all.atom").data
        assert not list(published.rglob("*.tmp"))
        store.close()


def test_publish_replaces_only_changed_files_and_removes_vanished_feeds(tmp_path: Path) -> None:
    body = b"<feed>" + b"x" * 400 + b"</feed>"
    first = publish(tmp_path, [Document("/feeds/all.atom", body), Document("/feeds/topics/a.rss", b"<rss/>"),
                               Document("/opml", b"<opml/>")])
    assert first.written == ["/feeds/all.atom", "/feeds/topics/a.rss", "/opml"]
    assert not (tmp_path / "feeds/topics/a.rss.gz").exists()  # too small to compress, as the app
    before = published_files(tmp_path)
    second = publish(tmp_path, [Document("/feeds/all.atom", body), Document("/opml", b"<opml>2</opml>")])
    assert (second.written, second.unchanged, second.removed) == (["/opml"], 1, ["/feeds/topics/a.rss"])
    after = published_files(tmp_path)
    assert after["/feeds/all.atom"] == before["/feeds/all.atom"]
    assert after["/feeds/all.atom.gz"] == before["/feeds/all.atom.gz"]
    with pytest.raises(ValueError, match="not a publishable path"):
        file_of(tmp_path, "/feeds/../../etc/passwd")


@pytest.mark.skipif(not Path(nginx.NGINX).exists(), reason="nginx comes from bench/setup (scripts/install-system-deps)")
def test_nginx_serves_the_files_and_proxies_the_rest(settings: Settings, tmp_path: Path) -> None:
    published = tmp_path / "published"
    settings = dataclasses.replace(settings, publish_dir=str(published))
    with serving({"/a.rss": Route(rss(*FIRST, *SECOND), content_type="application/rss+xml")}) as site:
        store = Store.open(settings.database_url)
        collect_sources(settings, store, [SourceConfig("north", "North news", "feed", site.url("/a.rss"))])
    app = create_app(settings, store)
    port = free_port()
    with running_app(app) as app_url, nginx.running(
            nginx.shipped_config(published, int(app_url.rsplit(":", 1)[1]), port, tmp_path, workers=1), tmp_path,
            port, probe="/healthz") as proxy, httpx.Client(base_url=proxy) as http:
        for path, media_type in (("/feeds/all.atom", "application/atom+xml; charset=utf-8"),
                                 ("/feeds/all.rss", "application/rss+xml; charset=utf-8"),
                                 ("/feeds/sources/north.json", "application/feed+json; charset=utf-8"),
                                 ("/opml", "text/x-opml; charset=utf-8")):
            answer = http.get(path, headers={"Accept-Encoding": "identity"})
            assert answer.status_code == 200
            assert answer.headers["content-type"] == media_type
            assert answer.content == (published / path.lstrip("/")).read_bytes()
            assert answer.headers["cache-control"] == "public, max-age=300"
            assert answer.headers["access-control-allow-origin"] == "*"
            assert answer.headers["x-content-type-options"] == "nosniff"
            assert answer.headers["server"].startswith("nginx")
            zipped = http.get(path, headers={"Accept-Encoding": "gzip"})
            assert zipped.headers["content-encoding"] == "gzip"
            assert zipped.headers["vary"] == "Accept-Encoding"  # nginx's answer, not the app's
            assert zipped.content == answer.content  # httpx decompresses
            etag = zipped.headers["etag"]
            again = http.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
            assert again.status_code == 304
            assert again.content == b""
        # A missing file falls through to the app (whose Vary names Accept-Language too).
        (published / "feeds" / "all.rss").unlink()
        (published / "feeds" / "all.rss.gz").unlink()
        fallback = http.get("/feeds/all.rss")
        assert fallback.status_code == 200
        assert fallback.headers["vary"] == "Accept-Encoding, Accept-Language"  # the app's answer
        filtered = http.get("/feeds/all.atom?lang=de&limit=1")
        assert filtered.status_code == 200
        assert filtered.headers["vary"] == "Accept-Encoding, Accept-Language"
        assert filtered.content.count(b"</entry>") == 1
        assert b"Hamburg" in filtered.content
        assert http.get("/topics.json").status_code == 200
        assert http.get("/feeds/all.atom?limit=zero").status_code == 400
        assert http.get("/metrics").status_code == 404
    store.close()
