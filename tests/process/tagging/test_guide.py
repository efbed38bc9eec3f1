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


# -- round 5: the classes blind set 5 showed (docs/design/tagging.md) -------------------------

def test_a_french_reunion_is_a_meeting_not_the_island(tagger: Tagger) -> None:
    meeting = tagger.tag("Réunion du groupe d'experts à Bruxelles",
                         "La Commission européenne a réuni à Bruxelles son groupe d'experts sur les clusters.", "fr")
    island = tagger.tag("Un pôle à La Réunion", "Le pôle Qualitropic, à La Réunion, fédère les entreprises "
                        "de la bioéconomie tropicale de l'île.", "fr")
    assert published(meeting, "country") == {"eu"}
    assert "re" in published(island, "country")


def test_an_event_word_inside_a_german_compound_makes_the_city_a_venue(tagger: Tagger) -> None:
    tags = tagger.tag("Lebensmittelcluster Niedersachsen: Netzwerktreffen in Wien",
                      "Das Netzwerk Ernährungswirtschaft Niedersachsen hat sein Mitgliedertreffen in diesem Jahr in "
                      "Wien abgehalten. Die Teilnehmenden diskutierten über pflanzliche Proteine.", "de")
    assert published(tags, "country") == {"de"}


def test_an_actor_the_text_says_is_absent_does_not_count(tagger: Tagger) -> None:
    tags = tagger.tag("Mitgliederversammlung des Kunststoffclusters",
                      "Der Kunststoffcluster aus Bayern tagte in Linz. Partner vor Ort war keine österreichische "
                      "Organisation, und auch kein österreichisches Unternehmen stellte aus.", "de")
    assert "at" not in published(tags, "country")


def test_a_place_named_mostly_as_a_venue_is_a_venue_everywhere(tagger: Tagger) -> None:
    venue = tagger.tag("Luxembourg hosts EU ministers' debate on industry",
                       "EU ministers met in Luxembourg at the Competitiveness Council. The Council meets in "
                       "Luxembourg in April, June and October.", "en")
    subject = tagger.tag("Luxembourg opens a national cluster office",
                         "Luxembourg's ministry of the economy opened a cluster office. "
                         "Luxembourg wants more start-ups; "
                         "the first board meeting in Luxembourg is planned for May.", "en")
    assert published(venue, "country") == {"eu"}
    assert "lu" in published(subject, "country")


@pytest.mark.parametrize(("text", "language"), [
    ("The mapping counts 1,300 cluster organisations. The largest numbers are in Spain (180), France (150), "
     "Germany (140) and Italy (120).", "en"),
    ("Le salon accueille 300 exposants. Des délégations de Taïwan, d'Israël et de Singapour sont annoncées.", "fr"),
    ("Le salon accueille 300 exposants venus de 30 pays, dont la Corée, le Japon, les États-Unis et l'Italie.",
     "fr"),
])
def test_lists_with_figures_or_articles_between_the_countries_are_lists(tagger: Tagger, text: str,
                                                                      language: str) -> None:
    assert published(tagger.tag("Cluster news", text, language), "country") == set()


def test_a_french_pole_is_french_unless_the_text_places_it_elsewhere(tagger: Tagger) -> None:
    french = tagger.tag("Le pôle Valorial lance un programme", "Le pôle agroalimentaire Valorial lance un "
                        "programme de recherche sur le bien-être des volailles avec ses adhérents.", "fr")
    walloon = tagger.tag("Wagralim labellise un projet", "Le pôle de compétitivité wallon Wagralim a labellisé "
                         "un projet de deux brasseries et de deux universités de Wallonie.", "fr")
    assert published(french, "country") == {"fr"}
    assert "fr" not in published(walloon, "country")


def test_german_regional_adjectives_and_genitives_name_germany(tagger: Tagger) -> None:
    tags = tagger.tag("Bauen mit Laubholz", "Buche wächst in den Wäldern Baden-Württembergs immer häufiger. "
                      "Ein sächsisches Netzwerk und ein bayerischer Cluster entwickeln Bauteile daraus.", "de")
    assert published(tags, "country") == {"de"}


# -- round 6: the classes blind set 7 showed ------------------------------------------------

def test_a_french_adjective_after_its_noun_names_an_actor(tagger: Tagger) -> None:
    tags = tagger.tag("Le Cluster Montagne à l'international", "Le cluster présente son programme de missions. "
                      "Il rassemble plus de 200 entreprises françaises du tourisme de montagne.", "fr")
    assert "fr" in published(tags, "country")


