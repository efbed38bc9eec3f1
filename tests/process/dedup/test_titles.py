"""Titles that say two texts are two stories (round 8): stages of one process, different actors, rounds.

The items are written for these tests (invented agencies and clusters), after the classes blind set 9 showed:
a call and the info day about it, two clusters awarded one label in one month.
"""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import admissible, evidence, probability, shared_specifics, titles_disagree
from feeds.process.dedup.signals import features, title_actor_features, title_numbers, titles_conflict
from feeds.process.dedup.terms import is_rare_name, title_names
from feeds.process.kinds import title_stage
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from tests.support.labelled import fingerprints, gold, items, stories
from tests.support.paths import CONFIG

# Every title's stage (kinds.TITLE_STAGES): round 8's, then the cues added since, by round; the titles are invented.
STAGED_TITLES = [
    ("Info Day on the Tessera call: 3 May 2019, Brussels", "event"),
    ("Infotag zur Tessera-Ausschreibung", "event"),
    ("Tessera call now open", "call"),
    ("Tessera : l'appel à candidatures est ouvert", "call"),
    ("Tessera: Gewinner der zweiten Runde ausgewählt", "result"),
    ("Tessera cluster panorama published", "publication"),
    ("Two clusters team up", None),
    # round 23: a mission completed is its report, an info event an event, "appoints" / "beruft" an appointment
    ("Nordic food clusters complete matchmaking mission in Seoul", "report"),
    ("Cluster delegation concludes its visit to Montreal", "report"),
    ("Informationsveranstaltung zum Aufruf Euroclusters", "event"),
    ("Ministry appoints new head of the cluster programme", "appointment"),
    ("Luftfahrtcluster: Senat beruft neue Chefin", "appointment"),
    # round 25: input invited is a call, a text adopted or a status granted a result
    ("Public consultation on the national cluster policy", "call"),
    ("Rumänien: Clustergesetz in öffentlicher Konsultation", "call"),
    ("Étude sur les clusters : participez avant le 30 juin", "call"),
    ("Cluster organisations invited to apply for national recognition", "call"),
    ("Government adopts its smart specialisation strategy", "result"),
    ("Stratégie régionale adoptée par l'assemblée", "result"),
    ("Neue Clusterpolitik verabschiedet", "result"),
    ("Ministry recognises twelve clusters of competitiveness", "result"),
    ("Consultation results published", "result"),  # a result first: the consultation is over
    # round 26: a stand or a visit announced, an outcome judged
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
    # round 29 (blind set 56, read after its measurement: a report's launch event joined the report out)
    ("Regional Innovation Scoreboard 2025 now available", "publication"),
    ("Clusterstudie Nordhessen jetzt verfügbar", "publication"),
    ("Le baromètre des pôles 2025 est paru", "publication"),
    ("Vient de paraître : l'atlas des clusters du Grand Est", "publication"),
    ("Launch event: Regional Innovation Scoreboard 2025", "event"),
    # round 31 (blind set 60, read after its measurement: a mission announced joined the call for its participants)
    ("Mission Roumanie : dernières semaines pour candidater", "call"),
    ("Salon Pollutec 2026 : candidatez pour le Pavillon régional", "call"),
]


@pytest.mark.parametrize(("title", "stage"), STAGED_TITLES)
def test_the_title_says_the_stage_of_a_process_in_three_languages(title: str, stage: str | None) -> None:
    assert title_stage(title) == stage


def test_the_title_names_its_actors_and_german_nouns_are_no_names() -> None:
    assert title_names("Quorvalis awarded the Gold Label", "en") == {"quorvalis"}
    assert title_names("Quorvalis décroche le label Gold", "fr") == {"quorvalis"}
    assert title_names("Neue Ausschreibung für Wertschöpfungsketten", "de") == set()


def test_titles_naming_different_rounds_are_a_series() -> None:
    assert titles_conflict(title_numbers("Zweite Runde: sieben Netzwerke ausgewählt"),
                           title_numbers("Die ersten Gewinner stehen fest"))
    assert not titles_conflict(title_numbers("Premières rencontres des clusters"),
                               title_numbers("First meeting of the clusters"))


