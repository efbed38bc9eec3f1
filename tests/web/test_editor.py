"""The editor's pages in Chromium, their session and CSRF protection, and the JSON corrections API.

Everything runs against the real app served over HTTP by waitress, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from flask.testing import FlaskClient

from feeds.settings import Settings
from feeds.store import Store
from feeds.store.corrections import Correction
from feeds.web import create_app
from tests.support.appserver import running_app
from tests.support.hub import websub_hub
from tests.support.paths import REPO
from tests.support.stories import ENGLISH, GERMAN, POLISH, by_link, collect, item_id, open_store

CHROMIUM = Path("/usr/bin/chromium")
TOKEN = "editor-token-for-tests-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTIFACTS = REPO / "test-artifacts"  # screenshots for a person to look at


@pytest.fixture
def filled(settings: Settings, tmp_path: Path) -> tuple[Settings, Store]:
    """The ECC story in German and English (one story, tagged eu), and a Polish story."""
    settings = replace(settings, admin_token=TOKEN, publish_dir=str(tmp_path / "public"))
    store = open_store(settings)
    collect(store, settings, GERMAN, ENGLISH, POLISH)
    return settings, store


def public_feed(base: str) -> list[dict[str, Any]]:
    return list(httpx.get(f"{base}/feeds/all.json").json()["items"])


def countries(entry: dict[str, Any]) -> list[str]:
    return sorted(category["term"] for category in entry["_clusterfeeds"]["categories"]
                  if category["scheme"].endswith("/countries"))


def ecc(entries: list[dict[str, Any]]) -> dict[str, Any]:
    [entry] = [entry for entry in entries if entry["url"] == ENGLISH.canonical_url]
    return entry


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/install-system-deps)")
def test_an_editor_removes_a_country_and_splits_a_version_in_the_browser(filled: tuple[Settings, Store]) -> None:
    from playwright.sync_api import expect, sync_playwright

    settings, store = filled
    german_item = item_id(store, GERMAN.canonical_url)
    static_feed = Path(settings.publish_dir) / "feeds" / "all.json"
    with running_app(create_app(settings, store)) as base, sync_playwright() as playwright:
        before = public_feed(base)
        assert len(before) == 2
        assert countries(ecc(before)) == ["eu"]
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                             args=["--no-sandbox", "--disable-background-networking"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("response", lambda response: errors.append(f"{response.status} {response.url}")
                    if response.status >= 400 and not response.url.endswith("/favicon.ico") else None)
            page.goto(f"{base}/admin/")
            expect(page).to_have_url(re.compile(r"/admin/login"))
            page.get_by_label("Admin token").fill(TOKEN)
            page.get_by_label("Your name").fill("Erika Editor")
            page.get_by_role("button", name="Log in").click()
            expect(page.get_by_role("heading", name="Recent stories")).to_be_visible()
            [cookie] = page.context.cookies()
            assert (cookie["httpOnly"], cookie["sameSite"], cookie["secure"]) == (True, "Strict", False)

            page.get_by_role("link", name=ENGLISH.title).click()
            page.get_by_label("Reason for removing country eu").fill("an EU agency organises it; no EU country")
            page.get_by_role("button", name="Remove country eu").click()
            expect(page.get_by_role("status")).to_contain_text("applied")
            expect(page.get_by_role("button", name="Remove country eu")).to_have_count(0)

            page.get_by_label(f"Reason for splitting off item {german_item}").fill("a different conference")
            page.get_by_role("button", name=f"Split off item {german_item}").click()
            expect(page.get_by_role("heading", level=1, name=GERMAN.title)).to_be_visible()  # the new story's page
            assert errors == []
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "editor-story.png"), full_page=True)

            after = public_feed(base)
            assert len(after) == 3
            assert countries(ecc(after)) == []
            assert GERMAN.canonical_url in {entry["url"] for entry in after}
            assert ecc(after)["id"] == ecc(before)["id"]
            assert json.loads(static_feed.read_bytes())["items"] == after  # the static file was rewritten

            page.get_by_role("link", name="Corrections", exact=True).click()
            page.get_by_role("button", name="Undo #2").click()
            expect(page.get_by_role("button", name="Undo #2")).to_have_count(0)
            assert len(public_feed(base)) == 2
        finally:
            browser.close()


def login(base: str, token: str = TOKEN) -> tuple[httpx.Client, str]:
    """A client holding an editor's session, and the CSRF token of its forms."""
    client = httpx.Client(base_url=base)
    response = client.post("/admin/login", data={"token": token, "editor": "Erika"})
    assert response.status_code == 302
    page = client.get("/admin/corrections").text
    return client, re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_a_post_without_the_session_or_with_a_wrong_csrf_token_changes_nothing(filled: tuple[Settings, Store]) -> None:
    settings, store = filled
    story = ecc(store_feed(store))["id"]
    form = {"action": "hide", "story": story, "reason": "forged"}
    with running_app(create_app(settings, store)) as base:
        version = store.feeds.version()
        anonymous = httpx.post(f"{base}/admin/corrections", data={**form, "csrf_token": "x"})
        assert anonymous.status_code == 403
        client, csrf = login(base)
        assert client.post("/admin/corrections", data=form).status_code == 403
        assert client.post("/admin/corrections", data={**form, "csrf_token": csrf + "x"}).status_code == 403
        _, other_csrf = login(base)  # another session's token does not fit this session
        assert client.post("/admin/corrections", data={**form, "csrf_token": other_csrf}).status_code == 403
        forged = httpx.post(f"{base}/admin/corrections", data={**form, "csrf_token": csrf},
                            cookies={"clusterfeeds_editor": "eyJlZGl0b3IiOiJ4In0.forged.sig"})
        assert forged.status_code == 403
        assert store.feeds.version() == version
        assert store.corrections.recent() == []
        assert client.post("/admin/corrections", data={**form, "csrf_token": csrf}).status_code == 302
        assert [row.editor for row in store.corrections.recent()] == ["Erika"]
        recorded = store.corrections.recent()[0]
        assert httpx.post(f"{base}/admin/corrections/{recorded.id}/undo").status_code == 403
        assert client.post(f"/admin/corrections/{recorded.id}/undo", data={"csrf_token": "no"}).status_code == 403
        assert store.corrections.recent()[0].active
        assert client.post("/admin/logout", data={"csrf_token": csrf}).status_code == 302
        wrong = httpx.post(f"{base}/admin/login", data={"token": TOKEN + "x", "editor": "Mallory"})
        assert wrong.status_code == 403
        assert "set-cookie" not in wrong.headers


