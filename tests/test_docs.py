"""The documentation: the README stays a short front door whose links work, the MkDocs site builds with
`--strict` (every page in the nav, every link and anchor resolving), and the generated references list
every setting, command and API path of the code."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from feeds.cli import cli
from feeds.cli.reference import commands_markdown
from feeds.settings import ENV_PREFIX, Settings

ROOT = Path(__file__).parent.parent
README = ROOT / "README.md"
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def _anchors(markdown: str) -> set[str]:
    """The ids MkDocs' toc extension gives the headings of a page (its default slugify)."""
    anchors = set()
    for heading in re.findall(r"^#{1,6} (.+)$", markdown, re.M):
        text = re.sub(r"[^\w\s-]", "", heading.replace("`", "")).strip().lower()
        anchors.add(re.sub(r"[-\s]+", "-", text))
    return anchors


def _command_paths(group: object, prefix: str) -> list[str]:
    paths = []
    for name, command in getattr(group, "commands", {}).items():
        if not command.hidden:
            paths.append(f"{prefix} {name}")
            paths.extend(_command_paths(command, f"{prefix} {name}"))
    return paths


def test_the_readme_is_a_short_front_door() -> None:
    assert README.stat().st_size < 10 * 1024, "README.md: what, how to start, where to read; detail goes to docs/"


def test_every_link_of_the_readme_points_to_a_file_and_heading_that_exist() -> None:
    targets = [t for t in MARKDOWN_LINK.findall(README.read_text()) if not re.match(r"[a-z]+:", t)]
    assert targets, "the README links to the docs"
    for target in targets:
        path, _, anchor = target.partition("#")
        linked = (README.parent / path).resolve()
        assert linked.exists(), f"README links to {target}, which does not exist"
        if anchor:
            assert linked.suffix == ".md", target
            assert anchor in _anchors(linked.read_text()), f"README links to {target}: no such heading"


