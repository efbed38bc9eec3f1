"""Editorial corrections: an editor's fix of a tag or a merge, recorded and kept.

Every correction is a row of `corrections` (who, when, what, why, and the state it replaced),
written in the transaction that applies it; the store's version moves with it, so feeds, caches
and static files refresh. Automation never undoes an editor:

- tag corrections are replayed whenever a story's tags are recomputed (`editorial.replay_tags`, called
  by `changes.refresh_story_tags` after collects, retags and prunes);
- a pinned primary wins over the deduplicator's choice (`pinned_primaries`, in `stories._choose_primaries`);
- items split apart are never put in one story again (`never_merge`; `mergeable` in `stories._merge`,
  `forbidden_partners` when an item is matched again);
- a hidden story stays hidden, and so does the story it is merged into (`stories._merge`).

Undo marks the row undone (by whom, when) and restores what it recorded; it is refused while a
later correction of the same stories is active, so the state it restores is exactly the one replaced.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, or_, select, update

from feeds.store import db, review
from feeds.store.changes import bump_version, content_changed
from feeds.store.correction_steps import (
    APPLY,
    UNDO,
    ConflictError,
    Correction,
    CorrectionError,
    NotFoundError,
    story_id_of,
)
from feeds.store.editorial import TAG_ACTIONS, replay_tags
from feeds.store.items import STORY_ASSIGNMENT
from feeds.store.schema import corrections, never_merge, stories

ACTIONS = (*TAG_ACTIONS, "split", "merge", "pin", "hide", "show")
TAG_KINDS = ("country", "topic")
MAX_NAME = 128
MAX_REASON = 2000

__all__ = ["ConflictError", "Correction", "CorrectionError", "Corrections", "NotFoundError", "Recorded"]


@dataclass(frozen=True)
class Recorded:
    """A correction as the audit log shows it."""

    id: int
    created_at: datetime
    editor: str
    reason: str
    action: str
    story: str  # entry id
    other_story: str | None
    item_id: int | None
    kind: str | None
    code: str | None
    undone_at: datetime | None
    undone_by: str | None

    @property
    def active(self) -> bool:
        return self.undone_at is None


class Corrections:
    """Apply, list and undo corrections. Each public method is one transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def apply(self, correction: Correction, authority: str | None = None, now: datetime | None = None) -> Recorded:
        """Apply `correction` and record it. `authority` names new entry ids (a split); by default the
        authority of the story's own entry id. Raises CorrectionError (NotFoundError) and changes nothing."""
        _validate(correction)
        now = now or datetime.now(UTC)
        tagging = correction.action in TAG_ACTIONS
        with db.writing(self._engine, exclusive=STORY_ASSIGNMENT) as connection:
            story_id = story_id_of(connection, correction.story)
            change = APPLY[correction.action](connection, story_id, correction, now, authority)
            correction_id = int(connection.execute(insert(corrections).returning(corrections.c.id).values(
                created_at=now, editor=correction.editor.strip(), reason=correction.reason.strip(),
                action=correction.action, story_id=change.story_id or story_id, other_story_id=change.other_story_id,
                item_id=correction.item_id if correction.action in ("split", "pin") else None,
                kind=correction.kind if tagging else None, code=_code(correction.code) if tagging else None,
                before=change.before)).scalar_one())
            if change.pairs:
                connection.execute(insert(never_merge), [
                    {"correction_id": correction_id, "item_id": a, "other_item_id": b} for a, b in change.pairs])
            if tagging:
                replay_tags(connection, [story_id])
            bump_version(connection, now)
            return _recorded(connection, correction_id)

    def undo(self, correction_id: int, editor: str, now: datetime | None = None) -> Recorded:
        """Undo a correction: restore the state it replaced, and record who undid it and when."""
        if not editor.strip() or len(editor) > MAX_NAME:
            raise CorrectionError(f"an editor name of 1 to {MAX_NAME} characters is required")
        now = now or datetime.now(UTC)
        with db.writing(self._engine, exclusive=STORY_ASSIGNMENT) as connection:
            row = connection.execute(select(corrections).where(corrections.c.id == correction_id)).first()
            if row is None:
                raise NotFoundError(f"no correction #{correction_id}")
            if row.undone_at is not None:
                raise ConflictError(f"correction #{correction_id} was already undone")
            _refuse_if_followed(connection, row)
            connection.execute(update(corrections).where(corrections.c.id == row.id).values(
                undone_at=now, undone_by=editor.strip()))
            touched = UNDO[row.action](connection, row)
            content_changed(connection, touched, now)
            return _recorded(connection, row.id)

    def recent(self, limit: int = 100, story: str | None = None) -> list[Recorded]:
        """The newest corrections first (of one story and the stories merged into it, when given)."""
        with db.reading(self._engine) as connection:
            query = select(corrections.c.id).order_by(corrections.c.id.desc()).limit(limit)
            if story is not None:
                story_id = story_id_of(connection, story)
                aliases = select(stories.c.id).where(stories.c.alias_of == story_id)
                query = query.where(or_(corrections.c.story_id == story_id, corrections.c.other_story_id == story_id,
                                        corrections.c.story_id.in_(aliases)))
            return [_recorded(connection, row.id) for row in connection.execute(query)]

    def recent_stories(self, listing: review.StoryListing, threshold: float) -> list[review.StoryView]:
        """The editor's list of stories (feeds/store/review.py)."""
        return review.recent_stories(self._engine, listing, threshold)

    def story(self, entry_id: str) -> review.StoryView:
        """One story with every version and tag, named by its entry id or an alias. Raises NotFoundError."""
        return review.story(self._engine, entry_id)

    def corrected_stories(self) -> Iterator[review.StoryView]:
        """Every story an active correction touched, for `export-labels`."""
        return review.corrected_stories(self._engine)


