"""Round 48's class (blind sets 129-140 among others, read after their measurement): a project's or a plant's start
("Projektstart H2-Feuerfest", "Spatenstich für e-Methanol-Demonstrator") and what came of it later ("Ergebnisse aus
Höhr-Grenzhausen", "Erstes grünes Methanol fließt") are two stages of one process, two stories as the guide says, but no
title stage named either, so nothing vetoed the pair and an undated report between them chained the two. The titles
now name a start and a plant at work ("operation"); a start and a project's kick-off meeting stay one stage. The
titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import fingerprints, items


@pytest.mark.parametrize(("title", "stage"), [
    ("Projektstart ThermoGlas: Elektrische Schmelzwannen für Behälterglas", "start"),
    ("Startschuss für das Verbundprojekt LaserWeld Nord", "start"),
    ("Spatenstich für die Elektrolysehalle in Stade", "start"),
    ("Baubeginn für das Technikum in Wildau", "start"),
    ("Northfield Biotech breaks ground on its fermentation plant", "start"),
    ("Construction starts on the pilot line in Eindhoven", "start"),
    ("Pose de la première pierre du démonstrateur de Dunkerque", "start"),
    ("Groundbreaking ceremony took place in Lund", "start"),  # a start told afterwards is still the start
    ("Elektrolyseur in Stade in Betrieb genommen", "operation"),
    ("Erster grüner Wasserstoff fließt in Stade", "operation"),
    ("Le démonstrateur de Dunkerque inauguré", "operation"),
    ("Pilot line in Eindhoven inaugurated", "operation"),
    ("Projekt ThermoGlas: Ergebnisse nach drei Jahren", "result"),
    ("Kick-off meeting of LaserWeld Nord in Rostock", "event"),
    # not a start: a launch of anything, a signing (an agreement of a mission is the mission's story)
    ("Cluster launches its new website", None),
    ("Nordic and Baltic clusters sign cooperation agreement", None),
    ("ThermoGlas: Elektrische Schmelzwannen für Behälterglas", None),
])
def test_the_stage_a_title_names(title: str, stage: str | None) -> None:
    assert title_stage(title) == stage


TEXT = ("Im Verbundprojekt ThermoGlas entwickeln die Glashütte Kleintettau, das Forschungsinstitut für Glas in "
        "Selb und zwei Maschinenbauer aus Oberfranken elektrisch beheizte Schmelzwannen für Behälterglas. Das "
        "Bundesministerium fördert das Vorhaben mit 4,2 Millionen Euro; die Partner wollen den Erdgasverbrauch "
        "der Wannen um neun Zehntel senken.")
START = {"id": "start", "url": "https://glas-cluster.example/aktuelles/thermoglas-start", "platform": "glascluster",
         "language": "de", "published": "2022-03-01", "dup_group": "start",
         "title": "Projektstart ThermoGlas: Elektrische Schmelzwannen für Behälterglas", "text": TEXT}
RESULTS = {"id": "results", "url": "https://fgs.example/news/thermoglas", "platform": "fgs", "language": "de",
           "published": None, "dup_group": "results", "title": "ThermoGlas: Ergebnisse aus Selb",
           "text": TEXT + " Nach drei Jahren Laufzeit zeigt die Versuchswanne in Selb, dass das Ziel erreichbar ist."}
KICK_OFF = {**RESULTS, "id": "kickoff", "url": "https://fgs.example/news/thermoglas-kick-off", "dup_group": "start",
            "title": "Kick-off meeting ThermoGlas in Selb", "text": TEXT}
BRIDGE = {**RESULTS, "id": "bridge", "url": "https://fgs.example/news/thermoglas-wannen", "dup_group": "start",
          "title": "ThermoGlas: Elektrische Schmelzwannen für Behälterglas", "text": TEXT}


def test_a_projects_start_and_its_results_are_two_stages() -> None:
    prints = fingerprints(items(START, RESULTS))
    assert (prints["start"].stage, prints["results"].stage) == ("start", "result")
    assert titles_disagree(evidence(prints["start"], prints["results"]))


def test_a_projects_start_and_its_kick_off_meeting_are_one_stage() -> None:
    prints = fingerprints(items(START, KICK_OFF))
    assert (prints["start"].stage, prints["kickoff"].stage) == ("start", "event")
    assert not titles_disagree(evidence(prints["start"], prints["kickoff"]))


def test_a_title_without_a_stage_is_not_vetoed_against_either() -> None:
    prints = fingerprints(items(START, RESULTS, BRIDGE))
    assert prints["bridge"].stage is None
    assert not titles_disagree(evidence(prints["bridge"], prints["start"]))
    assert not titles_disagree(evidence(prints["bridge"], prints["results"]))