def test_settings_markdown_lists_every_setting_with_its_default() -> None:
    result = CliRunner().invoke(cli, ["settings", "--markdown"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| `")]
    listed = {re.match(r"\| `([A-Z_]+)` \| ([^|]+) \|", row).groups() for row in rows}  # type: ignore[union-attr]
    expected = set()
    for spec in dataclasses.fields(Settings):
        default = ",".join(spec.default) if isinstance(spec.default, tuple) else str(spec.default)
        expected.add((ENV_PREFIX + spec.name.upper(), f"`{default}`" if default else "(empty)"))
    assert listed == expected
    assert all(row.count(" | ") == 2 and row.rstrip().endswith("|") and len(row.split("|")[3].strip()) > 3
               for row in rows), "every setting has a meaning, and none breaks the table"


def test_the_command_reference_has_every_command_with_its_help() -> None:
    reference = commands_markdown(cli)
    paths = _command_paths(cli, "clusterfeeds")
    assert {"clusterfeeds run", "clusterfeeds db upgrade", "clusterfeeds eval tags"} <= set(paths)
    for path in paths:
        assert re.search(rf"^#+ `{path}`$", reference, re.M), f"{path} is missing from the command reference"
        assert f"Usage: {path} [OPTIONS]" in reference
    assert "--metrics-port INTEGER" in reference  # options, as --help prints them
    assert "-h, --help" in reference  # the group's context settings, as on the command line


@pytest.mark.slow
def test_the_docs_site_builds_strictly_with_generated_references_and_no_cdn(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-4000:]

    settings_page = (site / "reference" / "settings" / "index.html").read_text()
    for spec in dataclasses.fields(Settings):
        assert ENV_PREFIX + spec.name.upper() in settings_page
    cli_page = (site / "reference" / "cli" / "index.html").read_text()
    for path in _command_paths(cli, "clusterfeeds"):
        assert f"Usage: {path} [OPTIONS]" in cli_page
    openapi_page = (site / "reference" / "openapi" / "index.html").read_text()
    spec = yaml.safe_load((ROOT / "feeds" / "web" / "openapi.yaml").read_text())
    for route, methods in spec["paths"].items():
        for method in methods:
            assert f"{method.upper()} {route}" in openapi_page

    # Readable offline: no page loads a script, stylesheet or font from another host.
    for page in site.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r"<(script|link|img)\b[^>]*\b(src|href)=\"(https?:)?//", html), page
        assert "fonts.googleapis" not in html, page
    assert not (site / "hooks.py").exists()


def _docs_text(include_readme: bool = True) -> str:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    return "\n".join(page.read_text() for page in pages) + (README.read_text() if include_readme else "")


def test_every_setting_the_docs_name_exists() -> None:
    """Prose names settings too (`CLUSTERFEEDS_CACHE_URL`, `http_rate_per_host`): a renamed or removed
    setting must not live on in the docs."""
    known = {spec.name for spec in dataclasses.fields(Settings)}
    text = _docs_text()
    named = set(re.findall(r"CLUSTERFEEDS_([A-Z0-9_]+)", text)) - {"TEST_DATABASE_URL"}  # the tests' own variable
    named = {name for name in named if not name.startswith("BENCH_")}  # and the benchmarks' (bench/)
    assert named, "the docs name settings"
    assert {name.lower() for name in named} <= known
    sources_page = (ROOT / "docs" / "sources.md").read_text()
    table = sources_page.split("## Politeness and robustness", 1)[1]
    assert set(re.findall(r"^\| `([a-z_]+)`", table, re.M)) | set(re.findall(r", `([a-z_]+)`", table)) <= known


def test_every_command_the_docs_name_exists() -> None:
    text = _docs_text(include_readme=False)  # the README may announce a command another branch brings
    named = {*re.findall(r"`clusterfeeds ([a-z][a-z-]*)", text), *re.findall(r"^clusterfeeds ([a-z-]+)", text, re.M)}
    assert {"run", "web", "scheduler"} <= named
    assert named <= set(cli.commands), named - set(cli.commands)


def test_the_metrics_page_names_exactly_the_metrics_of_the_code() -> None:
    from prometheus_client.metrics import MetricWrapperBase

    from feeds import metrics

    defined = {value._name for value in vars(metrics).values() if isinstance(value, MetricWrapperBase)}
    page = (ROOT / "docs" / "operations" / "monitoring.md").read_text()
    documented = {name.removesuffix("_total") for name in re.findall(r"`(clusterfeeds_[a-z_]+)", page)}
    assert defined
    assert documented == defined


FEED_SUFFIXES = (".atom", ".rss", ".json", ".gz")  # `feeds/topics/innovation.atom` is a URL path, not a file
OUTSIDE_THE_TREE = {"bench/results/latest.json",  # written by bench/run
                    "shared/tagging-guide.md"}  # the project's shared folder, beside the repository


def _exists(mention: str) -> bool:
    path = mention.split("::")[0]  # tests/test_x.py::test_y
    if "*" in path:
        return bool(list(ROOT.glob(path)))
    module = re.sub(r"\.\w+$", ".py", path)  # feeds/web/http.accepts_gzip
    return (ROOT / path).exists() or (ROOT / module).exists()


def test_every_file_the_docs_name_exists() -> None:
    """`feeds/store/queries.py`, `tests/test_outage.py::test_x`, `feeds/web/http.accepts_gzip`: a moved or
    renamed module must take its mentions in the docs along."""
    named = set(re.findall(r"`((?:feeds|tests|bench|scripts|deploy|config|docs)/[^`\s<]*)`", _docs_text()))
    assert len(named) > 50
    checked = {m for m in named - OUTSIDE_THE_TREE if not m.endswith(FEED_SUFFIXES)}
    missing = sorted(mention for mention in checked if not _exists(mention))
    assert not missing, f"the docs name files that do not exist: {missing}"


def test_every_python_target_the_docs_name_imports() -> None:
    """`gunicorn "feeds.web:create_app()"`, `python -m bench.bench_ingest`: what an operator types must run."""
    import importlib
    import importlib.util

    text = _docs_text()
    targets = set(re.findall(r"\b(feeds(?:\.\w+)+):(\w+)", text))
    assert targets
    for module, attribute in targets:
        assert callable(getattr(importlib.import_module(module), attribute)), f"{module}:{attribute}"
    for module in set(re.findall(r"python -m ([\w.]+)", text)):
        assert importlib.util.find_spec(module) is not None, f"python -m {module}"


def test_getting_started_gives_the_readmes_quickstart_commands() -> None:
    quickstart = README.read_text().split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quickstart, re.S)
    page = (ROOT / "docs" / "getting-started.md").read_text()
    assert len(commands) == 2
    assert all(f"```sh\n{command}\n```" in page for command in commands)
