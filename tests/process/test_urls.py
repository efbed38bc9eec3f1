"""Canonical URLs: two spellings of one page are one string."""

from __future__ import annotations

import re

import pytest

from feeds.process.urls import BadURLError, canonical_url, checked_url

CP = "https://www.clusterplattform.de/CLUSTER/Redaktion/DE/Kurzmeldungen/Aktuelles/2025/3_quartal/x.html"
ALIASES = {"clusterplattform.de": "https://www.clusterplattform.de", "*.eccp.hosted-temp.com":
           "https://www.clustercollaboration.eu", "www.clusterplattform.de": "https://www.clusterplattform.de"}


@pytest.mark.parametrize("spelling", [
    CP,
    CP.replace("/x.html", "/x.html;jsessionid=0D9C8B7A6F5E4D3C2B1A09F8E7D6C5B4.delivery2-replication"),
    CP + "?view=renderPrint",
    CP + "?utm_source=newsletter&utm_medium=email",
    CP.replace("https://www.", "http://") ,
    CP.replace("https://www.clusterplattform.de", "https://WWW.Clusterplattform.DE:443"),
    CP + "#top",
])
def test_spellings_of_one_page_are_one_url(spelling: str) -> None:
    assert canonical_url(spelling, ALIASES) == CP


def test_percent_encoding_is_normalised() -> None:
    assert canonical_url("https://h.de/2021/2.%20Quartal/Gr%c3%bcne.html") == "https://h.de/2021/2.%20Quartal/Gr%C3%BCne.html"
    assert canonical_url("https://h.de/Grüne.html") == "https://h.de/Gr%C3%BCne.html"


def test_staging_hosts_fold_into_the_www_host() -> None:
    assert canonical_url("https://eu2.eccp.hosted-temp.com/news/x", ALIASES) == "https://www.clustercollaboration.eu/news/x"


def test_other_parameters_and_non_default_ports_stay() -> None:
    assert canonical_url("http://h.de:8080/a?page=2&view=list") == "http://h.de:8080/a?page=2&view=list"


def test_anchor_kept_for_page_parts() -> None:
    assert canonical_url(CP + "#meldung-2", keep_fragment=True) == CP + "#meldung-2"


@pytest.mark.parametrize("url", [
    "https://www.clusterplattform.de/x?y=1#f", "http://127.0.0.1:8080/feed", "http://[::1]:80/",
    "https://münchen.de/news", "https://xn--mnchen-3ya.de/", "http://my_host.example.org/", "https://example.org./a",
    "https://example.org/path with space", "https://example.org/a\x00b",  # percent-encoded by canonical_url
])
def test_checked_url_accepts_real_http_urls(url: str) -> None:
    assert checked_url(url) == url


@pytest.mark.parametrize(("url", "reason"), [
    ("javascript:alert(1)", "scheme 'javascript'"), ("java\nscript:alert(1)", "scheme 'javascript'"),
    (" \tjavascript:alert(1)", "scheme 'javascript'"), ("vbscript:msgbox(1)", "scheme 'vbscript'"),
    ("data:text/html,x", "scheme 'data'"), ("ftp://example.org/x", "scheme 'ftp'"), ("//example.org/x", "(none)"),
    ("http://exa\u0001mple.com/x", "control character"), ("http://exa\u0000mple.com/x", "control character"),
    ("https://example.org:99999/x", "Port out of range"), ("https://example.org:0/x", "port 0"),
    ("https://example.org/\ud800", "lone surrogate"), ("http:///x", "no host"), ("http://[zz]/", "cannot be parsed"),
    ("http://exa!mple.com/", "not a valid host name"), ("http://-bad.例え.jp/", "not a valid host name"),
    ("http://" + "a" * 64 + ".example.org/", "not a valid host name"),
])
def test_checked_url_refuses_what_may_not_be_stored(url: str, reason: str) -> None:
    with pytest.raises(BadURLError, match=re.escape(reason)):
        checked_url(url)
