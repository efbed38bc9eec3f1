"""Round 82's class (the EU–Japan matchmaking missions of blind sets 242, 279 and 287, read after their measurement):
an undated announcement takes the first date of its lead as its own, and an announcement's lead names the event's day
("La mission se déroulera du 25 au 28 novembre 2019 à Tokyo"), months after the page was written; its versions in
other languages, dated when they were written, then fell outside the window. A text that tells its event ahead was
written before the deadline it names ("jusqu'au 30 août 2019"), so that day is taken instead, where it comes earlier. A
report keeps the first date of its lead, and so does an announcement that names no deadline, whatever earlier day it
names ("with retroactive effect from 1 January 2023"). The texts are invented for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from feeds.config import SourceConfig
from feeds.model import Item
from feeds.process import NormaliseOptions, normalise
from feeds.process.dates import deadline_in
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


def test_a_deadline_is_a_day_a_deadline_word_leads_to() -> None:
    assert deadline_in("Les candidatures sont ouvertes jusqu'au 30 août 2019.") == date(2019, 8, 30)
    assert deadline_in("Anmeldung bis zum 15. Mai 2022 über das Portal.") == date(2022, 5, 15)
    assert deadline_in("Deadline: 3 March 2024. A second cut-off follows on 1 June 2024.") == date(2024, 3, 3)
    assert deadline_in("The agreement applies with retroactive effect from 1 January 2023.") is None


def test_an_announcement_is_dated_by_its_deadline() -> None:
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


def test_an_announcement_naming_no_deadline_keeps_the_first_day_of_its_lead() -> None:
    text = ("From 15 March 2024 Swiss companies will be able to apply for the accelerator in their own right again. "
            "The agreement applies with retroactive effect from 1 January 2023.")
    item = _normalised("Swiss companies can apply again", text)
    assert item.published.date() == date(2024, 3, 15)
