"""Round 30's class (blind set 57, read after its measurement: two regions' joint stands at one trade fair joined one
story): a title names whose stand it is in a compound — "Niedersachsen-Stand", "Bayern-Gemeinschaftsstand" —, and two
titles that each name another region's stand report two stories; round 31: a country's pavilion ("Pavillon France") is
that country's, though France is named too often to count elsewhere. The titles and texts are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence, titles_disagree
from tests.support.labelled import fingerprints, items

FAIR = ("Die Agritechnica 2025 in Hannover öffnet vom 9. bis 15. November 2025; auf dem Gemeinschaftsstand zeigen "
        "Unternehmen und Forschungseinrichtungen Sensorik für den Ackerbau.")
LOWER_SAXONY = {"id": "ni", "url": "https://ni.example/agritechnica", "platform": "ni", "language": "de",
                "published": "2025-11-03", "dup_group": "ni stand",
                "title": "Agritechnica 2025: 18 Aussteller auf dem Niedersachsen-Stand", "text": FAIR}
BAVARIA = {"id": "by", "url": "https://by.example/agritechnica", "platform": "by", "language": "de",
           "published": "2025-11-05", "dup_group": "by stand",
           "title": "Agritechnica 2025: 21 Aussteller auf dem Bayern-Gemeinschaftsstand", "text": FAIR}


def test_two_regions_stands_at_one_fair_are_two_stories() -> None:
    prints = fingerprints(items(LOWER_SAXONY, BAVARIA))
    assert prints["ni"].title_places == {"g:de/basse-saxe"}
    assert prints["by"].title_places == {"g:de/bavaria"}
    assert titles_disagree(evidence(prints["ni"], prints["by"]))


def test_one_regions_stand_reported_twice_stays_one_story() -> None:
    report = {**LOWER_SAXONY, "id": "report", "url": "https://messe.example/ni-stand", "platform": "messe",
              "title": "Niedersachsen-Stand auf der Agritechnica 2025 gut besucht"}
    prints = fingerprints(items(LOWER_SAXONY, report))
    assert not titles_disagree(evidence(prints["ni"], prints["report"]))


def test_a_place_of_two_words_is_not_cut() -> None:
    saxony_anhalt = {**LOWER_SAXONY, "id": "st", "title": "Sachsen-Anhalt-Stand auf der Agritechnica 2025"}
    prints = fingerprints(items(saxony_anhalt))
    assert "g:de/sachsen" not in prints["st"].title_places


def test_a_countrys_pavilion_is_that_countrys() -> None:
    french = {**BAVARIA, "id": "fr", "url": "https://bf.example/agritechnica", "platform": "bf", "language": "fr",
              "title": "Agritechnica 2025 : 30 entreprises sur le Pavillon France",
              "text": "Le Pavillon France réunit trente entreprises du machinisme agricole à Hanovre."}
    named = {**french, "id": "named", "title": "France Clusters à l'Agritechnica 2025"}
    prints = fingerprints(items(LOWER_SAXONY, french, named))
    assert prints["fr"].title_places == {"g:fr"}
    assert prints["named"].title_places == frozenset()  # a country elsewhere in a title is no actor
    assert titles_disagree(evidence(prints["ni"], prints["fr"]))
