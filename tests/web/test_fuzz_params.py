"""Property-based fuzzing of every query parameter of every public GET operation in /openapi.json.

Hypothesis draws values for the documented parameters (valid, near-valid and arbitrary text,
huge and odd numbers, control and non-ASCII characters) and sends them to the app through
its WSGI interface. No answer may be a 5xx; every 4xx must name the parameter it rejects.
`q` and the other inputs are never used as patterns: pathological regex inputs return at once.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of
from feeds.web.openapi import document
from tests.support.paths import REPO

# A concrete URL per operation; the path parameters are real values of the filled store.
OPERATIONS = {
    "/feeds/all.{fmt}": ["/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json"],
    "/feeds/topics/{slug}.{fmt}": ["/feeds/topics/innovation.json"],
    "/feeds/countries/{code}.{fmt}": ["/feeds/countries/de.atom"],
    "/feeds/sources/{source_id}.{fmt}": ["/feeds/sources/cp.rss"],
    "/feeds/{name}.{fmt}": ["/feeds/hydrogen.json"],
    "/": ["/"],
    "/topics": ["/topics"],
    "/topics.json": ["/topics.json"],
    "/countries": ["/countries"],
    "/countries.json": ["/countries.json"],
    "/sources": ["/sources"],
    "/sources.json": ["/sources.json"],
    "/opml": ["/opml"],
    "/embed/{feed}": ["/embed/all"],
    "/embed/{kind}/{code}": ["/embed/topics/innovation", "/embed/countries/pl"],
    "/stories/{story_id}": ["/stories/1", "/stories/2"],
    "/topics/{slug}": ["/topics/innovation"],
    "/countries/{code}": ["/countries/de"],
    "/sources/{source_id}": ["/sources/cp"],
    "/search": ["/search"],
    "/build": ["/build"],
    "/build/opml": ["/build/opml"],
}
NEAR_VALID = ["de", "en", "pl", "eu", "innovation", "digital,innovation", "cp", "2025-01-31", "2025-01-31T12:00:00Z",
              "1", "500", "501", "0", "-1", "²", "١٢", "1e3", "0x10", " 5", "9" * 30, "20250101T000000000000Z1",
              "20250101T000000000000Z" + "9" * 25, "99991399T999999999999Z1", "", ",", ",,de,", "DE", "x" * 5000]
ARBITRARY = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
VALUE = st.one_of(st.sampled_from(NEAR_VALID), ARBITRARY, st.integers().map(str))


def query_parameters(path: str) -> list[str]:
    spec = document()
    names = []
    for parameter in spec["paths"][path]["get"].get("parameters", []):
        if "$ref" in parameter:
            parameter = spec["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        if parameter["in"] == "query":
            names.append(parameter["name"])
    return names


def test_every_operation_is_fuzzed() -> None:
    described = {path for path, item in document()["paths"].items()  # public ones: /admin/ needs a token
                 if "get" in item and query_parameters(path) and not path.startswith("/admin/")}
    assert described <= set(OPERATIONS), described - set(OPERATIONS)


def check(client: FlaskClient, url: str, query: list[tuple[str, str]]) -> None:
    response = client.get(url, query_string=query)
    body = response.get_data(as_text=True)
    assert response.status_code < 500, (url, query, response.status_code, body[:300])
    if 400 <= response.status_code < 500 and response.status_code != 404:
        named = [name for name, _ in query if f"'{name}'" in body]
        assert named, (url, query, response.status_code, body[:300])


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_no_query_makes_a_server_error(filled: tuple[Settings, Store, FlaskClient], operation: str) -> None:
    _, store, client = filled
    if engine_of(store).dialect.name != "sqlite" and operation not in {"/feeds/all.{fmt}", "/embed/{feed}"}:
        pytest.skip("every operation is fuzzed on SQLite; PostgreSQL gets the feed and embed queries")
    names = query_parameters(operation)

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(url=st.sampled_from(OPERATIONS[operation]),
           query=st.lists(st.tuples(st.sampled_from(names), VALUE), max_size=4))
    def fuzz(url: str, query: list[tuple[str, str]]) -> None:
        check(client, url, query)

    fuzz()


@pytest.mark.parametrize("raw", ["limit=%ff%fe", "q=%00", "before=%c0%af", "since=%", "topic=a%2Cb%2C%2C",
                                 "q=" + "a" * 20000, "hl=%e2%80%ae", "limit=" + "9" * 5000,
                                 "before=20250101T000000000000Z" + "9" * 5000, "lang=&lang=de&lang=xx"])
def test_malformed_query_strings(filled: tuple[Settings, Store, FlaskClient], raw: str) -> None:
    _, _, client = filled
    for url in ("/feeds/all.atom", "/embed/all", "/topics"):
        response = client.get(f"{url}?{raw}")
        assert response.status_code < 500, (url, raw, response.get_data(as_text=True)[:300])
        if response.status_code == 400:
            assert re.search(r"'(limit|q|before|since|topic|hl|lang)'", response.get_data(as_text=True))


PATHOLOGICAL = [
    "(a+)+$" + "a" * 50 + "!",  # the classic catastrophic-backtracking pattern, as text
    "a" * 30000 + "!",
    ("(" * 5000) + "x" + (")" * 5000),
    ".*" * 2000,
    "\\" * 10000,
    '"' * 10000,
    "NEAR(" * 1000,
    "a OR b AND NOT c * " * 500,
    "\u00e4" * 10000,
    ",".join(["wort"] * 2000),
]


@pytest.mark.parametrize("pattern", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_search_and_filters_are_never_patterns(filled: tuple[Settings, Store, FlaskClient], pattern: str) -> None:
    """Pattern-looking input is words to search for (or a 400); it returns promptly, never a 500.

    The bound is generous (a catastrophic pattern would run for minutes, not seconds)."""
    _, _, client = filled
    for key in ("q", "topic", "source", "since", "before"):
        started = time.monotonic()
        response = client.get("/feeds/all.json", query_string={key: pattern})
        assert response.status_code in (200, 400), (key, response.get_data(as_text=True)[:200])
        assert time.monotonic() - started < 20, key


def test_no_user_input_reaches_a_regex_compiler() -> None:
    """No module a request reaches compiles a pattern from data: every re.compile / re.* call takes a literal.

    (Patterns from sources.yaml, in feeds/collect, are the operator's configuration, never a request's.)"""

    web = REPO / "feeds"
    offenders: list[Any] = []
    for module in (m for part in ("web", "store", "publish", "config") for m in (web / part).rglob("*.py")):
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1):
            for match in re.finditer(r"\bre\.(?:compile|search|match|fullmatch|findall|finditer|sub|split)\((\s*)(\S)",
                                     line):
                if match.group(2) not in {'r', '"', "'", "_"} and not match.group(2).isupper():
                    offenders.append(f"{module.relative_to(web.parent)}:{number}: {line.strip()}")
    assert offenders == [], "\n".join(offenders)
