"""Round 12: what the guide says is one story although a rule kept it apart (items invented for these tests).

- "A newsletter teaser and the full article" are one story (tagging guide, "Stories"): a teaser's title names
  its newsletter, then a dash and its own headline ("… Newsletter – Looking back at Liège"), as well as a colon.
  A title that names only the issue ("… Newsletter – März 2021") is a digest.
- Two reports of one event count different things in their titles ("20 Jahre", "250 Partner"): a count is no
  edition number. A small whole number ("Call 2", "Phase 3") still is, and so is a number after a label ("Report
  101:").
"""

from __future__ import annotations

from feeds.process.dedup.signals import headline, title_numbers, titles_conflict
from feeds.settings import Settings
from tests.support.labelled import fingerprints, gold, items, stories


def test_a_headline_after_a_dash_makes_a_newsletter_title_a_teaser() -> None:
    assert headline("Orvana Newsletter – Looking back at the Tessera forum") == "Looking back at the Tessera forum"
    assert headline("Lettre d'information – les lauréats du concours Tessera") == "les lauréats du concours Tessera"
    for issue in ("Orvana Newsletter – März 2021", "Clusters newsletter – May 2021", "Newsletter – Ausgabe 3/2021",
                  "Newsletter - No. 12", "Newsletter Clusterplattform Juni 2019"):
        assert headline(issue) == issue
    assert headline("Orvana-Newsletter") == "Orvana-Newsletter"  # a hyphen inside a word is no dash


def test_counts_in_titles_are_no_editions_and_small_numbers_are() -> None:
    assert not titles_conflict(title_numbers("20 Jahre Automobil-Cluster: Zulieferer feiern"),
                               title_numbers("Automobil-Cluster: vom Pilotprojekt zum Netzwerk mit 250 Partnern"))
    assert not titles_conflict(title_numbers("Covid-19 : l'alliance des clusters se mobilise"),
                               title_numbers("Alliance bündelt 3D-Druck-Kapazitäten"))
    assert not titles_conflict(title_numbers("Ministry funds 146 projects of innovative clusters"),
                               title_numbers("Catalan clusters secure 31 projects"))
    assert titles_conflict(title_numbers("Tessera Call 2 launched"), title_numbers("Tessera Call 3 launched"))
    assert titles_conflict(title_numbers("Report 100: clusters in Poland"), title_numbers("Report 101: clusters"))
    assert titles_conflict(title_numbers("Clusterwoche 2017"), title_numbers("Clusterwoche 2019"))


TEASER = items(
    {"id": "forum-report", "url": "https://orvana.example/news/tessera-forum-2024", "platform": "orvana",
     "published": "2024-06-14", "dup_group": "forum",
     "title": "Tessera Cluster Forum 2024: Orvana and Kelbrook sign a hydrogen valley pact in Lisbon",
     "text": "At the Tessera Cluster Forum in Lisbon on 12 June 2024, the Orvana cluster and the Kelbrook "
             "network signed a pact on a cross-border hydrogen valley. 240 cluster managers from 19 countries "
             "attended; Marta Quelhas of Orvana presented the electrolyser pilot at Sines."},
    {"id": "forum-teaser", "url": "https://platform.example/newsletter/june-forum", "platform": "platform",
     "published": None, "dup_group": "forum",
     "title": "Platform Newsletter – Looking back at the Tessera forum in Lisbon",
     "text": "The Tessera Cluster Forum in Lisbon (12 June 2024) closed with a pact between Orvana and Kelbrook "
             "on a hydrogen valley; Marta Quelhas presented the electrolyser pilot at Sines."},
    {"id": "digest", "url": "https://platform.example/newsletter/june", "platform": "platform",
     "published": None, "title": "Platform Newsletter – June 2024",
     "text": "In this issue: the Tessera Cluster Forum in Lisbon with the Orvana and Kelbrook pact; a call for "
             "cluster exchanges; new members from Sines and Porto; the hydrogen valley webinar series."},
)


def test_a_newsletter_teaser_joins_its_story_and_a_digest_stays_alone(settings: Settings,
                                                                       database_url: str) -> None:
    prints = fingerprints(TEASER)
    assert not prints["forum-teaser"].newsletter
    assert prints["digest"].newsletter
    assert stories(settings, TEASER, database_url) == gold(TEASER)