# -- validation and lookups ------------------------------------------------------------------------


def _validate(correction: Correction) -> None:
    if correction.action not in ACTIONS:
        raise CorrectionError(f"unknown action {correction.action!r}; one of {', '.join(ACTIONS)}")
    if not correction.editor.strip() or len(correction.editor) > MAX_NAME:
        raise CorrectionError(f"an editor name of 1 to {MAX_NAME} characters is required")
    if not correction.reason.strip() or len(correction.reason) > MAX_REASON:
        raise CorrectionError(f"a reason of 1 to {MAX_REASON} characters is required")
    if correction.action in TAG_ACTIONS:
        if correction.kind not in TAG_KINDS:
            raise CorrectionError(f"kind must be one of {', '.join(TAG_KINDS)}")
        code = _code(correction.code)
        if not code or len(code) > 64 or not all(part.isalnum() for part in code.split("-")):
            raise CorrectionError(f"{correction.code!r} is not a tag code (letters, digits and '-')")
    if correction.action in ("split", "pin") and correction.item_id is None:
        raise CorrectionError(f"{correction.action} needs the id of an item of the story")
    if correction.action == "merge" and not correction.other_story:
        raise CorrectionError("merge needs the entry id of the other story")


def _code(code: str | None) -> str | None:
    return code.strip().lower() if code is not None else None


def _entry_id(connection: Connection, story_id: int | None) -> str | None:
    if story_id is None:
        return None
    return connection.execute(select(stories.c.entry_id).where(stories.c.id == story_id)).scalar()


def _recorded(connection: Connection, correction_id: int) -> Recorded:
    row = connection.execute(select(corrections).where(corrections.c.id == correction_id)).one()
    return Recorded(row.id, row.created_at, row.editor, row.reason, row.action,
                    _entry_id(connection, row.story_id) or "", _entry_id(connection, row.other_story_id),
                    row.item_id, row.kind, row.code, row.undone_at, row.undone_by)


def _refuse_if_followed(connection: Connection, row: Any) -> None:
    """Undo restores a recorded state: only while no later active correction changed the same stories."""
    involved = [story_id for story_id in (row.story_id, row.other_story_id) if story_id is not None]
    later = connection.execute(select(corrections.c.id).where(
        corrections.c.id > row.id, corrections.c.undone_at.is_(None),
        or_(corrections.c.story_id.in_(involved), corrections.c.other_story_id.in_(involved)))
        .order_by(corrections.c.id.desc())).scalars().first()
    if later is not None:
        raise ConflictError(f"correction #{later} changed the same story later; undo it first")
