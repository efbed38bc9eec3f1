"""The tagging guide's conventions, one class of mistake per test (shared/tagging-guide.md).

Items written for these tests: venues, lists, generic topics and editor metadata, as the guide
describes them and as the blind sets measured them (docs/design/tagging.md).
"""

from __future__ import annotations

import pytest

from feeds.config.taxonomy import load_taxonomy
from feeds.model import Tag
from feeds.process.tagging import Tagger
from tests.support.paths import CONFIG

THRESHOLD = 0.5


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_taxonomy(CONFIG))


def published(tags: tuple[Tag, ...], kind: str) -> set[str]:
    return {tag.code for tag in tags if tag.kind == kind and tag.confidence >= THRESHOLD}


# -- venues ---------------------------------------------------------------------------------

def test_an_eu_meeting_in_brussels_is_about_the_eu_not_belgium(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Expertengruppe zur Clusterpolitik tagte in Brüssel",
        "Die Expertengruppe der Europäischen Kommission zur Clusterpolitik traf sich am 12. März in Brüssel. "
        "Auf der Tagesordnung standen die Industriestrategie und die Rolle der Cluster in den "
        "Transformationspfaden. Die nächste Sitzung findet im Herbst statt.", "de")
    assert published(tags, "country") == {"eu"}


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Council of ministers meets in Luxembourg", "The Competitiveness Council met in Luxembourg to discuss "
     "simpler reporting rules for SMEs proposed by the European Commission.", "en"),
    ("Le Parlement européen vote à Strasbourg", "Réuni à Strasbourg, le Parlement européen a adopté le "
     "règlement sur les matières premières critiques proposé par la Commission européenne.", "fr"),
])
def test_luxembourg_and_strasbourg_as_eu_venues(tagger: Tagger, title: str, text: str, language: str) -> None:
    assert published(tagger.tag(title, text, language), "country") == {"eu"}


def test_a_workshop_city_without_its_own_actors_is_no_subject(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Kreislaufwirtschaft im Donauraum",
        "Clusterorganisationen aus Oberösterreich und der Slowakei stellten ihr gemeinsames Angebot vor. "
        "Bei einem Workshop in Bukarest diskutierten die Partner mit Unternehmen über Recycling.", "de")
    countries = published(tags, "country")
    assert "ro" not in countries
    assert {"at", "sk"} <= countries


def test_a_venue_counts_when_the_country_s_own_actors_organise(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Polish Presidency conference in Warsaw",
        "The Polish Ministry of Development hosted a conference on clusters in Warsaw during the Polish "
        "Presidency of the Council of the EU.", "en")
    assert "pl" in published(tags, "country")


def test_a_person_called_like_a_place_is_no_venue(tagger: Tagger) -> None:
    assert "nl" not in published(tagger.tag("Drei Fragen an Peter Holland", "Peter Holland leitet den "
                                            "Cluster Ernährungswirtschaft in Niedersachsen.", "de"), "country")


# -- lists ----------------------------------------------------------------------------------

def test_associated_countries_of_a_programme_are_a_list(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Single Market Programme: new call for cluster partnerships",
        "The European Commission has opened a call for European Strategic Cluster Partnerships. "
        "Consortia of cluster organisations can apply until 30 April. Besides the EU member states, "
        "organisations from Norway, Iceland, Kosovo, Türkiye, Armenia and Ukraine are eligible.", "en")
    assert published(tags, "country") == {"eu"}


def test_example_markets_after_a_cue_are_a_list(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Zulieferer aus Sachsen suchen Exportmärkte",
        "Ein sächsisches Zulieferernetzwerk bietet seinen Mitgliedern Marktstudien an. Gefragt sind "
        "Zielmärkte wie Brasilien, China, Indien, Japan und die USA.", "de")
    countries = published(tags, "country")
    assert not countries & {"br", "cn", "in", "jp", "us"}


def test_a_list_that_opens_the_story_names_its_actors(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Cybersecurity clusters launch an alliance",
        "Cybersecurity clusters from France, Spain, Greece and Cyprus have founded an alliance to share "
        "training offers and test facilities.", "en")
    assert {"fr", "es", "gr", "cy"} <= published(tags, "country")


