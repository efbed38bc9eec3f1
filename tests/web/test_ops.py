"""Observability: /readyz, /metrics, request counters and one-line logs."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from feeds.config import SourceConfig
from feeds.logs import JSONFormatter, OneLineFormatter, leading_fields
from feeds.scheduler import beat, collect_and_count
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.coordination import Mark
from feeds.store.db import make_engine
from feeds.store.testing import engine_of
from feeds.web import create_app
from tests.support.configs import POSTGRES_URL, write_sources
from tests.support.documents import RSS_TWO_ITEMS as RSS
from tests.support.httpserver import Route, serving
from tests.support.processes import free_port, wait_for
from tests.support.tcpproxy import TCPProxy


def samples(client: FlaskClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics, parsed with the Prometheus text parser: (name, labels) -> value."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=")
    found = {}
    for family in text_string_to_metric_families(response.get_data(as_text=True)):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def test_readyz_is_ready_with_a_current_database(settings: Settings) -> None:
    client = create_app(settings).test_client()
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["status"] == "ready"
    assert response.json["checks"]["database"] == "ok"
    assert response.json["checks"]["migrations"].startswith("ok (")
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_fails_while_migrations_are_pending(settings: Settings) -> None:
    store = Store.open(settings.database_url)
    client = create_app(settings, store).test_client()
    with engine_of(store).begin() as connection:
        current = connection.execute(sa.text("select version_num from alembic_version")).scalar_one()
        connection.execute(sa.text("update alembic_version set version_num = '0001'"))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json is not None
    assert "database at 0001" in response.json["checks"]["migrations"]
    with engine_of(store).begin() as connection:
        connection.execute(sa.text("update alembic_version set version_num = :v"), {"v": current})
    assert client.get("/readyz").status_code == 200
    store.close()


def test_readyz_checks_the_scheduler_heartbeat_when_one_is_expected(settings: Settings) -> None:
    expecting = Settings(**{**settings.__dict__, "scheduler_expected": True, "scheduler_heartbeat": 10})
    store = Store.open(settings.database_url)
    client = create_app(expecting, store).test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json is not None
    assert response.json["checks"]["scheduler"] == "no scheduler heartbeat yet"

    beat(store, "host-a:1")
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json is not None
    assert "from host-a:1" in response.json["checks"]["scheduler"]

    store.coordination.heartbeat(Mark(datetime.now(UTC) - timedelta(seconds=31), "host-a:1"))
    response = client.get("/readyz")
    assert response.status_code == 503  # three heartbeats (30 s) missed
    assert response.json is not None
    assert "limit 30 s" in response.json["checks"]["scheduler"]

    # Without the setting the same stale heartbeat does not matter (a web-only deployment).
    assert create_app(settings, store).test_client().get("/readyz").status_code == 200
    store.close()


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)
def test_readyz_follows_a_postgresql_outage(database_url: str, settings: Settings) -> None:
    """The machine's PostgreSQL is shared with other tests, so the outage is a proxy in front of it
    that stops answering and resets open connections, then comes back on the same port."""
    assert POSTGRES_URL
    upstream = urlsplit(POSTGRES_URL)
    proxy = TCPProxy((upstream.hostname or "127.0.0.1", upstream.port or 5432)).start()
    proxied_url = database_url.replace(f"{upstream.hostname}:{upstream.port or 5432}", f"127.0.0.1:{proxy.port}")
    assert proxied_url != database_url
    try:
        store = Store.open(proxied_url)
        client = create_app(Settings(**{**settings.__dict__, "database_url": proxied_url}), store).test_client()
        assert client.get("/readyz").status_code == 200

        proxy.stop()
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.json is not None
        assert response.json["checks"]["database"].startswith("unreachable: OperationalError")
        assert client.get("/healthz").status_code == 200  # alive, just not ready

        proxy.start()
        assert client.get("/readyz").status_code == 200
        store.close()
    finally:
        proxy.stop()


def test_readyz_is_unavailable_when_the_database_server_is_gone(config_dir: Path) -> None:
    """A PostgreSQL URL on a closed port: 503 with the reason, never a 500."""
    closed = Store(make_engine("postgresql://postgres@127.0.0.1:1/none"))
    client = create_app(Settings(config_dir=config_dir), closed).test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json is not None
    assert response.json["checks"]["database"].startswith("unreachable: OperationalError")


def test_metrics_move_as_collects_and_requests_happen(settings: Settings) -> None:
    source_id = f"metrics-{os.getpid()}-{settings.database_url.split(':')[0]}"
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml"),
                  "/broken.rss": Route(b"oops", status=500)}) as server:
        source = SourceConfig(id=source_id, name="Metrics", kind="feed", url=server.url("/feed.rss"))
        broken = SourceConfig(id=source_id + "-broken", name="Broken", kind="feed", url=server.url("/broken.rss"))
        store = Store.open(settings.database_url)
        store.sources.sync([source, broken])
        client = create_app(settings, store).test_client()
        before = samples(client)

        assert collect_and_count(settings, store, source).ok
        assert not collect_and_count(settings, store, broken).ok
        assert collect_and_count(settings, store, source).ok  # 304 the second time
        for _ in range(3):
            assert client.get("/healthz").status_code == 200
        assert client.get("/no/such/page").status_code == 404
        assert client.get("/feeds/all.json").status_code == 200
        after = samples(client)
        store.close()

    def delta(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0.0) - before.get(key, 0.0)

    assert delta("clusterfeeds_fetches_total", source=source_id, outcome="ok") == 1
    assert delta("clusterfeeds_fetches_total", source=source_id, outcome="not_modified") == 1
    assert delta("clusterfeeds_fetches_total", source=broken.id, outcome="error") == 1
    assert delta("clusterfeeds_fetch_errors_total", source=broken.id) == 1
    assert delta("clusterfeeds_fetch_seconds_count", source=source_id) == 2
    assert delta("clusterfeeds_items_ingested_total", source=source_id, change="new") == 2
    assert delta("clusterfeeds_tags_assigned_total", kind="country") >= 2  # Lithuania, Poland, ...
    assert delta("clusterfeeds_stories_created_total") == 2  # two different stories
    assert delta("clusterfeeds_http_requests_total", route="/healthz", status="200") == 3
    assert delta("clusterfeeds_http_requests_total", route="unmatched", status="404") == 1
    assert delta("clusterfeeds_http_request_seconds_count", route="/healthz") == 3
    assert delta("clusterfeeds_http_requests_total", route="/metrics", status="200") == 1  # the first scrape
    assert delta("clusterfeeds_render_seconds_count", format="json") == 1


@pytest.mark.slow
def test_json_logs_are_one_object_per_line_with_the_run_id(settings: Settings) -> None:
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        write_sources(settings.config_dir, [
            {"id": "local", "name": "Local", "kind": "feed", "url": server.url("/feed.rss")},
            {"id": "gone", "name": "Gone", "kind": "feed", "url": server.url("/missing.rss")},
        ])
        env = {**os.environ, "CLUSTERFEEDS_LOG_FORMAT": "json", "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1"}
        done = subprocess.run([sys.executable, "-m", "feeds", "--config-dir", str(settings.config_dir),
                               "--database-url", settings.database_url, "collect"],
                              env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines()]  # every line is one JSON object
    runs = [line for line in lines if line["logger"] == "feeds.runner"]
    assert {line["source"] for line in runs} == {"local", "gone"}
    assert len({line["run"] for line in runs}) == 1  # one collect run, one id
    assert {line["level"] for line in runs} == {"INFO", "WARNING"}
    assert all(set(line) >= {"time", "level", "logger", "message"} for line in lines)
    assert not [line for line in lines if line["logger"] == "httpx"]  # its per-request lines: debug only


@pytest.mark.slow
def test_httpx_request_lines_appear_when_debugging(settings: Settings) -> None:
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        write_sources(settings.config_dir, [{"id": "local", "name": "Local", "kind": "feed",
                                             "url": server.url("/feed.rss")}])
        env = {**os.environ, "CLUSTERFEEDS_LOG_FORMAT": "json", "CLUSTERFEEDS_LOG_LEVEL": "debug",
               "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1"}
        done = subprocess.run([sys.executable, "-m", "feeds", "--config-dir", str(settings.config_dir),
                               "--database-url", settings.database_url, "collect"],
                              env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    requests = [line["message"] for line in lines if line["logger"] == "httpx"]
    assert len(requests) == 1
    assert requests[0].startswith("HTTP Request: GET " + server.url("/feed.rss"))


def test_text_logs_keep_a_traceback_on_the_line_of_its_event() -> None:
    try:
        raise ValueError("broken adapter")
    except ValueError:
        record = logging.LogRecord("feeds.runner", logging.ERROR, __file__, 1, "run=%s source=%s failed",
                                   ("ab12", "eccp"), sys.exc_info())
    text = OneLineFormatter("%(levelname)s %(message)s").format(record)
    assert "\n" not in text
    assert text.startswith("ERROR run=ab12 source=eccp failed")
    assert "ValueError: broken adapter" in text
    as_json = json.loads(JSONFormatter().format(record))
    assert (as_json["run"], as_json["source"]) == ("ab12", "eccp")
    assert "ValueError: broken adapter" in as_json["exception"]


def test_leading_fields_stop_at_the_first_word() -> None:
    assert leading_fields("run=1a source=cp ok: 2 new, x=3") == {"run": "1a", "source": "cp"}
    assert leading_fields("serving on http://x") == {}
    assert leading_fields("level=spoofed run=1") == {"run": "1"}


@pytest.mark.slow
def test_a_bad_log_format_is_a_configuration_error(settings: Settings) -> None:
    env = {**os.environ, "CLUSTERFEEDS_LOG_FORMAT": "xml"}
    done = subprocess.run([sys.executable, "-m", "feeds", "--config-dir", str(settings.config_dir), "sources"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "'xml' is not one of text, json" in done.stderr


@pytest.mark.slow
def test_the_scheduler_and_web_roles_run_as_processes(settings: Settings, tmp_path: Path) -> None:
    """`scheduler` collects and never serves; `web` serves and never collects; SIGINT stops cleanly."""
    with serving({"/feed.rss": Route(RSS, content_type="application/rss+xml")}) as server:
        write_sources(settings.config_dir, [{"id": "local", "name": "Local", "kind": "feed",
                                             "url": server.url("/feed.rss")}])
        env = {**os.environ, "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_SCHEDULER_JITTER": "0"}
        common = [sys.executable, "-m", "feeds", "--config-dir", str(settings.config_dir), "--database-url",
                  settings.database_url]
        port = free_port()
        web_log, scheduler_log = (tmp_path / "web.log").open("wb"), (tmp_path / "scheduler.log").open("wb")
        web = subprocess.Popen([*common, "web", "--port", str(port)], env=env, stdout=web_log, stderr=web_log)
        try:
            base = f"http://127.0.0.1:{port}"
            assert wait_for(lambda: _get(base + "/readyz") == 200), (tmp_path / "web.log").read_text()
            assert server.log == []  # the web role does not collect

            scheduler = subprocess.Popen([*common, "scheduler"], env=env, stdout=scheduler_log,
                                         stderr=scheduler_log)
            assert wait_for(lambda: bool(server.requests_for("/feed.rss"))), (tmp_path / "scheduler.log").read_text()
            assert wait_for(lambda: b"Cluster managers meet in Vilnius" in httpx.get(base + "/feeds/all.atom").content)
            scheduler.send_signal(signal.SIGINT)
            assert scheduler.wait(15) == 0
            log = (tmp_path / "scheduler.log").read_text()
            assert "stopping: waiting for running collects" in log
            assert log.rstrip().endswith("stopped")
            assert len(server.requests_for("/feed.rss")) == 1
        finally:
            web.send_signal(signal.SIGTERM)
            try:
                assert web.wait(15) == 0
            finally:  # never leave a server behind, even when it failed to stop in time
                if web.poll() is None:
                    web.kill()
                web_log.close()
                scheduler_log.close()




def _get(url: str) -> int:
    try:
        return httpx.get(url, timeout=5).status_code
    except httpx.HTTPError:
        return 0
