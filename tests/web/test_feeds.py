"""Feed URLs and filters against a store filled from the fixture sites' gold articles.

The items are the fixture platforms' articles (titles, dates, languages, authors, countries
and topics from tests/fixtures/sites/*/expected.yaml), normalised by the real process stage
and saved by the real store; stories published on both platforms are merged the way dedup
merges them, so entries carry related links.
"""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import feedparser
import pytest
import sqlalchemy as sa
import yaml
from flask.testing import FlaskClient

from feeds.config import SourceConfig
from feeds.model import Item, RawItem, Tag
from feeds.process import NormaliseOptions, normalise
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.schema import items, stories
from feeds.web import create_app
from tests.support.sites import expected_articles

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
SOURCES = {
    "clusterplattform": SourceConfig("cp", "Clusterplattform Deutschland", "clusterplattform",
                                     "https://www.clusterplattform.de/", language="de"),
    "eccp": SourceConfig("eccp", "European Cluster Collaboration Platform", "eccp",
                         "https://www.clustercollaboration.eu/", language="en"),
}
NAMED_FEEDS = {"feeds": {
    "baltic-innovation": {
        "title": {"de": "Innovation im Baltikum", "en": "Innovation in the Baltics"},
        "description": "Cluster news on innovation from Estonia, Latvia and Lithuania",
        "filter": {"country": ["ee", "lv", "lt"], "topic": "innovation"},
    },
    "german-news": {"title": "Clusternachrichten auf Deutsch", "description": "Alle deutschen Meldungen",
                    "filter": {"lang": "de"}},
}}


@cache
def _gold() -> tuple[tuple[str | None, Item], ...]:
    """(story group, item) for every dated fixture article, processed, with its gold tags."""
    options = NormaliseOptions(summary_length=300, languages=("de", "en"))
    found = []
    for site, source in SOURCES.items():
        for position, article in enumerate(expected_articles(site)):
            if not article["published"]:
                continue
            raw = RawItem(
                source_id=source.id, url=article["url"], title=article["title"], guid=f"urn:fixture:{site}:{position}",
                content_html=f"<p>{article['body_start']}</p><p>{article['title']}.</p>",
                author=article["author"], published=datetime.fromisoformat(article["published"]),
                language=article["language"],
                image_url=f"{source.url}images/{position}.jpg" if position % 3 == 0 else None,
            )
            item = normalise(raw, source, options, NOW)
            tags = tuple(Tag("country", code, 0.9, "source") for code in article["countries"])
            tags += tuple(Tag("topic", slug, 0.8, "text") for slug in article["topics"])
            found.append((article.get("story"), dataclasses.replace(item, tags=tags)))
    return tuple(found)


def gold_items() -> tuple[Item, ...]:
    return tuple(item for _, item in _gold())


@cache
def story_groups() -> tuple[tuple[str, ...], ...]:
    """Item keys of the articles that are one story on several platforms."""
    groups: dict[str, list[str]] = {}
    for story, item in _gold():
        if story:
            groups.setdefault(story, []).append(item.key)
    return tuple(tuple(urls) for urls in groups.values() if len(urls) > 1)


def fill_store(store: Store) -> None:
    store.sync_sources(SOURCES.values())
    for source in SOURCES.values():
        store.save_items(source.id, [i for i in gold_items() if i.source_id == source.id], NOW, "feeds.test")
    merge_story_groups(store)


def merge_story_groups(store: Store) -> None:
    """What dedup does to a story published on two platforms: one story, the others aliases of it."""
    with store.engine.begin() as connection:
        for keys in story_groups():
            rows = connection.execute(sa.select(items.c.id, items.c.story_id)
                                      .where(items.c.key.in_(keys)).order_by(items.c.id)).all()
            target = rows[0].story_id
            for row in rows[1:]:
                if row.story_id != target:
                    connection.execute(sa.update(items).where(items.c.id == row.id).values(story_id=target))
                    connection.execute(sa.update(stories).where(stories.c.id == row.story_id)
                                       .values(alias_of=target))
            item_tags = [tag for row in connection.execute(sa.select(items.c.tags)
                                                           .where(items.c.story_id == target)) for tag in row.tags]
            connection.execute(sa.text("DELETE FROM story_tags WHERE story_id = :s"), {"s": target})
            best: dict[tuple[str, str], float] = {}
            for kind, code, confidence, _ in item_tags:
                best[(kind, code)] = max(confidence, best.get((kind, code), 0.0))
            for (kind, code), confidence in best.items():
                connection.execute(sa.text("INSERT INTO story_tags (story_id, kind, code, confidence, provenance) "
                                           "VALUES (:s, :k, :c, :f, 'source')"),
                                   {"s": target, "k": kind, "c": code, "f": confidence})


