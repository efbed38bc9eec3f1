"""Round 22's class (blind sets 31, 32, 40: chains of an announcement and a report whose title names no stage): a
launch event is an event, coming home and drawing the balance are a report, a report that has appeared is a
publication. The titles are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from tests.support.labelled import fingerprints, items


def test_launches_homecomings_balances_and_new_reports_say_their_stage() -> None:
    assert title_stage("Launch event: the Baltic Cluster Barometer 2021") == "event"
    assert title_stage("Auftaktveranstaltung des Wasserstoffnetzwerks in Rostock") == "event"
    assert title_stage("Événement de lancement du pôle Mer Bretagne à Brest") == "event"
    assert title_stage("Danish food clusters return from Tokyo with new partners") == "report"
    assert title_stage("Messe in Osaka: Sächsische Aussteller ziehen Bilanz") == "report"
    assert title_stage("Mission au Japon : le bilan des pôles normands") == "report"
    assert title_stage("Baltic Cluster Barometer 2021 erschienen") == "publication"
    assert title_stage("New report maps the Nordic bioeconomy clusters") == "publication"
    assert title_stage("Nouveau rapport sur les clusters du Grand Est") == "publication"
    assert title_stage("Klimabilanz der Region verbessert") is None  # a word that merely ends in the cue


def test_a_launch_event_is_not_the_publication_it_launches() -> None:
    prints = fingerprints(items(
        {"id": "launch", "url": "https://eccp.example/events/barometer-launch", "platform": "eccp",
         "language": "en", "dup_group": "launch",
         "title": "Launch event: the Baltic Cluster Barometer 2018",
         "text": "The Baltic Cluster Barometer 2018 will be presented online on 12 November 2018, with its authors "
                 "from Riga and Tallinn and a panel of cluster managers from Vilnius."},
        {"id": "out", "url": "https://balticclusters.example/news/barometer-2018", "platform": "baltic",
         "published": "2018-11-20", "language": "de", "dup_group": "published",
         "title": "Baltic Cluster Barometer 2018 erschienen",
         "text": "Der Baltic Cluster Barometer 2018 ist erschienen: Autorinnen aus Riga und Tallinn vergleichen "
                 "die Cluster der drei baltischen Staaten."},
    ))
    assert titles_disagree(evidence(prints["launch"], prints["out"]))
