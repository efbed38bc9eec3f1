"""docker-compose.yml, the Dockerfile and deploy/nginx.conf: no Docker engine (nor `docker compose`) here,
so check that every service runs a real command with valid options, that every mount lands on a
directory the image creates for its runtime user, and that the proxy points at the web services."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from feeds.cli import cli
from tests.support.paths import REPO

ROOT = REPO
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES: dict[str, Any] = COMPOSE["services"]
OURS = {name: service for name, service in SERVICES.items() if service.get("image") == "clusterfeeds:latest"}
WEB_COMMAND = ["clusterfeeds", "web"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def is_web(service: dict[str, Any]) -> bool:
    return bool(service["command"][:2] == WEB_COMMAND)


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_the_example_has_the_production_roles() -> None:
    commands = {name: service["command"] for name, service in OURS.items()}
    web = [name for name, command in commands.items() if command[:2] == WEB_COMMAND]
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
    assert command[0] == "clusterfeeds"
    result = CliRunner().invoke(cli, [*command[1:], "--help"])
    assert result.exit_code == 0, result.output
    if is_web(OURS[name]):  # the granian workers sum their metrics in a per-container tmpfs
        assert OURS[name]["environment"]["CLUSTERFEEDS_WEB_WORKERS"] == "2"
        assert OURS[name]["environment"]["PROMETHEUS_MULTIPROC_DIR"] in OURS[name]["tmpfs"]


def test_healthchecks_probe_what_each_role_serves() -> None:
    for service in OURS.values():
        if "healthcheck" not in service:
            continue
        probe = " ".join(service["healthcheck"]["test"])
        if is_web(service):
            assert f"{option(service['command'], '--port')}/readyz" in probe
        else:
            port = service["command"][service["command"].index("--metrics-port") + 1]
            assert f"{port}/metrics" in probe


def test_the_proxy_balances_over_the_web_services() -> None:
    config = (ROOT / "deploy" / "nginx.conf").read_text()
    upstream = re.search(r"upstream \w+ \{(.*?)\}", config, re.S)
    assert upstream is not None
    servers = re.findall(r"server ([\w-]+):(\d+)", upstream.group(1))
    web = {name for name, service in OURS.items() if is_web(service)}
    assert {name for name, _ in servers} == web
    for name, port in servers:
        assert option(OURS[name]["command"], "--port") == port
        assert option(OURS[name]["command"], "--host") == "0.0.0.0"
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


def mounts(service: dict[str, Any]) -> list[str]:
    """Where a service mounts volumes, bind mounts and tmpfs (compose short syntax: source:target[:mode])."""
    return [entry.split(":")[1] for entry in service.get("volumes", [])] + list(service.get("tmpfs", []))


def owned_directories(dockerfile: str) -> set[str]:
    """Directories the Dockerfile creates (mkdir -p) and hands to its USER (chown) in the same RUN,
    with its ARGs expanded."""
    arguments = dict(re.findall(r'^ARG (\w+)="([^"]*)"', dockerfile, re.M))
    user = re.search(r"^USER (\S+)", dockerfile, re.M)
    assert user is not None
    owned: set[str] = set()
    for run in re.findall(r"^RUN ((?:.*\\\n)*.*)", dockerfile, re.M):
        words = re.sub(r"\$(\w+)", lambda m: arguments.get(m.group(1), m.group(0)), run.replace("\\\n", " "))
        created: set[str] = set()
        for step in words.split("&&"):
            made = step.split()
            if made[:2] == ["mkdir", "-p"]:
                created = set(made[2:])
            elif made and made[0] == "chown" and made[1].split(":")[0] == user.group(1):
                owned |= created & set(made[2:])
    return owned


def test_every_mount_is_a_directory_the_image_creates_for_its_user() -> None:
    """Docker fills an empty named volume from the image's directory (ownership included) and makes a
    missing mount point as root: uid 10001 could then not write there (the published feeds were lost)."""
    owned = owned_directories(DOCKERFILE)
    assert re.search(r"useradd .*--uid 10001 .*clusterfeeds", DOCKERFILE)
    assert re.search(r"^USER clusterfeeds$", DOCKERFILE, re.M)
    mounted = {target for service in OURS.values() for target in mounts(service)}
    assert "/var/lib/clusterfeeds/published" in mounted
    assert mounted <= owned, f"mounted but not created and owned in the Dockerfile: {sorted(mounted - owned)}"
    declared = re.search(r"^VOLUME (.*)$", DOCKERFILE, re.M)
    assert declared is not None
    assert set(json.loads(declared.group(1))) <= owned
    for service in OURS.values():  # named volumes are declared at the top level
        for entry in service.get("volumes", []):
            source = entry.split(":")[0]
            assert source.startswith("./") or source in COMPOSE["volumes"], entry


def test_the_mount_check_sees_a_missing_or_unowned_directory() -> None:
    bare = DOCKERFILE.replace(" /var/lib/clusterfeeds/published", "")
    assert "/var/lib/clusterfeeds/published" in owned_directories(DOCKERFILE)
    assert "/var/lib/clusterfeeds/published" not in owned_directories(bare)
    root_owned = re.sub(r"chown clusterfeeds:clusterfeeds", "chown root", DOCKERFILE)
    assert owned_directories(root_owned) == set()


def test_the_build_context_leaves_out_local_state() -> None:
    ignored = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")]
    assert {".venv", "var/", "**/node_modules", ".git"} <= set(ignored)
