"""Round 68's class (chains of blind sets 192, 212, 216 and 225, read after their measurement): a plant's first output
("Erste Leuchtfolie rollt vom Band", "… completes first production run"), a factory opened in the words of a headline
("Holzmodulwerk Lauchhammer eröffnet", "New rail maintenance works opens in Cottbus") and a French present tense
("ACC inaugure sa gigafactory") named no stage, so an undated report of the plant at work joined the story of its
groundbreaking or its grant, and the two stories chained. They are now the operation stage, as "in Betrieb genommen"
was: another stage than the start, two stories by the guide. A call or an event that opens stays what it was: a plant
opened is read after the call, the event and the publication. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize("title", [
    "Erste Leuchtfolie rollt vom Band",
    "Bei der Zellfabrik laufen die ersten Zellen vom Band",
    "First trams roll off the line in Bautzen",
    "Pilot line completes first production run",
    "Glass furnace starts production in the Weser valley",
    "Modulwerk in Freiberg: Serienfertigung angelaufen",
    "Solarhersteller nimmt Fertigung in Sachsen auf",
    "Un industriel démarre la production de cellules à Douai",
    "Holzmodulwerk Lauchhammer eröffnet: erste Module verlassen die Halle",
    "Batteriekonzern eröffnet Batteriezellfabrik in Frankreich",
    "New rail maintenance works opens in Cottbus",
    "Chipmaker opens its new plant near Dresden",
    "Billy-Berclau : le constructeur inaugure sa première gigafactory",
])
def test_a_plant_at_work_is_the_operation(title: str) -> None:
    assert title_stage(title) == "operation"


@pytest.mark.parametrize(("title", "stage"), [
    ("Interreg call opens for cross-border projects", "call"),
    ("Nationale Maritime Konferenz in Bremen eröffnet", "event"),
    ("Innovation park opens new site in Delémont", None),
    ("Spatenstich für neues Instandhaltungswerk in Cottbus", "start"),
    ("Netzwerk eröffnet Ausschreibung für Pilotprojekte", "call"),
    ("Eurocluster opens call for plant breeders", "call"),
    ("Chemiepark eröffnet Konferenz im neuen Werk", "event"),
])
def test_what_opens_otherwise_keeps_its_stage(title: str, stage: str | None) -> None:
    assert title_stage(title) == stage


def test_a_groundbreaking_and_the_works_opened_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("start", "Spatenstich für neues ICE-Werk in Cottbus",
                "In Cottbus hat der Bau eines Instandhaltungswerks für ICE-Züge begonnen. Die Bahn investiert rund "
                "einer Milliarde Euro, 1.200 Arbeitsplätze sollen in der Lausitz entstehen.", "de", "2022-05-24"),
        article("open", "New rail maintenance works opens in Cottbus, Lusatia",
                "The rail company's new maintenance works for high-speed trains in Cottbus is in service. The works, "
                "an investment of about one billion euros, will employ 1,200 people in Lusatia.", "en", None)))
    assert prints["start"].stage == "start"
    assert prints["open"].stage == "operation"
    assert titles_disagree(evidence(prints["start"], prints["open"]))
