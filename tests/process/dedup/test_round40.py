"""Round 40's class (blind sets 11, 30 and 105 among others, read after their measurement): a German press release and a
French report of it share the names they write alike ("Innosuisse", "Flagship") but few rare words, because the others
are the same words spelled and inflected in each language's way: "interdisziplinär" and "interdisciplinaire",
"Konsortium" and "consortium", "Resilienz" and "résilience". The model now reads how many such cognates two texts in
different languages share (`Evidence.cognates`). The titles and texts are invented for these tests."""

from __future__ import annotations

from feeds.process.dedup import terms
from feeds.process.dedup.scoring import evidence, figures_disagree, probability
from tests.support.labelled import Constant, fingerprints, items

RELEASE = {"id": "release", "url": "https://alpenphotonik.example/presse/konsortium-quantensensorik",
           "platform": "alpenphotonik", "language": "de", "published": "2024-02-06", "dup_group": "consortium",
           "title": "Alpenphotonik gründet interdisziplinäres Konsortium für Quantensensorik",
           "text": "Das Netzwerk Alpenphotonik bündelt zwölf Firmen und vier Hochschulen in einem interdisziplinären "
                   "Konsortium. Gemeinsam entwickeln sie Spektroskopie für die Lebensmittelkontrolle und prüfen die "
                   "Resilienz optischer Lieferketten. Die Koordination liegt beim Institut für Mikrooptik."}
REPORT = {"id": "report", "url": "https://photonique-alpes.example/actualites/consortium-capteurs",
          "platform": "photoniquealpes", "language": "fr", "published": "2024-02-20", "dup_group": "consortium",
          "title": "Un consortium interdisciplinaire pour les capteurs quantiques",
          "text": "Le réseau Alpenphotonik réunit douze entreprises et quatre écoles dans un consortium "
                  "interdisciplinaire. Ensemble, elles développent la spectroscopie pour le contrôle alimentaire et "
                  "étudient la résilience des chaînes d'approvisionnement optiques."}
GERMAN = {**REPORT, "id": "german", "platform": "zeitung", "language": "de",
          "url": "https://zeitung.example/wirtschaft/konsortium-alpenphotonik",
          "title": "Zwölf Firmen im Konsortium für Quantensensorik",
          "text": "Zwölf Firmen und vier Hochschulen bilden ein interdisziplinäres Konsortium der Alpenphotonik; es "
                  "geht um Spektroskopie und um die Resilienz der Lieferketten."}


def test_words_of_one_root_spelled_in_each_language_are_cognates() -> None:
    assert terms.cognate_stems(frozenset({"interdisziplinär", "konsortium", "resilienz", "spektroskopie"})) \
        == terms.cognate_stems(frozenset({"interdisciplinaire", "consortium", "résilience", "spectroscopie"}))
    assert terms.cognate_stems(frozenset({"quantum", "lidar"})) == frozenset()  # too short to say


def test_a_translation_shares_cognates_beyond_the_names_it_writes_alike() -> None:
    prints = fingerprints(items(RELEASE, REPORT))
    release, report = prints["release"], prints["report"]
    found = evidence(release, report)
    shared = release.terms & report.terms
    assert found.cognates >= 2
    # a word both write alike is a shared rare word already, not also a cognate
    assert found.cognates == len(release.cognates & report.cognates) - len(terms.cognate_stems(shared))
    assert found.inputs()["cognates"] == min(found.cognates, 3)


def test_in_one_language_the_same_words_are_shared_words_not_cognates() -> None:
    prints = fingerprints(items(RELEASE, GERMAN))
    found = evidence(prints["release"], prints["german"])
    assert prints["release"].terms & prints["german"].terms
    assert found.cognates == 0


# Round 40's second class (blind sets 46, 49 and 65, read after their measurement): an undated page whose address
# names the year it was written in ("/aktuelles/2021/…") joined the dated texts of the same programme's round two
# years before. The years of an undated text's URL now count as the years its text names, ahead of them.
FIRST_ROUND = {"id": "first", "url": "https://verkehr.example/presse/wasserstoffregionen-ausgewaehlt",
               "platform": "ministry", "language": "de", "published": "2019-09-12", "dup_group": "round-1",
               "title": "Wasserstoffregionen: Neun Landkreise erhalten Beratung",
               "text": "Im Wettbewerb HyRegio hat das Ministerium neun Landkreise ausgewählt, die eine Beratung für "
                       "Wasserstoffprojekte erhalten."}
