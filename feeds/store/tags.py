"""`store.tags`: which countries and topics the published stories carry."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Engine, func, select

from feeds.store import db
from feeds.store.schema import stories, story_tags

TagKind = Literal["topic", "country"]


class Tags:
    def __init__(self, engine: Engine):
        self._engine = engine

    def counts(self, kind: TagKind, threshold: float = 0.5) -> dict[str, int]:
        """Published stories per tag code of `kind` with confidence >= `threshold`, by code."""
        query = (select(story_tags.c.code, func.count(func.distinct(story_tags.c.story_id)))
                 .join(stories, stories.c.id == story_tags.c.story_id)
                 .where(story_tags.c.kind == kind, story_tags.c.confidence >= threshold,
                        stories.c.alias_of.is_(None), stories.c.hidden.is_(False))
                 .group_by(story_tags.c.code).order_by(story_tags.c.code))
        with db.reading(self._engine) as connection:
            return {code: int(count) for code, count in connection.execute(query)}

    def has(self, kind: TagKind, code: str, threshold: float = 0.5) -> bool:
        """Whether a published story carries this tag (one probe of ix_story_tags_kind_code)."""
        query = (select(story_tags.c.story_id).join(stories, stories.c.id == story_tags.c.story_id)
                 .where(story_tags.c.kind == kind, story_tags.c.code == code, story_tags.c.confidence >= threshold,
                        stories.c.alias_of.is_(None), stories.c.hidden.is_(False)).limit(1))
        with db.reading(self._engine) as connection:
            return connection.execute(query).first() is not None
