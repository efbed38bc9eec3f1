"""The reading pages in headless Chromium on a populated store: each renders, every link on it
answers 200, axe-core finds no serious or critical violation, and screenshots at 390 px and
1280 px wide are saved to test-artifacts/pages/ for review. The builder's live preview follows
a choice without sending the form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from flask.testing import FlaskClient

from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from tests.support.appserver import running_app

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / "js" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pages"
WIDTHS = (390, 1280)
PAGES = {  # name -> path; the story is the newest one (found at run time)
    "home": "/?hl=de",
    "story": None,
    "country": "/countries/de?hl=en",
    "topic": "/topics/innovation?hl=de",
    "source": "/sources/eccp?hl=en",
    "search": "/search?q=cluster&hl=en",
    "builder": "/build?hl=en&topic=innovation",
    "sources": "/sources?hl=en",
}

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/install-system-deps)"),
    pytest.mark.skipif(not AXE.exists(), reason="needs tests/js/node_modules/axe-core (scripts/install-system-deps)"),
]


@pytest.fixture
def site(filled: tuple[Settings, Store, FlaskClient]) -> Iterator[str]:
    settings, store, _ = filled
    if settings.database_url.startswith("postgresql"):
        pytest.skip("the browser checks run once, on SQLite")
    with running_app(create_app(settings, store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=["--no-sandbox", "--disable-background-networking"])
        yield chromium
        chromium.close()


def newest_story(site: str) -> str:
    home = httpx.get(site + "/?hl=en").text
    start = home.index('href="/stories/') + len('href="')
    return home[start:home.index('"', start)].replace("&amp;", "&")


def same_site_links(page: object, site: str) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href], link[href]", "nodes => nodes.map(n => n.href)")  # type: ignore[attr-defined]
    origin = urlsplit(site).netloc
    return {href.split("#")[0] for href in hrefs if urlsplit(href).netloc == origin}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_its_links_answer_and_axe_finds_nothing_serious(
        site: str, browser: object, name: str) -> None:
    path = PAGES[name] or newest_story(site)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context()  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        failed: list[str] = []  # the browser's own requests (stylesheet, scripts); it asks for /favicon.ico unbidden
        page.on("response", lambda answer: failed.append(f"{answer.status} {answer.url}")
                if answer.status >= 400 and not answer.url.endswith("/favicon.ico") else None)
        response = page.goto(site + path)
        assert response is not None
        assert response.status == 200
        assert page.locator("main h1").count() == 1
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            # nothing wider than the screen: a phone reads without scrolling sideways
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by DevTools: the page's CSP stays as served
        results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [{"id": v["id"], "impact": v["impact"], "nodes": [n["html"][:200] for n in v["nodes"][:3]]}
                   for v in results["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], json.dumps(serious, indent=1)
        assert errors == []
        assert failed == []
        links = same_site_links(page, site)
        assert links
        for link in sorted(links):
            answer = httpx.get(link)
            assert answer.status_code == 200, (name, link, answer.status_code)
    finally:
        context.close()
    print(f"screenshots: {ARTIFACTS}")


def test_builder_preview_follows_the_choice_live(site: str, browser: object) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(site + "/build?hl=en")
        before = page.locator("#url-atom").input_value()
        page.locator("input[name=country][value=fr]").check()
        expect(page.locator("#url-atom")).to_have_value(re.compile(r"country=fr$"), timeout=10_000)
        atom = page.locator("#url-atom").input_value()
        assert atom != before
        assert atom.endswith("/feeds/all.atom?country=fr")
        assert "country=fr" in page.url  # the address can be shared
        wanted = httpx.get(urljoin(site, "/feeds/all.json?country=fr&limit=5")).json()["items"]
        shown = page.locator("#result ol.stories a.original").evaluate_all("nodes => nodes.map(n => n.href)")
        assert shown == [item["url"] for item in wanted]
    finally:
        context.close()


def test_the_embed_script_shows_days_in_the_display_time_zone(site: str, browser: object) -> None:
    from datetime import datetime

    from feeds.web.dates import local_date

    context = browser.new_context(timezone_id="America/New_York")  # type: ignore[attr-defined]  # the reader's zone
    try:
        page = context.new_page()
        page.set_content(f'<div data-clusterfeeds="limit=50&hl=de"></div><script src="{site}/embed.js"></script>')
        host = page.locator("[data-clusterfeeds]")
        expect_items = "node => node.shadowRoot && node.shadowRoot.querySelectorAll('time').length > 0"
        page.wait_for_function(f"({expect_items})(document.querySelector('[data-clusterfeeds]'))", timeout=15_000)
        shown = host.evaluate("node => [...node.shadowRoot.querySelectorAll('time')]"
                              ".map(t => [t.getAttribute('datetime'), t.textContent])")
    finally:
        context.close()
    instants = [(datetime.fromisoformat(stamp.replace("Z", "+00:00")), text) for stamp, text in shown]
    assert [text for _, text in instants] == [local_date(when, "de", "Europe/Berlin") for when, _ in instants]
    # the check means something: some stories fall on another day in UTC (and in New York) than in Berlin
    assert any(when.strftime("%d.%m.%Y") != text for when, text in instants)
