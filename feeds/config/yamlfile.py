"""YAML as the operator writes it: a key given twice in one mapping is an error, not a silent overwrite.

PyYAML keeps the last of two equal keys; in a long list file (countries.yaml's `cities`, a source with
two `url:` lines) that drops the first entry without a word. Here it stops the load and names the line.
"""

from __future__ import annotations

from typing import Any

import yaml


class DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: object, first: int, second: int):
        super().__init__(f"key {key!r} appears twice in one mapping (lines {first} and {second})")


class _StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if isinstance(key, str | int | float | bool) and key in seen:
                raise DuplicateKeyError(key, seen[key], line)
            if isinstance(key, str | int | float | bool):
                seen[key] = line
        return super().construct_mapping(node, deep)


def load(text: str) -> Any:
    """Parse one YAML document safely (no Python objects), refusing duplicate keys."""
    return yaml.load(text, Loader=_StrictLoader)
