"""Feeds in multi-byte and oddly named encodings are collected (feeds/collect/charset.py).

expat reads only UTF-8, UTF-16, ISO-8859-1 and US-ASCII by itself; these feeds used to fail
with "internal error: ValueError: multi-byte encodings are not supported" or "LookupError".
Each is served over HTTP as a real server would, and its items must be stored with their text.
"""

from __future__ import annotations

import codecs

import pytest

from feeds.collect.charset import decode_xml
from feeds.collect.errors import ParseError
from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.httpserver import Route, serving

# Titles in the scripts each encoding exists for (our own words: "cluster news" and a place).
TITLES = {
    "big5": ("臺灣產業聚落新聞", "新竹科學園區"),
    "euc-kr": ("클러스터 소식", "판교 테크노밸리"),
    "gb2312": ("产业集群新闻", "中关村科技园"),
    "shift_jis": ("クラスターニュース", "筑波研究学園都市"),
    "euc-jp": ("産業クラスター便り", "けいはんな学研都市"),
}


def rss(encoding: str, first: str, second: str) -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>{first}</title>'
            f"<link>https://example.org/</link><description>{second}</description>"
            f"<item><title>{first}</title><link>https://example.org/{encoding}/1</link>"
            f"<description>{second}</description></item>"
            f"<item><title>{second}</title><link>https://example.org/{encoding}/2</link></item></channel></rss>")


def collected_titles(settings: Settings, body: bytes, content_type: str) -> set[str]:
    with serving({"/feed": Route(body, content_type=content_type)}) as server:
        store = Store.open(settings.database_url)
        (run,) = collect_sources(settings, store, [SourceConfig(id="s", name="S", kind="feed",
                                                                 url=server.url("/feed"))])
        assert run.ok, run.error
        feed = create_app(settings, store).test_client().get("/feeds/all.json").get_json()
        store.close()
    return {item["title"] for item in feed["items"]}


@pytest.mark.parametrize("encoding", list(TITLES))
def test_a_feed_in_a_multi_byte_encoding_is_collected(settings: Settings, encoding: str) -> None:
    first, second = TITLES[encoding]
    body = rss(encoding, first, second).encode(encoding)
    assert collected_titles(settings, body, "application/rss+xml") == {first, second}


@pytest.mark.parametrize("declared", ["utf16", "u16", "utf_16", "UTF-16"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])  # with a BOM, and without one
def test_utf16_under_any_spelling_is_collected(settings: Settings, declared: str, codec: str) -> None:
    body = rss(declared, "Clusternachrichten aus München", "Grüße aus Łódź").encode(codec)
    assert collected_titles(settings, body, "text/xml") == {"Clusternachrichten aus München", "Grüße aus Łódź"}


def test_an_unknown_declared_encoding_falls_back_to_the_http_charset(settings: Settings) -> None:
    body = rss("x-mac-unknown", "Grüße aus Köln", "Straße").encode("iso-8859-1")
    assert collected_titles(settings, body, "application/rss+xml; charset=iso-8859-1") == {"Grüße aus Köln", "Straße"}


def test_an_undecodable_document_is_a_clear_error_naming_the_encoding() -> None:
    body = codecs.BOM_UTF32_LE + "<rss/>".encode("utf-32-le")[:-1]  # a BOM settles it; the body is cut short
    with pytest.raises(ParseError, match="utf-32-le"):
        decode_xml(body, "application/rss+xml", "http://127.0.0.1/feed")


def test_an_undecodable_feed_fails_its_source_only_with_that_message(settings: Settings) -> None:
    body = codecs.BOM_UTF32_LE + rss("utf-32", "a", "b").encode("utf-32-le")[:-1]
    with serving({"/bad": Route(body, content_type="application/rss+xml")}) as server:
        store = Store.open(settings.database_url)
        (run,) = collect_sources(settings, store, [SourceConfig(id="s", name="S", kind="feed", url=server.url("/bad"))])
        store.close()
    assert not run.ok
    assert run.error is not None
    assert "cannot decode the document" in run.error
    assert "utf-32-le" in run.error
    assert "internal error" not in run.error
