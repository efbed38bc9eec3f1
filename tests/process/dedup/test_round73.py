"""Round 73's class (chains of blind sets 256 and 259, read after their measurement): a takeover agreed ("Iveco verkauft
Magirus an Mutares", "Hartmann Reinraumtechnik va racheter Clean Alp") and the takeover completed weeks later
("Mutares schließt Übernahme von Magirus ab", "Clean Alp : le rachat par Hartmann est finalisé") named no stage, so the
completion joined the signing's story as well as its own. A takeover agreed is now the plan stage and a takeover
completed the report: two stages of one process, two stories by the guide, as writers 256, 258, 259 and 263 label them.
The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import article, fingerprints, items


@pytest.mark.parametrize(("title", "stage"), [
    ("Pumpenhersteller verkauft Sparte an Finanzinvestor", "plan"),
    ("Agritech group to acquire field-robot start-up", "plan"),
    ("Boatyard owner signs agreement to sell to Italian group", "plan"),
    ("Le groupe lyonnais va racheter un fabricant de moteurs", "plan"),
    ("Ventilhersteller unterzeichnet Vereinbarung zur Übernahme", "plan"),
    ("Finanzinvestor schließt Übernahme des Pumpenherstellers ab", "report"),
    ("Übernahme abgeschlossen: Pumpenhersteller gehört jetzt zum Konzern", "report"),
    ("Le rachat du fabricant de moteurs est finalisé", "report"),
    ("Agritech group closes acquisition of field-robot start-up", "report"),
])
def test_a_takeover_agreed_and_completed_are_two_stages(title: str, stage: str) -> None:
    assert title_stage(title) == stage


def test_a_takeover_signed_and_completed_stay_two_stories() -> None:
    prints = fingerprints(items(
        article("signed", "Pumpenhersteller verkauft Feuerwehrsparte an Finanzinvestor",
                "Der Pumpenhersteller aus Ulm verkauft seine Feuerwehrsparte an einen Münchner Finanzinvestor. Der "
                "Abschluss wird nach Zustimmung der Kartellbehörden zum Jahresende erwartet.", "de", "2025-10-02"),
        article("closed", "Finanzinvestor schließt Übernahme der Feuerwehrsparte ab",
                "Der Münchner Finanzinvestor hat die Übernahme der Feuerwehrsparte des Ulmer Pumpenherstellers "
                "abgeschlossen; die Kartellbehörden hatten zugestimmt.", "de", None)))
    assert prints["signed"].stage == "plan"
    assert prints["closed"].stage == "report"
    assert titles_disagree(evidence(prints["signed"], prints["closed"]))
