"""The HTTP admin API: bearer token, absent without one, collect/sources/retag."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items, story_tags
from feeds.store.testing import engine_of
from feeds.wsgi import create_app
from tests.support.appserver import running_app
from tests.support.configs import write_sources
from tests.support.documents import RSS
from tests.support.httpserver import FixtureServer, Route, serving

CONFIG = Path(__file__).parent.parent.parent / "config"
TOKEN = "s3cret-token-for-tests-0123456789abc"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def feed_server() -> FixtureServer:
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml"),
                  "/broken.rss": Route(b"oops", status=500)}) as server:
        yield server  # type: ignore[misc]


def admin_client(settings: Settings, server: FixtureServer, token: str = TOKEN) -> FlaskClient:
    write_sources(settings.config_dir, [
        {"id": "local", "name": "Local", "kind": "feed", "url": server.url("/feed.rss")},
        {"id": "broken", "name": "Broken", "kind": "feed", "url": server.url("/broken.rss")},
        {"id": "off", "name": "Off", "kind": "feed", "url": server.url("/off.rss"), "enabled": False},
    ])
    return create_app(Settings(**{**settings.__dict__, "admin_token": token})).test_client()


def test_admin_routes_do_not_exist_without_a_token(settings: Settings, feed_server: FixtureServer) -> None:
    client = admin_client(settings, feed_server, token="")
    assert client.get("/admin/sources", headers={"Authorization": "Bearer "}).status_code == 404
    assert client.post("/admin/collect/local").status_code == 404
    assert client.post("/admin/retag").status_code == 404
    assert feed_server.log == []


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer", TOKEN])
def test_admin_routes_need_the_bearer_token(settings: Settings, feed_server: FixtureServer, header: str | None) -> None:
    client = admin_client(settings, feed_server)
    headers = {"Authorization": header} if header is not None else {}
    for response in (client.get("/admin/sources", headers=headers),
                     client.post("/admin/collect/local", headers=headers),
                     client.post("/admin/retag", headers=headers)):
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert feed_server.log == []  # nothing was collected


def test_collect_now_and_read_the_sources(settings: Settings, feed_server: FixtureServer) -> None:
    client = admin_client(settings, feed_server)
    response = client.post("/admin/collect/local", headers=AUTH)
    assert response.status_code == 200
    assert response.json == {"source": "local", "ok": True, "not_modified": False, "error": None,
                              "created": 1, "updated": 0, "unchanged": 0}
    assert len(feed_server.requests_for("/feed.rss")) == 1

    failed = client.post("/admin/collect/broken", headers=AUTH)
    assert failed.status_code == 502
    assert failed.json is not None
    assert failed.json["error"].startswith("HTTP 500")
    assert client.post("/admin/collect/nope", headers=AUTH).status_code == 404

    listing = client.get("/admin/sources", headers=AUTH)
    assert listing.status_code == 200
    assert listing.json is not None
    rows = {row["source_id"]: row for row in listing.json["sources"]}
    assert rows["local"]["item_count"] == 1
    assert rows["local"]["last_success"] is not None
    assert rows["broken"]["consecutive_failures"] == 1
    assert rows["broken"]["enabled"] is True
    store = Store.open(settings.database_url)
    claim = store.coordination.last_claim("local")
    assert claim is not None  # schedulers will not fetch it again within the interval
    store.close()


def test_collect_is_refused_while_another_process_collects_the_source(settings: Settings,
                                                                      feed_server: FixtureServer) -> None:
    client = admin_client(settings, feed_server)
    store = Store.open(settings.database_url)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:  # another thread, its own lock handle: like another scheduler
        with store.coordination.lock("local") as held:
            assert held
            holding.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(60)
        response = client.post("/admin/collect/local", headers=AUTH)
        assert response.status_code == 409
        assert feed_server.requests_for("/feed.rss") == []
    finally:
        release.set()
        holder.join()
    assert client.post("/admin/collect/local", headers=AUTH).status_code == 200
    store.close()


def test_retag_recomputes_the_tags_of_stored_items(settings: Settings, feed_server: FixtureServer) -> None:
    client = admin_client(settings, feed_server)
    assert client.post("/admin/collect/local", headers=AUTH).status_code == 200
    store = Store.open(settings.database_url)
    (entry,) = store.feeds.latest(10)
    countries = {tag.code for tag in entry.tags if tag.kind == "country"}
    assert {"lt", "pl"} <= countries  # "Cluster managers from Lithuania and Poland ..."
    with engine_of(store).begin() as connection:  # tags from an older taxonomy: none
        connection.execute(sa.update(items).values(tags=[]))
        connection.execute(sa.delete(story_tags))
    assert store.feeds.latest(10)[0].tags == ()

    response = client.post("/admin/retag", headers=AUTH)
    assert response.status_code == 200
    assert response.json == {"items": 1, "changed": 1}
    assert {tag.code for tag in store.feeds.latest(10)[0].tags if tag.kind == "country"} == countries
    assert client.post("/admin/retag", headers=AUTH).json == {"items": 1, "changed": 0}
    store.close()


def test_admin_api_over_real_http(settings: Settings, feed_server: FixtureServer) -> None:
    client = admin_client(settings, feed_server)
    with running_app(client.application) as base, httpx.Client(timeout=None) as http:
        # No client deadline: a collect on a loaded machine may take longer than httpx's 5 s default,
        # and how long it takes is not what this test is about (bench/ measures speed).
        assert http.get(f"{base}/admin/sources").status_code == 401
        assert http.post(f"{base}/admin/collect/local", headers=AUTH).status_code == 200
        assert b"Cluster managers meet in Vilnius" in http.get(f"{base}/feeds/all.atom").content


# A web process that retags and never collected: at exit, whether simplemma's own dicts were loaded.
RETAG = ("import sys\n"
         "from feeds.process import lemmas\n"
         "from feeds.settings import Settings\n"
         "from feeds.wsgi import create_app\n"
         "client = create_app(Settings.from_env()).test_client()\n"
         "answer = client.post('/admin/retag', headers={'Authorization': 'Bearer ' + sys.argv[1]})\n"
         "print(answer.status_code, answer.json, 'dicts loaded:', lemmas._dict_tables.cache_info().currsize)\n")


def test_retag_tags_with_the_lemma_tables_not_simplemmas_dicts(settings: Settings, feed_server: FixtureServer,
                                                                config_dir: Path) -> None:
    for file in ("topics.yaml", "countries.yaml"):
        shutil.copy(CONFIG / file, config_dir / file)
    client = admin_client(settings, feed_server)
    assert client.post("/admin/collect/local", headers=AUTH).status_code == 200
    environment = {**os.environ, "CLUSTERFEEDS_DATABASE_URL": settings.database_url,
                   "CLUSTERFEEDS_CONFIG_DIR": str(config_dir), "CLUSTERFEEDS_ADMIN_TOKEN": TOKEN,
                   "CLUSTERFEEDS_REFERENCE_DIR": str(settings.reference_dir)}
    done = subprocess.run([sys.executable, "-c", RETAG, TOKEN], env=environment, capture_output=True, text=True,
                          timeout=600, check=False)
    assert "200 {'items': 1, 'changed': 0} dicts loaded: 0" in done.stdout, done.stdout + done.stderr
