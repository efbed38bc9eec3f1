"""Round 10: amounts of money written any way, and figures that disagree (other editions, other calls).

The texts are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence, figures_disagree, probability, shared_names, shared_specifics
from feeds.process.dedup.signals import amounts, features
from tests.support.labelled import fingerprints, items


def test_an_amount_of_money_is_one_figure_however_it_is_written() -> None:
    for text in ("2,5 Mio. Euro", "EUR 2.5 million", "2,5 millions d'euros", "€2.5m", "2.500.000 Euro",
                 "2,5 Millionen Euro", "EUR 2,500,000"):
        assert amounts(text) == {"e:2500000", "n:2500000"}, text
    assert amounts("rund 2,5 Millionen Unternehmen") == {"n:2500000"}  # a figure, no money
    assert amounts("CHF 300 000 und 50 000 €") == {"e:300000", "n:300000", "e:50000", "n:50000"}
    assert not any(feature.startswith("e:") for feature in features("", "12 Partner aus 30 Ländern"))


# Two editions of one funding round by one agency, in two languages, a year apart: the same agency, programme
# and place, but each names its own date and its own budget. And the same edition reported in the other language.
EDITIONS = items(
    {"id": "round-2024-de", "url": "https://agentur.example/presse/vorlanda-2024", "platform": "agentur",
     "language": "de", "published": "2024-03-04", "dup_group": "2024",
     "title": "Vorlanda-Programm: Auswahlrunde in Tarnwick",
     "text": "Am 12.03.2024 wählt die Jury des Vorlanda-Programms in Tarnwick die Netzwerke aus, die "
             "insgesamt 2,5 Mio. Euro erhalten."},
    {"id": "round-2024-en", "url": "https://portal.example/news/vorlanda-selection", "platform": "portal",
     "language": "en", "published": "2024-03-06", "dup_group": "2024",
     "title": "Vorlanda programme selects networks in Tarnwick",
     "text": "On 12 March 2024 the Vorlanda jury in Tarnwick chooses the networks that share EUR 2.5 million."},
    {"id": "round-2025-en", "url": "https://portal.example/news/vorlanda-selection-2", "platform": "portal2",
     "language": "en", "published": "2024-03-08", "dup_group": "2025",
     "title": "Vorlanda programme: networks selected in Tarnwick",
     "text": "On 20 February 2025 the Vorlanda jury in Tarnwick chose the networks that share EUR 3.1 million."},
)


def test_texts_naming_other_dates_and_other_amounts_are_other_events() -> None:
    prints = fingerprints(EDITIONS)
    same, other = evidence(prints["round-2024-de"], prints["round-2024-en"]), evidence(
        prints["round-2024-de"], prints["round-2025-en"])
    assert not figures_disagree(same)
    assert figures_disagree(other)
    assert probability(prints["round-2024-de"], prints["round-2025-en"]) == 0.0
    assert probability(prints["round-2024-de"], prints["round-2024-en"]) > 0.0


# A programme's name written alike in two languages, which the rare words miss: each language lemmatises it its
# own way ("Mobilising" is "mobilise" in English) or calls it a common word ("Agendas" is "agenda").
ONE_NAME_TWO_LANGUAGES = items(
    {"id": "de", "url": "https://ministerium.example/presse/agendas", "platform": "ministerium",
     "language": "de", "published": "2022-10-20", "dup_group": "agendas",
     "title": "Velorien startet die Mobilising Agendas",
     "text": "Mit den Mobilising Agendas fördert Velorien die Innovationsnetzwerke seiner Unternehmen."},
    {"id": "en", "url": "https://portal.example/news/mobilising-agendas", "platform": "portal", "language": "en",
     "published": "2022-10-24", "dup_group": "agendas",
     "title": "Clusters at the heart of Velorien's Mobilising Agendas",
     "text": "The Mobilising Agendas fund the innovation networks of the country's companies."},
    {"id": "de-other", "url": "https://portal.example/news/agendas", "platform": "portal2", "language": "de",
     "published": "2022-10-22", "title": "Netzwerke in den Mobilising Agendas",
     "text": "Auch die Netzwerke des Nachbarlands profitieren von den Mobilising Agendas."},
)


def test_a_name_written_alike_in_two_languages_is_shared() -> None:
    prints = fingerprints(ONE_NAME_TWO_LANGUAGES)
    assert shared_names(prints["de"], prints["en"]) == {"p:mobilising", "p:agendas"}
    assert shared_specifics(prints["de"], prints["en"]) >= 2
    assert shared_names(prints["de"], prints["de-other"]) == frozenset()  # one language: the rare words decide
