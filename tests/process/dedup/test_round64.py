"""Round 64's class (the misses of sets 165-192: pairs with an undated item are recalled far less than dated ones): a
newsletter's teaser whose page gives no date, neither in its URL nor in its text, still names its issue in its title
("Newsletter Juli 2021: …"). The issue's month is now the teaser's date, its first day, as a URL's month folder is; an
issue's number ("Newsletter 3/2022") is not, since many newsletters count quarterly issues. The titles and texts are
invented for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from feeds.config import SourceConfig
from feeds.model import RawItem
from feeds.process.dates import date_in_title, infer_published
from feeds.process.normalise import NormaliseOptions, normalise


@pytest.mark.parametrize(("title", "when"), [
    ("Newsletter Juli 2021: Neue Runde für Zukunftscluster", date(2021, 7, 1)),
    ("Clusterplattform-Newsletter Mai 2019: Maritime Konferenz am Bodensee", date(2019, 5, 1)),
    ("CLUSTERO newsletter October 2022: Eurocluster launched in Iași", date(2022, 10, 1)),
    ("Newsletter Clusterplattform Dezember 2019", date(2019, 12, 1)),
    ("Lettre d'information juin 2023 : les pôles à Lyon", date(2023, 6, 1)),
])
def test_a_newsletter_issue_named_by_its_month_dates_its_teaser(title: str, when: date) -> None:
    assert date_in_title(title) == when


@pytest.mark.parametrize("title", [
    "Newsletter 3/2022: Neue Zukunftscluster",  # an issue's number: quarterly issues are no months
    "Newsletter: Konferenz am 3. Mai 2021",  # the headline's event, after the newsletter's name
    "Cluster news of July 2021",  # no newsletter
    "Jahresbericht März 2021",
])
def test_other_titles_name_no_issue(title: str) -> None:
    assert date_in_title(title) is None


def test_the_url_and_the_text_come_before_the_issue() -> None:
    title = "Newsletter Juli 2021: Neue Runde für Zukunftscluster"
    assert infer_published("https://example.org/news/2021/06/runde", "", title).when == date(2021, 6, 1)
    assert infer_published("https://example.org/runde", "Am 28. Juni 2021 begann die Runde.", title).when == date(
        2021, 6, 28)
    found = infer_published("https://example.org/runde", "Die Runde beginnt.", title)
    assert (found.when, found.where) == (date(2021, 7, 1), "issue")


def test_an_undated_teaser_is_stored_with_its_issue_month() -> None:
    source = SourceConfig(id="newsletter", name="Newsletter", kind="feed", url="https://example.org/feed")
    raw = RawItem(source_id="newsletter", url="https://example.org/newsletter/runde",
                  title="Newsletter Juli 2021: Neue Runde für Zukunftscluster",
                  summary_html="<p>Das Ministerium startet die nächste Runde des Wettbewerbs.</p>")
    item = normalise(raw, source, NormaliseOptions(summary_length=300, languages=("de", "en")),
                     datetime(2026, 12, 7, tzinfo=UTC))
    assert item.published == datetime(2021, 7, 1, 12, tzinfo=UTC)
    assert item.dated