SECOND_ROUND = {"id": "second", "url": "https://hyregio.example/aktuelles/2021/neue-regionen",
                "platform": "hyregio", "language": "de", "published": None, "dup_group": "round-2",
                "title": "HyRegio: Neue Landkreise ausgewählt",
                "text": "Der Wettbewerb HyRegio geht weiter: Nach den ersten neun Landkreisen von 2019 erhalten nun "
                        "weitere Regionen eine Beratung für Wasserstoffprojekte."}
STRATEGY = {"id": "strategy", "url": "https://land.example/presse/innovationsstrategie-2030", "platform": "land",
            "language": "de", "published": None, "dup_group": "strategy",
            "title": "Innovationsstrategie 2030 beschlossen",
            "text": "Die Landesregierung hat die Innovationsstrategie 2030 beschlossen; Cluster sollen sie umsetzen."}
STRATEGY_RELEASE = {**STRATEGY, "id": "strategy release", "url": "https://cluster.example/news/strategie",
                    "platform": "cluster", "published": "2024-05-02",
                    "title": "Land beschließt Innovationsstrategie 2030",
                    "text": "Mit der Innovationsstrategie 2030 setzt das Land auf seine Cluster."}
MWC_2019 = {"id": "mwc 2019", "url": "https://agency.example/en/news/brokerage-event-mobile-world-congress-2019",
            "platform": "agency", "language": "en", "published": None, "dup_group": "mwc-2019",
            "title": "Brokerage event at the Mobile World Congress", "text": "Meet partners at the congress."}
MWC_2023 = {"id": "mwc 2023", "url": "https://eccp.example/event-calendar/brokerage-event-mwc-barcelona-2023",
            "platform": "eccp", "language": "en", "published": None, "dup_group": "mwc-2023",
            "title": "Brokerage event at the Mobile World Congress", "text": "Meet partners at the congress."}


def test_an_undated_page_whose_address_names_a_year_far_from_the_dated_texts_is_far() -> None:
    prints = fingerprints(items(FIRST_ROUND, SECOND_ROUND))
    assert prints["second"].url_years == {2021}
    assert 2019 in prints["second"].years  # its text names the first round's year: by the text alone it agreed
    assert evidence(prints["first"], prints["second"]).undated_year == -1


def test_a_year_in_an_address_that_the_other_text_names_is_a_programmes_not_a_date() -> None:
    prints = fingerprints(items(STRATEGY, STRATEGY_RELEASE))
    assert prints["strategy"].url_years == {2030}
    assert evidence(prints["strategy"], prints["strategy release"]).undated_year != -1


def test_only_a_year_of_its_own_in_the_path_counts() -> None:
    prints = fingerprints(items({**SECOND_ROUND, "url": "https://compete2020.example/news/uppervision2030-report"},
                                {**STRATEGY, "url": "https://agency.example/news/2019-05-22-report_2023"}))
    assert prints["second"].url_years == frozenset()  # the host's and a name's years are none of the page's
    assert prints["strategy"].url_years == {2019, 2023}


def test_two_undated_pages_whose_addresses_name_years_far_apart_are_far() -> None:
    prints = fingerprints(items(MWC_2019, MWC_2023))
    assert evidence(prints["mwc 2019"], prints["mwc 2023"]).undated_year == -1
    same = fingerprints(items(MWC_2019, {**MWC_2019, "id": "copy", "platform": "other",
                                         "url": "https://other.example/2019/brokerage"}))
    assert evidence(same["mwc 2019"], same["copy"]).undated_year != -1


def test_addresses_years_apart_are_a_veto_not_only_evidence() -> None:
    prints = fingerprints(items(FIRST_ROUND, SECOND_ROUND, STRATEGY, STRATEGY_RELEASE))
    assert figures_disagree(evidence(prints["first"], prints["second"]))
    assert probability(prints["first"], prints["second"], Constant(0.99)) == 0.0
    assert not evidence(prints["strategy"], prints["strategy release"]).addresses_apart
    assert not figures_disagree(evidence(prints["strategy"], prints["strategy release"]))
