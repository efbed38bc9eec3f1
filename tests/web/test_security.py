"""Security headers, framing, the optional per-client rate limit, and 503 while the database is away."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re

import httpx
import pytest
from flask.testing import FlaskClient

from feeds.settings import Settings
from feeds.store import Store
from feeds.store.db import make_engine
from feeds.web import create_app
from feeds.web.ratelimit import TokenBuckets, client_address
from tests.support.appserver import running_app

HTML_PAGES = ["/", "/topics", "/countries", "/sources", "/embed/all", "/embed/topics/innovation?limit=3",
              "/stories/1", "/topics/innovation", "/countries/de", "/sources/cp", "/search?q=cluster"]
DOCUMENTS = ["/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/topics.json", "/opml", "/embed.js"]


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", HTML_PAGES)
def test_html_pages_allow_no_script_and_only_their_own_styles(
        filled: tuple[Settings, Store, FlaskClient], path: str) -> None:
    _, _, client = filled
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy  # falls back to default-src 'none': no script at all
    assert policy["base-uri"] == ["'none'"]
    # the search form sends to this origin only; the embed page, framed by other sites, has no form at all
    assert policy["form-action"] == (["'none'"] if path.startswith("/embed/") else ["'self'"])
    html = response.get_data(as_text=True)
    assert "<script" not in html.lower()
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    assert styles or sheets, "pages carry their stylesheet"
    assert all(sheet.startswith("/static/") for sheet in sheets)  # this origin's ('self')
    assert policy["style-src"][0] == "'self'"
    for style in styles:  # every inline style is allowed by hash; nothing else is
        digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["style-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert " style=" not in html  # attributes would need 'unsafe-inline'
    if path.startswith("/embed/"):
        assert policy["frame-ancestors"] == ["*"]
        assert "X-Frame-Options" not in response.headers
    else:
        assert policy["frame-ancestors"] == ["'none'"]
        assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", [*DOCUMENTS, "/no/such/page", "/feeds/topics/nope.atom"])
def test_every_other_response_forbids_framing_and_sniffing(
        filled: tuple[Settings, Store, FlaskClient], path: str) -> None:
    _, _, client = filled
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["default-src"] == ["'none'"]


def test_buckets_refill_at_the_rate_and_cap_at_the_burst() -> None:
    now = [0.0]
    buckets = TokenBuckets(rate=1.0, burst=3, clock=lambda: now[0])
    assert [buckets.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert buckets.take("a") == pytest.approx(1.0)
    assert buckets.take("b") == 0.0  # clients are separate
    now[0] = 0.5
    assert buckets.take("a") == pytest.approx(0.5)
    now[0] = 100.0
    assert [buckets.take("a") for _ in range(4)][:3] == [0.0, 0.0, 0.0]  # refilled to the burst, not beyond
    assert buckets.take("a") > 0


def test_buckets_forget_the_least_recent_clients() -> None:
    buckets = TokenBuckets(rate=1.0, burst=1, clock=lambda: 0.0, max_keys=10)
    for n in range(1000):
        buckets.take(f"10.0.{n // 256}.{n % 256}")
    assert len(buckets._buckets) == 10


def test_forwarded_for_is_honoured_only_from_trusted_proxies() -> None:
    environ = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.7"}
    assert client_address(environ, 0) == "10.0.0.2"  # anyone can write the header
    assert client_address(environ, 1) == "203.0.113.7"  # what the one trusted proxy saw
    assert client_address(environ, 2) == "1.1.1.1"
    assert client_address({"REMOTE_ADDR": "10.0.0.2"}, 1) == "10.0.0.2"


def test_rate_limit_is_off_by_default(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    assert Settings().rate_limit_per_minute == 0
    assert {client.get("/feeds/all.json").status_code for _ in range(50)} == {200}


def test_rate_limit_answers_429_with_retry_after_over_real_http(
        filled: tuple[Settings, Store, FlaskClient]) -> None:
    """Two clients on two loopback addresses: the one that spends its burst waits, the other does not."""
    settings, store, _ = filled
    limited = dataclasses.replace(settings, rate_limit_per_minute=6, rate_limit_burst=5)
    with running_app(create_app(limited, store)) as base_url, \
            httpx.Client(base_url=base_url, transport=httpx.HTTPTransport(local_address="127.0.0.1")) as a, \
            httpx.Client(base_url=base_url, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as b:
        assert [a.get("/feeds/all.atom").status_code for _ in range(5)] == [200] * 5  # cached answers count too
        refused = a.get("/topics")
        assert refused.status_code == 429
        assert 1 <= int(refused.headers["Retry-After"]) <= 10  # one token every 10 s
        assert "rate limit" in refused.text
        assert a.head("/feeds/all.atom").status_code == 429
        assert b.get("/feeds/all.atom").status_code == 200
        assert a.get("/healthz").status_code == 200  # operations endpoints are not limited
        assert a.get("/readyz").status_code == 200


def test_rate_limit_behind_a_trusted_proxy_keys_on_forwarded_for(
        filled: tuple[Settings, Store, FlaskClient]) -> None:
    settings, store, _ = filled
    for trusted, separate in ((1, True), (0, False)):
        limited = dataclasses.replace(settings, rate_limit_per_minute=60, rate_limit_burst=2, trusted_proxies=trusted)
        client = create_app(limited, store).test_client()
        one = {"X-Forwarded-For": "203.0.113.1"}
        assert [client.get("/feeds/all.json", headers=one).status_code for _ in range(3)] == [200, 200, 429]
        other = client.get("/feeds/all.json", headers={"X-Forwarded-For": "203.0.113.2"}).status_code
        assert other == (200 if separate else 429)  # untrusted: the header is ignored, same peer, same bucket


def test_database_unreachable_is_503_with_retry_after_never_500(config_dir: object) -> None:
    closed = Store(make_engine("postgresql://postgres@127.0.0.1:1/none"))
    client = create_app(Settings(config_dir=config_dir), closed).test_client()  # type: ignore[arg-type]
    for path in ["/", "/topics", "/sources.json", "/feeds/all.atom", "/feeds/all.json?q=x", "/embed/all"]:
        response = client.get(path)
        assert response.status_code == 503, path
        assert response.headers["Retry-After"] == "30"
        assert "database" in response.get_data(as_text=True)
