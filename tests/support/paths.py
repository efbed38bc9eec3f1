"""Where things are, for tests in any folder: the repository, its config, the test data and fixtures."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "config"  # the shipped config folder
TESTS = REPO / "tests"
DATA = TESTS / "data"  # labelled sets, vectors
FIXTURES = TESTS / "fixtures"  # fixture feeds and sites
