"""/openapi.json: the OpenAPI 3.1 description of every public endpoint (feeds/web/openapi.yaml).

The document is written by hand next to the routes it describes; tests/web/test_openapi.py checks
that every route of the public blueprints is in it and that it validates.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from flask import Blueprint, Response

from feeds.web import context, http

blueprint = Blueprint("openapi", __name__)
DOCUMENT = Path(__file__).parent / "openapi.yaml"


@cache
def document() -> dict[str, Any]:
    """The OpenAPI document as data (read once per process)."""
    loaded: dict[str, Any] = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


@blueprint.get("/openapi.json")
def openapi() -> Response:
    body = json.dumps(document(), ensure_ascii=False, indent=1).encode("utf-8")
    return http.document(body, "application/json; charset=utf-8", context.settings().feed_max_age)
