"""Politeness and decoding in the fetcher: robots.txt rules, Retry-After per URL, charsets."""

from __future__ import annotations

import dataclasses

import pytest

from feeds.collect.errors import FetchError
from feeds.collect.http import Fetcher
from feeds.collect.pages import decode_html
from feeds.collect.robots import parse_robots
from feeds.settings import Settings
from tests.support.httpserver import Route, serving

SETTINGS = Settings(allow_private_networks=True, http_rate_per_host=1000.0, http_total_timeout=5)
GSB_ROBOTS = "User-agent: *\nDisallow: /SiteGlobals/Forms/\nDisallow: /*?view=renderPrint\nDisallow: /*;jsessionid\n"


def test_robots_wildcards_and_longest_match() -> None:
    rules = parse_robots(GSB_ROBOTS + "Allow: /SiteGlobals/Forms/public/\n", "clusterfeeds")
    assert not rules.allows("https://h.de/a/b.html?view=renderPrint")
    assert not rules.allows("https://h.de/a/b.html;jsessionid=ABC")
    assert not rules.allows("https://h.de/SiteGlobals/Forms/x")
    assert rules.allows("https://h.de/SiteGlobals/Forms/public/x")
    assert rules.allows("https://h.de/a/b.html")


def test_own_group_beats_star() -> None:
    rules = parse_robots("User-agent: *\nDisallow: /\n\nUser-agent: ClusterFeeds\nDisallow: /private\n", "clusterfeeds")
    assert rules.allows("https://h.de/news")
    assert not rules.allows("https://h.de/private/x")


def test_robots_is_fetched_once_and_honoured() -> None:
    routes = {"/robots.txt": Route(body=GSB_ROBOTS.encode(), content_type="text/plain"), "/a": Route(body=b"ok")}
    with serving(routes) as server, Fetcher(SETTINGS) as fetcher:
        assert fetcher.get(server.url("/a"), robots=True).body == b"ok"
        with pytest.raises(FetchError, match=r"robots\.txt"):
            fetcher.get(server.url("/a?view=renderPrint"), robots=True)
        assert fetcher.get(server.url("/a"), robots=True).body == b"ok"
        assert len(server.requests_for("/robots.txt")) == 1
        assert len(server.requests_for("/a?view=renderPrint")) == 0


def test_retry_after_holds_back_that_url_not_the_host() -> None:
    routes = {"/busy": Route(status=429, headers={"Retry-After": "600"}), "/other": Route(body=b"fine")}
    with serving(routes) as server, Fetcher(SETTINGS) as fetcher:
        with pytest.raises(FetchError) as first:
            fetcher.get(server.url("/busy"))
        assert first.value.retry_after == 600
        with pytest.raises(FetchError, match="retry after"):
            fetcher.get(server.url("/busy"))
        assert len(server.requests_for("/busy")) == 1
        assert fetcher.get(server.url("/other")).body == b"fine"


def test_compressed_bomb_is_refused_at_the_cap() -> None:
    import gzip

    bomb = gzip.compress(b"\0" * 5_000_000)
    routes = {"/bomb": Route(body=bomb, headers={"Content-Encoding": "gzip"})}
    settings = dataclasses.replace(SETTINGS, http_max_bytes=1_000_000)
    with serving(routes) as server, Fetcher(settings) as fetcher, pytest.raises(FetchError, match="cap"):
        fetcher.get(server.url("/bomb"))


@pytest.mark.parametrize(("body", "content_type"), [
    ("<meta charset='windows-1252'><p>Gemäß</p>".encode("cp1252"), "text/html; charset=utf-8"),  # wrong header
    ("<p>Gemäß</p>".encode(), "text/html; charset=iso-8859-1"),  # UTF-8 mislabelled as Latin-1
    (b"\xef\xbb\xbf" + "<p>Gemäß</p>".encode(), None),  # BOM
    ("<p>Gemäß</p>".encode("cp1252"), "text/html"),  # nothing declared
])
def test_encoding_survives_wrong_declarations(body: bytes, content_type: str | None) -> None:
    assert "Gemäß" in decode_html(body, content_type)
