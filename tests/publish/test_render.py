"""Feed documents by the book: Atom against the RFC 4287 RELAX NG schema, RSS against the RSS 2.0
rules, all formats in feedparser (bozo 0) and in an npm parser; entry contents; determinism."""

from __future__ import annotations

import dataclasses
import email.utils
import json
import shutil
import subprocess
from datetime import UTC, datetime
from typing import Any

import feedparser
import pytest
from flask.testing import FlaskClient
from lxml import etree

from feeds.model import Entry, Item, Link, Tag
from feeds.publish import FeedMeta, render
from feeds.publish.labels import label_map
from feeds.settings import Settings
from feeds.store import Store
from tests.support.filled import NOW
from tests.support.paths import TESTS

HERE = TESTS
ATOM = "{http://www.w3.org/2005/Atom}"
NODE_PARSER = HERE / "js" / "parse-feed.js"
FEED_PATHS = ["/feeds/all", "/feeds/topics/innovation", "/feeds/countries/de", "/feeds/sources/eccp",
              "/feeds/baltic-innovation"]


def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(HERE / "schemas" / "atom.rng")))


def check_rss(document: bytes) -> etree._Element:
    """The RSS 2.0 rules (rssboard.org/rss-specification) checked element by element."""
    root = etree.fromstring(document)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    channels = root.findall("channel")
    assert len(channels) == 1
    channel = channels[0]
    for required in ("title", "link", "description"):
        assert len(channel.findall(required)) == 1, required
        assert (channel.findtext(required) or "").strip(), required
    assert channel.findtext("link", "").startswith("http")
    for date_element in channel.findall("lastBuildDate") + channel.findall("pubDate"):
        assert email.utils.parsedate_to_datetime(date_element.text) is not None
    language = channel.findtext("language")
    assert language is None or len(language) in (2, 5)
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")  # one of the two is required
        assert email.utils.parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
        guid = item.find("guid")
        assert guid is not None
        assert guid.get("isPermaLink") in ("true", "false")
        for enclosure in item.findall("enclosure"):
            assert enclosure.get("url", "").startswith("http")
            assert enclosure.get("length", "").isdigit()
            assert "/" in enclosure.get("type", "")
        for category in item.findall("category"):
            assert category.text
        source = item.find("source")
        assert source is not None
        assert source.get("url", "").startswith("http")
        assert source.text
        assert item.findtext("author") is None  # RSS author must be an e-mail address; names go to dc:creator
    return channel


