"""Round 70's class (the chain of blind set 246, read after its measurement): a chocolate maker's new plant planned and
invested in ("Halloren plant neues Produktionswerk in Halle", "Halloren baut neue Fabrik im Star Park", "Halloren
invests in new chocolate plant in Halle") named no stage, so an undated report of the plant opened two years later
("Halloren eröffnet neues Werk in Halle", the operation since round 68) joined their story as well as its own, and the
two stories chained. The German verb "plant" before what is planned, a new plant built and an investment in a new one
are now the plan stage, as "plans" and "geplant" were: another stage than the plant at work, two stories by the guide.
The English noun "plant" stays no stage. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize("title", [
    "Keksbäcker plant neues Werk in der Lausitz",
    "Verpackungsmaschinenbauer plant eine neue Montagehalle",
    "Pumpenhersteller plant in Halle neue Fertigung",
    "Fischverarbeiter baut neue Halle in Cuxhaven",
    "Ceramics maker invests in new kiln line in Limoges",
    "Keramikhersteller investiert in neue Brennöfen",
])
def test_a_plant_planned_is_the_plan(title: str) -> None:
    assert title_stage(title) == "plan"


@pytest.mark.parametrize(("title", "stage"), [
    ("Chemical plant gets a new owner", None),
    ("Plant opens in Halle", "operation"),
    ("New plant for pump components inaugurated", "operation"),
    ("Bund plant neuen Förderaufruf für Keramik", "call"),
])
def test_the_noun_plant_is_no_plan(title: str, stage: str | None) -> None:
    assert title_stage(title) == stage


def test_a_plant_planned_and_the_plant_opened_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("plan", "Keksbäcker plant neues Werk in Cottbus",
                "Der Keksbäcker will in Cottbus für 60 Millionen Euro ein neues Werk bauen. 200 Arbeitsplätze sollen "
                "entstehen, die Produktion soll 2026 beginnen.", "de", "2024-03-12"),
        article("open", "Keksbäcker eröffnet neues Werk in Cottbus",
                "Der Keksbäcker hat sein neues Werk in Cottbus eröffnet. Für 60 Millionen Euro entstanden dort 200 "
                "Arbeitsplätze; die ersten Kekse sind vom Band gelaufen.", "de", None)))
    assert prints["plan"].stage == "plan"
    assert prints["open"].stage == "operation"
    assert titles_disagree(evidence(prints["plan"], prints["open"]))
