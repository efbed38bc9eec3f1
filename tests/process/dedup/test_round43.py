"""Round 43's class (leave-one-set-out over blind sets 2-120, read after their measurement): amounts of money whose
count is a word ("rund einer Milliarde Euro", "un milliard d'euros", "half a million euros", "zwei Millionen Euro").
They were no amount: the count alone was a number ("zwei", "zehn") or nothing ("eine"), so a German report of "einer
Milliarde Euro" and an English one of "EUR 1 billion" shared no amount, and where each named another amount too the
figures veto called them two events. They are now the same `e:` and `n:` features as the amount written in figures.
The titles and texts are invented for these tests."""

from __future__ import annotations

import pytest

from feeds.process.dedup.scoring import evidence, figures_disagree
from feeds.process.dedup.signals import features
from tests.support.labelled import fingerprints, items


@pytest.mark.parametrize(("written", "figure"), [
    ("mit rund einer Milliarde Euro ausgestattet", "1 Mrd. Euro"),
    ("un milliard d'euros pour les pôles", "1 Mrd. Euro"),
    ("one billion euro for the chips act", "EUR 1 billion"),
    ("half a million euros per project", "EUR 500,000"),
    ("bis zu einer halben Million Euro je Projekt", "500.000 Euro"),
    ("zwei Millionen Euro für das Netzwerk", "2 Mio. Euro"),
    ("zweieinhalb Millionen Euro Förderung", "2,5 Millionen Euro"),
    ("dix millions d'euros sur trois ans", "10 millions d'euros"),
])
def test_an_amount_with_its_count_in_words_is_the_amount_in_figures(written: str, figure: str) -> None:
    found = {feature for feature in features("", written) if feature[:2] in ("e:", "n:")}
    assert found == {feature for feature in features("", figure) if feature[:2] in ("e:", "n:")}
    assert any(feature.startswith("e:") for feature in found)


def test_a_count_in_words_without_a_currency_is_a_figure_not_the_count() -> None:
    found = features("", "Die Region verarbeitet zehn Millionen Tonnen Erz.")
    assert "n:10000000" in found
    assert "n:10" not in found
    assert not any(feature.startswith("e:") for feature in found)
    assert "n:12" in features("", "Zwölf Initiativen wurden ausgewählt.")  # a count alone is still a number


GERMAN = {"id": "german", "url": "https://portal.example/nachrichten/chip-programm", "platform": "portal",
          "language": "de", "published": "2023-04-20", "dup_group": "chips",
          "title": "Mikroelektronik: Programm für Pilotlinien startet",
          "text": "Das Programm für Pilotlinien der Mikroelektronik ist mit rund einer Milliarde Euro ausgestattet. "
                  "Ein Konsortium aus Dresden erhält 40 Mio. Euro für eine Linie in Sachsen."}
ENGLISH = {"id": "english", "url": "https://eccp.example/news/pilot-lines", "platform": "eccp",
           "language": "en", "published": "2023-04-18", "dup_group": "chips",
           "title": "Pilot lines for microelectronics: EUR 1 billion programme opens",
           "text": "The programme for microelectronics pilot lines holds EUR 1 billion. A consortium in Dresden, "
                   "Saxony, is to receive funding for its line."}


def test_a_report_in_another_language_keeps_the_amount_written_in_words() -> None:
    prints = fingerprints(items(GERMAN, ENGLISH))
    found = evidence(prints["german"], prints["english"])
    assert "e:1000000000" in prints["german"].features & prints["english"].features
    assert not figures_disagree(found)  # before: 40 Mio. against 1 billion, no amount shared across languages
