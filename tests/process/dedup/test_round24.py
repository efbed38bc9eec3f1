"""Round 24's class (blind set 44, read after its measurement: stories vetoed as "different actors"): a name that
one title writes as a word and the other text as an acronym, or that one text's lemmatiser turns into another word,
is one actor. Round 23's stage cues are in test_titles.py's STAGED_TITLES. The titles and texts are invented for
these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence, titles_disagree
from tests.support.labelled import fingerprints, items

LAUNCH = {"id": "fr", "url": "https://journal.example/kehl-innorhin", "platform": "journal", "language": "fr",
          "dup_group": "innorhin", "title": "Kehl : les entreprises du Rhin supérieur lancent Innorhin",
          "text": "À Kehl, trois agences de Strasbourg, Fribourg et Bâle ont lancé Innorhin, un chèque innovation "
                  "trinational pour les PME, doté de 900 000 euros par le programme Interreg."}
GERMAN = {"id": "de", "url": "https://oberrhein.example/news/innorhin", "platform": "oberrhein",
          "published": "2021-03-02", "language": "de", "dup_group": "innorhin",
          "title": "INNORHIN gestartet: Innovationsgutscheine für KMU am Oberrhein",
          "text": "In Kehl fiel der Startschuss für INNORHIN: Agenturen aus Straßburg, Freiburg und Basel vergeben "
                  "trinationale Innovationsgutscheine an KMU, 900.000 Euro kommen aus Interreg."}


def test_a_name_written_as_a_word_and_as_an_acronym_is_one_actor() -> None:
    prints = fingerprints(items(LAUNCH, GERMAN))
    assert not evidence(prints["fr"], prints["de"]).actors_differ
    assert not titles_disagree(evidence(prints["fr"], prints["de"]))


def test_two_actors_still_differ() -> None:
    other = {**GERMAN, "id": "other", "dup_group": "other",
             "title": "BIOVALLEE gestartet: Gutscheine für Biotech-KMU am Oberrhein",
             "text": "BIOVALLEE vergibt Gutscheine an Biotech-KMU aus Straßburg, Freiburg und Basel; 400.000 Euro "
                     "kommen aus Interreg."}
    prints = fingerprints(items(LAUNCH, other))
    assert evidence(prints["fr"], prints["other"]).actors_differ
