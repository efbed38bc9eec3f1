"""Feed URLs and filters against a store filled by the real pipeline (the `filled` fixture).

The items are the fixture platforms' pages collected over HTTP, normalised, tagged and
deduplicated by the real stages and saved by the real store (tests/support/filled.py); stories
published on both platforms are one story because dedup merged them, so entries carry related
links. Expectations are computed from what the feed shows and from the gold data, not written in.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import feedparser
import pytest
import sqlalchemy as sa
import yaml
from flask.testing import FlaskClient

from feeds.model import Item
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import stories
from feeds.store.testing import engine_of
from tests.support.filled import NOW, SOURCES, gold_story_groups
from tests.support.paths import REPO
from tests.support.sites import expected_articles


def parse(client: FlaskClient, path: str) -> feedparser.FeedParserDict:
    response = client.get(path)
    assert response.status_code == 200, (path, response.get_data(as_text=True))
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def all_entries(client: FlaskClient) -> list[dict[str, Any]]:
    """Every published story as the JSON Feed shows it: the ground truth the filters are checked against."""
    response = client.get("/feeds/all.json?limit=500")
    return list(response.get_json()["items"])


def codes(item: dict[str, Any], kind: str) -> set[str]:
    scheme = "countries" if kind == "country" else "topics"
    return {c["term"] for c in item["_clusterfeeds"]["categories"] if c["scheme"].endswith("/" + scheme)}


def versions(item: dict[str, Any]) -> set[str]:
    """The URLs of every version an entry shows: its own and its related links."""
    return {item["url"]} | {r["url"] for r in item["_clusterfeeds"]["related"]}


def languages(item: dict[str, Any]) -> set[str]:
    return {item["language"]} | {r["language"] for r in item["_clusterfeeds"]["related"]}


def ids(client: FlaskClient, path: str) -> set[str]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.get_data(as_text=True))
    return {item["id"] for item in response.get_json()["items"]}


# -- the store behind the feeds ----------------------------------------------------------------


def test_all_feed_has_every_story_once(filled: tuple[Settings, Store, FlaskClient],
                                       filled_items: tuple[Item, ...]) -> None:
    _, store, client = filled
    entries = all_entries(client)
    with engine_of(store).connect() as connection:
        published = connection.execute(sa.select(sa.func.count()).select_from(stories)
                                       .where(stories.c.alias_of.is_(None))).scalar_one()
    assert len(entries) == published
    shown = [item["url"] for item in entries] + [r["url"] for item in entries for r in item["_clusterfeeds"]["related"]]
    assert sorted(shown) == sorted(item.canonical_url for item in filled_items)  # each version exactly once
    gold = {article["url"] for site in SOURCES for article in expected_articles(site) if article["kind"] != "profile"}
    assert gold <= set(shown)  # every gold article of the platforms was collected
    dates = [item["date_published"] for item in entries]
    assert dates == sorted(dates, reverse=True)
    assert gold_story_groups()
    for group in gold_story_groups():  # a story published on several pages is one entry with related links
        holders = [versions(item) for item in entries if group & versions(item)]
        assert len(holders) == 1, sorted(group)
        assert group <= holders[0]


@pytest.mark.parametrize("key", ["topic", "country"])
def test_tag_filters_in_path_and_query(filled: tuple[Settings, Store, FlaskClient], key: str) -> None:
    _, _, client = filled
    entries = all_entries(client)
    counts: dict[str, int] = {}
    for item in entries:
        for code in codes(item, key):
            counts[code] = counts.get(code, 0) + 1
    first, second = sorted(counts, key=lambda code: (-counts[code], code))[:2]
    want_first = {item["id"] for item in entries if first in codes(item, key)}
    want_either = {item["id"] for item in entries if {first, second} & codes(item, key)}
    want_both = {item["id"] for item in entries if {first, second} <= codes(item, key)}
    prefix = "/feeds/topics/" if key == "topic" else "/feeds/countries/"
    assert ids(client, f"{prefix}{first}.json?limit=500") == want_first
    assert ids(client, f"/feeds/all.json?limit=500&{key}={first}") == want_first
    assert ids(client, f"/feeds/all.json?limit=500&{key}={first},{second}") == want_either  # comma = OR
    assert ids(client, f"{prefix}{first}.json?limit=500&{key}={second}") == want_both  # path AND query
    assert want_both < want_either


def test_source_language_since_and_combined_filters(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    entries = all_entries(client)
    from_eccp = {i["id"] for i in entries
                 if i["_clusterfeeds"]["source"]["id"] == "eccp"
                 or any(r["title"] == SOURCES["eccp"].name for r in i["_clusterfeeds"]["related"])}
    assert ids(client, "/feeds/sources/eccp.json?limit=500") == from_eccp
    assert ids(client, "/feeds/all.json?limit=500&source=eccp") == from_eccp
    german = {i["id"] for i in entries if "de" in languages(i)}
    assert ids(client, "/feeds/all.json?limit=500&lang=de") == german
    assert ids(client, "/feeds/all.json?limit=500&lang=de,en") == {i["id"] for i in entries}
    recent = {i["id"] for i in entries if i["date_published"] >= "2025-01-01"}
    assert ids(client, "/feeds/all.json?limit=500&since=2025-01-01") == recent
    assert 0 < len(recent) < len(entries)
    assert ids(client, "/feeds/all.json?limit=500&since=2025-01-01&source=eccp&lang=de") == (
        recent & from_eccp & german)


def test_a_source_feed_reads_the_sources_once_and_names_the_source(filled: tuple[Settings, Store, FlaskClient]) -> None:
    """The route checks the source's id and the title names it: one statement for both (a round trip fewer)."""
    _, store, client = filled
    ran: list[str] = []

    def record(*args: Any) -> None:
        ran.append(args[2])

    sa.event.listen(engine_of(store), "before_cursor_execute", record)
    try:
        for path in ("/feeds/sources/eccp.atom", "/feeds/sources/eccp.rss?source=cp", "/feeds/all.json?source=eccp"):
            ran.clear()
            response = client.get(path)
            assert response.status_code == 200
            assert len([statement for statement in ran if statement.startswith("SELECT sources.id, sources.name")]) == 1
            title = response.get_json()["title"] if response.is_json else feedparser.parse(response.data).feed.title
            assert SOURCES["eccp"].name in title
    finally:
        sa.event.remove(engine_of(store), "before_cursor_execute", record)


