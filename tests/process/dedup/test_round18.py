"""Round 18's class (blind set 30): a mission's call for applications and the report of the mission, whose title
names no event ("Retour de mission : …"), are two stories; a report and the event's own title are one. The items
are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.kinds import title_stage
from feeds.settings import Settings
from tests.support.labelled import fingerprints, gold, items, stories


def test_a_title_that_tells_an_event_afterwards_is_a_report_in_three_languages() -> None:
    assert title_stage("Retour de mission : les clusters bretons au Québec") == "report"
    assert title_stage("Le forum des clusters s’est tenu à Rennes") == "report"
    assert title_stage("Rückblick auf die Clustermission nach Kanada") == "report"
    assert title_stage("Cluster mission to Canada: a wrap-up") == "report"
    assert title_stage("Cluster mission to Canada: call for applications") == "call"


def test_partners_sought_registration_and_decisions_say_their_stage() -> None:
    assert title_stage("KI-Cluster gesucht: EU-Mission nach Montreal") == "call"
    assert title_stage("Have your say: survey of cluster managers") == "call"
    assert title_stage("Register for the Baltic Cluster Forum in Tallinn") == "announcement"
    assert title_stage("Baltic Cluster Forum: what we learned") == "report"
    assert title_stage("Regional government approves a new spearhead cluster") == "result"
    assert title_stage("Wallonia confirms its six competitiveness clusters") == "result"  # round 19
    assert title_stage("Les six pôles de compétitivité wallons reconduits") == "result"
    assert title_stage("Land Niedersachsen: Cluster als Landesinitiative anerkannt") == "result"


MISSION = items(
    {"id": "call-en", "url": "https://eccp.example/news/mission-canada-call", "platform": "eccp",
     "published": "2019-01-10", "language": "en", "dup_group": "call",
     "title": "Call for applications: EU cluster mission to Montreal",
     "text": "Clusters working on artificial intelligence can apply until 15 February 2019 to join the EU cluster "
             "mission to Montreal in May 2019. Twenty cluster organisations will meet Canadian clusters and firms."},
    {"id": "report-fr", "url": "https://pole-breizh.example/actus/retour-mission-montreal", "platform": "pole",
     "published": "2019-05-28", "language": "fr", "dup_group": "report",
     "title": "Retour de mission : l'IA bretonne à Montréal avec les clusters européens",
     "text": "Le pôle breton faisait partie des vingt clusters européens de la mission à Montréal en mai 2019. "
             "Rencontres avec les clusters canadiens de l'intelligence artificielle et trois accords en vue."},
    {"id": "event-en", "url": "https://eu-canada.example/news/montreal-mission", "platform": "eucanada",
     "published": "2019-05-24", "language": "en", "dup_group": "report",
     "title": "EU cluster mission in Montreal brings twenty clusters to Canada's AI hub",
     "text": "Twenty European cluster organisations met Canadian clusters of artificial intelligence in Montreal "
             "in May 2019 during the EU cluster mission; three agreements are in preparation."},
)


def test_a_mission_report_is_not_its_call_but_the_mission_itself() -> None:
    prints = fingerprints(MISSION)
    assert titles_disagree(evidence(prints["call-en"], prints["report-fr"]))
    assert not titles_disagree(evidence(prints["event-en"], prints["report-fr"]))


def test_the_call_and_the_mission_are_two_stories(settings: Settings, database_url: str) -> None:
    assert stories(settings, MISSION, database_url) == gold(MISSION)


def test_a_registration_page_dated_by_the_event_day_is_no_preview_of_the_event() -> None:
    """An undated registration page takes the first date of its lead — the event's own day; a text titled by the
    event and published that day reports it (blind set 31's chain of round 18)."""
    prints = fingerprints(items(
        {"id": "register", "url": "https://agence.example/evenements/conference-nordvik", "platform": "agence",
         "language": "fr", "dup_group": "announced",
         "title": "Conférence Nordvik des clusters 2019 : inscrivez-vous",
         "text": "Le 14 mai 2019, la conférence Nordvik des clusters réunit à Tromsø les gestionnaires de clusters. "
                 "Les inscriptions sont ouvertes jusqu'au 30 avril."},
        {"id": "held", "url": "https://portal.example/nordvik-2019", "platform": "portal", "published": "2019-05-14",
         "language": "en", "dup_group": "held",
         "title": "Nordvik Cluster Conference 2019 in Tromsø",
         "text": "Cluster managers met in Tromsø on 14 May 2019 for the Nordvik Cluster Conference."},
    ))
    assert prints["register"].dated
    assert prints["register"].published.date() == prints["held"].published.date()
    assert titles_disagree(evidence(prints["register"], prints["held"]))
