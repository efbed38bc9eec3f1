"""Kooperation-International-style metadata blocks in item HTML -> structured fields.

Such a block (`Quelle:`, `Redaktion:`, `Länder / Organisationen:`, `Themen:`,
`Zum Nachlesen:`) can sit anywhere in an item's content, as `<p><strong>Label:</strong> …`,
as `<dt>Label:</dt><dd>…</dd>`, or as a table row. Values are split by *element* (each
link, list item or span is one value) and never by comma: "Bosnien und Herzegowina" and
"Wirtschaft, Märkte" are single values.

Fields (only those present are returned):
- `origin`: the `Quelle:` text, e.g. "Clusterplattform Deutschland"
- `editorial`: `{"date": "YYYY-MM-DD", "editor": name, "organisation": org}` from `Redaktion:`
- `countries`: the `Länder / Organisationen:` values
- `topics`: the `Themen:` values
- `read_more`: `[{"href": url, "title": text}]` from `Zum Nachlesen:`
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from feeds.model import ItemMetadata, item_metadata

LABELS = {
    "quelle": "origin",
    "redaktion": "editorial",
    "länder / organisationen": "countries",
    "länder/organisationen": "countries",
    "themen": "topics",
    "zum nachlesen": "read_more",
}
_LABEL_TAGS = "strong, b, dt, th, span, em, h3, h4, h5, div"
_VALUE_TAGS = ("a", "li", "span")
_EDITORIAL = re.compile(r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\s*(?:von\s+(?P<rest>.+))?", re.S)
_SPACE = re.compile(r"\s+")


def parse_metadata_block(html: str) -> ItemMetadata:
    """The metadata block fields found in `html` (empty when there is none)."""
    if not html or not any(label.split()[0] in html.lower() for label in LABELS):
        return {}
    tree = LexborHTMLParser(html)
    found: dict[str, Any] = {}
    for node in tree.css(_LABEL_TAGS):
        field = _field_of(node)
        if field is None or field in found:
            continue
        container = _value_container(node)
        if container is None:
            continue
        value = _value(field, node, container)
        if value:
            found[field] = value
    return item_metadata(found)


def _field_of(node: LexborNode) -> str | None:
    text = _text(node)
    own = text.rstrip(":").strip().lower()
    if own not in LABELS:
        return None
    # "Label:" inline, or a label by position: a definition term, a table header, or a section
    # heading such as Kooperation International's "Zum Nachlesen" (written without a colon).
    return LABELS[own] if text.endswith(":") or node.tag in ("dt", "th", "h3", "h4", "h5") else None


def _value_container(label: LexborNode) -> LexborNode | None:
    if label.tag in ("dt", "th"):
        sibling = label.next
        while sibling is not None and sibling.tag in ("-text", "-comment"):
            sibling = sibling.next
        return sibling
    return label.parent


def _value(field: str, label: LexborNode, container: LexborNode) -> Any:
    same_container = label.parent is not None and container.mem_id == label.parent.mem_id
    elements = [n for n in container.css(", ".join(_VALUE_TAGS)) if not _inside(n, label) and n.mem_id != label.mem_id]
    if field == "read_more":
        links = [n for n in elements if n.tag == "a" and n.attributes.get("href")]
        return [{"href": str(a.attributes["href"]).strip(), "title": _text(a) or None} for a in links]
    text = _text(container)
    if same_container:
        text = text[len(_text(label)):].strip() if text.startswith(_text(label)) else text
    if field == "origin":
        return text or None
    if field == "editorial":
        return _editorial(text)
    leaves = [n for n in elements if not any(_inside(m, n) for m in elements if m.mem_id != n.mem_id)]
    values = [_text(n).strip(" ,;") for n in leaves if n.tag in _VALUE_TAGS]
    values = [v for v in dict.fromkeys(values) if v]
    return values or ([text] if text else [])


def _editorial(text: str) -> dict[str, Any] | None:
    match = _EDITORIAL.search(text)
    if not match:
        return {"date": None, "editor": text or None, "organisation": None} if text else None
    try:
        day = date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat()
    except ValueError:
        day = None
    rest = (match.group("rest") or "").strip()
    editor, _, organisation = rest.partition(",")
    return {"date": day, "editor": editor.strip() or None, "organisation": organisation.strip() or None}


def _inside(node: LexborNode, ancestor: LexborNode) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.mem_id == ancestor.mem_id:
            return True
        parent = parent.parent
    return False


def _text(node: LexborNode) -> str:
    return _SPACE.sub(" ", node.text(separator=" ")).strip()


# A metadata block as plain text lines ("Länder / Organisationen: Polen, EU", "Themen: Innovation,
# Netzwerke"), as feeds and text exports carry it: each value is one raw text, which the tagger splits
# against the names it knows (a comma may stand inside a value: "Wirtschaft, Märkte").
_TEXT_LINE = re.compile(r"^[ \t*•-]*(länder\s*/\s*organisationen|themen)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$",
                        re.IGNORECASE | re.MULTILINE)


def metadata_lines(text: str) -> ItemMetadata:
    """`countries` and `topics` of a metadata block written as text lines (empty when there is none)."""
    found: ItemMetadata = {}
    if "themen" not in text.lower() and "länder" not in text.lower():
        return found
    for match in _TEXT_LINE.finditer(text):
        if "/" in match.group(1):
            found.setdefault("countries", []).append(match.group(2))
        else:
            found.setdefault("topics", []).append(match.group(2))
    return found
