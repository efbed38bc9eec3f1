"""Round 32's class (blind sets 57 and 64, read after their measurement: several regions' and countries' stands at one
trade-fair edition joined one story): a title names whose exhibitors they are by an adjective ("31 bayerische
Aussteller", "85 exposants français", "Trente entreprises bretonnes"), a genitive ("Sachsens Hightech-Cluster") or a
city's adjective ("Dresdner Firmen"). A place's adjective is that place wherever it is written; a country's adjective
says whose the actors are only in a title about exhibitors, stands or pavilions, since elsewhere a country's angle on
one event ("Euroclusters : plusieurs clusters français retenus") is often the angle of one story. Round 33 (blind set
67): a title that names the fair ("… return to interpack") counts a country's adjective too, and a German-speaking
place's adjective in "-er" ("Osnabrücker") is the place. The titles and texts are invented for these tests."""

from __future__ import annotations

from feeds.process.dedup.names import country_of_adjective, name_features
from feeds.process.dedup.scoring import evidence, titles_disagree
from feeds.process.dedup.signals import title_places
from feeds.runner import build_deduplicator
from feeds.settings import Settings
from tests.support.labelled import fingerprints, items
from tests.support.paths import CONFIG

FAIR = ("Die MEDICA 2024 in Düsseldorf läuft vom 11. bis 14. November 2024; in Halle 3 zeigen Unternehmen "
        "Medizintechnik für Klinik und Praxis.")
BAVARIA = {"id": "by", "url": "https://by.example/medica", "platform": "by", "language": "de",
           "published": "2024-11-04", "dup_group": "by stand",
           "title": "MEDICA 2024: 28 bayerische Aussteller auf dem Gemeinschaftsstand", "text": FAIR}
FRANCE = {"id": "fr", "url": "https://bf.example/medica", "platform": "bf", "language": "fr", "published": "2024-11-05",
          "dup_group": "fr pavilion", "title": "MEDICA 2024 : 70 exposants français au salon",
          "text": "Le salon MEDICA 2024 ouvre ses portes à Düsseldorf du 11 au 14 novembre 2024 avec soixante-dix "
                  "entreprises de la santé."}
PLACES = build_deduplicator(Settings(config_dir=CONFIG)).fingerprint_options.places


def test_a_places_adjective_is_the_place_in_every_form() -> None:
    for written in ("bayerische Aussteller", "Bayerischen Firmen", "Bavarian exhibitors", "les PME bavaroises"):
        assert name_features(written, PLACES) == {"g:de/bavaria"}, written
    assert name_features("Trente entreprises bretonnes", PLACES) == {"g:fr/bretagne"}
    assert name_features("Sachsens Hightech-Cluster", PLACES) == {"g:de/sachsen"}
    assert "g:de/dresde" in name_features("Dresdner Firmen in Barcelona", PLACES)
    # a region's adjective names the region, not its country's tag: "bayerisch" is Bavaria's
    assert country_of_adjective("bayerische", PLACES) is None


def test_a_countrys_adjective_counts_in_a_title_about_exhibitors_only() -> None:
    assert title_places("MEDICA 2024 : 70 exposants français au salon", PLACES) == {"g:fr"}
    assert title_places("Polish clusters on the national stand at MEDICA 2024", PLACES) == {"g:pl"}
    assert title_places("Euroclusters : plusieurs clusters français retenus", PLACES) == frozenset()
    # an English adjective needs its capital: "polish" is a verb
    assert country_of_adjective("polish", PLACES) is None
    assert country_of_adjective("Polish", PLACES) == "g:pl"


def test_two_exhibitors_at_one_fair_named_by_adjectives_are_two_stories() -> None:
    prints = fingerprints(items(BAVARIA, FRANCE))
    assert prints["by"].title_places == {"g:de/bavaria"}
    assert prints["fr"].title_places == {"g:fr"}
    assert titles_disagree(evidence(prints["by"], prints["fr"]))


def test_one_stand_named_by_its_adjective_and_its_name_stays_one_story() -> None:
    report = {**BAVARIA, "id": "report", "url": "https://messe.example/bayern", "platform": "messe", "language": "en",
              "title": "Bavaria's joint stand at MEDICA 2024 draws visitors",
              "text": "MEDICA 2024 in Düsseldorf, 11 to 14 November 2024: 28 companies from Bavaria on one stand."}
    prints = fingerprints(items(BAVARIA, report))
    assert prints["report"].title_places == {"g:de/bavaria"}
    assert not titles_disagree(evidence(prints["by"], prints["report"]))


def test_a_title_naming_a_fair_is_about_who_is_there() -> None:
    """Round 33 (blind set 67, read after its measurement): a title that names the fair, not the stand."""
    assert title_places("French packaging companies return to interpack", PLACES) == {"g:fr"}
    assert title_places("Czech suppliers court machine builders at the fair in Nuremberg", PLACES) >= {"g:cz"}
    assert title_places("Czech suppliers court machine builders in Nuremberg", PLACES) == {"g:de/nuremberg"}


def test_a_german_places_adjective_in_er_is_the_place() -> None:
    assert name_features("Osnabrücker Agrartechnik auf der EuroTier", PLACES) == {"g:de/osnabrück"}
    assert name_features("Jenaer Optik", PLACES) == {"g:de/jena"}
    assert name_features("Tiroler Firmen", PLACES) == name_features("Tirol", PLACES)


def test_a_fairs_own_news_and_a_stand_there_are_two_stories() -> None:
    """Round 34 (blind set 73, read after its measurement): the fair's final report names no exhibitor, and its text
    never names the region whose stand the other title is about."""
    final = {"id": "final", "url": "https://messe.example/medica-bilanz", "platform": "messe", "language": "de",
             "published": "2024-11-15", "dup_group": "medica final",
             "title": "MEDICA 2024 zieht positive Bilanz",
             "text": "Die MEDICA 2024 schloss am 14. November 2024 mit 80.000 Fachbesuchern aus 160 Ländern."}
    teaser = {**final, "id": "teaser", "url": "https://news.example/medica", "platform": "news",
              "title": "MEDICA 2024: Rekord bei den Besuchern"}
    prints = fingerprints(items(BAVARIA, final, teaser))
    assert prints["final"].at_a_fair
    assert prints["by"].at_a_fair
    assert titles_disagree(evidence(prints["by"], prints["final"]))
    # two reports of the fair itself name no exhibitor: nothing to tell apart
    assert not titles_disagree(evidence(prints["final"], prints["teaser"]))


def test_outside_a_fair_one_title_naming_a_place_is_no_veto() -> None:
    award = {"id": "award", "url": "https://by.example/preis", "platform": "by", "language": "de",
             "published": "2024-05-02", "title": "Bayerischer Innovationspreis für Medizintechnik-Cluster",
             "text": "Der Cluster erhielt am 30. April 2024 einen Preis für sein Netzwerk."}
    report = {**award, "id": "report", "url": "https://news.example/preis", "platform": "news",
              "title": "Innovationspreis für Medizintechnik-Cluster",
              "text": "Ein Preis am 30. April 2024 für den Cluster."}
    prints = fingerprints(items(award, report))
    assert not titles_disagree(evidence(prints["award"], prints["report"]))