@pytest.mark.parametrize(("title", "text", "code"), [
    ("Basque test bed opens", "A test bed has opened in the Basque Country, funded by the Basque government.", "es"),
    ("Flux50 selects projects", "Flux50, the Flemish cluster for smart energy, selected eight projects.", "be"),
    ("Retail network tests shop windows", "A network of retailers in Lombardy is testing digital shop windows.",
     "it"),
])
def test_regions_and_their_adjectives_name_their_country(tagger: Tagger, title: str, text: str, code: str) -> None:
    assert code in published(tagger.tag(title, text, "en"), "country")


def test_a_ranking_is_a_list_through_followed_by_and_hyphenated_pairs(tagger: Tagger) -> None:
    tags = tagger.tag("Innovationsranking veröffentlicht", "Die WIPO hat ihr Ranking veröffentlicht. Vorn liegen "
                      "Schweden, Finnland und die Niederlande, gefolgt von Singapur und Japan. Bei den Clustern "
                      "führen die Regionen Tokio-Yokohama, Shenzhen-Hongkong und Seoul.", "de")
    assert published(tags, "country") == set()


# -- round 7: background cues, first names, missions, calls ------------------------------------

@pytest.mark.parametrize(("title", "text", "language", "absent"), [
    ("Baltic cluster forum returns to Tallinn", "The Estonian cluster network welcomes its members to Tallinn "
     "for the ninth forum on maritime technology, since the 2015 edition in Vilnius a fixture of the region.",
     "en", "lt"),
    ("Opinion: software clusters need scale-ups", "Europe's software clusters should help their start-ups "
     "grow, as in the US, where venture capital follows successful pilots much sooner.", "en", "us"),
    ("Nordische Methode für Clusterbewertung", "Die Clustermanagements aus Thüringen bewerten ihre Arbeit "
     "künftig mit einem Verfahren, inspiriert von Dänemark, und tauschen ihre Ergebnisse im Herbst aus.",
     "de", "dk"),
])
def test_background_and_comparison_are_no_subject(tagger: Tagger, title: str, text: str, language: str,
                                                  absent: str) -> None:
    assert absent not in published(tagger.tag(title, text, language), "country")


def test_a_first_name_that_is_a_city_is_a_person(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Interview mit Florence Jordan",
        "Florence Jordan leitet das Medizintechnik-Cluster in Erlangen. Im Gespräch erklärt sie, wie "
        "Kliniken und Unternehmen in Bayern gemeinsam Produkte entwickeln.", "de")
    countries = published(tags, "country")
    assert not countries & {"it", "jo"}
    assert "de" in countries


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Pôle aéronautique : mission d'affaires à Montréal", "Le pôle de compétitivité conduit une mission "
     "d'affaires de douze PME à Montréal du 2 au 6 juin pour rencontrer des donneurs d'ordre québécois.", "fr"),
    ("Delegationsreise nach Kanada", "Auf einer Delegationsreise besuchen Clustermanagerinnen und "
     "Clustermanager vom 9. bis 14. Oktober Montréal und Toronto und treffen dort kanadische Unternehmen.",
     "de"),
    ("Cluster matchmaking mission to Tokyo", "The European Cluster Collaboration Platform is organising a "
     "cluster matchmaking mission to Tokyo for twenty cluster organisations in November.", "en"),
])
def test_a_mission_abroad_is_an_event_and_internationalisation(tagger: Tagger, title: str, text: str,
                                                               language: str) -> None:
    """The guide: `events` include a mission; `internationalisation` is going abroad, missions."""
    topics = published(tagger.tag(title, text, language), "topic")
    assert {"events", "internationalisation"} <= topics


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Mission économique wallonne au Ghana", "L'agence régionale à l'exportation a conduit une mission "
     "économique de vingt entreprises wallonnes au Ghana du 20 au 25 novembre.", "fr"),
    ("Estonian software companies travel to Japan", "A delegation of twelve Estonian software companies "
     "travelled to Tokyo and Osaka. The mission to Japan was organised by the national ICT cluster.", "en"),
    ("Gesundheitscluster besuchen Israel", "Eine Delegation von zwölf deutschen Clusterorganisationen der "
     "Gesundheitswirtschaft hat eine Woche lang Israel besucht und dort Kliniken und Start-ups getroffen.", "de"),
])
def test_a_mission_in_plain_words_is_an_event(tagger: Tagger, title: str, text: str, language: str) -> None:
    """A delegation or an economic mission is a mission, whatever compound it is written in."""
    topics = published(tagger.tag(title, text, language), "topic")
    assert {"events", "internationalisation"} <= topics


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Économie sociale : nouvel appel à manifestation d'intérêt", "Le gouvernement lance un appel à "
     "manifestation d'intérêt pour soutenir les pôles territoriaux de coopération économique. Les dossiers "
     "sont attendus avant le 30 avril.", "fr"),
    ("Luftfahrtforschung: Neuer Aufruf für Projektideen", "Das Ministerium hat einen neuen Aufruf für "
     "Projektideen zur Luftfahrtforschung veröffentlicht. Skizzen können bis zum 15. März eingereicht "
     "werden.", "de"),
])
def test_a_call_is_funding(tagger: Tagger, title: str, text: str, language: str) -> None:
    assert "funding" in published(tagger.tag(title, text, language), "topic")


