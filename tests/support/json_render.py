"""The JSON Feed rendering of items as it was until 2026-12-05: each item a dictionary, the document written by
the json module. Kept as the reference the item text feeds/publish/render.py writes directly must equal
(tests/publish/test_json_text.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from feeds.model import Entry
from feeds.publish.render import FeedMeta, _categories
from feeds.publish.safety import distinct_related, outbound_url, safe_entry, xml_safe


def render_json_reference(meta: FeedMeta, entries: Sequence[Entry]) -> bytes:
    """The JSON Feed bytes of `entries` as the json module writes the dictionaries (render.render's body)."""
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": xml_safe(meta.title),
        "home_page_url": outbound_url(meta.home_url),
        "feed_url": outbound_url(meta.self_url),
        "description": xml_safe(meta.description),
    }
    if meta.next_url:
        document["next_url"] = meta.next_url
    if meta.language:
        document["language"] = meta.language
    if meta.hub_url:
        document["hubs"] = [{"type": "WebSub", "url": meta.hub_url}]
    document["items"] = [_json_item(meta, safe_entry(entry)) for entry in entries]
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _json_item(meta: FeedMeta, entry: Entry) -> dict[str, Any]:
    categories = _categories(meta, entry)
    item: dict[str, Any] = {"id": entry.entry_id}
    if entry.link:
        item["url"] = entry.link
    item.update({
        "title": entry.title,
        "content_html": entry.content_html,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
    })
    if entry.language:
        item["language"] = entry.language
    if entry.author:
        item["authors"] = [{"name": entry.author}]
        item["author"] = {"name": entry.author}  # JSON Feed 1.0's field, which 1.1 keeps for older readers
    if entry.image_url:
        item["image"] = entry.image_url
    if categories:
        item["tags"] = [category["label"] for category in categories]
    item["_clusterfeeds"] = {
        "source": {"id": entry.source_id, "name": entry.source_name},
        "related": [{"url": r.href, "title": r.title or "", "language": r.hreflang}
                    for r in distinct_related(entry)],
        "categories": categories,
    }
    return item