CALL_AND_INFO_DAY = items(
    {"id": "call-en", "url": "https://agency.example/news/tessera-call", "platform": "agency",
     "published": "2019-04-10", "dup_group": "call",
     "title": "New Tessera call: cluster partnerships for going global",
     "text": "The Tessera agency has opened a call for cluster partnerships that want to enter markets outside "
             "Europe. The call has a budget of EUR 4.2 million and closes on 18 June 2019. An info day for "
             "applicants takes place on 3 May 2019 in Brussels."},
    {"id": "call-report", "url": "https://portal.example/tessera-call-open", "platform": "portal",
     "published": "2019-04-16", "dup_group": "call",
     "title": "Take your cluster global: Tessera call now open",
     "text": "Cluster partnerships can apply to the new Tessera call until 18 June 2019. The Tessera agency "
             "funds consortia with EUR 4.2 million in total; an info day on 3 May 2019 explains the call."},
    {"id": "info-day", "url": "https://agency.example/events/tessera-info-day", "platform": "agency",
     "published": "2019-04-20", "dup_group": "info",
     "title": "Info Day on the Tessera call: 3 May 2019, Brussels",
     "text": "The Tessera agency holds an info day for applicants to the call for cluster partnerships on 3 May "
             "2019 in Brussels. Staff explain the call with its budget of EUR 4.2 million and its deadline of "
             "18 June 2019."},
    {"id": "info-day-copy", "url": "https://portal.example/events/tessera-info-day", "platform": "portal",
     "published": None, "dup_group": "info",
     "title": "Tessera Info Day",
     "text": "Event organised by the Tessera agency. Info day, 3 May 2019, Brussels: the call for cluster "
             "partnerships for going global, EUR 4.2 million, deadline 18 June 2019."},
)

ONE_LABEL_TWO_CLUSTERS = items(
    {"id": "quorvalis-fr", "url": "https://quorvalis.example/actu/label-gold", "platform": "quorvalis",
     "published": "2017-03-09", "language": "fr", "dup_group": "quorvalis",
     "title": "Quorvalis décroche le label Gold de l'excellence des clusters européens",
     "text": "Le pôle Quorvalis obtient le label Gold de l'initiative européenne pour l'excellence des "
             "clusters, après un audit de sa gestion en février 2017 à Grenoble."},
    {"id": "quorvalis-en", "url": "https://labels.example/news/quorvalis-gold", "platform": "labels",
     "published": None, "dup_group": "quorvalis",
     "title": "Quorvalis awarded the Gold Label",
     "text": "The Quorvalis cluster in Grenoble has been awarded the Gold Label for cluster management "
             "excellence after its assessment in February 2017."},
    {"id": "brennvik", "url": "https://labels.example/news/brennvik-gold", "platform": "labels2",
     "published": "2017-03-14", "dup_group": "brennvik",
     "title": "Brennvik Energy Cluster renews the Gold Label for cluster management excellence",
     "text": "The Brennvik Energy Cluster has renewed its Gold Label for cluster management excellence, "
             "awarded after an assessment in February 2017."},
)


# Round 9 (set 11's class): one label for two clusters whose names the rare words leave out, an acronym of three
# letters ("it's OWL") and a name that looks like a place ("Silicon Saxony"); invented here.
SHORT_AND_PLACE_NAMES = items(
    {"id": "tkx-de", "url": "https://tkx.example/presse/gold", "platform": "tkx", "language": "de",
     "published": "2019-03-12", "dup_group": "tkx",
     "title": "TKX Clustermanagement mit dem GOLD-Label ausgezeichnet",
     "text": "Die TKX Clustermanagement GmbH in Paderborn ist mit dem GOLD-Label der europäischen "
             "Exzellenzinitiative für Clustermanagement ausgezeichnet worden."},
    {"id": "tkx-en", "url": "https://labels.example/news/tkx-gold", "platform": "labels", "language": "en",
     "published": None, "dup_group": "tkx",
     "title": "GOLD label awarded to TKX (Germany)",
     "text": "TKX Clustermanagement GmbH in Paderborn has been awarded the GOLD label for cluster management "
             "excellence."},
    {"id": "photon-saxony", "url": "https://photon-saxony.example/news/gold", "platform": "photon",
     "language": "de", "published": "2019-04-02", "dup_group": "photon",
     "title": "Photonik Sachsen erhält GOLD-Label für exzellentes Clustermanagement",
     "text": "Der Verband Photonik Sachsen in Dresden ist für sein Clustermanagement mit dem GOLD-Label der "
             "europäischen Exzellenzinitiative ausgezeichnet worden."},
)


