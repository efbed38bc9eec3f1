"""Round 26's class (blind set 50, read after its measurement: a trade-fair stand announced and the report of it
joined one story): "Besuchen Sie uns", "visit us", "… lädt an den Stand" announce; "successful", "erfolgreich", "un
succès" judge an outcome and report it. The titles and texts are invented for these tests.
"""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import fingerprints, items

TEXT = ("Das Kompetenznetz Lebensmitteltechnik Ostwestfalen zeigt auf der Interpack 2026 in Düsseldorf mit elf "
        "Mitgliedern neue Verpackungslinien aus recyceltem Aluminium; Halle 12, Stand B41, vom 7. bis 13. Mai 2026.")
INVITATION = {"id": "before", "url": "https://klt-owl.example/interpack-2026", "platform": "klt", "language": "de",
              "published": "2026-04-20", "dup_group": "stand announced",
              "title": "Besuchen Sie uns: Kompetenznetz Lebensmitteltechnik auf der Interpack 2026", "text": TEXT}
REPORT = {"id": "after", "url": "https://eccp.example/news/klt-interpack", "platform": "eccp", "language": "en",
          "published": "2026-05-19", "dup_group": "stand reported",
          "title": "Successful joint stand of the Kompetenznetz Lebensmitteltechnik at Interpack 2026",
          "text": "At Interpack 2026 in Düsseldorf (7-13 May 2026), eleven members of the Kompetenznetz "
                  "Lebensmitteltechnik Ostwestfalen showed packaging lines made of recycled aluminium in hall 12, "
                  "stand B41."}


def test_a_stand_announced_and_its_report_are_two_stories() -> None:
    prints = fingerprints(items(INVITATION, REPORT))
    assert (prints["before"].stage, prints["after"].stage) == ("announcement", "report")
    assert titles_disagree(evidence(prints["before"], prints["after"]))


def test_a_success_reported_twice_stays_one_story() -> None:
    german = {**REPORT, "id": "de", "url": "https://nrw.example/klt-interpack", "platform": "nrw", "language": "de",
              "title": "Interpack 2026: Gemeinschaftsstand des Kompetenznetzes erfolgreich", "text": TEXT}
    prints = fingerprints(items(REPORT, german))
    assert not titles_disagree(evidence(prints["after"], prints["de"]))


@pytest.mark.parametrize(("title", "stage"), [
    ("Meet us at MEDICA 2026, hall 3", "announcement"),
    ("Das Netzwerk lädt an den Gemeinschaftsstand", "announcement"),
    ("Retrouvez-nous au salon Pollutec", "announcement"),
    ("Cluster days in Riga a success", "report"),
    ("Rencontres franco-allemandes : une première édition réussie", "report"),
    ("Zwei Bündnisse im Wettbewerb erfolgreich", "report"),
    # round 27 (blind set 51, read after its measurement: a yearly day's "programme online" joined its report)
    ("Cluster Day 2026: programme online", "announcement"),
    ("Clustertag 2026: Das Programm steht", "announcement"),
    ("Clustertag: Programm veröffentlicht", "announcement"),
    ("Journée des clusters : le programme en ligne", "announcement"),
    ("Neue Studie veröffentlicht", "publication"),
    ("Rückblick: Clustertag 2026 mit Besucherrekord", "report"),
])
def test_stands_announced_programmes_out_and_outcomes_judged_say_their_stage(title: str, stage: str) -> None:
    assert title_stage(title) == stage
