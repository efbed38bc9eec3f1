"""Round 21's class (blind sets 30, 33, 38: undated versions missed): an undated item's own text places it in time.
A report with no date that names the month of the event is the same story as the press release of that month,
and not the same as the press release of the edition two years before. The items are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence
from feeds.settings import Settings
from tests.support.labelled import fingerprints, gold, items, stories

RELEASE = {"id": "release", "url": "https://ministry.example/press/2019/textile-cluster-award", "platform": "ministry",
           "published": "2019-10-08", "language": "en", "dup_group": "award-2019",
           "title": "Textile cluster of Łódź wins the Regional Cluster Award",
           "text": "The textile and fashion cluster of Łódź received the Regional Cluster Award on 7 October 2019. "
                   "The jury praised its recycling pilot with 38 member companies and the University of Łódź."}
EARLIER = {"id": "earlier", "url": "https://ministry.example/press/2017/cluster-award", "platform": "ministry",
           "published": "2017-10-10", "language": "en", "dup_group": "award-2017",
           "title": "Łódź textile cluster shortlisted for the Regional Cluster Award",
           "text": "The textile and fashion cluster of Łódź is among five clusters shortlisted for the Regional "
                   "Cluster Award, which the jury will present in November 2017."}
REPORT = {"id": "report", "url": "https://textile-news.example/articles/lodz-cluster-prize", "platform": "textilenews",
          "language": "en", "dup_group": "award-2019",
          "title": "Prize for Łódź: recycling pilot convinces the jury",
          "text": "In October 2019 the Łódź cluster of textile and fashion firms took the Regional Cluster Award home. "
                  "Its recycling pilot, run with the University of Łódź and 38 member companies, decided it."}


def test_an_undated_text_is_placed_by_the_days_and_years_it_names() -> None:
    prints = fingerprints(items(RELEASE, EARLIER, REPORT,
                                {"id": "years", "url": "https://a.example/x", "platform": "a",
                                 "title": "Cluster award 2019", "text": "The award of 2019 went to Łódź."},
                                {"id": "none", "url": "https://b.example/y", "platform": "b",
                                 "title": "Cluster award", "text": "The award went to Łódź."}))
    assert not prints["report"].dated
    assert prints["release"].dated
    near = evidence(prints["release"], prints["report"])
    # October 2019 counts as its 15th: 7 days after the release of the 8th, but the release names that month too
    # (its 7 October 2019), which places the two together (round 36)
    assert near.named_days == 0
    # the earlier text names November 2017 (its 15th), 699 days before October 2019 (round 36)
    assert evidence(prints["earlier"], prints["report"]).named_days == 699
    assert evidence(prints["release"], prints["earlier"]).named_days is None  # both dated: their own dates say it
    assert near.inputs()["undated_named"] == 1.0
    assert evidence(prints["release"], prints["years"]).undated_year == 1
    assert evidence(prints["earlier"], prints["years"]).undated_year == -1
    assert evidence(prints["release"], prints["none"]).undated_year == 0
    assert evidence(prints["years"], prints["none"]).undated_year == 0


def test_the_undated_report_joins_its_release_not_the_earlier_edition(settings: Settings, database_url: str) -> None:
    labelled = items(RELEASE, EARLIER, REPORT)
    assert stories(settings, labelled, database_url) == gold(labelled)
