"""The cyclic garbage collector paused while a batch is stored, and restored after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence

import pytest

from feeds.model import Assignment, CandidateStory, StoryRef
from feeds.process.dedup import Deduplicator
from feeds.process.dedup.fingerprint import Fingerprint
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from feeds.store.garbage import collector_paused
from tests.support.stories import ENGLISH, GERMAN, NOW, open_store


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_inside_and_running_again_after() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_running_again_after_an_exception() -> None:
    with pytest.raises(ValueError, match="batch failed"), collector_paused():
        raise ValueError("the batch failed")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_running_again_only_when_the_last_thread_is_done() -> None:
    inside, leave = threading.Event(), threading.Event()

    def storing() -> None:
        with collector_paused():
            inside.set()
            assert leave.wait(60)

    other = threading.Thread(target=storing)
    other.start()
    assert inside.wait(60)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other thread is still storing
    leave.set()
    other.join(60)
    assert gc.isenabled()


class Watching:
    """The real deduplicator, noting whether the collector ran while it decided."""

    def __init__(self, deduplicator: Deduplicator) -> None:
        self.deduplicator = deduplicator
        self.collector_on: list[bool] = []

    def __getattr__(self, name: str) -> object:
        return getattr(self.deduplicator, name)

    def assign(self, print_: Fingerprint,
               stories: Sequence[CandidateStory[StoryRef, Fingerprint]]) -> Assignment[StoryRef]:
        self.collector_on.append(gc.isenabled())
        return self.deduplicator.assign(print_, stories)


def test_saving_a_batch_pauses_the_collector(settings: Settings) -> None:
    store = open_store(settings)
    watching = Watching(build_deduplicator(settings))
    report = store.items.save(GERMAN.source_id, [GERMAN], NOW, "feeds.test", dedup=watching)  # type: ignore[arg-type]
    store.items.save(ENGLISH.source_id, [ENGLISH], NOW, "feeds.test", dedup=watching)  # type: ignore[arg-type]
    assert report.created == 1
    assert watching.collector_on == [False, False]
    assert gc.isenabled()
    assert store.items.story_count() == 1  # the same decisions: the English version joined the German story
    store.close()
