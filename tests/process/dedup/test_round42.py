"""Round 42's class (leave-one-set-out over blind sets 2-116, read after their measurement): two reports of one event
count the same things ("56 pôles de compétitivité", "56 Wettbewerbscluster"; "Seventeen clusters", "17 Key National
Clusters"), and two texts about two events count other things, but the model read numbers only inside the weight of
all shared features. Among the pairs it scored at 0.5 or more, the gold pairs shared 0.72 numbers on average and the
others 0.20; 6 % of the gold pairs named numbers and shared none, against 22 % of the others. It now reads how many
numbers two texts share (`Evidence.numbers`) and whether both name numbers and share none
(`Evidence.numbers_differ`). The titles and texts are invented for these tests."""

from __future__ import annotations

from feeds.process.dedup.fingerprint import COMPARED_KINDS
from feeds.process.dedup.scoring import MODEL, evidence
from tests.support.labelled import fingerprints, items

RELEASE = {"id": "release", "url": "https://ministere.example/presse/poles-quatrieme-phase",
           "platform": "ministere", "language": "fr", "published": "2019-02-05", "dup_group": "phase",
           "title": "Quatrième phase des pôles de compétitivité : 56 pôles labellisés",
           "text": "Le gouvernement a labellisé 56 pôles de compétitivité pour la quatrième phase, qui court jusqu'en "
                   "2022. Quinze pôles se regroupent ; 14 projets de pôles n'ont pas été retenus à Lyon et à Nantes."}
REPORT = {"id": "report", "url": "https://portal.example/nachrichten/frankreich-wettbewerbscluster",
          "platform": "portal", "language": "de", "published": None, "dup_group": "phase",
          "title": "Frankreich: 56 Wettbewerbscluster ausgewählt",
          "text": "Frankreich hat für die vierte Phase seiner Clusterpolitik 56 Wettbewerbscluster ausgewählt; 14 "
                  "Bewerbungen aus Lyon und Nantes hatten keinen Erfolg."}
OTHER = {"id": "other", "url": "https://portal.example/nachrichten/frankreich-cluster-2023",
         "platform": "portal", "language": "de", "published": None, "dup_group": None,
         "title": "Frankreich: neue Förderung für Cluster",
         "text": "Frankreich fördert 38 Cluster in Bordeaux mit neuen Mitteln; 9 Projekte starten sofort."}
UNNUMBERED = {"id": "unnumbered", "url": "https://portal.example/nachrichten/cluster-ohne-zahlen",
              "platform": "portal", "language": "de", "published": None, "dup_group": None,
              "title": "Frankreich stärkt seine Cluster", "text": "Frankreich stärkt seine Cluster in Lyon."}


def test_numbers_are_grouped_with_the_compared_kinds() -> None:
    assert "n:" in COMPARED_KINDS
    release = fingerprints(items(RELEASE))["release"]
    assert release.features_by_kind["n:"] == {feature for feature in release.features if feature.startswith("n:")}


def test_two_reports_of_one_event_share_the_numbers_they_count() -> None:
    prints = fingerprints(items(RELEASE, REPORT))
    found = evidence(prints["release"], prints["report"])
    assert found.numbers == 2  # 56 and 14
    assert not found.numbers_differ
    assert found.inputs()["numbers"] == 2.0
    assert found.inputs()["numbers_differ"] == 0.0


def test_two_texts_that_count_other_things_differ_in_numbers() -> None:
    prints = fingerprints(items(RELEASE, OTHER, UNNUMBERED))
    found = evidence(prints["release"], prints["other"])
    assert found.numbers == 0
    assert found.numbers_differ
    assert found.inputs()["numbers_differ"] == 1.0
    # a text that names no number does not differ in numbers from one that does
    assert not evidence(prints["release"], prints["unnumbered"]).numbers_differ


def test_the_model_reads_the_new_evidence() -> None:
    assert {"numbers", "numbers_differ"} <= set(MODEL.inputs)