@pytest.fixture
def filled(settings: Settings) -> Iterator[tuple[Settings, Store, FlaskClient]]:
    (settings.config_dir / "feeds.yaml").write_text(yaml.safe_dump(NAMED_FEEDS, allow_unicode=True))
    shutil.copy(REPO / "config" / "topics.yaml", settings.config_dir / "topics.yaml")
    store = Store.open(settings.database_url)
    fill_store(store)
    yield settings, store, create_app(settings, store).test_client()
    store.close()


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


def languages(item: dict[str, Any]) -> set[str]:
    return {item["language"]} | {r["language"] for r in item["_clusterfeeds"]["related"]}


def ids(client: FlaskClient, path: str) -> set[str]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.get_data(as_text=True))
    return {item["id"] for item in response.get_json()["items"]}


# -- the store behind the feeds ----------------------------------------------------------------


def test_all_feed_has_every_gold_story_once(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, store, client = filled
    entries = all_entries(client)
    with store.engine.connect() as connection:
        published = connection.execute(sa.select(sa.func.count()).select_from(stories)
                                       .where(stories.c.alias_of.is_(None))).scalar_one()
    assert len(entries) == published
    shown = [item["url"] for item in entries] + [r["url"] for item in entries for r in item["_clusterfeeds"]["related"]]
    assert sorted(shown) == sorted(item.canonical_url for item in gold_items())  # each version exactly once
    dates = [item["date_published"] for item in entries]
    assert dates == sorted(dates, reverse=True)
    url_of = {item.key: item.canonical_url for item in gold_items()}
    for group in story_groups():  # a story published on several platforms is one entry with related links
        holders = [item for item in entries if item["url"] == url_of[group[0]]
                   or url_of[group[0]] in {r["url"] for r in item["_clusterfeeds"]["related"]}]
        versions = [{item["url"]} | {r["url"] for r in item["_clusterfeeds"]["related"]} for item in holders]
        assert any({url_of[key] for key in group} <= urls for urls in versions)


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
    canada = {i["id"] for i in entries
              if "kanada" in i["title"].lower() or any("canada" in r["url"].lower()
                                                       for r in i["_clusterfeeds"]["related"])}
    found = ids(client, "/feeds/all.json?limit=500&q=Wasserstoff,Kanada")  # comma = OR
    assert found >= hydrogen
    assert found - hydrogen
    assert found - hydrogen <= canada
    both_words = ids(client, "/feeds/all.json?limit=500&q=Cluster%20Wasserstoff")  # words AND
    assert both_words <= hydrogen
    assert ids(client, "/feeds/all.json?q=zzzyxnotaword") == set()


def test_named_feeds(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    entries = all_entries(client)
    baltic = {i["id"] for i in entries
              if "innovation" in codes(i, "topic") and {"ee", "lv", "lt"} & codes(i, "country")}
    assert ids(client, "/feeds/baltic-innovation.json?limit=500") == baltic
    german = {i["id"] for i in entries if "de" in languages(i)}
    assert ids(client, "/feeds/german-news.json?limit=500") == german
    parsed = parse(client, "/feeds/baltic-innovation.atom?hl=de")
    assert parsed.feed.title == "ClusterFeeds – Innovation im Baltikum"
    assert parse(client, "/feeds/baltic-innovation.atom?hl=en").feed.title == "ClusterFeeds – Innovation in the Baltics"
    assert client.get("/feeds/no-such-feed.atom").status_code == 404


def test_limit_and_paging_with_a_stable_cursor(filled: tuple[Settings, Store, FlaskClient]) -> None:
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
    newest = dataclasses.replace(gold_items()[0], key="new", canonical_url="https://www.clusterplattform.de/neu",
                                 url="https://www.clusterplattform.de/neu", published=NOW, updated=NOW)
    store.save_items("cp", [newest], NOW, "feeds.test")
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
