"""Round 11: things written differently in German, English and French, editions in Roman numerals and ordinal
figures, event dates across languages, French elisions and English possessives.

The texts are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.names import name_features
from feeds.process.dedup.scoring import admissible, evidence, figures_disagree, probability, shared_specifics
from feeds.process.dedup.signals import features, roman_value, title_numbers, titles_conflict
from feeds.process.dedup.terms import terms
from feeds.process.dedup.text import bare_word
from tests.support.labelled import fingerprints, items


def test_a_concept_is_one_feature_in_three_languages_and_in_small_letters() -> None:
    for german, english, french in (
            ("Frankreich zeichnet seine Wettbewerbspole aus", "France labels its competitiveness clusters",
             "Les pôles de compétitivité labellisés"),
            ("Die neue Industriestrategie der EU", "the new industrial strategy for Europe",
             "La nouvelle stratégie industrielle européenne"),
            ("Mitglieder für die Expertengruppe gesucht", "Join the expert group on clusters",
             "Le groupe d'experts sur les clusters recrute"),
            ("Land startet Wettbewerb für Netzwerke", "Region opens a competition for networks",
             "La Région lance un concours pour les réseaux")):
        assert name_features(german) == name_features(english) == name_features(french) != set(), german


def test_an_acronym_concept_needs_its_capitals_and_a_place_its_capital() -> None:
    assert name_features("Die ESCA zeichnet aus") == {"c:esca"}
    assert name_features("l'esca per i pesci") == set()  # Italian "esca" is bait, not a secretariat
    assert name_features("a mobile lab in bremen") == set()  # a place needs its capital


# One announcement in two languages that share no rare word, no date and no figure: only the competition, which
# English writes in small letters and German as "Wettbewerb".
COMPETITION = items(
    {"id": "de", "url": "https://land.example/presse/netzwerkwettbewerb", "platform": "land", "language": "de",
     "published": "2019-05-02", "dup_group": "competition",
     "title": "Talmark startet Wettbewerb für Innovationsnetzwerke",
     "text": "Das Land Talmark ruft Netzwerke aus Industrie und Forschung auf, sich am neuen Wettbewerb zu "
             "beteiligen. Die besten Konzepte erhalten eine Förderung über drei Jahre."},
    {"id": "en", "url": "https://portal.example/news/talmark-competition", "platform": "portal", "language": "en",
     "published": "2019-05-04", "dup_group": "competition",
     "title": "Talmark opens a competition for innovation networks",
     "text": "The state of Talmark invites networks of industry and research to take part in its new "
             "competition. The best concepts receive three years of funding."},
)


def test_two_languages_sharing_a_concept_go_to_the_model() -> None:
    prints = fingerprints(COMPETITION)
    german, english = prints["de"], prints["en"]
    assert "c:competition" in german.features & english.features
    assert shared_specifics(german, english) >= 1
    assert admissible(german, english, evidence(german, english))


def test_roman_numerals_and_ordinal_figures_in_titles_are_editions() -> None:
    assert title_numbers("Phase IV des pôles de compétitivité") >= {"o:4"}
    assert titles_conflict(title_numbers("Clusterwoche III"), title_numbers("Cluster Week IV"))
    assert titles_conflict(title_numbers("2. Runde des Wettbewerbs"), title_numbers("3rd round of the competition"))
    assert titles_conflict(title_numbers("Frankreich wählt die Pole der Phase V"), title_numbers("Phase IV"))
    assert not titles_conflict(title_numbers("Phase IV : l'appel est ouvert"),
                               title_numbers("Bewerbung für die vierte Phase eröffnet"))
    assert not titles_conflict(title_numbers("3e édition du forum"), title_numbers("Dritte Ausgabe des Forums"))
    # not editions: a day of a month, a name ending in X, the pronoun I
    assert "o:14" not in title_numbers("Am 14. Mai 2019 in Berlin")
    assert not any(number.startswith("o:") for number in title_numbers("Gaia-X: what I learnt"))
    assert [roman_value(numeral) for numeral in ("II", "IX", "XIV", "VX", "IIII")] == [2, 9, 14, None, None]


# One call's info day reported in German and English, each with its own event date: another info day of
# the same call a month later is another event, however alike the texts are.
INFO_DAYS = items(
    {"id": "march-de", "url": "https://agentur.example/presse/infotag-maerz", "platform": "agentur",
     "language": "de", "published": "2019-02-20", "dup_group": "march",
     "title": "Infotag zur Ausschreibung Orvana",
     "text": "Am 14. März 2019 stellt die Agentur in Lindqvist die Ausschreibung Orvana für Netzwerke vor."},
    {"id": "march-en", "url": "https://portal.example/news/orvana-info-day", "platform": "portal",
     "language": "en", "published": "2019-02-22", "dup_group": "march",
     "title": "Orvana call: info day in Lindqvist",
     "text": "On 14 March 2019 the agency presents the Orvana call for networks in Lindqvist."},
    {"id": "april-en", "url": "https://portal.example/news/orvana-info-day-2", "platform": "portal2",
     "language": "en", "published": "2019-02-23", "dup_group": "april",
     "title": "Orvana call: second info day in Lindqvist",
     "text": "On 18 April 2019 the agency presents the Orvana call for networks in Lindqvist once more."},
)


def test_texts_in_two_languages_naming_other_event_dates_are_other_events() -> None:
    prints = fingerprints(INFO_DAYS)
    assert not figures_disagree(evidence(prints["march-de"], prints["march-en"]))
    assert figures_disagree(evidence(prints["march-de"], prints["april-en"]))
    assert probability(prints["march-de"], prints["april-en"]) == 0.0


def test_a_text_naming_its_own_publication_date_names_no_other_event() -> None:
    dated = items(
        {"id": "de", "url": "https://agentur.example/presse/orvana", "platform": "agentur", "language": "de",
         "published": "2019-02-20", "dup_group": "one", "title": "Orvana: Ausschreibung für Netzwerke",
         "text": "Redaktion: 20.02.2019. Die Agentur in Lindqvist öffnet die Ausschreibung Orvana."},
        {"id": "en", "url": "https://portal.example/news/orvana", "platform": "portal", "language": "en",
         "published": "2019-02-26", "dup_group": "one", "title": "Orvana call opens for networks",
         "text": "Published on 26 February 2019. The agency in Lindqvist opens the Orvana call."})
    prints = fingerprints(dated)
    assert not evidence(prints["de"], prints["en"]).event_dates_differ


def test_french_elisions_and_english_possessives_are_not_part_of_the_word() -> None:
    assert [bare_word(word) for word in ("l'Agence", "d'Orvana", "qu'Orvana", "Germany's", "Lindqvist’s",
                                         "aujourd'hui", "O'Neill")] == [
        "Agence", "Orvana", "Orvana", "Germany", "Lindqvist", "aujourd'hui", "O'Neill"]
    assert terms("", "l'Orvanagentur et d'Arianespace", "fr") == terms("", "Orvanagentur's Arianespace", "en")
    assert "p:orvana" in features("", "l'Orvana de Lindqvist") & features("", "Orvana's partners")
    assert name_features("la stratégie industrielle de l'Europe") == {"c:industrial-strategy"}