def test_language_filter_shows_the_version_in_that_language(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    merged = [i for i in all_entries(client) if i["_clusterfeeds"]["related"]]
    bilingual = [i for i in merged if languages(i) == {"de", "en"}]
    assert bilingual
    for wanted in ("de", "en"):
        shown = {i["id"]: i for i in client.get(f"/feeds/all.json?limit=500&lang={wanted}").get_json()["items"]}
        for item in bilingual:
            assert shown[item["id"]]["language"] == wanted
            assert {r["language"] for r in shown[item["id"]]["_clusterfeeds"]["related"]} >= (
                {"de", "en"} - {wanted})


def test_full_text_search(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    entries = all_entries(client)
    hydrogen = {i["id"] for i in entries if "wasserstoff" in (i["title"] + i["content_html"]).lower()}
    assert hydrogen
    assert ids(client, "/feeds/all.json?limit=500&q=Wasserstoff") == hydrogen
    assert ids(client, "/feeds/all.json?limit=500&q=WASSERSTOFF") == hydrogen  # case-insensitive
    says_kanada = {i["id"] for i in entries if "kanada" in (i["title"] + i["content_html"]).lower()}
    canada = says_kanada | {i["id"] for i in entries  # or a version not shown here, such as the English one
                            if any("canada" in r["url"].lower() for r in i["_clusterfeeds"]["related"])}
    found = ids(client, "/feeds/all.json?limit=500&q=Wasserstoff,Kanada")  # comma = OR
    assert found >= hydrogen | says_kanada
    assert found - hydrogen
    assert found - hydrogen <= canada
    both_words = ids(client, "/feeds/all.json?limit=500&q=Cluster%20Wasserstoff")  # words AND
    assert both_words <= hydrogen
    assert ids(client, "/feeds/all.json?q=zzzyxnotaword") == set()


def test_named_feeds(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    entries = all_entries(client)
    baltic = {i["id"] for i in entries
              if {"innovation", "digitalisation"} & codes(i, "topic") and {"ee", "lv", "lt"} & codes(i, "country")}
    assert baltic
    assert ids(client, "/feeds/baltic-innovation.json?limit=500") == baltic
    german = {i["id"] for i in entries if "de" in languages(i)}
    assert ids(client, "/feeds/german-news.json?limit=500") == german
    parsed = parse(client, "/feeds/baltic-innovation.atom?hl=de")
    assert parsed.feed.title == "ClusterFeeds – Innovation und Digitalisierung im Baltikum"
    assert parse(client, "/feeds/baltic-innovation.atom?hl=en").feed.title == (
        "ClusterFeeds – Innovation and digitalisation in the Baltics")
    assert client.get("/feeds/no-such-feed.atom").status_code == 404


def test_limit_and_paging_with_a_stable_cursor(filled: tuple[Settings, Store, FlaskClient],
                                               filled_items: tuple[Item, ...]) -> None:
    settings, store, client = filled
    every = [i["id"] for i in all_entries(client)]
    seen: list[str] = []
    path: str | None = "/feeds/all.atom?limit=7&lang=de,en"
    pages = 0
    first_next = None
    while path:
        parsed = parse(client, path)
        assert len(parsed.entries) <= 7
        seen += [entry.id for entry in parsed.entries]
        links = {link.rel: link.href for link in parsed.feed.links}
        path = links.get("next", "").replace(settings.base_url, "") or None
        if pages == 0:
            first_next = path
            assert links["first"].endswith("/feeds/all.atom?limit=7&lang=de%2Cen")
        pages += 1
    assert seen == every
    assert pages == -(-len(every) // 7)
    # A new story arrives: the cursor still continues exactly where the first page ended.
    newest = dataclasses.replace(filled_items[0], key="new", canonical_url="https://www.clusterplattform.de/neu",
                                 url="https://www.clusterplattform.de/neu", published=NOW, updated=NOW)
    store.items.save("cp", [newest], NOW, "feeds.test")
    assert first_next is not None
    assert [e.id for e in parse(client, first_next).entries] == every[7:14]
    json_page = client.get("/feeds/all.json?limit=3").get_json()
    assert "before=" in json_page["next_url"]


@pytest.mark.parametrize(("path", "named", "points_to"), [
    ("/feeds/all.atom?topic=no-such-topic", "no-such-topic", "/topics"),
    ("/feeds/all.rss?country=xx", "xx", "/countries"),
    ("/feeds/all.rss?country=deu", "deu", "/countries"),
    ("/feeds/all.json?source=nowhere", "nowhere", "/sources"),
    ("/feeds/topics/innovation.atom?country=pl,zz", "zz", "/countries"),
    ("/feeds/all.atom?lang=german", "german", None),
    ("/feeds/all.atom?since=yesterday", "yesterday", None),
    ("/feeds/all.atom?since=2025-13-01", "2025-13-01", None),
    ("/feeds/all.atom?limit=0", "0", None),
    ("/feeds/all.atom?limit=501", "501", None),
    ("/feeds/all.atom?q=%21%21", "!!", None),
    ("/feeds/all.atom?before=garbage", "garbage", None),
])
def test_bad_query_values_are_400_naming_the_value(filled: tuple[Settings, Store, FlaskClient], path: str,
                                                   named: str, points_to: str | None) -> None:
    _, _, client = filled
    response = client.get(path)
    assert response.status_code == 400
    message = response.get_data(as_text=True)
    assert repr(named) in message
    if points_to:
        assert f"see {points_to}" in message


@pytest.mark.parametrize("path", [
    "/feeds/topics/no-such-topic.atom", "/feeds/countries/xx.rss", "/feeds/countries/deu.json",
    "/feeds/sources/nowhere.atom", "/feeds/all.xml", "/feeds/unknown-name.json", "/embed/topics/nothing",
])
def test_unknown_path_values_are_404(filled: tuple[Settings, Store, FlaskClient], path: str) -> None:
    _, _, client = filled
    assert client.get(path).status_code == 404


def test_country_without_stories_is_an_empty_feed(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    parsed = parse(client, "/feeds/countries/nz.atom?hl=de")
    assert parsed.entries == []
    assert parsed.feed.title == "ClusterFeeds – Land: Neuseeland"


def write_feeds_yaml(config_dir: Path, document: object) -> None:
    (config_dir / "feeds.yaml").write_text(yaml.safe_dump(document, allow_unicode=True))


def test_topic_labels_come_from_the_taxonomy(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    german = {row["code"]: row for row in client.get("/topics.json?hl=de").get_json()["topics"]}
    english = {row["code"]: row for row in client.get("/topics.json?hl=en").get_json()["topics"]}
    taxonomy = yaml.safe_load((REPO / "config" / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    assert set(german) >= {topic["slug"] for topic in taxonomy}  # every topic, also those without stories yet
    for topic in taxonomy:
        assert german[topic["slug"]]["label"] == topic["labels"]["de"]
        assert english[topic["slug"]]["label"] == topic["labels"]["en"]
    funding = parse(client, "/feeds/topics/funding.atom?hl=de")
    assert funding.feed.title == f"ClusterFeeds – Thema: {german['funding']['label']}"
    labels = {t.term: t.label for e in parse(client, "/feeds/all.atom?limit=500&hl=de").entries for t in e.tags}
    assert labels["funding"] == german["funding"]["label"]


@pytest.mark.parametrize(("document", "where"), [
    ({"feeds": {"Bad Name": {"title": "t", "description": "d", "filter": {"lang": "de"}}}}, "feed 'Bad Name'"),
    ({"feeds": {"topics": {"title": "t", "description": "d", "filter": {"lang": "de"}}}}, "feed 'topics'"),
    ({"feeds": {"x": {"title": "t", "description": "d", "filter": {"colour": "red"}}}}, "key 'filter.colour'"),
    ({"feeds": {"x": {"title": "t", "description": "d", "filter": {"country": "pol"}}}}, "key 'filter.country'"),
    ({"feeds": {"x": {"title": "t", "description": "d", "filter": {"since": "soon"}}}}, "key 'filter.since'"),
    ({"feeds": {"x": {"title": "", "description": "d", "filter": {"lang": "de"}}}}, "key 'title'"),
    ({"feeds": {"x": {"title": {"fr": "t"}, "description": "d", "filter": {"lang": "de"}}}}, "key 'title'"),
    ({"feeds": {"x": {"title": "t", "description": "d"}}}, "key 'filter'"),
    ({"feeds": {"x": {"title": "t", "description": "d", "filter": {"lang": "de"}, "colour": 1}}}, "key 'colour'"),
    ({"feeds": ["x"]}, "feeds.yaml: expected a mapping"),
])
def test_named_feed_errors_name_file_feed_and_key(tmp_path: Path, document: object, where: str) -> None:
    from feeds.config import ConfigError
    from feeds.config.feeds import load_named_feeds

    write_feeds_yaml(tmp_path, document)
    with pytest.raises(ConfigError) as caught:
        load_named_feeds(tmp_path / "feeds.yaml")
    assert str(caught.value).startswith(str(tmp_path / "feeds.yaml"))
    assert where in str(caught.value)


def test_the_shipped_feeds_yaml_is_valid() -> None:
    from feeds.config.feeds import load_named_feeds

    named = load_named_feeds(REPO / "config" / "feeds.yaml")
    assert named
    for feed in named.values():
        assert feed.title_in("de")
        assert feed.title_in("en")