def test_acronyms_and_place_like_names_in_titles_are_actors() -> None:
    places = build_deduplicator(Settings(config_dir=CONFIG)).fingerprint_options.places
    assert title_actor_features("GOLD label awarded to TKX (Germany)", places) == {"a:tkx"}
    assert title_actor_features("Photonik Sachsen erhält GOLD-Label", places) == {"g:de/sachsen"}
    assert title_actor_features("Cluster in Sachsen erhalten GOLD-Label", places) == set()  # a place, no name
    assert title_actor_features("Neuer BMBF-Wettbewerb", places) == set()  # a word of the domain


@pytest.mark.parametrize("title", ["ECCP and COSME meet TKX at https://tkx.example/ABCD-2",
                                   "EISMEA-Bericht: OWL und SMP", "EU-Kommission startet I3 mit EEN",
                                   "R&D-Netz F&E 2019 IV"])
def test_a_titles_acronyms_are_those_its_features_name(title: str) -> None:
    """An acronym that is a concept's name (`c:`), in a URL, a common one, a figure: the title's actors are the
    acronyms `features` gives the title, the rare ones of five characters or more."""
    places = build_deduplicator(Settings(config_dir=CONFIG)).fingerprint_options.places
    acronyms = {feature for feature in features(title, "", places) if feature.startswith("a:")}
    assert {feature for feature in title_actor_features(title, places) if feature.startswith("a:")} == {
        feature for feature in acronyms if len(feature) >= 5 and is_rare_name(feature[2:])}


ONE_SHARED_DATE = items(
    {"id": "press", "url": "https://ministry.example/press/alliance", "platform": "ministry", "published": "2019-09-10",
     "title": "Minister welcomes the new alliance of cluster organisations",
     "text": "On 9 September 2019 the cluster organisations of the country signed the founding charter of a "
             "joint alliance in the capital.", "dup_group": "alliance"},
    {"id": "report", "url": "https://portal.example/news/alliance", "platform": "portal", "published": "2019-09-12",
     "title": "Cluster organisations found their alliance",
     "text": "The founding charter was signed by the cluster organisations on 9 September 2019; a secretariat "
             "will follow.", "dup_group": "alliance"},
)


def test_a_same_language_pair_sharing_a_full_date_goes_to_the_model() -> None:
    prints = fingerprints(ONE_SHARED_DATE)
    a, b = prints["press"], prints["report"]
    assert shared_specifics(a, b) == 1
    assert admissible(a, b, evidence(a, b))


def test_a_call_and_its_info_day_are_two_stories(settings: Settings, database_url: str) -> None:
    assert stories(settings, CALL_AND_INFO_DAY, database_url) == gold(CALL_AND_INFO_DAY)


def test_two_clusters_awarded_one_label_are_two_stories(settings: Settings, database_url: str) -> None:
    found = stories(settings, ONE_LABEL_TWO_CLUSTERS, database_url)
    assert not any({"brennvik", "quorvalis-fr"} <= story or {"brennvik", "quorvalis-en"} <= story
                   for story in found)


def test_titles_that_disagree_veto_the_model() -> None:
    """The pairs the stories above must keep apart are vetoed pair by pair; the versions of one stage are not."""
    prints = {**fingerprints(CALL_AND_INFO_DAY), **fingerprints(ONE_LABEL_TWO_CLUSTERS)}

    def disagree(a: str, b: str) -> bool:
        return titles_disagree(evidence(prints[a], prints[b]))

    prints |= fingerprints(SHORT_AND_PLACE_NAMES)
    for a, b in (("call-en", "info-day"), ("call-report", "info-day-copy"), ("quorvalis-en", "brennvik"),
                 ("quorvalis-fr", "brennvik"), ("tkx-de", "photon-saxony"), ("tkx-en", "photon-saxony")):
        assert disagree(a, b), (a, b)
    for a, b in (("call-en", "call-report"), ("info-day", "info-day-copy")):
        assert not disagree(a, b), (a, b)
    assert not disagree("quorvalis-fr", "quorvalis-en")
    assert not disagree("tkx-de", "tkx-en")
    assert probability(prints["call-en"], prints["info-day"]) == 0.0