def test_participants_counted_by_country_are_no_subject(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Luftfahrt-Matchmaking in Hamburg",
        "Der Luftfahrtcluster Hamburg Aviation lud zu einem Matchmaking ein. Mehr als 300 Teilnehmende aus "
        "23 Ländern, darunter Frankreich, Kanada, Spanien und Japan, kamen nach Hamburg.", "de")
    assert published(tags, "country") == {"de"}


# -- topics: what the story is about, not what it touches ------------------------------------

def test_generic_words_do_not_add_up_to_economy_or_innovation(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Holzbau-Cluster aus Finnland und Österreich kooperieren",
        "Die Holzbau-Cluster aus Finnland und Österreich haben eine Kooperationsvereinbarung unterzeichnet. "
        "Sie wollen die Wettbewerbsfähigkeit ihrer innovativen KMU stärken und gemeinsam an Projekten "
        "für mehrgeschossige Holzhäuser arbeiten. Beide Netzwerke zählen zusammen 180 Mitglieder.", "de")
    topics = published(tags, "topic")
    assert "networks" in topics
    assert not topics & {"economy", "innovation"}


def test_a_call_for_applications_is_funding_not_an_event(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Förderaufruf: Zuschüsse für Messeteilnahmen von KMU",
        "Das Land fördert die Teilnahme kleiner Unternehmen an internationalen Fachmessen. Anträge können "
        "bis zum 31. Mai eingereicht werden; der Zuschuss beträgt bis zu 10.000 Euro je Messe.", "de")
    topics = published(tags, "topic")
    assert "funding" in topics
    assert "events" not in topics


def test_at_most_three_topics_from_the_text(tagger: Tagger) -> None:
    text = ("The cluster opened a hydrogen test centre for SMEs, funded by a regional grant, with a training "
            "programme for technicians, a digital twin of the plant, a partnership with a Spanish cluster, "
            "a conference on export markets and a study of the regional economy and its supply chains.")
    topics = {tag.code for tag in tagger.tag("Hydrogen test centre opens", text, "en")
              if tag.kind == "topic" and tag.confidence >= THRESHOLD}
    assert len(topics) <= 3


# -- editor metadata ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "code"), [
    ("Republik Korea", "kr"), ("Vereinigte Staaten von Amerika", "us"), ("Russische Föderation", "ru"),
    ("Königreich der Niederlande", "nl"), ("Volksrepublik China", "cn"), ("Tschechische Republik", "cz"),
    ("Bosnien und Herzegowina", "ba"), ("Nordmazedonien", "mk"), ("EU", "eu"),
    ("Vereinigtes Königreich Großbritannien und Nordirland", "gb"),
])
def test_official_long_names_in_editor_metadata(tagger: Tagger, name: str, code: str) -> None:
    assert tagger.country_of_name(name) == code


def test_editor_lines_in_plain_text_are_the_tags(tagger: Tagger) -> None:
    text = ("Deutsche und koreanische Cluster vereinbarten in Seoul eine Zusammenarbeit.\n\n"
            "Quelle: Clusterplattform Deutschland\n"
            "Länder / Organisationen: Deutschland, Republik Korea, Bosnien und Herzegowina\n"
            "Themen: Innovation, Netzwerke, Wirtschaft, Märkte")
    tags = tagger.tag("Deutsch-koreanische Clusterkooperation", text, "de")
    assert published(tags, "country") == {"de", "kr", "ba"}
    assert published(tags, "topic") == {"innovation", "networks", "economy"}
    assert all(tag.provenance == "source" for tag in tags if tag.confidence >= THRESHOLD)


def test_global_is_no_country_and_unknown_names_are_reported(tagger: Tagger) -> None:
    text = "Ein Bericht.\n\nLänder / Organisationen: Global, Atlantis\nThemen: Strategie und Rahmenbedingungen, Quatsch"
    tags = tagger.tag("Bericht", text, "de")
    assert published(tags, "country") == set()
    assert published(tags, "topic") == {"policy"}
    assert tagger.unmapped_metadata({}, text) == ["Atlantis", "Quatsch"]
