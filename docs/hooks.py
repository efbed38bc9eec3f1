"""MkDocs hook: the reference pages are generated from the code at every build, never checked in.

- `reference/settings.md` from `feeds/settings.py` (the table `clusterfeeds settings --markdown` prints),
- `reference/cli.md` from the click commands (each command's `--help`),
- `reference/openapi.md` from `feeds/web/openapi.yaml` (rendered here, so no script or CDN at view time).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from feeds.cli import cli
from feeds.cli.reference import commands_markdown, settings_markdown

SETTINGS_INTRO = """# Settings reference

Every setting is read from the environment as `CLUSTERFEEDS_<NAME>` and has the default below; `--config-dir`
and `--database-url` given on the command line override the environment. A value that cannot be parsed stops
the command with exit code 2 and names the variable. This page is generated from `feeds/settings.py` at every
docs build; `clusterfeeds settings` prints the same (`--markdown` for this table).

"""

CLI_INTRO = """# Command reference

Generated at every docs build from the commands themselves: each section is what `--help` prints.
`python -m feeds …` is the same as `clusterfeeds …`. Global options go before the command
(`clusterfeeds --database-url postgresql://… sources`). Exit codes: 0 done; 2 a configuration or usage
error (the message names the file, entry and key, or the option); 1 any other failure, such as a database
that cannot be opened.

"""

OPENAPI_INTRO = """# OpenAPI description

The public HTTP interface as `feeds/web/openapi.yaml` (OpenAPI 3.1) describes it; a running service serves
the same document at `/openapi.json`. `tests/web/test_openapi.py` validates it and checks that every public
route is described. This page is generated from the file at every docs build. The prose guide is
[Feeds API](../feeds-api.md).

"""


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    pages = {
        "reference/settings.md": SETTINGS_INTRO + settings_markdown(),
        "reference/cli.md": CLI_INTRO + commands_markdown(cli),
        "reference/openapi.md": OPENAPI_INTRO + openapi_markdown(root / "feeds" / "web" / "openapi.yaml"),
    }
    for src_uri, content in pages.items():
        files.append(File.generated(config, src_uri, content=content))
    return files


def openapi_markdown(path: Path) -> str:
    """Every operation with its parameters and responses, then the document itself."""
    text = path.read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    out = [spec["info"].get("summary", ""), "", spec["info"].get("description", "").strip(), ""]
    for route, methods in spec["paths"].items():
        for method, operation in methods.items():
            out += _operation(spec, route, method, operation)
    out += ["## The document", "", "```yaml", text.rstrip(), "```", ""]
    return "\n".join(out)


def _operation(spec: dict[str, Any], route: str, method: str, operation: dict[str, Any]) -> list[str]:
    out = [f"## `{method.upper()} {route}`", "", operation.get("summary", ""), ""]
    parameters = [_resolve(spec, p) for p in operation.get("parameters", [])]
    if parameters:
        out += ["| parameter | in | schema | meaning |", "|---|---|---|---|"]
        for parameter in parameters:
            required = " (required)" if parameter.get("required") else ""
            schema = _schema(parameter.get("schema", {}))
            description = _cell(parameter.get("description", ""))
            out.append(f"| `{parameter['name']}`{required} | {parameter['in']} | {schema} | {description} |")
        out.append("")
    out += ["| status | meaning | content |", "|---|---|---|"]
    for status, response in operation.get("responses", {}).items():
        response = _resolve(spec, response)
        types = ", ".join(f"`{kind}`" for kind in response.get("content", {})) or "–"
        out.append(f"| {status} | {_cell(response.get('description', ''))} | {types} |")
    return [*out, ""]


def _schema(schema: dict[str, Any]) -> str:
    """`string`, `string`: one of `atom`, `rss`; `integer` 1–500; examples after the type."""
    text = f"`{schema.get('type', 'any')}`"
    if "enum" in schema:
        text += ": one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if "minimum" in schema or "maximum" in schema:
        text += f" {schema.get('minimum', '')}–{schema.get('maximum', '')}"
    if schema.get("examples"):
        text += ", e.g. " + ", ".join(f"`{example}`" for example in schema["examples"])
    return text


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    reference = node.get("$ref")
    if reference is None:
        return node
    target: Any = spec
    for part in reference.removeprefix("#/").split("/"):
        target = target[part]
    return dict(target)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "/")
