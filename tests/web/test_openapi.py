"""/openapi.json describes every public route, and it is a valid OpenAPI 3.1 document."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from feeds.settings import Settings
from feeds.store import Store
from feeds.web import create_app
from feeds.web.openapi import document

PRIVATE_BLUEPRINTS = {"admin", "editor"}  # behind the admin token, not part of the public API
DESCRIBED_PRIVATE = "/admin/api/"  # ... except the admin JSON API under this prefix, described too
ALIASES = {"/embed/{kind}/{code}": "/embed/{feed}"}  # <path:feed> spelled out, as OpenAPI paths cannot hold a "/"


def openapi_path(rule: str) -> str:
    """A Flask rule written as an OpenAPI path: `/feeds/<slug>.<any(atom, rss, json):fmt>` -> `/feeds/{slug}.{fmt}`."""
    return re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule)


def test_the_document_validates() -> None:
    spec = document()
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_public_route_is_described_and_nothing_else(config_dir: object, tmp_path: object) -> None:
    settings = Settings(config_dir=config_dir, database_url=f"sqlite:///{tmp_path}/s.db",  # type: ignore[arg-type]
                        admin_token="secret-" + "x" * 32)
    app = create_app(settings)
    served = {openapi_path(rule.rule) for rule in app.url_map.iter_rules()}
    routes = {openapi_path(rule.rule) for rule in app.url_map.iter_rules()
              if rule.endpoint.split(".")[0] not in PRIVATE_BLUEPRINTS or rule.rule.startswith(DESCRIBED_PRIVATE)}
    described = set(document()["paths"])
    assert routes - described == set(), "routes missing from feeds/web/openapi.yaml"
    assert {ALIASES.get(path, path) for path in described} - served == set(), "paths described but not served"
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(DESCRIBED_PRIVATE):
            methods = {m.lower() for m in rule.methods or ()} - {"head", "options"}
            assert set(document()["paths"][openapi_path(rule.rule)]) >= methods, rule.rule
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] not in PRIVATE_BLUEPRINTS:
            path = openapi_path(rule.rule)
            assert set(document()["paths"][path]) >= {m.lower() for m in rule.methods or ()} - {"head", "options"}
            declared = {p.get("name") for p in document()["paths"][path]["get"].get("parameters", [])}
            assert set(rule.arguments) - set(rule.defaults or {}) <= declared | set(resolve_names(path)), path


def resolve_names(path: str) -> list[str]:
    """Names of parameters given by reference."""
    names = []
    for parameter in document()["paths"][path]["get"].get("parameters", []):
        if "$ref" in parameter:
            names.append(document()["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]["name"])
    return names


def test_served_at_openapi_json(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == document()
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["/feeds/all.atom", "/topics", "/embed/all"])
def test_documented_parameters_are_the_ones_the_app_reads(
        filled: tuple[Settings, Store, FlaskClient], path: str) -> None:
    """Each documented query parameter changes or rejects something: a bad value is a 400 naming it."""
    _, _, client = filled
    spec_path = {"/feeds/all.atom": "/feeds/all.{fmt}", "/topics": "/topics", "/embed/all": "/embed/{feed}"}[path]
    for name in resolve_names(spec_path):
        if name in {"fmt", "hl", "q"}:
            continue  # hl falls back to Accept-Language; q accepts any words
        response = client.get(path, query_string={name: "%%%"})
        assert response.status_code == 400, (name, response.status_code)
        assert f"'{name}'" in response.get_data(as_text=True)
