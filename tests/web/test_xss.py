"""Stored XSS: every vector of tests/data/xss_vectors.txt, injected into item content, titles,
author names and URLs of a fixture feed and collected for real, comes out inert in Atom, RSS and
JSON Feed, on the HTML pages, on the embed page, and in a browser (SQLite and PostgreSQL).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import lxml.html
import pytest
from flask.testing import FlaskClient
from lxml import etree

from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.appserver import running_app
from tests.support.httpserver import Route, serving
from tests.support.paths import DATA

VECTORS = [line for line in (DATA / "xss_vectors.txt").read_text().splitlines() if line]
CHROMIUM = Path("/usr/bin/chromium")
EXECUTABLE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
                   "textarea", "select", "meta", "base", "link", "style", "svg", "math", "template", "noscript",
                   "xmp", "video", "audio", "source", "details", "body", "html", "head"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "srcset",
                  "lowsrc", "dynsrc", "cite", "longdesc", "usemap", "ping"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")
ATOM = "{http://www.w3.org/2005/Atom}"


def hostile_feed() -> bytes:
    items = []
    for number, vector in enumerate(VECTORS):
        link = (f"https://news.example/{number}?x={vector}" if number % 3 else "javascript:alert('XSS')//")
        items.append(
            # numbered titles: a series of different stories (the same text under many URLs is one story)
            f"<item><title>{escape(f'Report {100 + number}: {vector}')}</title><link>{escape(link)}</link>"
            f"<guid isPermaLink=\"false\">vector-{number}</guid>"
            f"<dc:creator>{escape(vector)}</dc:creator>"
            f"<pubDate>Tue, 3 Mar 2026 10:{number % 60:02d}:00 +0000</pubDate>"
            f"<description>{escape('<p>Cluster news ' + str(number) + '</p>' + vector)}</description>"
            f"<content:encoded>{escape(vector + '<p>Text about clusters in Poland</p>')}</content:encoded>"
            f"</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Hostile</title>'
            "<link>https://news.example/</link><description>d</description>" + "".join(items)
            + "</channel></rss>").encode()


@pytest.fixture
def hostile(settings: Settings) -> Iterator[tuple[Settings, Store, FlaskClient]]:
    store = Store.open(settings.database_url)
    with serving({"/feed.rss": Route(hostile_feed(), content_type="application/rss+xml")}) as server:
        source = SourceConfig(id="hostile", name=VECTORS[0], kind="feed", url=server.url("/feed.rss"))
        (run,) = collect_sources(settings, store, [source])
    assert run.ok, run.error
    assert run.report.created >= len(VECTORS) * 2 // 3, run.report
    yield settings, store, create_app(settings, store).test_client()
    store.close()


def bad_url(value: str) -> bool:
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
    return cleaned.startswith(BAD_SCHEMES)


def assert_inert(root: Any, where: str, allowed: frozenset[str] = frozenset()) -> None:
    """No element that runs or loads code, no event handler, no script URL, no CSS that runs or loads."""
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.lower().split("}")[-1]
        assert tag not in EXECUTABLE_TAGS - allowed, f"{where}: <{tag}> {lxml.html.tostring(element)[:200]!r}"
        for name, value in element.attrib.items():
            name = name.lower().split("}")[-1]
            assert not name.startswith("on"), f"{where}: <{tag} {name}={value!r}>"
            assert name not in {"srcdoc", "formaction"}, f"{where}: <{tag} {name}>"
            if name in URL_ATTRIBUTES or name.endswith("href"):
                assert not bad_url(value), f"{where}: <{tag} {name}={value!r}>"
            if name == "style":
                lowered = value.lower()
                assert "expression" not in lowered, f"{where}: style={value!r}"
                assert "url(" not in lowered, f"{where}: style={value!r}"


def assert_inert_fragment(html: str | None, where: str) -> None:
    if html:
        assert_inert(lxml.html.fragment_fromstring(html, create_parent="div"), where)


def test_the_vector_list_is_long_enough() -> None:
    assert len(VECTORS) >= 40
    assert len(set(VECTORS)) == len(VECTORS)


def test_atom_carries_nothing_executable(hostile: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = hostile
    root = etree.fromstring(client.get("/feeds/all.atom?limit=500").data)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) >= len(VECTORS) * 2 // 3
    for entry in entries:
        where = entry.findtext(f"{ATOM}id") or "?"
        for tag in ("title", "summary", "content"):
            for element in entry.findall(f"{ATOM}{tag}"):
                if element.get("type") in ("html", "xhtml"):
                    assert_inert_fragment(element.text, f"atom {tag} {where}")
                else:
                    assert len(element) == 0, f"atom {tag} {where} holds markup"
        for link in entry.iter(f"{ATOM}link", f"{ATOM}uri"):
            assert not bad_url(link.get("href") or link.text or ""), f"atom link {where}"


def test_rss_carries_nothing_executable(hostile: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = hostile
    root = etree.fromstring(client.get("/feeds/all.rss?limit=500").data)
    items = root.findall("channel/item")
    assert len(items) >= len(VECTORS) * 2 // 3
    for item in items:
        where = item.findtext("guid") or "?"
        assert_inert_fragment(item.findtext("description"), f"rss description {where}")
        encoded = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
        assert_inert_fragment(encoded, f"rss content {where}")
        for element in item.iter():
            if element.tag in ("link", "guid", "comments") or element.get("url") or element.get("href"):
                assert not bad_url(element.get("url") or element.get("href") or element.text or ""), where


def test_json_feed_carries_nothing_executable(hostile: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = hostile
    document = json.loads(client.get("/feeds/all.json?limit=500").data)
    assert len(document["items"]) >= len(VECTORS) * 2 // 3
    for item in document["items"]:
        assert_inert_fragment(item.get("content_html"), f"json content {item['id']}")
        for key in ("url", "external_url", "image"):
            assert not bad_url(item.get(key) or ""), (key, item[key])
        for author in item.get("authors", []):
            assert not bad_url(author.get("url") or "")


PAGES = ["/", "/topics", "/sources", "/countries", "/embed/all?limit=100", "/embed/sources/hostile?limit=100"]


@pytest.mark.parametrize("path", PAGES)
def test_html_pages_carry_nothing_executable(hostile: tuple[Settings, Store, FlaskClient], path: str) -> None:
    _, _, client = hostile
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200
    document = lxml.html.document_fromstring(response.data)
    body = document.find("body")
    assert body is not None
    for form in body.iter("form"):  # the one form is the site's own search box, sent to /search
        assert (form.get("class"), form.get("action"), form.get("method")) == ("search", "/search", "get")
        assert [e.get("name") for e in form.iter("input")] == ["q", "hl"]
        form.getparent().remove(form)
    assert_inert(body, path, allowed=frozenset({"body"}))
    head = document.find("head")
    assert [e.tag for e in head.iter() if e.tag in ("script", "base")] == []
    for link in head.iter("link"):  # feed autodiscovery, and the site's one stylesheet
        if link.get("rel") == "stylesheet":
            assert link.get("href") == "/static/site.css"
            link.getparent().remove(link)
            continue
        assert link.get("rel") == "alternate"
        assert link.get("href", "").startswith(("http://", "https://", "/"))
    assert all(not (e.get("http-equiv") or "") for e in head.iter("meta")), "meta refresh in head"
    assert_inert(document, path, allowed=frozenset({"html", "head", "body", "meta", "style", "link"}))


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/install-system-deps)")
def test_no_vector_fires_in_a_browser(hostile: tuple[Settings, Store, FlaskClient]) -> None:
    """The pages and the embed widget in Chromium with the CSP bypassed: the markup itself must be inert."""
    from playwright.sync_api import sync_playwright

    settings, store, _ = hostile
    if settings.database_url.startswith("postgresql"):
        pytest.skip("the browser check runs once, on SQLite")
    with running_app(create_app(settings, store)) as app_url:
        partner_page = (f'<!doctype html><html><head><meta charset="utf-8"><title>Partner</title></head><body>'
                        f'<div data-clusterfeeds="source=hostile&limit=100"></div>'
                        f'<script src="{app_url}/embed.js" defer></script></body></html>')
        with serving({"/partner.html": Route(partner_page.encode())}) as partner, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=["--no-sandbox", "--disable-background-networking"])
            try:
                context = browser.new_context(bypass_csp=True, java_script_enabled=True)
                fired: list[str] = []
                context.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
                page = context.new_page()
                page.on("console", lambda message: fired.append(message.text) if "XSS" in message.text else None)
                for path in ["/", "/sources", "/embed/all?limit=100", "/embed/sources/hostile?limit=100"]:
                    page.goto(app_url + path)
                    page.wait_for_load_state("load")
                    page.mouse.move(10, 10)
                    page.wait_for_timeout(300)
                page.goto(partner.url("/partner.html"))
                page.wait_for_function(
                    "document.querySelector('[data-clusterfeeds]').shadowRoot?.querySelectorAll('li').length > 10",
                    timeout=15_000)
                page.wait_for_timeout(500)
                assert fired == []
            finally:
                browser.close()
