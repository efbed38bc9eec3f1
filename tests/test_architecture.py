"""The house rules a reader cannot see in one file: imports run one way and never in a circle, the
database is reached only through `Store`, and the processes that need no web app never load Flask."""

from __future__ import annotations

import ast
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.configs import write_sources
from tests.support.httpserver import Route, serving
from tests.support.processes import wait_for

PACKAGE = Path(__file__).resolve().parent.parent / "feeds"

# The stages in data-flow order: a module may import its own part and any part of a lower layer.
LAYERS: dict[str, int] = {"settings": 0, "model": 0, "config": 1, "collect": 2, "process": 3, "store": 4,
                          "publish": 5, "web": 6}
WIRING = {"runner", "scheduler", "outage", "cli", "wsgi", "__main__"}  # may import everything
OBSERVING = {"metrics", "logs"}  # import settings only; imported by the web and the wiring only
ANYONE = {"feeds"}  # the package itself: __version__


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> Iterator[tuple[str, int]]:
    """(module of ours, line) for every import in `path` that runs, deferred ones (inside functions)
    included; those under `if TYPE_CHECKING:` never run and are left out. `from package import
    submodule` counts as importing the submodule."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
                   for statement in node.body for inner in ast.walk(statement)}
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "feeds":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "feeds":
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield (submodule if submodule in known else base), node.lineno


def part(module: str) -> str:
    """The top-level part of the package a module belongs to: 'store', 'web', 'runner', 'feeds'…"""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "feeds"


def allowed(importer: str, imported: str) -> bool:
    source, target = part(importer), part(imported)
    if source == target or target in ANYONE or source in WIRING:
        return True
    if source in OBSERVING:
        return target == "settings"
    if target in OBSERVING:
        return source == "web"
    if target in WIRING:
        return False
    return source in LAYERS and target in LAYERS and LAYERS[target] < LAYERS[source]


def import_graph() -> dict[str, dict[str, int]]:
    found = modules()
    known = set(found)
    graph: dict[str, dict[str, int]] = {}
    for name, path in found.items():
        edges: dict[str, int] = {}
        for target, line in imports_of(name, path, known):
            if target != name:
                edges.setdefault(target, line)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, {}):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_walk_sees_deferred_imports_and_skips_typing_only_ones(tmp_path: Path) -> None:
    sample = tmp_path / "feeds" / "web" / "sample.py"
    sample.parent.mkdir(parents=True)
    sample.write_text("from typing import TYPE_CHECKING\nfrom feeds.web import context\n"
                      "if TYPE_CHECKING:\n    from feeds.runner import SourceRun\n"
                      "def later():\n    from feeds.scheduler import beat\n    from . import http\n")
    known = {"feeds.web.context", "feeds.web.http"}
    found = dict(imports_of("feeds.web.sample", sample, known))
    assert found == {"feeds.web.context": 2, "feeds.scheduler": 6, "feeds.web.http": 7}
    graph = {"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert not allowed("feeds.store.items", "feeds.publish.documents")
    assert not allowed("feeds.web.admin", "feeds.scheduler")
    assert allowed("feeds.web.feeds", "feeds.store.queries")


def test_no_import_cycle_in_the_package() -> None:
    assert cycles(import_graph()) == []


def test_no_stage_imports_a_stage_downstream_or_the_wiring() -> None:
    upward = [f"{importer} -> {imported} (line {line})"
              for importer, edges in import_graph().items() for imported, line in edges.items()
              if not allowed(importer, imported)]
    assert upward == []


def test_only_the_store_reaches_the_engine() -> None:
    reached = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if (PACKAGE / "store") in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.engine\b|\._engine\b|feeds\.store\.testing", line):
                reached.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert reached == []


def test_store_modules_share_no_private_helper() -> None:
    """What two store modules share is public in one of them (changes.py, editorial.py, schema.py, db.py)."""
    borrowed = []
    for path in sorted((PACKAGE / "store").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("feeds."):
                borrowed += [f"{path.name}:{node.lineno}: {node.module}.{alias.name}" for alias in node.names
                             if alias.name.startswith("_")]
    assert borrowed == []


FEED = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        b"<link>https://news.example/</link><description>d</description><item><title>Cluster managers meet"
        b"</title><link>https://news.example/vilnius</link><guid>https://news.example/vilnius</guid>"
        b"<pubDate>Tue, 3 Mar 2026 10:00:00 +0100</pubDate><description>Cluster managers from Lithuania met in"
        b" Vilnius.</description></item></channel></rss>")

# Run `clusterfeeds scheduler` as the console script does; say at exit which web modules were loaded.
SCHEDULER = ("import atexit, sys\n"
             "atexit.register(lambda: print('loaded:', sorted(m for m in ('flask', 'jinja2', 'werkzeug', "
             "'feeds.web') if m in sys.modules), flush=True))\n"
             "from feeds.cli import main\n"
             "sys.argv = ['clusterfeeds', 'scheduler']\n"
             "main()\n")


def test_the_scheduler_collects_and_publishes_static_feeds_without_flask(tmp_path: Path, database_url: str,
                                                                          config_dir: Path) -> None:
    publish_dir = tmp_path / "published"
    with serving({"/news.rss": Route(FEED, content_type="application/rss+xml")}) as site:
        write_sources(config_dir, [{"id": "news", "name": "News", "kind": "feed", "url": site.url("/news.rss"),
                                    "interval": 3600}])
        environment = {**os.environ, "CLUSTERFEEDS_DATABASE_URL": database_url,
                       "CLUSTERFEEDS_CONFIG_DIR": str(config_dir), "CLUSTERFEEDS_PUBLISH_DIR": str(publish_dir),
                       "CLUSTERFEEDS_ALLOW_PRIVATE_NETWORKS": "1", "CLUSTERFEEDS_BASE_URL": "http://feeds.test"}
        process = subprocess.Popen([sys.executable, "-c", SCHEDULER], env=environment, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        try:
            published = wait_for(lambda: (publish_dir / "opml").is_file() or process.poll() is not None, 60)
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=60)
        finally:
            process.kill()
    assert published, err
    assert process.returncode == 0, err
    assert "Cluster managers meet" in (publish_dir / "feeds" / "all.atom").read_text(encoding="utf-8")
    assert (publish_dir / "feeds" / "sources" / "news.json").is_file()
    assert "loaded: []" in out, out


@pytest.mark.parametrize("module", ["feeds.runner", "feeds.scheduler", "feeds.publish.static", "feeds.cli"])
def test_the_collecting_side_imports_no_web_module(module: str) -> None:
    code = (f"import sys, {module}\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'jinja2') or m == 'feeds.web'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
