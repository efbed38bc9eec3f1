"""What an operator relies on outside the code: the console script, the container, the docs."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from packaging.requirements import Requirement

from feeds import __version__
from feeds.cli import cli
from feeds.settings import describe
from tests.support.paths import REPO

ROOT = REPO


@pytest.mark.slow
def test_python_dash_m_and_version() -> None:
    result = subprocess.run([sys.executable, "-m", "feeds", "--version"], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"clusterfeeds, version {__version__}"


def test_settings_command_lists_every_setting() -> None:
    output = CliRunner().invoke(cli, ["settings"]).output
    for variable, default, _doc in describe():
        assert f"{variable}={default}" in output


def test_dockerfile_runs_the_main_job_as_non_root_with_a_healthcheck() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    instructions = {line.split()[0]: line for line in dockerfile.splitlines() if re.match(r"^[A-Z]+ ", line)}
    assert instructions["FROM"].endswith("-slim")
    assert instructions["CMD"] == 'CMD ["clusterfeeds", "run"]'
    assert instructions["EXPOSE"] == "EXPOSE 8080"
    assert instructions["USER"] != "USER root"
    assert "/healthz" in dockerfile.split("HEALTHCHECK", 1)[1]
    assert "pip install ." in dockerfile
    assert '"/data"' in instructions["VOLUME"]
    assert '"/config"' in instructions["VOLUME"]


def test_readme_quickstart_has_exactly_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text()
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quickstart, re.S)
    assert len(commands) == 2
    assert commands[0].strip().endswith("clusterfeeds run")
    test_command = shlex.split(commands[1].strip())
    ci = (ROOT / ".ci" / "run").read_text()
    assert f"exec {' '.join(test_command)}" in ci
    assert "CLUSTERFEEDS_TEST_DATABASE_URL=postgresql://" in ci


@pytest.mark.slow
def test_the_build_takes_an_spdx_license_and_bounded_build_requirements(tmp_path: Path) -> None:
    """`license = {text = ...}` stops building with setuptools in February 2027; the SPDX string is
    what PEP 639 asks for, and every build requirement has an upper bound (a new major cannot break it)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert pyproject["project"]["license"] == "MIT"
    for requirement in map(Requirement, pyproject["build-system"]["requires"]):
        operators = {spec.operator for spec in requirement.specifier}
        assert operators & {">=", ">", "~=", "=="}, requirement
        assert operators & {"<", "<=", "~=", "=="}, requirement
    # A real, isolated build with the declared requirements.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (wheel,) = tmp_path.glob("clusterfeeds-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"clusterfeeds-{__version__}.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in metadata.splitlines()
