"""Round 76's class (misses of blind sets 6, 7, 97, 124, 127, 242 and 246, read after their measurement): an event's
outcome told as a result ("European Clusters Alliance adopts statutes at first General Assembly", "BioBaltic Clusters
presents results in Riga", "Liège roadmap for the social economy adopted") and the event told as such ("… holds its
first General Assembly", "Abschlusskonferenz in Riga", "Conférence de Liège : …") are one story, and the titles' stages
vetoed the pair. A result and an event no longer disagree by their stages, except where the event informs or connects
ahead of something — an info day, a webinar, a workshop, a matchmaking, a kick-off — whose topic a decision may be
("Webinar: Microcredentials – was bringen sie KMU?" / "Ratsempfehlung zu Microcredentials verabschiedet", set 159). The
titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence
from feeds.process.kinds import briefing, title_stage
from tests.support.labelled import article, fingerprints, items

TEXT = ("The alliance of European cluster organisations met in Brussels on 14 March 2024 for its general assembly, "
        "adopted its statutes and elected a board of seven cluster managers.")


@pytest.mark.parametrize(("title", "informs"), [
    ("Webinar: Microcredentials for small firms", True),
    ("Info Day on the 2024 call", True),
    ("Kooperationsbörse: matchmaking event in Brussels", True),
    ("Alliance holds its first General Assembly", False),
    ("Final conference of BioBaltic Clusters in Riga", False),
])
def test_an_event_that_informs_ahead_is_told_apart(title: str, informs: bool) -> None:
    assert title_stage(title) == "event"
    assert briefing(title) is informs


def _stages_differ(result: str, event: str) -> bool:
    prints = fingerprints(items(article("result", result, TEXT, "en", "2024-03-14"),
                                article("event", event, TEXT, "fr", "2024-03-15")))
    assert prints["result"].stage == "result"
    assert prints["event"].stage == "event"
    return bool(evidence(prints["result"], prints["event"]).stages_differ)


def test_an_assemblys_outcome_and_the_assembly_are_one_story() -> None:
    assert not _stages_differ("Cluster alliance adopts statutes at Brussels meeting",
                              "L'alliance des clusters tient sa première assemblée générale")


def test_a_decision_and_a_webinar_about_it_are_two_stories() -> None:
    assert _stages_differ("Cluster alliance adopts statutes at Brussels meeting",
                          "Webinar : les nouveaux statuts de l'alliance des clusters")
