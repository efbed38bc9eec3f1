"""Round 37's class (blind sets 18, 27, 36 and 77 among others, read after their measurement: an event's call or
announcement and the report after it joined one story when neither title names its stage — "Bavaria at MWC Barcelona
2024" and "MWC Barcelona 2024 welcomes 101,000 attendees", a survey's call to take part and the study's results):
whether a text tells its event ahead (what will happen, who may still apply or register) or behind (what happened) is
read from its title and lead in its own language, and the pairwise model is told when two texts tell one event from
opposite sides. The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup import Fingerprint
from feeds.process.dedup.scoring import MODEL, evidence
from feeds.process.kinds import phase
from tests.support.labelled import fingerprints, items

CALL = {"id": "call", "url": "https://eu-japan.example/mission-2018", "platform": "eujapan", "language": "en",
        "published": "2018-03-02", "dup_group": "mission call",
        "title": "Cluster mission to Osaka 2018 on smart mobility",
        "text": "European cluster organisations can apply until 20 April 2018 to join a cluster mission to Osaka. "
                "The mission will take place from 11 to 15 June 2018 and will bring ten clusters working on smart "
                "mobility to meet Japanese companies, research institutes and prefectural agencies."}
REPORT = {"id": "report", "url": "https://eccp.example/news/osaka-mission-2018", "platform": "eccp", "language": "en",
          "published": "2018-06-22", "dup_group": "mission held",
          "title": "Cluster mission to Osaka 2018 on smart mobility",
          "text": "Ten European cluster organisations travelled to Osaka from 11 to 15 June 2018. They met Japanese "
                  "companies, research institutes and prefectural agencies working on smart mobility, and visited "
                  "two test fields. The participants were received at the prefectural government and had more than "
                  "sixty business meetings."}
BERICHT = {"id": "bericht", "url": "https://cluster-bw.example/aktuelles/osaka", "platform": "clusterbw",
           "language": "de", "published": "2018-06-25", "dup_group": "mission held",
           "title": "Clustermission Osaka 2018: Smart Mobility",
           "text": "Zehn europäische Clusterorganisationen waren vom 11. bis 15. Juni 2018 in Osaka. Sie trafen "
                   "japanische Unternehmen und Forschungsinstitute und besuchten zwei Testfelder; mehr als sechzig "
                   "Gespräche wurden geführt."}
APPEL = {"id": "appel", "url": "https://clusters.example/appel-osaka", "platform": "clustersfr", "language": "fr",
         "published": "2018-03-05", "dup_group": "mission call",
         "title": "Mission de clusters à Osaka 2018",
         "text": "Les clusters européens peuvent candidater jusqu'au 20 avril 2018. La mission se tiendra à Osaka du "
                 "11 au 15 juin 2018 et réunira dix clusters de la mobilité intelligente."}


@pytest.mark.parametrize(("record", "expected"), [(CALL, -1), (REPORT, 1), (BERICHT, 1), (APPEL, -1)])
def test_a_text_tells_its_event_ahead_or_behind(record: dict[str, str], expected: int) -> None:
    assert phase(record["title"], record["text"], record["language"]) == expected


def test_a_text_that_tells_neither_or_in_no_language_read_has_no_phase() -> None:
    assert phase("Minalogic and Silicon Saxony: a partnership", "Two microelectronics clusters and their members.",
                 "en") == 0
    assert phase(CALL["title"], CALL["text"], None) == 0
    assert phase(CALL["title"], CALL["text"], "pl") == 0


def test_a_call_and_the_report_of_the_event_it_called_for_tell_it_from_opposite_sides() -> None:
    prints = fingerprints(items(CALL, REPORT, BERICHT, APPEL))
    assert evidence(prints["call"], prints["report"]).inputs()["phases_differ"] == 1.0
    assert evidence(prints["appel"], prints["bericht"]).inputs()["phases_differ"] == 1.0  # across languages
    assert evidence(prints["report"], prints["bericht"]).inputs()["phases_agree"] == 1.0
    assert evidence(prints["call"], prints["appel"]).inputs()["phases_agree"] == 1.0


def test_the_model_reads_opposite_sides_as_less_likely_one_event() -> None:
    prints = fingerprints(items(CALL, REPORT))
    inputs = evidence(prints["call"], prints["report"]).inputs()
    assert MODEL.probability(inputs) < MODEL.probability({**inputs, "phases_differ": 0.0})


def test_the_phase_is_stored_with_the_fingerprint() -> None:
    stored = fingerprints(items(CALL))["call"].dump()
    assert Fingerprint.load(stored).phase == -1
    del stored["phase"]  # a fingerprint stored before round 37
    assert Fingerprint.load(stored).phase == 0


def test_a_german_passive_of_the_present_tells_nothing_ahead() -> None:
    assert phase("Sieben Zukunftscluster", "Sieben Verbünde werden gefördert und begleitet.", "de") == 0
    assert phase("Sieben Zukunftscluster", "Sieben Verbünde werden im Herbst ausgewählt.", "de") == -1


def test_capitals_tell_the_same_phase() -> None:
    assert phase("CLUSTER MISSION TO OSAKA", "The Mission Will Take Place In June. Apply Now.", "en") == -1
    assert phase("Clustermission Osaka", "Die Teilnehmer Trafen Partner Und Besuchten Testfelder.", "de") == 1
