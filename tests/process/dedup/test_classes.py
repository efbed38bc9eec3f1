"""Deduplication, one class of mistake per test (issue 12), on items written for these tests.

1. chaining: a weak bridge must not join unrelated stories;
2. undated items: their date comes from the URL or the text, and an item with no date at all still
   finds its story;
3. same-language reports written independently (a ministry's press release, a platform's report);
4. translations that share no URL and no date format, only names and numbers.

Every test runs the items through the real pipeline (normalise, fingerprint, story assignment in the
store), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from feeds.cli import cli
from feeds.config import SourceConfig
from feeds.process import NormaliseOptions, normalise
from feeds.process.dates import date_in_text, date_in_url, infer_published
from feeds.process.kinds import event_kinds
from feeds.settings import Settings
from tests.support.labelled import gold, items, stories

# -- 1. chaining ----------------------------------------------------------------------------

CHAIN = items(
    {"id": "expert-en", "url": "https://eccp.example/news/expert-group-first-meeting", "platform": "eccp",
     "published": "2019-03-05", "dup_group": "expert",
     "title": "Expert group on cluster policy meets for the first time",
     "text": "The European Commission's new expert group on clusters met for the first time in Brussels on "
             "4 March 2019. Thirty officials from national and regional cluster programmes discussed how cluster "
             "policy can support industrial value chains, and agreed a work plan with three task forces on "
             "skills, internationalisation and the green transition. The group will meet twice a year."},
    {"id": "expert-de", "url": "https://ki.example/nachrichten/expertengruppe-clusterpolitik", "platform": "ki",
     "published": "2019-03-12", "language": "de", "dup_group": "expert",
     "title": "Expertengruppe zur Clusterpolitik tagt zum ersten Mal",
     "text": "Die neue Expertengruppe der Europäischen Kommission zu Clustern ist am 4. März 2019 in Brüssel "
             "zum ersten Mal zusammengekommen. Dreißig Vertreterinnen und Vertreter nationaler und regionaler "
             "Clusterprogramme berieten über Wertschöpfungsketten und beschlossen einen Arbeitsplan mit drei "
             "Taskforces zu Fachkräften, Internationalisierung und grünem Wandel."},
    {"id": "booklet", "url": "https://eccp.example/news/circular-economy-booklet", "platform": "eccp",
     "published": "2019-03-20", "dup_group": None,
     "title": "Booklet: circular economy practices of European clusters",
     "text": "The European Commission has published a booklet with twenty circular economy practices of "
             "European clusters, from textile recycling in Flanders to biorefineries in Finland. It was presented "
             "in Brussels and shows how cluster organisations help SMEs close material loops."},
    {"id": "alliance", "url": "https://eccp.example/news/alliance-founded", "platform": "eccp",
     "published": "2019-03-25", "dup_group": None,
     "title": "National cluster associations found a European alliance",
     "text": "Eleven national cluster associations signed the founding declaration of a European alliance of "
             "cluster associations. The European Commission welcomed the alliance, which will speak for clusters "
             "in Brussels and has its first general assembly planned for the autumn."},
    {"id": "bridge", "url": "https://regional.example/news/brussels-cluster-month", "platform": "regional",
     "published": "2019-03-28", "dup_group": None,
     "title": "A busy month for clusters in Brussels",
     "text": "March 2019 brought clusters to Brussels: the European Commission's expert group on clusters met, "
             "a booklet on circular economy practices was presented and cluster associations founded an alliance."},
)


def test_a_weak_bridge_does_not_chain_unrelated_stories(settings: Settings, database_url: str) -> None:
    """The round-up names all three stories: it may be taken for one of them, but it must never bring
    two of them into one story."""
    found = stories(settings, CHAIN, database_url)
    for story in found:
        joined = {item.dup_group or item.id for item in CHAIN if item.id in story} - {"bridge"}
        assert len(joined) <= 1, sorted(story)
    assert any({"expert-en", "expert-de"} <= story for story in found)


# -- 2. undated items -----------------------------------------------------------------------

def test_dates_are_read_from_urls_and_texts() -> None:
    assert date_in_url("https://cp.example/Aktuelles/2021/3_Quartal/20210706_cluster.html") == date(2021, 7, 6)
    assert date_in_url("https://example.org/news/2021/10/cluster-day/") == date(2021, 10, 1)
    assert date_in_url("https://example.org/2019-09-09-alliance") == date(2019, 9, 9)
    assert date_in_url("https://example.org/news/cluster-2030-strategy") is None
    assert date_in_url("https://programme.example/newsletter/2023-12/first-call-results") == date(2023, 12, 1)
    assert date_in_url("https://example.org/report-2023-12") is None  # a month only as a folder of its own
    assert date_in_text("Die Clustermanager trafen sich am 8. März 2017 in Stuttgart.").when == date(2017, 3, 8)
    assert date_in_text("Les pôles se sont réunis le 3 juin 2022 à Lyon.").when == date(2022, 6, 3)
    assert date_in_text("The call opened on May 14, 2024.").when == date(2024, 5, 14)
    editorial = date_in_text("Ein Text über die Konferenz am 1. Januar 2030.\n\nRedaktion: 18.10.2019 von Tim")
    assert (editorial.when, editorial.where) == (date(2019, 10, 18), "editorial")
    assert infer_published("https://example.org/a", "No date here at all.") is None


def test_an_undated_item_is_dated_by_its_text_and_the_future_is_no_date() -> None:
    source = SourceConfig(id="ki", name="KI", kind="feed", url="https://ki.example/")
    options = NormaliseOptions(summary_length=200, languages=("de", "en"))
    now = datetime(2024, 1, 10, tzinfo=UTC)
    [dated, future] = items(
        {"id": "a", "url": "https://ki.example/a", "platform": "ki", "title": "Kooperation",
         "text": "Am 8. März 2017 unterzeichneten zwei Cluster eine Vereinbarung."},
        {"id": "b", "url": "https://ki.example/b", "platform": "ki", "title": "Einladung",
         "text": "Die Konferenz findet am 8. März 2030 statt."})
    assert normalise(dated.raw, source, options, now).published.date() == date(2017, 3, 8)
    assert normalise(dated.raw, source, options, now).dated
    assert normalise(future.raw, source, options, now).published == now
    assert not normalise(future.raw, source, options, now).dated


UNDATED = items(
    {"id": "original", "url": "https://cp.example/Aktuelles/2017/1_Quartal/20170308_Allianz.html",
     "platform": "cp", "published": "2017-03-08", "language": "de", "dup_group": "bw-ara",
     "title": "Baden-Württemberg und Auvergne-Rhône-Alpes bündeln Clusterkompetenzen",
     "text": "Die Clusteragentur Baden-Württemberg und die Agentur Auvergne-Rhône-Alpes Entreprises haben am "
             "8. März 2017 in Stuttgart eine Vereinbarung unterzeichnet. Zwölf Cluster aus Mechatronik, "
             "Medizintechnik und Leichtbau wollen gemeinsame Projekte für 40 kleine Unternehmen anstoßen. "
             "Die Partner planen 2017 zwei Kooperationsbörsen in Lyon und Karlsruhe."},
    {"id": "copy-text-date", "url": "https://ki.example/nachrichten/bw-ara-clusterkompetenzen", "platform": "ki",
     "language": "de", "dup_group": "bw-ara",
     "title": "Deutsch-französische Clusterkooperation: Baden-Württemberg und Auvergne-Rhône-Alpes",
     "text": "Am 8. März 2017 unterzeichneten die Clusteragentur Baden-Württemberg und Auvergne-Rhône-Alpes "
             "Entreprises in Stuttgart eine Vereinbarung. Zwölf Cluster aus Mechatronik, Medizintechnik und "
             "Leichtbau sollen gemeinsame Projekte für 40 kleine Unternehmen anstoßen; Kooperationsbörsen in "
             "Lyon und Karlsruhe sind geplant.\n\nQuelle: Clusterplattform Deutschland"},
    {"id": "copy-no-date", "url": "https://region.example/news/clusterkompetenzen-frankreich", "platform": "region",
     "language": "de", "dup_group": "bw-ara",
     "title": "Clusteragentur Baden-Württemberg kooperiert mit Auvergne-Rhône-Alpes Entreprises",
     "text": "Die Clusteragentur Baden-Württemberg arbeitet künftig eng mit Auvergne-Rhône-Alpes Entreprises "
             "zusammen. Zwölf Cluster aus Mechatronik, Medizintechnik und Leichtbau beteiligen sich; 40 kleine "
             "Unternehmen sollen profitieren. Kooperationsbörsen in Lyon und Karlsruhe sind geplant."},
    {"id": "other-undated", "url": "https://region.example/news/wasserstoff-netzwerk", "platform": "region",
     "language": "de", "dup_group": None,
     "title": "Neues Wasserstoffnetzwerk in der Lausitz",
     "text": "In der Lausitz hat sich ein Netzwerk aus 25 Unternehmen gegründet, das Elektrolyseure für die "
             "Stahlindustrie entwickeln will. Sprecher ist ein Anlagenbauer aus Cottbus."},
)


def test_undated_versions_find_their_story(settings: Settings, database_url: str) -> None:
    assert stories(settings, UNDATED, database_url) == gold(UNDATED)


# -- 3. same-language reports written independently -----------------------------------------

SAME_LANGUAGE = items(
    {"id": "ministry", "url": "https://wm.example/pressemitteilung/cluster-exzellenz-2022", "platform": "ministry",
     "published": "2022-11-23", "language": "de", "dup_group": "label",
     "title": "Ministerin Hoffmeister-Kraut zeichnet zwölf Clusterinitiativen aus",
     "text": "Wirtschaftsministerin Nicole Hoffmeister-Kraut hat beim Clusterforum in Stuttgart zwölf "
             "Clusterinitiativen mit dem Label Cluster-Exzellenz Baden-Württemberg ausgezeichnet. Das Label gilt "
             "drei Jahre. Die Ministerin dankte den Clustermanagements für ihren Einsatz in der Transformation."},
    {"id": "platform", "url": "https://cp.example/Aktuelles/2022/4_Quartal/20221128_Label.html", "platform": "cp",
     "published": "2022-11-28", "language": "de", "dup_group": "label",
     "title": "Clusterforum 2022: Label für zwölf Initiativen aus Baden-Württemberg",
     "text": "Zwölf Clusterinitiativen aus Baden-Württemberg tragen nun das Label Cluster-Exzellenz. Überreicht "
             "wurden die Urkunden von Nicole Hoffmeister-Kraut beim Clusterforum des Landes in Stuttgart. Unter "
             "den Ausgezeichneten sind Netzwerke aus Photonik, Medizintechnik und Automotive."},
    {"id": "other-forum", "url": "https://wm.example/pressemitteilung/clusterforum-2024", "platform": "ministry",
     "published": "2024-11-20", "language": "de", "dup_group": None,
     "title": "Clusterforum 2024: Ministerin würdigt Clustermanagements",
     "text": "Beim Clusterforum in Stuttgart hat Wirtschaftsministerin Nicole Hoffmeister-Kraut die Arbeit der "
             "Clustermanagements gewürdigt und eine neue Förderlinie für Transformationsnetzwerke angekündigt."},
)


def test_a_press_release_and_a_platform_report_of_one_award_are_one_story(
        settings: Settings, database_url: str) -> None:
    assert stories(settings, SAME_LANGUAGE, database_url) == gold(SAME_LANGUAGE)


# -- 4. across languages, without shared URLs or date formats --------------------------------

CROSS_LANGUAGE = items(
    {"id": "fr", "url": "https://pole.example/actualites/accord-aerospace-valley-hamburg", "platform": "pole",
     "published": "2023-06-21", "language": "fr", "dup_group": "paris",
     "title": "Aerospace Valley et Hamburg Aviation signent un accord au Bourget",
     "text": "Au salon du Bourget, le pôle Aerospace Valley et le cluster Hamburg Aviation ont signé le 20 juin "
             "un accord de coopération. Les deux réseaux veulent réunir 50 PME autour de l'avion à hydrogène et "
             "organiser des missions croisées entre Toulouse et Hambourg."},
    {"id": "de", "url": "https://cp.example/Aktuelles/2023/2_Quartal/aerospace-valley.html", "platform": "cp",
     "published": "2023-06-23", "language": "de", "dup_group": "paris",
     "title": "Paris Air Show: Hamburg Aviation besiegelt Kooperation mit Aerospace Valley",
     "text": "Hamburg Aviation und der französische Luftfahrtcluster Aerospace Valley haben auf der Paris Air Show "
             "in Le Bourget eine Kooperationsvereinbarung unterzeichnet. 50 kleine und mittlere Unternehmen "
             "sollen an Projekten zum Wasserstoffflugzeug arbeiten; Delegationsreisen zwischen Toulouse und "
             "Hamburg sind geplant."},
    {"id": "other", "url": "https://pole.example/actualites/salon-bourget-bilan", "platform": "pole",
     "published": "2023-06-26", "language": "fr", "dup_group": None,
     "title": "Salon du Bourget : le bilan des PME de la région",
     "text": "Trente PME d'Occitanie exposaient au salon du Bourget. Elles repartent avec des commandes dans les "
             "drones et la maintenance, selon la chambre de commerce de Toulouse."},
)


def test_translations_join_by_names_and_numbers(settings: Settings, database_url: str) -> None:
    assert stories(settings, CROSS_LANGUAGE, database_url) == gold(CROSS_LANGUAGE)


@pytest.mark.parametrize("seed", [1, 2])
def test_every_class_gives_the_same_stories_in_another_order(settings: Settings, database_url: str,
                                                            seed: int) -> None:
    for labelled in (CHAIN, UNDATED, SAME_LANGUAGE, CROSS_LANGUAGE):
        assert stories(settings, labelled, database_url, seed) == stories(settings, labelled, database_url)


def test_eval_dedup_prints_the_largest_story_and_the_chains(tmp_path: Path) -> None:
    labelled = tmp_path / "chain.jsonl"
    labelled.write_text("\n".join(json.dumps({
        "id": item.id, "url": item.raw.url, "title": item.raw.title, "text": text, "published": published,
        "language": item.language, "platform": item.platform, "dup_group": item.dup_group})
        for item, text, published in [
            (CHAIN[0], "The expert group met in Brussels on 4 March 2019.", "2019-03-05"),
            (CHAIN[1], "Die Expertengruppe traf sich am 4. März 2019 in Brüssel.", "2019-03-12")]))
    result = CliRunner().invoke(cli, ["eval", "dedup", str(labelled)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["largest_story"]["size"] >= 1
    assert report["chains"] == 0
    assert all("gold" in story for story in report["mixed_stories"])


# -- stages of one process (the guide: a call and its winners are different stories) ---------

STAGES = items(
    {"id": "call", "url": "https://eccp.example/news/euroclusters-call-open", "platform": "eccp",
     "published": "2022-02-01", "dup_group": None,
     "title": "Euroclusters: call for proposals opens, EUR 42 million for joint initiatives",
     "text": "The European Commission has opened the call for Euroclusters under the Single Market Programme. "
             "Consortia of at least three cluster organisations from three countries can apply until 12 April "
             "2022; EUR 42 million is available for around 30 Euroclusters supporting SMEs in 14 ecosystems."},
    {"id": "winners", "url": "https://eccp.example/news/30-euroclusters-selected", "platform": "eccp",
     "published": "2022-07-12", "dup_group": None,
     "title": "30 Euroclusters selected: EUR 42 million for SMEs in 14 ecosystems",
     "text": "The European Commission has selected 30 Euroclusters under the Single Market Programme. The "
             "consortia of cluster organisations from at least three countries share EUR 42 million to "
             "support SMEs in 14 industrial ecosystems."},
)


def test_news_kinds_are_read_in_three_languages() -> None:
    assert event_kinds("Call for proposals opens", "") == {"call"}
    assert event_kinds("Clusters4Future: 15 Finalisten ausgewählt", "") == {"result"}
    assert event_kinds("Aerospace Valley et Hamburg Aviation signent un accord", "") == {"agreement"}
    assert event_kinds("European Cluster Conference 2024", "Registration is open.") == {"announcement"}
    assert event_kinds("Significant growth for start-ups", "") == set()


def test_a_call_and_its_winners_are_two_stories(settings: Settings, database_url: str) -> None:
    assert stories(settings, STAGES, database_url) == gold(STAGES)
