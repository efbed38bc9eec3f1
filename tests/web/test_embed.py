"""The embed kit: /embed.js on a partner page from another origin, in headless Chromium."""

from __future__ import annotations

import dataclasses
import gzip
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from feeds.model import Item, Tag
from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.appserver import running_app
from tests.support.filled import NOW
from tests.support.httpserver import Route, serving
from tests.support.paths import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
PAYLOAD_TITLE = 'Cluster-Tag <img src=x onerror="window.__pwned = 1"> in Posen'
PAYLOAD_SUMMARY = "<script>window.__pwned = 2</script> Innovationsforum der polnischen Cluster"


def test_embed_script_is_small_and_public(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    response = client.get("/embed.js", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/javascript; charset=utf-8"
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(response.data) < 10 * 1024
    assert len(gzip.compress(client.get("/embed.js").data, 9)) < 10 * 1024
    assert b"innerHTML" not in gzip.decompress(response.data)  # stories are inserted as text only


def add_hostile_story(store: Store, stored: tuple[Item, ...]) -> None:
    """A Polish innovation story whose title and text try to run script (as if a sanitiser had failed)."""
    template = next(item for item in stored if item.source_id == "cp")
    hostile = dataclasses.replace(
        template, key="urn:hostile", canonical_url="https://partner.example/posen", url="https://partner.example/posen",
        title=PAYLOAD_TITLE, summary=PAYLOAD_SUMMARY,
        content_html='<p>Forum</p><script>window.__pwned = 3</script><img src="x" onerror="window.__pwned = 4">',
        published=NOW, updated=NOW, language="de",
        tags=(Tag("country", "pl", 0.9, "source"), Tag("topic", "innovation", 0.9, "source")),
    )
    store.items.save("cp", [hostile], NOW, "feeds.test")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/install-system-deps)")
def test_widget_renders_filtered_stories_on_a_partner_site(filled: tuple[Settings, Store, FlaskClient],
                                                           filled_items: tuple[Item, ...]) -> None:
    from playwright.sync_api import sync_playwright

    settings, store, client = filled
    if settings.database_url.startswith("postgresql"):
        pytest.skip("the browser check runs once, on SQLite")
    add_hostile_story(store, filled_items)
    wanted = client.get("/feeds/all.json?topic=innovation&limit=5&lang=de").get_json()["items"]
    assert 2 <= len(wanted) <= 5
    assert wanted[0]["title"] == PAYLOAD_TITLE
    with running_app(create_app(settings, store)) as app_url:
        partner_page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
<style>body {{ font-family: Georgia, serif; background: #f4f1ea; margin: 2rem; }}
 li, a, h2 {{ color: red !important; font-size: 40px !important; }}</style></head>
<body><h1>Partner cluster portal</h1><p>News from our network:</p>
<div data-clusterfeeds="topic=innovation&limit=5&lang=de" style="max-width: 36rem"></div>
<script src="{app_url}/embed.js" defer></script></body></html>"""
        with serving({"/partner.html": Route(partner_page.encode())}) as partner, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                                 args=["--no-sandbox", "--disable-background-networking"])
            try:
                page = browser.new_page(viewport={"width": 900, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda error: errors.append(str(error)))
                page.goto(partner.url("/partner.html"))
                host = page.locator("[data-clusterfeeds]")
                page.wait_for_function(
                    "document.querySelector('[data-clusterfeeds]').shadowRoot?.querySelectorAll('li').length > 0",
                    timeout=15_000)
                titles = host.locator("li h3 a").all_inner_texts()
                assert titles == [item["title"] for item in wanted]
                assert host.locator("li h3 a").first.get_attribute("href") == wanted[0]["url"]
                assert host.locator("h2").inner_text() == "Aktuelle Clusternachrichten"
                assert host.locator("section").get_attribute("aria-busy") == "false"
                assert page.evaluate("window.__pwned") is None
                assert page.evaluate(
                    "document.querySelector('[data-clusterfeeds]').shadowRoot.querySelectorAll('img, script').length"
                ) == 0
                colour = page.evaluate("getComputedStyle(document.querySelector('[data-clusterfeeds]')"
                                       ".shadowRoot.querySelector('li a')).color")
                assert colour != "rgb(255, 0, 0)"  # the partner's CSS does not leak in
                assert page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily").startswith("Georgia")
                assert errors == []
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "embed-widget.png"), full_page=True)
            finally:
                browser.close()
    assert (ARTIFACTS / "embed-widget.png").stat().st_size > 10_000
