"""The reading pages: every list page shows exactly its feed's stories (page by page), a story shows
all its versions, dates are days in the display time zone, links follow the request's host, and the
feed builder's URLs, OPML and embed code give the feed that was chosen.

The store is the fixture platforms' gold articles (tests/test_web.py) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import httpx
import lxml.html
import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from feeds.config import SourceConfig
from feeds.model import Item, Tag
from feeds.settings import Settings, SettingsError
from feeds.store import Store
from feeds.store.schema import items, stories
from feeds.store.testing import engine_of
from feeds.web import create_app
from tests.support.appserver import running_app
from tests.support.filled import NOW

LIST_PAGES = [  # (HTML page, the feed it names) with a small limit, so that each has more than one page
    ("/?limit=7", "/feeds/all.json"),
    ("/topics/innovation?limit=1", "/feeds/topics/innovation.json"),
    ("/countries/de?limit=4", "/feeds/countries/de.json"),
    ("/sources/eccp?limit=6", "/feeds/sources/eccp.json"),
    ("/search?q=cluster&limit=5", "/feeds/all.json"),
    ("/search?country=de,fr&lang=de&limit=3", "/feeds/all.json"),
]
MIDNIGHT_BERLIN = datetime(2024, 5, 13, 22, 30, tzinfo=UTC)  # 14 May 2024, 00:30 CEST


def html(client: FlaskClient, path: str, **headers: str) -> lxml.html.HtmlElement:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, (path, response.get_data(as_text=True)[:500])
    assert response.mimetype == "text/html"
    return lxml.html.fromstring(response.data)


def listed(page: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """(title, link to the original) of each story the page lists."""
    return [(item.xpath("string(.//*[@class='title']/a)"), item.xpath("string(.//a[@class='original']/@href)"))
            for item in page.xpath("//main//ol[@class='stories']/li")]


def feed_link(page: lxml.html.HtmlElement) -> str:
    """The page's own JSON feed: its first autodiscovery link of that type (the home page lists named feeds after)."""
    return str(page.xpath("//head/link[@rel='alternate'][@type='application/feed+json']/@href")[0])


@pytest.mark.parametrize(("path", "feed_path"), LIST_PAGES)
def test_each_list_page_shows_exactly_its_feeds_stories_page_by_page(
        filled: tuple[Settings, Store, FlaskClient], path: str, feed_path: str) -> None:
    _, _, client = filled
    page = html(client, path)
    feed_url = feed_link(page)
    assert urlsplit(feed_url).path == feed_path  # the page names its own feed (autodiscovery)
    feed = client.get(feed_url).get_json()
    first = listed(page)
    pages = 0
    while True:
        shown = listed(page)
        assert shown, path
        assert shown == [(item["title"], item["url"]) for item in feed["items"]], path
        pages += 1
        older = page.xpath("//nav[@class='pager']/a[@rel='next']/@href")
        assert bool(older) == ("next_url" in feed), path  # the page ends where the feed ends
        if not older:
            break
        assert dict(parse_qsl(urlsplit(older[0]).query))["before"] == dict(
            parse_qsl(urlsplit(feed["next_url"]).query))["before"]  # the same cursor
        page = html(client, older[0])
        feed = client.get(feed["next_url"]).get_json()
        (newest,) = page.xpath("//nav[@class='pager']/a[not(@rel)]/@href")
        assert listed(html(client, newest)) == first  # back to the first page, with the same filter
    assert pages >= 2, path


