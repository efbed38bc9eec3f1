"""How each kind of correction changes the stored stories, and how its undo restores them.

Each `APPLY` step runs inside `Corrections.apply`'s transaction and returns what the audit row
keeps (`before`, the state undo restores); each `UNDO` step restores it and returns the stories
whose tags must be recomputed. `feeds/store/corrections.py` is the public side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from feeds.store import db
from feeds.store.changes import refresh_story_tags
from feeds.store.editorial import forbidden_partners
from feeds.store.items import new_entry_id
from feeds.store.schema import items, never_merge, stories, story_tags
from feeds.store.stories import survivor_of

DEFAULT_AUTHORITY = "clusterfeeds"


class CorrectionError(ValueError):
    """A correction that cannot be applied or undone; nothing was changed."""


class NotFoundError(CorrectionError):
    """The story, item or correction named does not exist."""


class ConflictError(CorrectionError):
    """The correction does not fit the current state (already hidden, already undone, a split in the way)."""


@dataclass(frozen=True)
class Correction:
    """What an editor asks for. Stories are named by entry id (an alias names the story it was merged into)."""

    action: str
    story: str
    editor: str
    reason: str
    kind: str | None = None  # add_tag, remove_tag: "country" | "topic"
    code: str | None = None
    item_id: int | None = None  # split: the item to split off; pin: the new primary
    other_story: str | None = None  # merge: the story to merge with


@dataclass(frozen=True)
class Change:
    """What a step leaves for the audit row."""

    before: dict[str, Any] = field(default_factory=dict)
    story_id: int | None = None  # the story the row names, when not the one the editor named (a merge's survivor)
    other_story_id: int | None = None
    pairs: list[tuple[int, int]] = field(default_factory=list)  # items never to merge again


def story_id_of(connection: Connection, entry_id: str) -> int:
    """The id of the story with `entry_id`, or of the story it was merged into."""
    story_id = connection.execute(select(stories.c.id).where(stories.c.entry_id == entry_id)).scalar()
    if story_id is None:
        raise NotFoundError(f"no story with entry id {entry_id!r}")
    return survivor_of(connection, story_id)


def _story(connection: Connection, story_id: int) -> Any:
    return connection.execute(select(stories).where(stories.c.id == story_id)).one()


def _member_ids(connection: Connection, story_id: int) -> list[int]:
    return list(connection.execute(select(items.c.id).where(items.c.story_id == story_id)
                                   .order_by(items.c.published_at, items.c.id)).scalars())


def _shown(story: Any) -> dict[str, Any]:
    """A story's primary and the dates that follow it."""
    return {"primary_item_id": story.primary_item_id, "published_at": story.published_at.isoformat(),
            "updated_at": story.updated_at.isoformat()}


def _show(connection: Connection, story_id: int, primary_id: int) -> None:
    """Publish `story_id` as its item `primary_id`, with that item's dates."""
    primary = connection.execute(select(items.c.published_at, items.c.updated_at).where(items.c.id == primary_id)).one()
    connection.execute(update(stories).where(stories.c.id == story_id).values(
        primary_item_id=primary_id, published_at=primary.published_at, updated_at=primary.updated_at))


def _restore_shown(connection: Connection, story_id: int, shown: dict[str, Any]) -> None:
    """Back to a recorded primary, while it is still one of the story's items (else its earliest)."""
    members = _member_ids(connection, story_id)
    if shown["primary_item_id"] in members:
        connection.execute(update(stories).where(stories.c.id == story_id).values(
            primary_item_id=shown["primary_item_id"], published_at=datetime.fromisoformat(shown["published_at"]),
            updated_at=datetime.fromisoformat(shown["updated_at"])))
    elif members:
        _show(connection, story_id, members[0])


def _item_of(connection: Connection, story_id: int, item_id: int | None) -> int:
    found = connection.execute(select(items.c.story_id).where(items.c.id == item_id)).first()
    if found is None:
        raise NotFoundError(f"no item {item_id}")
    if found.story_id != story_id:
        raise CorrectionError(f"item {item_id} is not a version of this story")
    assert item_id is not None
    return item_id


# -- apply -----------------------------------------------------------------------------------------


def _tag(connection: Connection, story_id: int, correction: Correction, now: datetime, authority: str | None) -> Change:
    current = connection.execute(select(story_tags.c.confidence, story_tags.c.provenance).where(
        story_tags.c.story_id == story_id, story_tags.c.kind == correction.kind,
        story_tags.c.code == (correction.code or "").strip().lower())).first()
    return Change({"tag": list(current) if current else None})


def _visibility(connection: Connection, story_id: int, correction: Correction, now: datetime,
                authority: str | None) -> Change:
    hidden = correction.action == "hide"
    story = _story(connection, story_id)
    if story.hidden == hidden:
        raise ConflictError(f"the story is already {'hidden' if hidden else 'shown'}")
    connection.execute(update(stories).where(stories.c.id == story_id).values(hidden=hidden))
    return Change({"hidden": story.hidden})


def _pin(connection: Connection, story_id: int, correction: Correction, now: datetime, authority: str | None) -> Change:
    item_id = _item_of(connection, story_id, correction.item_id)
    story = _story(connection, story_id)
    _show(connection, story_id, item_id)
    _refresh(connection, [story_id])  # its tag rows carry its published_at
    return Change(_shown(story))


