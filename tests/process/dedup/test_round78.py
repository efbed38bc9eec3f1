"""Round 78's class (the chain of blind set 279, read after its measurement): a regional paper's undated "Neue
Prüfhalle für Antriebe ist fertig", a test centre finished, joined the centre's groundbreaking a year and a half
earlier ("Spatenstich für das Antriebstechnik-Prüfzentrum Steyr"), since "ist fertig" named no stage. A building
finished in a German headline's words ("ist fertig", "steht fertig", "fertiggestellt") is now the operation stage,
another than the start. Round 79 (the chain of set 285) adds a building reopened after a rebuild ("Die Vulkaneifel
Therme ist wieder da", "reopens", "réouverture"). The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items

TEXT = ("In Steyr the drive-technology network and three gear makers share a test hall for gearboxes and bearings; "
        "the state of Upper Austria pays half of the twelve million euros.")


@pytest.mark.parametrize("title", [
    "Neue Prüfhalle für Antriebe ist fertig",
    "Getriebe-Prüfzentrum in Steyr steht fertig",
    "Technikum für Wälzlager fertiggestellt",
    "Die Therme ist wieder da",
    "Stadtbad öffnet nach Umbau",
    "Spa town's thermal bath reopens after two years",
    "Réouverture des thermes de Dax",
])
def test_a_building_finished_or_reopened_is_the_operation_stage(title: str) -> None:
    assert title_stage(title) == "operation"


def test_a_groundbreaking_and_the_building_finished_are_two_stories() -> None:
    prints = fingerprints(items(
        article("start", "Spatenstich für das Antriebstechnik-Prüfzentrum Steyr", TEXT, "de", "2022-04-12"),
        article("done", "Neue Prüfhalle für Antriebe ist fertig", TEXT, "de", None)))
    assert prints["start"].stage == "start"
    assert titles_disagree(evidence(prints["start"], prints["done"]))


def test_the_building_finished_and_its_opening_stay_one_story() -> None:
    prints = fingerprints(items(
        article("done", "Neue Prüfhalle für Antriebe ist fertig", TEXT, "de", None),
        article("opened", "Antriebstechnik-Prüfzentrum Steyr eingeweiht", TEXT, "de", "2023-10-18")))
    assert not titles_disagree(evidence(prints["done"], prints["opened"]))
