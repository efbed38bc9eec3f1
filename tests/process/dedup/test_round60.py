"""Round 60's class (blind set 184, read after its measurement): a plant or a project planned ("Sanofi plans evolutive
vaccine facility in the Lyon region") named no stage, so its inauguration, told by an undated page, joined the plan's
story. A title that says a plant is planned, or put off, now names that stage, another than the plant's start and the
plant at work. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize("title", [
    "Vaccine maker plans new filling plant near Lyon",
    "Second battery factory planned in Lusatia",
    "Neue Fertigung für Zelltherapien geplant",
    "Zweites Werk für Zelltherapien soll entstehen",
    "Fiber composite supplier postpones its plant expansion",
    "Le chantier de l'usine est reporté à 2026",
])
def test_a_plant_planned_or_put_off_is_the_plan_stage(title: str) -> None:
    assert title_stage(title) == "plan"


@pytest.mark.parametrize(("title", "stage"), [
    ("Final conference: seven regions, seven action plans", "event"),
    ("Inauguration de l'usine de Sanofi à Neuville-sur-Saône", "operation"),
    ("Spatenstich für das geplante Werk", "start"),
])
def test_a_title_naming_another_stage_keeps_it(title: str, stage: str) -> None:
    assert title_stage(title) == stage


def test_a_plant_planned_and_its_inauguration_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("planned", "Vaccine maker plans modular production site near Lyon",
                "The vaccine maker will invest 490 million euros in a modular production site at Neuville-sur-Saône "
                "near Lyon, the company said.", "en", "2021-07-12"),
        article("opened", "Inauguration du site modulaire de production de vaccins à Neuville-sur-Saône",
                "Le site modulaire de production de vaccins de Neuville-sur-Saône, près de Lyon, a été inauguré en "
                "présence du ministre. L'investissement atteint 490 millions d'euros.", "fr", None)))
    assert prints["planned"].stage == "plan"
    assert prints["opened"].stage == "operation"
    assert titles_disagree(evidence(prints["planned"], prints["opened"]))


def test_a_plant_planned_where_its_site_was_chosen_is_not_refused_by_its_title() -> None:
    prints = fingerprints(items(
        article("chosen", "Solar maker chooses Hambach for its module gigafactory",
                "The solar module maker chose Hambach in Lorraine for its gigafactory of 5 gigawatts.", "en",
                "2022-12-01"),
        article("planned", "Solarmodulfabrik in Lothringen geplant",
                "In Hambach in Lothringen ist eine Fabrik für Solarmodule mit 5 Gigawatt geplant.", "de",
                "2022-12-02")))
    assert {prints["chosen"].stage, prints["planned"].stage} == {"result", "plan"}
    assert not titles_disagree(evidence(prints["chosen"], prints["planned"]))
