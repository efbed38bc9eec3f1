"""Round 82's class (the EU–Japan matchmaking missions of blind sets 242, 279 and 287, read after their measurement):
an undated announcement takes the first date of its lead as its own, and an announcement's lead names the event's day
("La mission se déroulera du 25 au 28 novembre 2019 à Tokyo"), months after the page was written; its versions in
other languages, dated when they were written, then fell outside the window. A text that tells its event ahead was
written before every day it names, so the earliest of them (often the deadline to apply) is taken instead. A report
keeps the first date of its lead. The texts are invented for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feeds.config import SourceConfig
from feeds.model import Item
from feeds.process import NormaliseOptions, normalise
from tests.support.labelled import items

SOURCE = SourceConfig(id="pole", name="Pôle", kind="feed", url="https://pole.example/")
OPTIONS = NormaliseOptions(summary_length=200, languages=("de", "en", "fr"))
NOW = datetime(2025, 3, 1, tzinfo=UTC)


def _normalised(title: str, text: str, url: str = "https://pole.example/actualites/mission-japon") -> Item:
    [labelled] = items({"id": "a", "url": url, "platform": "pole", "title": title, "text": text, "language": "fr"})
    return normalise(labelled.raw, SOURCE, OPTIONS, NOW)


ANNOUNCEMENT = ("Le centre UE-Japon lance un appel aux gestionnaires de clusters de la mécanique. La mission se "
                "déroulera du 25 au 28 novembre 2019 à Tokyo, en marge du salon de la robotique.\n\nDix gestionnaires "
                "seront retenus ; les candidatures sont ouvertes jusqu'au 30 août 2019.")


def test_an_announcement_is_dated_by_the_earliest_day_it_names() -> None:
    item = _normalised("Mission de clusters UE–Japon : transmission et robotique", ANNOUNCEMENT)
    assert item.dated
    assert item.published.date() == date(2019, 8, 30)


def test_a_report_keeps_the_first_day_of_its_lead() -> None:
    report = ("La mission s'est déroulée du 25 au 28 novembre 2019 à Tokyo. Dix gestionnaires de clusters ont "
              "rencontré leurs homologues japonais et visité des fabricants.\n\nLes candidatures avaient été reçues "
              "jusqu'au 30 août 2019.")
    item = _normalised("Retour de mission : les clusters de la mécanique au Japon", report)
    assert item.published.date() == date(2019, 11, 28)


def test_a_date_in_the_address_still_comes_first() -> None:
    item = _normalised("Mission de clusters UE–Japon : transmission et robotique", ANNOUNCEMENT,
                       url="https://pole.example/actualites/2019/07/mission-japon")
    assert item.published.date() == date(2019, 7, 1)
