"""What the reading pages ask of the store (`store.stories`): one story, and "more like this"."""

from __future__ import annotations

from dataclasses import replace

from feeds.config.feeds import FeedFilter
from feeds.model import Item, Tag
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.corrections import Correction
from tests.support.stories import NOW, item, open_store


def tagged(url: str, day: int, *codes: str) -> Item:
    """An item of source `fc` tagged with `codes` (`topic:x` or `country:y`), published on April `day`."""
    tags = tuple(Tag(*code.split(":"), confidence=0.9, provenance="text") for code in codes)
    return replace(item("fc", url, f"Story {url}", f"Text of {url} about clusters.", "en", day), tags=tags)


def filled(settings: Settings) -> tuple[Store, dict[str, tuple[int, str]]]:
    """Five stories of one item each, saved in this order (later ones have higher ids); by link, each
    story's id and entry id."""
    store = open_store(settings)
    for each in (tagged("https://x.test/old", 1, "topic:health", "country:pl"),
                 tagged("https://x.test/health", 2, "topic:health"),
                 tagged("https://x.test/poland", 3, "country:pl"),
                 tagged("https://x.test/other", 4, "topic:tourism"),
                 tagged("https://x.test/target", 5, "topic:health", "country:pl")):
        store.items.save("fc", [each], NOW, "feeds.test")
    return store, {listed.entry.link: (listed.story_id, listed.entry.entry_id)
                   for listed in store.stories.page(FeedFilter(), 10).stories}


def test_more_like_this_ranks_by_shared_tags_within_each_tag_s_recent_stories(settings: Settings) -> None:
    store, ids = filled(settings)
    target = store.stories.get(ids["https://x.test/target"][0])
    assert target is not None
    related = [each.entry.link for each in store.stories.related(target, limit=3)]
    assert related == ["https://x.test/old", "https://x.test/poland", "https://x.test/health"]
    # only each tag's most recent stories count: the old story sharing both tags is out of a window of one
    bounded = [each.entry.link for each in store.stories.related(target, limit=3, candidates=1)]
    assert bounded == ["https://x.test/poland", "https://x.test/health"]
    store.close()


def test_a_hidden_story_has_no_page_and_is_no_neighbour(settings: Settings) -> None:
    store, ids = filled(settings)
    old_id, old_entry = ids["https://x.test/old"]
    store.corrections.apply(Correction("hide", old_entry, "Erika", "a duplicate"))
    assert store.stories.get(old_id) is None
    target = store.stories.get(ids["https://x.test/target"][0])
    assert target is not None
    assert "https://x.test/old" not in [each.entry.link for each in store.stories.related(target, limit=5)]
    store.close()