def test_the_kind_of_news_weighs_a_theme(tagger: Tagger) -> None:
    """The same words weigh `funding` more when title and lead announce a call (kinds.py)."""
    body = ("The regional agency supports cluster organisations with a budget for joint projects of their "
            "members in the coming two years.")
    call = {t.code: t.confidence for t in tagger.tag("Call for applications: joint cluster projects",
                                                     body, "en") if t.kind == "topic"}
    plain = {t.code: t.confidence for t in tagger.tag("Joint cluster projects in the region", body, "en")
             if t.kind == "topic"}
    assert call.get("funding", 0.0) > plain.get("funding", 0.0)


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Chips Act: pilot line opens to start-ups", "A new pilot line for advanced chips, one of four set up "
     "under the Chips Act, opens its clean room to start-ups and small manufacturers from next spring.", "en"),
    ("Cluster statisticians meet at Eurostat", "Statisticians of cluster programmes met at Eurostat to "
     "agree on common indicators for the next cluster report.", "en"),
])
def test_an_eu_law_agency_or_fund_is_the_eu(tagger: Tagger, title: str, text: str, language: str) -> None:
    """The guide: `eu` when the story is about an EU programme, agency or law."""
    assert "eu" in published(tagger.tag(title, text, language), "country")


# -- round 9: side notes, venues without event words, ranges ----------------------------------

def test_an_organisation_cited_once_as_a_method_s_source_is_no_subject(tagger: Tagger) -> None:
    tags = tagger.tag(
        "Holzbau-Cluster erprobt vorgefertigte Fassaden",
        "Der Cluster Holzbau Nordbayern hat mit sechs Mitgliedsbetrieben eine Pilotreihe für vorgefertigte "
        "Fassadenelemente gestartet. Die bayerischen Betriebe wollen damit Sanierungen von Schulen beschleunigen. "
        "Geplant sind zunächst drei Gebäude in Franken, weitere sollen folgen.\n\n"
        "Die Elemente werden im Werk gefertigt und auf der Baustelle nur noch montiert. Gedämmt wird mit "
        "Holzfaserplatten aus der Region, die Fenster sind bereits eingebaut. So verkürzt sich die Bauzeit an "
        "den Schulen auf wenige Wochen in den Sommerferien. Die Kalkulation stützt "
        "sich auf ein Bewertungsverfahren des Danish Technological Institute.", "de")
    assert published(tags, "country") == {"de"}


def test_an_organisation_named_in_the_lead_still_counts(tagger: Tagger) -> None:
    tags = tagger.tag("New service for cluster companies hiring abroad",
                      "The Austrian Business Agency now offers cluster members a fast-track service for work "
                      "permits of IT specialists.", "en")
    assert "at" in published(tags, "country")


@pytest.mark.parametrize(("title", "text", "absent", "present"), [
    ("Wind clusters from four countries sign cooperation agreement in Hamburg",
     "Offshore wind clusters from Norway, Denmark, the Netherlands and Scotland have agreed to share test "
     "sites. Norwegian and Danish partners will open their facilities first.", "de", {"no", "dk"}),
    ("Andalusian and Moroccan aerospace clusters sign agreement in Toulouse",
     "The Andalusian aerospace cluster and Morocco's aerospace industry group agreed to exchange engineers "
     "and to prepare joint projects.", "fr", {"es", "ma"}),
])
def test_a_city_where_other_countries_actors_meet_is_a_venue(tagger: Tagger, title: str, text: str,
                                                               absent: str, present: set[str]) -> None:
    countries = published(tagger.tag(title, text, "en"), "country")
    assert absent not in countries
    assert present <= countries


def test_a_cluster_in_a_city_is_an_actor_there(tagger: Tagger) -> None:
    tags = tagger.tag("Aerospace cluster in Toulouse wins supply contract",
                      "Suppliers from the aerospace cluster in Toulouse will deliver parts for a new European "
                      "transport aircraft.", "en")
    assert "fr" in published(tags, "country")


