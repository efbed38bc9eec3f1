"""Round 65's class (round 64's, continued: undated pairs are recalled far less than dated ones): pages whose URL names
their month in a form the reader did not know — a month's folder with an underscore ("/2021/2021_03/"), a month before
the slug ("/2018-09-swiss-pavilion"), a newsletter's issue by its month's name ("/eccp-newsletter-may-2024"). These
are read after the text, so a lead's full date keeps its day; an issue's number and a month named beside an event are
not read. The URLs are invented for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from feeds.process.dates import infer_published, month_in_url


@pytest.mark.parametrize(("url", "when"), [
    ("https://cluster.example/Newsletter/2021/2021_03/eu-cluster-talks.html", date(2021, 3, 1)),
    ("https://agency.example/en/news/2018-09-swiss-pavilion-at-micronora", date(2018, 9, 1)),
    ("https://platform.example/newsletter/eccp-newsletter-may-2024", date(2024, 5, 1)),
    ("https://clusters.example/newsletter/lettre-octobre-2023/", date(2023, 10, 1)),
    ("https://clusterland.example/newsletter/maerz-2021", date(2021, 3, 1)),
    ("https://cp.example/Newsletter_Clusterplattform/2024/Newsletter_Juni_2024.html", date(2024, 6, 1)),
    ("https://letter.example/issues/april-2022", date(2022, 4, 1)),
])
def test_a_month_the_url_names_less_plainly_is_read(url: str, when: date) -> None:
    assert month_in_url(url) == when


@pytest.mark.parametrize("url", [
    "https://cp.example/Newsletter/2019/newsletter_03_2019_zukunftscluster.html",  # an issue's number
    "https://een.example/actualites/matchmaking-ue-japon-tokyo-octobre-2019",  # an event's month, no newsletter
    "https://example.org/news/cluster-2030-strategy",
    "https://example.org/files/2021_03_report.pdf",
    "https://example.org/newsletter/domain-2021",
])
def test_other_urls_name_no_month(url: str) -> None:
    assert month_in_url(url) is None


def test_a_lead_keeps_its_day_and_the_url_month_comes_before_the_issue() -> None:
    url = "https://agency.example/en/news/2018-09-swiss-pavilion-at-micronora"
    found = infer_published(url, "On 25 September 2018 the Swiss pavilion opened in Besançon.")
    assert (found.when, found.where) == (date(2018, 9, 25), "lead")
    found = infer_published(url, "The Swiss pavilion opened in Besançon.")
    assert (found.when, found.where) == (date(2018, 9, 1), "url")
    found = infer_published("https://platform.example/newsletter/eccp-newsletter-may-2024", "Clusters met.",
                            "ECCP newsletter June 2024: clusters met")
    assert (found.when, found.where) == (date(2024, 5, 1), "url")
