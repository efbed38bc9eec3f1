"""Reading stored items for re-tagging, and writing their new tags back.

After a taxonomy change the wiring reads items batch by batch (keyset pagination by id,
so memory stays flat over 100,000 stories), tags them with the process stage, and hands
the tags back here. Each batch is one transaction that also refreshes the tags of the
affected stories, so an interrupted retag leaves every story consistent.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, bindparam, func, select, update

from feeds.model import ItemMetadata, Tag, item_metadata
from feeds.store import db
from feeds.store.repository import _bump_version, _refresh_story_tags
from feeds.store.schema import items


@dataclass(frozen=True)
class StoredItem:
    """What the tagger needs of a stored item."""

    id: int
    story_id: int
    title: str
    content_html: str
    summary: str
    language: str | None
    categories: tuple[str, ...] = ()
    metadata: ItemMetadata = field(default_factory=ItemMetadata)


def count_items(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(items)).scalar_one())


def stored_items(engine: Engine, batch_size: int = 500) -> Iterator[list[StoredItem]]:
    """Every stored item, in batches of `batch_size`, in id order."""
    last_id = 0
    query = (select(items.c.id, items.c.story_id, items.c.title, items.c.content_html, items.c.summary,
                    items.c.language, items.c.categories, items.c.item_metadata)
             .where(items.c.id > bindparam("last_id")).order_by(items.c.id).limit(batch_size))
    while True:
        with engine.connect() as connection:
            rows = connection.execute(query, {"last_id": last_id}).all()
        if not rows:
            return
        yield [StoredItem(row.id, row.story_id, row.title, row.content_html, row.summary, row.language,
                          tuple(row.categories or ()), item_metadata(row.item_metadata or {}))
               for row in rows]
        last_id = rows[-1].id


def save_item_tags(engine: Engine, tagged: Sequence[tuple[StoredItem, Sequence[Tag]]]) -> int:
    """Store new tags of items and refresh their stories' tags, in one transaction.

    Returns how many items' tags changed; stories are refreshed (and the published-content
    version bumped) only when something changed.
    """
    if not tagged:
        return 0
    ids = [item.id for item, _ in tagged]
    with db.writing(engine) as connection:
        current = {row.id: row.tags or [] for row in connection.execute(
            select(items.c.id, items.c.tags).where(items.c.id.in_(ids)))}
        changed: list[dict[str, Any]] = []
        stories: set[int] = set()
        for item, tags in tagged:
            values = [[tag.kind, tag.code, tag.confidence, tag.provenance] for tag in tags]
            if [list(value) for value in current.get(item.id, [])] != values:
                changed.append({"item_id": item.id, "new_tags": values})
                stories.add(item.story_id)
        if changed:
            connection.execute(update(items).where(items.c.id == bindparam("item_id"))
                               .values(tags=bindparam("new_tags")), changed)
            _refresh_story_tags(connection, sorted(stories))
            _bump_version(connection)
    return len(changed)
