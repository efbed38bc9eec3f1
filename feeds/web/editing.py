"""What every editor's request does around a correction, for the JSON API and the editor's pages alike.

A correction is applied by the store (feeds/store/corrections.py), which bumps the store's version:
cached feeds of every process refresh on their next version check. Static files for the reverse
proxy are rewritten here, right after the change, when a publish directory is configured, and a
configured WebSub hub is told which feeds changed, as after a collect.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from feeds.publish.static import publish_feeds
from feeds.publish.websub import FeedWatch, announcing, watch_of
from feeds.store.corrections import Correction, Recorded
from feeds.web.context import settings, site, store

log = logging.getLogger(__name__)


def apply(correction: Correction) -> Recorded:
    """Apply and record `correction` (raises CorrectionError, changing nothing), then republish."""
    with announcing(_watch()):
        recorded = store().corrections.apply(correction, authority=settings().entry_id_authority)
    log.info("correction #%d by %s: %s on %s", recorded.id, recorded.editor, recorded.action, recorded.story)
    _republish()
    return recorded


def undo(correction_id: int, editor: str) -> Recorded:
    with announcing(_watch()):
        recorded = store().corrections.undo(correction_id, editor)
    log.info("correction #%d undone by %s", recorded.id, editor)
    _republish()
    return recorded


def _watch() -> FeedWatch | None:
    return watch_of(settings().websub_hub_url, settings().public_url, store(), site())


def _republish() -> None:
    if not settings().publish_dir:
        return
    try:
        publish_feeds(Path(settings().publish_dir), store(), site())
    except Exception:  # the correction stands; the next collect or correction publishes again
        log.exception("publishing feeds to %s after a correction failed", settings().publish_dir)


def as_json(recorded: Recorded) -> dict[str, Any]:
    return {"id": recorded.id, "created_at": recorded.created_at.isoformat(), "editor": recorded.editor,
            "reason": recorded.reason, "action": recorded.action, "story": recorded.story,
            "other_story": recorded.other_story, "item_id": recorded.item_id, "kind": recorded.kind,
            "code": recorded.code, "undone_at": recorded.undone_at.isoformat() if recorded.undone_at else None,
            "undone_by": recorded.undone_by}