def test_list_pages_offer_their_feed_in_every_format(filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    page = html(client, "/topics/innovation?country=de&hl=de")
    links = {link.get("type"): link.get("href") for link in page.xpath("//head/link[@rel='alternate']")}
    assert links == {"application/atom+xml": "http://feeds.test/feeds/topics/innovation.atom?country=de",
                     "application/rss+xml": "http://feeds.test/feeds/topics/innovation.rss?country=de",
                     "application/feed+json": "http://feeds.test/feeds/topics/innovation.json?country=de"}
    visible = page.xpath("//p[@class='feedbox']/a[@type]/@href")
    assert sorted(visible) == sorted(links.values())
    assert page.xpath("string(//h1)") == "Thema: Innovation"


def test_unknown_tags_and_sources_are_404_and_bad_filters_400(
        filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    for path in ("/topics/no-such-topic", "/countries/xx", "/sources/nope", "/stories/999999"):
        assert client.get(path).status_code == 404, path
    response = client.get("/search?country=atlantis")
    assert response.status_code == 400
    assert b"country" in response.data
    assert client.get("/topics/innovation?before=yesterday").status_code == 400


# -- one story --------------------------------------------------------------------------------------


@pytest.fixture
def three_languages(filled: tuple[Settings, Store, FlaskClient],
                    filled_items: tuple[Item, ...]) -> tuple[Store, FlaskClient, int]:
    """One story with versions in German, English and French from three sources, published 00:30 in Berlin."""
    _, store, client = filled
    store.sources.sync([SourceConfig("ki", "Kooperation International", "feed", "https://ki.example/", language="fr")])
    template = filled_items[0]
    versions = [("cp", "de", "Cluster aus Posen und Görlitz gründen Netzwerk"),
                ("eccp", "en", "Clusters from Poznań and Görlitz found a network"),
                ("ki", "fr", "Des clusters de Poznań et de Görlitz fondent un réseau")]
    for position, (source_id, language, title) in enumerate(versions):
        published = MIDNIGHT_BERLIN + timedelta(hours=position)
        item = dataclasses.replace(
            template, source_id=source_id, key=f"urn:three:{language}", title=title, language=language,
            canonical_url=f"https://{source_id}.example/{language}/network", url=f"https://{source_id}.example/x",
            published=published, updated=published,
            tags=(Tag("country", "pl", 0.9, "source"), Tag("topic", "networks", 0.9, "text")))
        store.items.save(source_id, [item], NOW, "feeds.test")
    with engine_of(store).begin() as connection:
        rows = connection.execute(sa.select(items.c.id, items.c.story_id).where(items.c.key.like("urn:three:%"))
                                  .order_by(items.c.id)).all()
        survivor = rows[0].story_id
        for row in rows[1:]:
            connection.execute(sa.update(items).where(items.c.id == row.id).values(story_id=survivor))
            connection.execute(sa.update(stories).where(stories.c.id == row.story_id).values(alias_of=survivor))
    return store, client, survivor


def test_a_story_shows_every_version_with_its_language(three_languages: tuple[Store, FlaskClient, int]) -> None:
    _, client, story_id = three_languages
    page = html(client, f"/stories/{story_id}?hl=en")
    versions = page.xpath("//ul[@class='versions']/li")
    shown = [(v.xpath("string(a/@lang)"), v.xpath("string(a)"), v.xpath("string(.//span[@class='language'])"),
              v.xpath("string(a/@href)")) for v in versions]
    assert shown == [
        ("de", "Cluster aus Posen und Görlitz gründen Netzwerk", "German", "https://cp.example/de/network"),
        ("en", "Clusters from Poznań and Görlitz found a network", "English", "https://eccp.example/en/network"),
        ("fr", "Des clusters de Poznań et de Görlitz fondent un réseau", "French", "https://ki.example/fr/network"),
    ]
    assert [v.xpath("string(.//p[@class='meta'])").split(" · ")[0] for v in versions] == [
        "Clusterplattform Deutschland", "European Cluster Collaboration Platform", "Kooperation International"]
    assert page.xpath("string(//h1/@lang)") == "de"
    tags = {a.text: a.get("href") for a in page.xpath("//article[@class='story']/ul[@class='tags']//a")}
    assert tags == {"Poland": "/countries/pl?hl=en", "Networks": "/topics/networks?hl=en"}
    related = page.xpath("//section[@aria-labelledby='related']//h3/a/@href")
    assert related
    assert all(href.startswith("/stories/") and href != f"/stories/{story_id}?hl=en" for href in related)


def test_an_item_published_after_midnight_in_berlin_shows_that_day(
        three_languages: tuple[Store, FlaskClient, int]) -> None:
    _, client, story_id = three_languages
    english = html(client, f"/stories/{story_id}?hl=en")
    assert english.xpath("string(//article[@class='story']/p[@class='meta']/time)") == "14 May 2024, 00:30 CEST"
    german = html(client, f"/stories/{story_id}?hl=de")
    assert german.xpath("string(//ul[@class='versions']/li[1]//time)") == "14.05.2024"
    listing = html(client, "/countries/pl?hl=de&limit=100")
    (item,) = [li for li in listing.xpath("//ol[@class='stories']/li") if "Posen" in li.xpath("string(.//h2)")]
    assert item.xpath("string(.//time)") == "14.05.2024"
    assert item.xpath("string(.//time/@datetime)") == "2024-05-13T22:30:00+00:00"  # the feeds' instant
    assert "3 Fassungen (de, en, fr)" in item.xpath("string(.//p[@class='meta'])")
    embed = lxml.html.fromstring(client.get("/embed/countries/pl?hl=en&limit=50").data)
    assert "14 May 2024" in [t.text for t in embed.xpath("//time")]


def test_the_display_time_zone_is_a_setting(three_languages: tuple[Store, FlaskClient, int]) -> None:
    store, client, story_id = three_languages
    settings = client.application.config["CLUSTERFEEDS_SETTINGS"]
    utc_client = create_app(dataclasses.replace(settings, display_timezone="UTC"), store).test_client()
    page = html(utc_client, f"/stories/{story_id}?hl=en")
    assert page.xpath("string(//article[@class='story']/p[@class='meta']/time)") == "13 May 2024, 22:30 UTC"
    with pytest.raises(SettingsError, match="DISPLAY_TIMEZONE"):
        Settings(display_timezone="Europe/Atlantis")


def test_a_merged_story_redirects_to_the_one_it_joined(three_languages: tuple[Store, FlaskClient, int]) -> None:
    store, client, story_id = three_languages
    with engine_of(store).connect() as connection:
        merged = connection.execute(sa.select(stories.c.id).where(stories.c.alias_of == story_id)).scalars().all()
    assert len(merged) == 2
    response = client.get(f"/stories/{merged[0]}?hl=de")
    assert response.status_code == 301
    assert response.headers["Location"] == f"/stories/{story_id}?hl=de"


# -- links, the empty state ---------------------------------------------------------------------------


def test_links_follow_the_request_host_when_no_base_url_is_set(filled: tuple[Settings, Store, FlaskClient]) -> None:
    settings, store, _ = filled
    for trusted in (0, 1):
        app = create_app(dataclasses.replace(settings, base_url="", trusted_proxies=trusted), store)
        with running_app(app, keep_proxy_headers=True) as url:
            port = urlsplit(url).port
            forwarded = {"X-Forwarded-Host": "news.example.org", "X-Forwarded-Proto": "https",
                         "X-Forwarded-Prefix": "/clusterfeeds"}
            for _ in range(2):  # the second answer comes from the feed cache: it must not mix hosts up
                atom = httpx.get(url + "/feeds/all.atom").text
                assert f'href="http://127.0.0.1:{port}/feeds/all.atom" rel="self"' in atom
                proxied = httpx.get(url + "/feeds/all.atom", headers=forwarded).text
                expected = "https://news.example.org/clusterfeeds" if trusted else f"http://127.0.0.1:{port}"
                assert f'href="{expected}/feeds/all.atom" rel="self"' in proxied
            home = lxml.html.fromstring(httpx.get(url + "/", headers=forwarded).content)
            assert feed_link(home) == (f"{expected}/feeds/all.json" if trusted else f"{url}/feeds/all.json")


def test_an_empty_store_says_why_and_links_the_sources(settings: Settings) -> None:
    store = Store.open(settings.database_url)
    store.sources.sync([SourceConfig("cp", "Clusterplattform", "clusterplattform", "https://cp.example/"),
                        SourceConfig("eccp", "ECCP", "eccp", "https://eccp.example/")])
    client = create_app(settings, store).test_client()
    page = html(client, "/?hl=en")
    assert "the first collection has not finished" in page.xpath("string(//p[@class='empty'])")
    assert page.xpath("//main//a[starts-with(@href, '/sources')]")
    store.sources.record_failure("cp", "HTTP 503", NOW)
    store.sources.record_failure("eccp", "timed out", NOW)
    page = html(client, "/?hl=de")
    assert page.xpath("string(//p[@class='empty'])") == (
        "Noch keine Meldungen: 2 von 2 Quellen schlugen beim letzten Versuch fehl.")
    store.close()


# -- the feed builder ------------------------------------------------------------------------------------


def test_the_builder_gives_urls_opml_and_embed_code_for_the_choice(
        filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    page = html(client, "/build?hl=en&sent=1&topic=innovation&topic=networks&country=de&lang=de&limit=3&embed_hl=de")
    urls = {field.get("id"): field.get("value") for field in page.xpath("//ul[@class='urls']//input")}
    assert urls["url-atom"] == "http://feeds.test/feeds/all.atom?country=de&lang=de&topic=innovation,networks"
    assert urls["url-json"].startswith("http://feeds.test/feeds/all.json?")
    feed = client.get(urls["url-json"]).get_json()
    assert feed["items"]
    preview = [(title, link) for title, link in listed(page)]
    assert preview == [(item["title"], item["url"]) for item in feed["items"][:3]]  # 3: the embed's count
    checked = {(box.get("name"), box.get("value")) for box in page.xpath("//form[@id='builder']//input[@checked]")}
    assert {("topic", "innovation"), ("topic", "networks"), ("country", "de"), ("lang", "de")} <= checked
    assert ("summary", "1") not in checked  # the form was sent without it: no summaries
    script = page.xpath("string(//textarea[@id='snippet-script'])")
    assert '<script src="http://feeds.test/embed.js" defer></script>' in script
    assert 'data-clusterfeeds="country=de&amp;lang=de&amp;topic=innovation,networks&amp;limit=3&amp;hl=de' \
           '&amp;summary=0"' in script
    iframe = lxml.html.fromstring(page.xpath("string(//textarea[@id='snippet-iframe'])"))
    embed = client.get(iframe.get("src").removeprefix("http://feeds.test"))
    assert embed.status_code == 200
    embedded = lxml.html.fromstring(embed.data)
    assert [a.get("href") for a in embedded.xpath("//li//h2/a")] == [item["url"] for item in feed["items"][:3]]
    assert not embedded.xpath("//li//article/p[not(@class)]")  # no summaries
    opml_url = page.xpath("string(//ul[@class='urls']//a[contains(@href, '/build/opml')]/@href)")
    opml = lxml.etree.fromstring(client.get(opml_url.removeprefix("http://feeds.test")).data)
    (outline,) = opml.xpath("//outline[@xmlUrl]")
    assert outline.get("xmlUrl") == urls["url-atom"]


def test_the_builder_works_without_a_choice_and_refuses_unknown_values(
        filled: tuple[Settings, Store, FlaskClient]) -> None:
    _, _, client = filled
    page = html(client, "/build")
    assert page.xpath("string(//input[@id='url-rss']/@value)") == "http://feeds.test/feeds/all.rss"
    assert len(listed(page)) == 5  # the embed's default count
    assert page.xpath("//form[@id='builder']//input[@name='summary'][@checked]")
    assert client.get("/build?topic=no-such-topic").status_code == 400
    assert client.get("/build?limit=500").status_code == 400