def _split(connection: Connection, story_id: int, correction: Correction, now: datetime,
           authority: str | None) -> Change:
    """The item becomes a story of its own, with a new entry id; the old story keeps the rest."""
    item_id = _item_of(connection, story_id, correction.item_id)
    story = _story(connection, story_id)
    rest = [member for member in _member_ids(connection, story_id) if member != item_id]
    if not rest:
        raise CorrectionError("the story has no other version to split this item from")
    item = connection.execute(select(items.c.published_at, items.c.updated_at).where(items.c.id == item_id)).one()
    authority = authority or _authority(story.entry_id)
    new_id = db.inserted_id(connection.execute(insert(stories).values(
        entry_id=new_entry_id(authority, now), created_at=now, published_at=item.published_at,
        updated_at=item.updated_at, primary_item_id=item_id, hidden=story.hidden)))
    connection.execute(update(items).where(items.c.id == item_id).values(story_id=new_id))
    if story.primary_item_id == item_id:
        _show(connection, story_id, rest[0])
    _refresh(connection, [story_id, new_id])
    return Change(_shown(story), other_story_id=new_id, pairs=[(item_id, other) for other in rest])


def _authority(entry_id: str) -> str:
    """The tagging authority of a `tag:<authority>,<date>:...` entry id."""
    if entry_id.startswith("tag:") and "," in entry_id:
        return entry_id[4:].split(",", 1)[0]
    return DEFAULT_AUTHORITY


def _merge(connection: Connection, story_id: int, correction: Correction, now: datetime,
           authority: str | None) -> Change:
    """Two stories become one: the older entry id survives, the other becomes its alias."""

    other_id = story_id_of(connection, correction.other_story or "")
    if other_id == story_id:
        raise CorrectionError("the two entry ids name the same story")
    one, other = _story(connection, story_id), _story(connection, other_id)
    survivor, absorbed = sorted((one, other), key=lambda row: (row.created_at, row.id))
    absorbed_items = _member_ids(connection, absorbed.id)
    if forbidden_partners(connection, absorbed_items) & set(_member_ids(connection, survivor.id)):
        raise ConflictError("an editor split versions of these stories apart; undo that split first")
    aliases = list(connection.execute(select(stories.c.id).where(stories.c.alias_of == absorbed.id)).scalars())
    connection.execute(update(items).where(items.c.story_id == absorbed.id).values(story_id=survivor.id))
    connection.execute(update(stories).where(stories.c.alias_of == absorbed.id).values(alias_of=survivor.id))
    connection.execute(update(stories).where(stories.c.id == absorbed.id).values(alias_of=survivor.id,
                                                                                primary_item_id=None))
    connection.execute(delete(story_tags).where(story_tags.c.story_id == absorbed.id))
    _refresh(connection, [survivor.id])
    before = {"survivor": survivor.id, "absorbed": absorbed.id, "absorbed_items": absorbed_items,
              "absorbed_aliases": aliases, "survivor_shown": _shown(survivor), "absorbed_shown": _shown(absorbed)}
    # the audit row names the surviving story: corrections of a story follow it, as its readers do
    return Change(before, story_id=survivor.id, other_story_id=absorbed.id)


def _refresh(connection: Connection, story_ids: list[int]) -> None:
    refresh_story_tags(connection, sorted(story_ids))


# -- undo --------------------------------------------------------------------------------------------


def _undo_tag(connection: Connection, row: Any) -> set[int]:
    return {row.story_id}  # recomputed without the undone correction


def _undo_visibility(connection: Connection, row: Any) -> set[int]:
    connection.execute(update(stories).where(stories.c.id == row.story_id).values(hidden=row.before["hidden"]))
    return set()


def _undo_pin(connection: Connection, row: Any) -> set[int]:
    _restore_shown(connection, row.story_id, row.before)
    return {row.story_id}  # its tag rows carry its published_at


def _undo_split(connection: Connection, row: Any) -> set[int]:
    """The split-off story's versions return; its entry id becomes an alias, so links to it still resolve."""
    connection.execute(update(items).where(items.c.story_id == row.other_story_id).values(story_id=row.story_id))
    connection.execute(update(stories).where(stories.c.alias_of == row.other_story_id).values(alias_of=row.story_id))
    connection.execute(update(stories).where(stories.c.id == row.other_story_id).values(alias_of=row.story_id,
                                                                                       primary_item_id=None))
    connection.execute(delete(story_tags).where(story_tags.c.story_id == row.other_story_id))
    connection.execute(delete(never_merge).where(never_merge.c.correction_id == row.id))
    _restore_shown(connection, row.story_id, row.before)
    return {row.story_id}


def _undo_merge(connection: Connection, row: Any) -> set[int]:
    before = row.before
    survivor, absorbed = before["survivor"], before["absorbed"]
    if before["absorbed_items"]:
        connection.execute(update(items).where(items.c.id.in_(before["absorbed_items"]),
                                               items.c.story_id == survivor).values(story_id=absorbed))
    connection.execute(update(stories).where(stories.c.id == absorbed).values(alias_of=None))
    if before["absorbed_aliases"]:
        connection.execute(update(stories).where(stories.c.id.in_(before["absorbed_aliases"])).values(alias_of=absorbed))
    _restore_shown(connection, absorbed, before["absorbed_shown"])
    _restore_shown(connection, survivor, before["survivor_shown"])
    return {survivor, absorbed}


Step = Callable[[Connection, int, Correction, datetime, "str | None"], Change]
APPLY: dict[str, Step] = {"add_tag": _tag, "remove_tag": _tag, "hide": _visibility, "show": _visibility,
                          "pin": _pin, "split": _split, "merge": _merge}
UNDO: dict[str, Callable[[Connection, Any], set[int]]] = {
    "add_tag": _undo_tag, "remove_tag": _undo_tag, "hide": _undo_visibility, "show": _undo_visibility,
    "pin": _undo_pin, "split": _undo_split, "merge": _undo_merge}
