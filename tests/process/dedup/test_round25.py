"""Round 25's class (blind set 46, read after its measurement: a consultation on a strategy and the strategy's adoption
joined one story): input invited ("contribuez", a consultation, "invited to apply") is a call, a text adopted or a
status granted ("adoptent", "verabschiedet", "recognises") is a result — two stages of one process, two stories. Each
cue's titles are in test_titles.py's STAGED_TITLES; the titles and texts are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence, titles_disagree
from tests.support.labelled import fingerprints, items

TEXT = ("La Région Bretagne prépare son schéma régional de développement économique 2023-2030 (SRDEII). Pôles de "
        "compétitivité, clusters et entreprises de Rennes, Brest et Lorient ont nourri le texte sur l'hydrogène, "
        "la mer et l'agroalimentaire, avec un budget de 120 millions d'euros.")
CONSULTATION = {"id": "call", "url": "https://bretagne-dev.example/srdeii", "platform": "agence", "language": "fr",
                "dup_group": "consultation",
                "title": "SRDEII 2023-2030 : contribuez à la stratégie économique bretonne",
                "text": TEXT}
ADOPTION = {"id": "result", "url": "https://region.example/actualites/srdeii", "platform": "region",
            "published": "2023-02-10", "language": "fr", "dup_group": "adoption",
            "title": "SRDEII 2023-2030 : les élus adoptent la stratégie économique bretonne", "text": TEXT}


def test_a_consultation_and_the_adoption_it_prepared_are_two_stories() -> None:
    prints = fingerprints(items(CONSULTATION, ADOPTION))
    assert prints["call"].stage == "call"
    assert prints["result"].stage == "result"
    assert titles_disagree(evidence(prints["call"], prints["result"]))


def test_two_reports_of_the_adoption_stay_one_story() -> None:
    german = {**ADOPTION, "id": "de", "url": "https://kooperation.example/bretagne-srdeii", "platform": "ki",
              "language": "de", "title": "Bretagne: Wirtschaftsstrategie SRDEII 2023-2030 verabschiedet"}
    prints = fingerprints(items(ADOPTION, german))
    assert prints["de"].stage == "result"
    assert not titles_disagree(evidence(prints["result"], prints["de"]))