def store_feed(store: Store) -> list[dict[str, Any]]:
    return [{"id": entry.entry_id, "url": entry.link} for entry in store.feeds.latest(10)]


def test_the_session_cookie_is_secure_over_https(filled: tuple[Settings, Store]) -> None:
    settings, store = filled
    client = create_app(replace(settings, base_url="https://feeds.example"), store).test_client()
    response = client.post("/admin/login", data={"token": TOKEN, "editor": "Erika"})
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Path=/admin/" in cookie
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "form-action 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"


def test_no_editor_pages_without_an_admin_token(filled: tuple[Settings, Store]) -> None:
    settings, store = filled
    client = create_app(replace(settings, admin_token=""), store).test_client()
    assert client.get("/admin/").status_code == 404
    assert client.post("/admin/login", data={"token": "", "editor": "x"}).status_code == 404
    assert client.post("/admin/api/corrections", json={}).status_code == 404


def api(settings: Settings, store: Store) -> FlaskClient:
    return create_app(settings, store).test_client()


def test_the_corrections_api(filled: tuple[Settings, Store]) -> None:
    settings, store = filled
    client = api(settings, store)
    story = by_link(store)[ENGLISH.canonical_url]["id"]
    body = {"action": "remove_tag", "story": story, "kind": "country", "code": "eu", "editor": "bot",
            "reason": "wrong country"}
    assert client.post("/admin/api/corrections", json=body).status_code == 401
    cached = client.get("/feeds/all.json").get_json()  # rendered into the cache
    assert countries(ecc(cached["items"])) == ["eu"]
    created = client.post("/admin/api/corrections", json=body, headers=AUTH)
    assert created.status_code == 201
    assert created.get_json()["action"] == "remove_tag"
    assert created.get_json()["story"] == story
    # the cached feed follows the store's version at once
    assert countries(ecc(client.get("/feeds/all.json").get_json()["items"])) == []
    listed = client.get(f"/admin/api/corrections?story={story}", headers=AUTH).get_json()["corrections"]
    assert [row["id"] for row in listed] == [created.get_json()["id"]]
    for bad, status in (({**body, "action": "rename"}, 400), ({**body, "story": "tag:x,2024:story:0"}, 404),
                        ({**body, "item_id": "7"}, 400), ({**body, "colour": "red"}, 400),
                        ({"action": "hide"}, 400), ([1, 2], 400)):
        response = client.post("/admin/api/corrections", json=bad, headers=AUTH)
        assert response.status_code == status, bad
        assert response.get_json()["error"]
    assert client.get("/admin/api/corrections?limit=0", headers=AUTH).status_code == 400
    hide = {"action": "hide", "story": story, "editor": "bot", "reason": "duplicate of a press release"}
    assert client.post("/admin/api/corrections", json=hide, headers=AUTH).status_code == 201
    again = client.post("/admin/api/corrections", json=hide, headers=AUTH)
    assert again.status_code == 409
    assert "already hidden" in again.get_json()["error"]
    assert client.post(f"/admin/api/corrections/{created.get_json()['id']}/undo", json={"editor": "chief"},
                       headers=AUTH).status_code == 409  # the later hide first
    hidden_id = client.get("/admin/api/corrections?limit=1", headers=AUTH).get_json()["corrections"][0]["id"]
    shown = client.post(f"/admin/api/corrections/{hidden_id}/undo", json={"editor": "chief"}, headers=AUTH)
    assert shown.status_code == 200
    undo_url = f"/admin/api/corrections/{created.get_json()['id']}/undo"
    assert client.post(undo_url, json={}, headers=AUTH).status_code == 400
    undone = client.post(undo_url, json={"editor": "chief"}, headers=AUTH)
    assert undone.status_code == 200
    assert undone.get_json()["undone_by"] == "chief"
    assert client.post(undo_url, json={"editor": "chief"}, headers=AUTH).status_code == 409
    assert client.post("/admin/api/corrections/999/undo", json={"editor": "chief"}, headers=AUTH).status_code == 404
    assert countries(ecc(client.get("/feeds/all.json").get_json()["items"])) == ["eu"]


