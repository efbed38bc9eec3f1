"""The tests' own house rules (DEVELOPERS.md, Tests): shared fixtures live in conftest.py, shared
helpers in tests/support/, and no test module imports another test module (or conftest.py) — also
not in code it hands to a subprocess."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from tests.support.paths import REPO, TESTS

# Any `tests....` module whose last part is a test module or conftest.
FORBIDDEN = re.compile(r"^tests(\.\w+)*\.(test_\w+|conftest)$")
IMPORT_IN_TEXT = re.compile(r"\b(?:from\s+(tests(?:\.\w+)+)\s+import|import\s+(tests(?:\.\w+)+))")


def python_files() -> list[Path]:
    """The tests' modules, and the benchmarks' and scripts' (they borrow test helpers too)."""
    here = Path(__file__).resolve()  # its examples below are strings that look like imports
    return sorted(path for folder in (TESTS, REPO / "bench", REPO / "scripts") for path in folder.rglob("*.py")
                  if "node_modules" not in path.parts and path.resolve() != here)


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import in `path`, also in string constants (code run by `python -c`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for match in IMPORT_IN_TEXT.finditer(node.value):
                yield node.lineno, match.group(1) or match.group(2)


def test_no_module_imports_a_test_module_or_conftest() -> None:
    found = [f"{path.relative_to(REPO)}:{line}: {module}"
             for path in python_files() for line, module in imported_modules(path) if FORBIDDEN.match(module)]
    assert found == [], "move shared helpers to tests/support/ and fixtures to tests/conftest.py:\n" + "\n".join(found)


def test_the_check_sees_every_kind_of_import(tmp_path: Path) -> None:
    module = tmp_path / "test_example.py"
    module.write_text("from tests.web.test_feeds import parse\nimport tests.test_web\nfrom tests import conftest\n"
                      "from tests.support.filled import NOW\n"
                      "PROGRAM = 'import sys; from tests.web.test_cache import news_item; print(1)'\n")
    flagged = [module for _, module in imported_modules(module) if FORBIDDEN.match(module)]
    assert flagged == ["tests.web.test_feeds", "tests.test_web", "tests.conftest", "tests.web.test_cache"]


def test_test_modules_live_in_package_folders() -> None:
    """Every folder holding test modules is a package, so that two folders may each have a test_cli.py."""
    for path in python_files():
        if path.name.startswith("test_") and "fixtures" not in path.parts:
            assert (path.parent / "__init__.py").exists(), f"{path.parent} needs an __init__.py"
