"""What automation respects of an editor's corrections (the corrections themselves: corrections.py).

Whenever the store recomputes something an editor corrected, it asks here: tag corrections are
replayed over freshly computed story tags (`replay_tags`, called by `changes.refresh_story_tags`
after collects, retags, prunes and undos); story assignment keeps a pinned primary
(`pinned_primaries`), never joins items an editor split apart (`mergeable`, `stories_with_partners`)
and keeps a hidden story hidden when it absorbs others (`hide_if_any_hidden`). Only reads and
writes of rows; nothing here imports another store module but the schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, delete, insert, or_, select, update

from feeds.store.schema import corrections, items, never_merge, stories, story_tags

TAG_ACTIONS = ("add_tag", "remove_tag")
EDITOR_PROVENANCE = "editor"  # story_tags.provenance of a tag an editor added
EDITOR_CONFIDENCE = 1.0
_CHUNK = 500



def replay_tags(connection: Connection, story_ids: Sequence[int]) -> None:
    """Apply the active tag corrections of `story_ids` (and of stories merged into them) to their
    freshly computed `story_tags`: for each tag, the editor's last word holds."""
    for start in range(0, len(story_ids), _CHUNK):
        chunk = list(story_ids[start:start + _CHUNK])
        aliases = dict(connection.execute(select(stories.c.id, stories.c.alias_of).where(stories.c.alias_of.in_(chunk))
                                          ).all())
        rows = connection.execute(select(corrections.c.story_id, corrections.c.action, corrections.c.kind,
                                         corrections.c.code)
                                  .where(corrections.c.action.in_(TAG_ACTIONS), corrections.c.undone_at.is_(None),
                                         corrections.c.story_id.in_(chunk + list(aliases)))
                                  .order_by(corrections.c.id)).all()
        last: dict[tuple[int, str, str], str] = {}
        for row in rows:
            last[(aliases.get(row.story_id, row.story_id), row.kind, row.code)] = row.action
        for (story_id, kind, code), action in last.items():
            connection.execute(delete(story_tags).where(story_tags.c.story_id == story_id, story_tags.c.kind == kind,
                                                        story_tags.c.code == code))
            if action == "add_tag":  # with the story's published_at, as every tag row (changes.refresh_story_tags)
                published = select(stories.c.published_at).where(stories.c.id == story_id).scalar_subquery()
                connection.execute(insert(story_tags).values(
                    story_id=story_id, kind=kind, code=code, confidence=EDITOR_CONFIDENCE,
                    provenance=EDITOR_PROVENANCE, published_at=published))


def pinned_primaries(connection: Connection, story_ids: Sequence[int]) -> dict[int, int]:
    """story id -> the item an editor last pinned as its primary, for those of `story_ids` whose pinned
    item is still one of their items."""
    pinned: dict[int, int] = {}
    for start in range(0, len(story_ids), _CHUNK):
        chunk = list(story_ids[start:start + _CHUNK])
        for story_id, item_id in connection.execute(
                select(corrections.c.story_id, corrections.c.item_id)
                .join(items, items.c.id == corrections.c.item_id)
                .where(corrections.c.story_id.in_(chunk), corrections.c.action == "pin",
                       corrections.c.undone_at.is_(None), items.c.story_id == corrections.c.story_id)
                .order_by(corrections.c.id)):
            pinned[story_id] = item_id  # the last pin holds
    return pinned


def forbidden_partners(connection: Connection, item_ids: Iterable[int]) -> set[int]:
    """Items an editor split apart from any of `item_ids`."""
    wanted = sorted(set(item_ids))
    found: set[int] = set()
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        for a, b in connection.execute(select(never_merge.c.item_id, never_merge.c.other_item_id).where(
                or_(never_merge.c.item_id.in_(chunk), never_merge.c.other_item_id.in_(chunk)))):
            if a in chunk:
                found.add(b)
            if b in chunk:
                found.add(a)
    return found


def stories_with_partners(connection: Connection, item_id: int) -> set[int]:
    """Stories holding an item split apart from `item_id`: candidates it must not be matched with."""
    partners = forbidden_partners(connection, [item_id]) - {item_id}
    if not partners:
        return set()
    return set(connection.execute(select(items.c.story_id).where(items.c.id.in_(sorted(partners)))).scalars())


def mergeable(connection: Connection, survivor: int, others: Sequence[int]) -> list[int]:
    """Those of `others` that can be merged into `survivor` without putting items an editor split
    apart into one story (taken in order: a story that conflicts with what is taken stays apart)."""
    if not others or connection.execute(select(never_merge.c.item_id).limit(1)).first() is None:
        return list(others)
    members: dict[int, set[int]] = {story_id: set() for story_id in (survivor, *others)}
    for item_id, story_id in connection.execute(select(items.c.id, items.c.story_id)
                                                .where(items.c.story_id.in_(list(members)))):
        members[story_id].add(item_id)
    taken, allowed = set(members[survivor]), []
    for story_id in others:
        if not forbidden_partners(connection, members[story_id]) & taken:
            allowed.append(story_id)
            taken |= members[story_id]
    return allowed


def hide_if_any_hidden(connection: Connection, survivor: int, merged: Sequence[int]) -> None:
    """A story merged with a hidden one stays hidden: automation never shows what an editor hid."""
    if merged and connection.execute(select(stories.c.id).where(stories.c.id.in_(list(merged)),
                                                                stories.c.hidden.is_(True)).limit(1)).first():
        connection.execute(update(stories).where(stories.c.id == survivor).values(hidden=True))

