"""Round 26's class (blind set 50, read after its measurement: a trade-fair stand announced and the report of it
joined one story): "Besuchen Sie uns", "visit us", "… lädt an den Stand" announce; "successful", "erfolgreich", "un
succès" judge an outcome and report it. The titles and texts are invented for these tests.
"""

from __future__ import annotations

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


def test_stands_announced_and_outcomes_judged_say_their_stage() -> None:
    assert title_stage("Meet us at MEDICA 2026, hall 3") == "announcement"
    assert title_stage("Das Netzwerk lädt an den Gemeinschaftsstand") == "announcement"
    assert title_stage("Retrouvez-nous au salon Pollutec") == "announcement"
    assert title_stage("Cluster days in Riga a success") == "report"
    assert title_stage("Rencontres franco-allemandes : une première édition réussie") == "report"
    assert title_stage("Zwei Bündnisse im Wettbewerb erfolgreich") == "report"


def test_an_events_programme_out_is_its_announcement() -> None:
    """Round 27 (blind set 51, read after its measurement: a yearly day's "programme online" joined its report)."""
    assert title_stage("Cluster Day 2026: programme online") == "announcement"
    assert title_stage("Clustertag 2026: Das Programm steht") == "announcement"
    assert title_stage("Clustertag: Programm veröffentlicht") == "announcement"
    assert title_stage("Journée des clusters : le programme en ligne") == "announcement"
    assert title_stage("Neue Studie veröffentlicht") == "publication"
    assert title_stage("Rückblick: Clustertag 2026 mit Besucherrekord") == "report"
