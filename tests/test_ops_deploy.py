"""docker-compose.yml and deploy/nginx.conf: no Docker engine here, so check that every service runs a
real command with valid options, and that the proxy points at the web services."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from gunicorn.config import Config

from feeds.cli import cli

ROOT = Path(__file__).parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
OURS = {name: service for name, service in SERVICES.items() if service.get("image") == "clusterfeeds:latest"}


def test_the_example_has_the_production_roles() -> None:
    commands = {name: service["command"] for name, service in OURS.items()}
    web = [name for name, command in commands.items() if command[0] == "gunicorn"]
    schedulers = [name for name, command in commands.items() if command[:2] == ["clusterfeeds", "scheduler"]]
    assert len(web) == 2
    assert len(schedulers) == 2  # the active one and the standby
    assert SERVICES["postgres"]["image"].startswith("postgres:")
    for name in [*web, *schedulers]:
        database = OURS[name]["environment"]["CLUSTERFEEDS_DATABASE_URL"]
        assert database.startswith("postgresql://")
        assert "@postgres:5432/" in database
        assert OURS[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


@pytest.mark.parametrize("name", sorted(OURS))
def test_every_command_is_a_real_invocation(name: str) -> None:
    command = OURS[name]["command"]
    if command[0] == "clusterfeeds":
        result = CliRunner().invoke(cli, [*command[1:], "--help"])
        assert result.exit_code == 0, result.output
        return
    assert command[0] == "gunicorn"
    parsed = Config().parser().parse_args(command[1:])  # exits on an unknown option
    assert parsed.args == ["feeds.web:create_app()"]  # the app tests/test_scaleout.py runs
    assert parsed.workers == 2
    assert OURS[name]["environment"]["PROMETHEUS_MULTIPROC_DIR"] in OURS[name]["tmpfs"]


def test_healthchecks_probe_what_each_role_serves() -> None:
    for service in OURS.values():
        if "healthcheck" not in service:
            continue
        probe = " ".join(service["healthcheck"]["test"])
        if service["command"][0] == "gunicorn":
            assert "8080/readyz" in probe
        else:
            port = service["command"][service["command"].index("--metrics-port") + 1]
            assert f"{port}/metrics" in probe


def test_the_proxy_balances_over_the_web_services() -> None:
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = re.search(r"upstream \w+ \{(.*?)\}", config, re.S)
    assert upstream is not None
    servers = re.findall(r"server ([\w-]+):(\d+)", upstream.group(1))
    web = {name for name, service in OURS.items() if service["command"][0] == "gunicorn"}
    assert {name for name, _ in servers} == web
    for _, port in servers:
        bind = OURS[next(iter(web))]["command"]
        assert f"0.0.0.0:{port}" in shlex.join(bind)
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in SERVICES["proxy"]["volumes"]


def test_schedulers_publish_where_nginx_serves_from() -> None:
    nginx_root = re.search(r"^\s*root\s+([^;]+);", (ROOT / "deploy" / "nginx.conf").read_text(), re.M)
    assert nginx_root is not None
    schedulers = [s for s in OURS.values() if s["command"][:2] == ["clusterfeeds", "scheduler"]]
    for scheduler in schedulers:
        publish_dir = scheduler["environment"]["CLUSTERFEEDS_PUBLISH_DIR"]
        assert publish_dir == nginx_root.group(1).strip()
        assert f"published:{publish_dir}" in scheduler["volumes"]
    assert f"published:{nginx_root.group(1).strip()}:ro" in SERVICES["proxy"]["volumes"]
    assert "published" in COMPOSE["volumes"]