@pytest.mark.parametrize(("text", "language"), [
    ("The report compares clusters worldwide, from the United States and Brazil to South Korea and South Africa.",
     "en"),
    ("Le rapport couvre les industries créatives du Japon aux États-Unis en passant par l'Inde et le Nigeria.",
     "fr"),
])
def test_a_range_from_one_country_to_another_is_a_list(tagger: Tagger, text: str, language: str) -> None:
    body = f"Cluster organisations published a new global report on jobs in clusters. {text}"
    assert published(tagger.tag("Global cluster report", body, language), "country") == set()


def test_one_eu_word_as_the_story_s_frame_is_no_eu_tag(tagger: Tagger) -> None:
    tags = tagger.tag("Portuguese textile cluster tests a digital product passport",
                      "With new EU rules on the way, twelve members of the Portuguese textile cluster record "
                      "materials and repair options of their products in a shared passport.", "en")
    assert published(tags, "country") == {"pt"}


def test_many_countries_named_once_each_are_the_actors(tagger: Tagger) -> None:
    founders = ["Union of Slovak Clusters", "Latvian Clusters Network", "France Clusters",
                "Polish Clusters Employers' Association", "Romanian Cluster Association",
                "National Cluster Association of the Czech Republic", "Lithuanian Clusters Network",
                "Association of Business Clusters Bulgaria"]
    text = ("Cluster associations founded a European alliance of cluster associations in Warsaw.\n\n"
            "Founders:\n\n" + "\n".join(f"- {name}" for name in founders))
    countries = published(tagger.tag("Cluster associations found an alliance", text, "en"), "country")
    assert {"sk", "lv", "fr", "pl", "ro", "cz", "lt", "bg"} <= countries


@pytest.mark.parametrize(("title", "text", "language"), [
    ("EEN matchmaking at the Web Summit in Lisbon", "Portuguese partners of the Enterprise Europe Network "
     "organised more than 900 business meetings at the Web Summit in Lisbon.", "en"),
    ("Interreg Alpenraum: Neuer Projektaufruf geöffnet", "Das Programm Interreg Alpenraum hat seinen vierten "
     "Aufruf für Projekte zur Kreislaufwirtschaft geöffnet. Einreichungen sind bis Ende März möglich.", "de"),
    ("Sozialwirtschaft im Fokus der spanischen Ratspräsidentschaft", "Das spanische Arbeitsministerium hat "
     "eine Konferenz zur Sozialwirtschaft in San Sebastián ausgerichtet.", "de"),
])
def test_a_story_about_an_eu_programme_network_or_presidency_is_the_eu(tagger: Tagger, title: str, text: str,
                                                                      language: str) -> None:
    """The guide: `eu` for a story about an EU programme, presidency or an EU-level platform's event."""
    assert "eu" in published(tagger.tag(title, text, language), "country")


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Cluster in Sachsen erhält EFRE-Mittel", "Der sächsische Cluster erhält Mittel aus dem EFRE für ein "
     "neues Labor in Dresden, das im Herbst eröffnet.", "de"),
    ("Dresden cluster opens a shared laboratory", "The Saxon microelectronics cluster in Dresden opened a "
     "shared laboratory for its members; the building was co-funded by Interreg and the Enterprise Europe "
     "Network advised on partners.", "en"),
])
def test_eu_money_or_networks_in_passing_are_no_eu_story(tagger: Tagger, title: str, text: str,
                                                         language: str) -> None:
    assert "eu" not in published(tagger.tag(title, text, language), "country")


@pytest.mark.parametrize(("title", "text", "language"), [
    ("Interreg ALCOTRA : un projet franco-italien pour le tourisme de montagne", "Des offices de tourisme "
     "savoyards et piémontais lancent un projet commun de sentiers transfrontaliers, cofinancé par le "
     "programme.", "fr"),
    ("Holzbau-Cluster aus vier Ländern starten Interreg-Projekt", "Cluster aus Lothringen, dem Saarland, "
     "Luxemburg und Wallonien entwickeln gemeinsam Bauteile aus regionalem Holz.", "de"),
])
def test_one_project_an_eu_programme_funds_is_the_partners_story(tagger: Tagger, title: str, text: str,
                                                                 language: str) -> None:
    """The guide's "EU money named in passing": one project in the title is its partners' story, a call
    of the programme (above) is the EU's."""
    assert "eu" not in published(tagger.tag(title, text, language), "country")