def node_parse(document: bytes) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "node is required (scripts/install-system-deps)"
    assert (HERE / "js" / "node_modules" / "rss-parser").is_dir(), "run scripts/install-system-deps"
    result = subprocess.run([node, str(NODE_PARSER)], input=document, capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return dict(json.loads(result.stdout))


@pytest.mark.parametrize("path", FEED_PATHS)
def test_every_format_is_valid(filled: tuple[Settings, Store, FlaskClient], path: str) -> None:
    _, _, client = filled
    atom = client.get(f"{path}.atom?limit=500").data
    schema = atom_schema()
    assert schema.validate(etree.fromstring(atom)), schema.error_log
    rss = client.get(f"{path}.rss?limit=500").data
    channel = check_rss(rss)
    feed = client.get(f"{path}.json?limit=500").get_json()
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"]
    assert all(item["id"] and (item.get("content_html") or item.get("content_text")) for item in feed["items"])
    parsed = {fmt: feedparser.parse(body) for fmt, body in (("atom", atom), ("rss", rss))}
    for fmt, result in parsed.items():
        assert result.bozo == 0, (fmt, result.get("bozo_exception"))
    assert [e.id for e in parsed["atom"].entries] == [e.id for e in parsed["rss"].entries] == [
        i["id"] for i in feed["items"]]
    assert len(channel.findall("item")) == len(feed["items"]) > 0
    for document in (atom, rss):
        from_node = node_parse(document)
        assert [i["title"] for i in from_node["items"]] == [i["title"] for i in feed["items"]]
        assert [i["link"] for i in from_node["items"]] == [i["url"] for i in feed["items"]]


def test_entry_carries_versions_categories_language_and_image(filled: tuple[Settings, Store, FlaskClient],
                                                              filled_items: tuple[Item, ...]) -> None:
    settings, store, client = filled
    # The fixture pages carry no images: one more story of the source has one.
    template = next(item for item in filled_items if item.source_id == "cp")
    pictured_url = "https://www.clusterplattform.de/pictured"
    with_image = dataclasses.replace(template, key=pictured_url, url=pictured_url, canonical_url=pictured_url,
                                     image_url="https://www.clusterplattform.de/images/pictured.jpg")
    store.items.save("cp", [with_image], NOW, "feeds.test")
    feed = client.get("/feeds/all.json?limit=500&hl=de").get_json()
    merged = next(i for i in feed["items"] if i["_clusterfeeds"]["related"])
    pictured = next(i for i in feed["items"] if i["url"] == pictured_url)
    assert pictured["image"] == "https://www.clusterplattform.de/images/pictured.jpg"
    atom = etree.fromstring(client.get("/feeds/all.atom?limit=500&hl=de").data)
    entry = next(e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == merged["id"])
    assert entry.get("{http://www.w3.org/XML/1998/namespace}lang") == merged["language"]
    links = [(link.get("rel"), link.get("href"), link.get("hreflang")) for link in entry.iter(f"{ATOM}link")
             if link.getparent() is entry]
    assert links[0] == ("alternate", merged["url"], merged["language"])
    assert [(rel, href) for rel, href, _ in links if rel == "related"] == [
        ("related", r["url"]) for r in merged["_clusterfeeds"]["related"]]
    categories = [(c.get("scheme"), c.get("term"), c.get("label")) for c in entry.iter(f"{ATOM}category")]
    base = settings.base_url
    assert categories
    for scheme, term, label in categories:
        assert scheme in (f"{base}/countries", f"{base}/topics")
        assert term == term.lower()
        assert label
    country = next((term, label) for scheme, term, label in categories if scheme.endswith("/countries"))
    assert country[1] == label_map([country[0]], [], "de")[f"country:{country[0]}"]  # CLDR name in German
    # JSON Feed: the same categories as `tags` (labels) and, with their codes, in the extension object
    assert sorted(merged["tags"]) == sorted(label for _, _, label in categories)
    assert sorted((c["scheme"], c["term"]) for c in merged["_clusterfeeds"]["categories"]) == sorted(
        (scheme, term) for scheme, term, _ in categories)
    assert entry.findtext(f"{ATOM}source/{ATOM}title") == merged["_clusterfeeds"]["source"]["name"]
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.text.startswith("<p>")
    assert entry.findtext(f"{ATOM}summary") == merged["summary"]
    rss = etree.fromstring(client.get("/feeds/all.rss?limit=500&hl=de").data)
    item = next(i for i in rss.iter("item") if i.findtext("guid") == merged["id"])
    # RSS: the label is the text readers show; the domain names the vocabulary and the code
    assert {(c.get("domain"), c.text) for c in item.iter("category")} == {
        (f"{scheme}#{term}", label) for scheme, term, label in categories}
    assert [link.get("href") for link in item.iter(f"{ATOM}link") if link.get("rel") == "related"] == [
        r["url"] for r in merged["_clusterfeeds"]["related"]]
    pictured_entry = next(e for e in atom.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id") == pictured["id"])
    assert ("enclosure", pictured["image"]) in [(link.get("rel"), link.get("href"))
                                                for link in pictured_entry.findall(f"{ATOM}link")]
    pictured_item = next(i for i in rss.iter("item") if i.findtext("guid") == pictured["id"])
    assert pictured_item.find("enclosure").get("url") == pictured["image"]


def entry(title: str, **changes: Any) -> Entry:
    values: dict[str, Any] = {
        "entry_id": "tag:feeds.test,2026-01-01:story:1", "title": title, "link": "https://example.org/a",
        "summary": "Summary", "content_html": "<p>Body</p>", "published": datetime(2026, 1, 1, tzinfo=UTC),
        "updated": datetime(2026, 1, 2, tzinfo=UTC), "language": "de", "source_id": "cp",
        "source_name": "Clusterplattform", "author": "Redaktion", "image_url": None,
        "related": (Link("https://example.org/b", "ECCP", "en"),),
        "tags": (Tag("country", "pl", 0.9, "source"), Tag("topic", "innovation", 0.8, "text")),
    }
    values.update(changes)
    return Entry(**values)


META = FeedMeta(feed_id="http://feeds.test/feeds/all", title="ClusterFeeds", self_url="http://feeds.test/feeds/all.atom",
                home_url="http://feeds.test/", base_url="http://feeds.test")


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_characters_illegal_in_xml_never_reach_the_output(fmt: str) -> None:
    dirty = "Cluster\x0b news\x1b with \x00control\ufffe characters\ud800"
    rendered = render(fmt, META, [entry(dirty, summary=dirty, content_html=f"<p>{dirty}</p>", author=dirty,
                                        source_name=dirty, related=(Link("https://example.org/b", dirty, "en"),))])
    text = rendered.body.decode("utf-8")
    for character in "\x0b\x1b\x00\ufffe":
        assert character not in text
    assert "Cluster news with control characters" in text
    if fmt == "json":
        assert json.loads(rendered.body)["items"][0]["title"] == "Cluster news with control characters"
    else:
        assert feedparser.parse(rendered.body).bozo == 0
        etree.fromstring(rendered.body)


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
def test_same_input_gives_the_same_bytes(fmt: str) -> None:
    entries = [entry("Wasserstoff-Cluster gegründet"), entry("Second", entry_id="tag:feeds.test,2026-01-01:story:2")]
    first, second = render(fmt, META, entries), render(fmt, META, list(entries))
    assert first.body == second.body
    assert first.etag == second.etag
    assert first.last_modified == datetime(2026, 1, 2, tzinfo=UTC)
    changed = render(fmt, META, [entry("Wasserstoff-Cluster gegründet!"), entries[1]])
    assert changed.etag != first.etag
