"""Round 28's inputs (and round 29's correction), read from the pairs the fold models missed over sets 2-54: what the
two titles name in common, and whether each title's specific things are in the other text, weigh a report without a
date against its translation; an undated text that names the period both texts name ("until 2022") is no sign of
another year. The titles and texts are invented for these tests.
"""

from __future__ import annotations

from feeds.process.dedup.scoring import evidence
from tests.support.labelled import fingerprints, items

LABELLED = {"id": "de", "url": "https://ministerium.example/phase-iv", "platform": "ministerium", "language": "de",
            "published": "2019-02-20", "dup_group": "phase IV",
            "title": "Frankreich: 56 Wettbewerbscluster für Phase IV ausgewählt",
            "text": "Die französische Regierung hat am 5. Februar 2019 die 56 Wettbewerbscluster der vierten Phase "
                    "(2019 bis 2022) bekanntgegeben; seit 2005 fördert Frankreich seine Cluster."}
UNDATED = {"id": "en", "url": "https://platform.example/france-phase-four", "platform": "platform", "language": "en",
           "published": None, "dup_group": "phase IV",
           "title": "France labels 56 competitiveness clusters for its fourth phase",
           "text": "France has named the 56 competitiveness clusters it supports in the fourth phase of its cluster "
                   "policy, running until 2022."}
OTHER = {"id": "other", "url": "https://region.example/hydrogen-valley", "platform": "region", "language": "en",
         "published": None, "dup_group": None,
         "title": "Hydrogen valley opens its first refuelling station in Normandy",
         "text": "The Normandy hydrogen valley opened its first public refuelling station, built with 12 partners "
                 "until 2022."}


def test_titles_naming_the_same_things_across_languages() -> None:
    prints = fingerprints(items(LABELLED, UNDATED, OTHER))
    same = evidence(prints["de"], prints["en"])
    assert {"n:56", "c:competitiveness-clusters"} <= prints["de"].title_features & prints["en"].title_features
    assert same.title_common >= 2
    assert same.title_covered > 0
    other = evidence(prints["en"], prints["other"])
    assert other.title_common == 0
    assert other.title_covered == 0


def test_a_title_without_specific_things_covers_nothing() -> None:
    plain = {**OTHER, "id": "plain", "title": "News from the network", "url": "https://region.example/news"}
    prints = fingerprints(items(LABELLED, plain))
    assert prints["plain"].title_features == frozenset()
    assert evidence(prints["de"], prints["plain"]).title_covered == 0


def test_a_period_both_texts_name_is_no_sign_of_another_year() -> None:
    prints = fingerprints(items(LABELLED, UNDATED, {**UNDATED, "id": "later", "url": "https://platform.example/x",
                                                    "text": "France's clusters in the years 2024 and 2025."}))
    assert prints["en"].years == frozenset({2022})
    assert evidence(prints["de"], prints["en"]).undated_year == 0  # 2022 is in both: no sign
    assert evidence(prints["de"], prints["later"]).undated_year == -1  # years far from 2019 and not in its text


def test_a_name_in_a_title_counts_once() -> None:
    """Round 29 (blind set 55, read after its measurement): "Euroclusters" is the EU concept and a capitalised word; a
    teaser naming it alone shares one thing with every text about the programme, not two."""
    teaser = {**UNDATED, "id": "teaser", "url": "https://platform.example/newsletter-2023-02", "language": "de",
              "title": "Newsletter 02/2023: Euroclusters öffnen Calls für KMU in Sachsen",
              "text": "Mehrere Euroclusters haben Ausschreibungen für KMU veröffentlicht."}
    call = {**LABELLED, "id": "call", "url": "https://ministerium.example/euroclusters", "language": "en",
            "title": "Euroclusters call for proposals now open", "text": "The Euroclusters call is open."}
    prints = fingerprints(items(teaser, call))
    assert "c:euroclusters" in prints["teaser"].title_features
    assert not {"p:euroclusters", "p:sachsen"} & prints["teaser"].title_features
    assert "g:de/sachsen" in prints["teaser"].title_features
    assert evidence(prints["teaser"], prints["call"]).title_common == 1