def test_the_story_list_filters_by_source_country_topic_and_low_confidence(filled: tuple[Settings, Store]) -> None:
    settings, store = filled
    client = create_app(settings, store).test_client()
    assert client.post("/admin/login", data={"token": TOKEN, "editor": "Erika"}).status_code == 302

    def listed(**query: str) -> set[str]:
        page = client.get("/admin/", query_string=query).get_data(as_text=True)
        return {title for title in (ENGLISH.title, POLISH.title) if f">{title}</a>" in page}

    assert listed() == {ENGLISH.title, POLISH.title}
    assert listed(source="fc") == {POLISH.title}
    assert listed(source="cp") == {ENGLISH.title}  # a story is listed by any of its versions' sources
    assert listed(country="EU") == {ENGLISH.title}
    assert listed(country="pl", topic="events") == set()
    stories = {title: store.corrections.story(by_link(store)[link]["id"])
               for title, link in ((ENGLISH.title, ENGLISH.canonical_url), (POLISH.title, POLISH.canonical_url))}
    near = {title: [tag for tag in story.tags if abs(tag.confidence - settings.tag_threshold) < 0.2]
            for title, story in stories.items()}
    doubtful = {title for title, tags in near.items() if tags}
    assert doubtful  # the tagger leaves some tag of these stories close to the threshold
    assert listed(low="1") == doubtful
    for title in doubtful:
        for tag in near[title]:
            store.corrections.apply(Correction("remove_tag", stories[title].entry_id, "Erika", "not its theme",
                                               kind=tag.kind, code=tag.code))
    assert listed(low="1") == set()  # decided by an editor: no longer in doubt


def test_a_correction_pings_the_websub_hub_for_the_feeds_it_changed(filled: tuple[Settings, Store]) -> None:
    settings, store = filled
    with websub_hub() as (hub_url, pings):
        client = api(replace(settings, websub_hub_url=hub_url, base_url="http://feeds.test"), store)
        story = by_link(store)[ENGLISH.canonical_url]["id"]
        body = {"action": "remove_tag", "story": story, "kind": "country", "code": "eu", "editor": "bot",
                "reason": "wrong country"}
        created = client.post("/admin/api/corrections", json=body, headers=AUTH)
        assert created.status_code == 201
        [ping] = pings
        assert ("hub.mode", "publish") in ping
        notified = {value.removeprefix("http://feeds.test") for key, value in ping if key == "hub.url"}
        # the story left the EU feed and changed in the feeds it stays in; the Polish feed is untouched
        assert {"/feeds/all.atom", "/feeds/countries/eu.atom", "/feeds/countries/eu.json"} <= notified
        assert "/feeds/countries/pl.atom" not in notified
        refused = client.post("/admin/api/corrections", json={**body, "story": "tag:x,2024:story:0"}, headers=AUTH)
        assert refused.status_code == 404
        assert len(pings) == 1  # a refused correction changes nothing and pings nothing
        undone = client.post(f"/admin/api/corrections/{created.get_json()['id']}/undo", json={"editor": "chief"},
                             headers=AUTH)
        assert undone.status_code == 200
        assert len(pings) == 2
        assert "http://feeds.test/feeds/countries/eu.atom" in {value for key, value in pings[1] if key == "hub.url"}
