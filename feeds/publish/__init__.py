"""The `publish` stage: entries from the store -> Atom, RSS 2.0 and JSON Feed documents."""

from feeds.publish.render import FORMATS, FeedMeta, Rendered, render

__all__ = ["FORMATS", "FeedMeta", "Rendered", "render"]
