"""Round 26's class (blind set 50, read after its measurement: a trade-fair stand announced and the report of it joined
one story): "Besuchen Sie uns", "visit us", "… lädt an den Stand" announce; "successful", "erfolgreich", "un succès"
judge an outcome and report it. Each cue's titles (and round 27's: an event's programme out) are in test_titles.py's
STAGED_TITLES; the titles and texts are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence, titles_disagree
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
