"""Reference text generated from the code, for `clusterfeeds settings --markdown` and the docs site.

The docs build (`docs/hooks.py`) writes these into pages, so the settings table and the command
reference cannot drift from `feeds/settings.py` and the click commands.
"""

from __future__ import annotations

import click

from feeds.settings import describe


def settings_markdown() -> str:
    """Every setting as a Markdown table: environment variable, default, meaning."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for variable, default, doc in describe():
        shown = f"`{default}`" if default else "(empty)"
        lines.append(f"| `{variable}` | {shown} | {doc.replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def commands_markdown(group: click.Group, prog_name: str = "clusterfeeds") -> str:
    """One section per command (sub-commands included), each with the text its `--help` prints."""
    # a fixed width, not the terminal's: the page is the same wherever it is built
    root = click.Context(group, info_name=prog_name, terminal_width=80, max_content_width=80,
                         **group.context_settings)
    sections = [_section(root)]
    sections.extend(_section(context) for context in _descendants(root))
    return "\n".join(sections)


def _descendants(parent: click.Context) -> list[click.Context]:
    command = parent.command
    if not isinstance(command, click.Group):
        return []
    found = []
    for name in sorted(command.list_commands(parent)):
        child = command.get_command(parent, name)
        if child is None or child.hidden:
            continue
        context = click.Context(child, info_name=name, parent=parent, **child.context_settings)
        found.append(context)
        found.extend(_descendants(context))
    return found


def _section(context: click.Context) -> str:
    heading = "#" * max(2, 1 + context.command_path.count(" "))  # `clusterfeeds db upgrade` under `db`
    summary = context.command.get_short_help_str(limit=200)
    help_text = context.command.get_help(context)
    return f"{heading} `{context.command_path}`\n\n{summary}\n\n```text\n{help_text}\n```\n"
