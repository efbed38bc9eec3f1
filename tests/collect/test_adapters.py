"""The presets and the generic kinds against the fixture copies of the platforms, over real HTTP.

Every gold article of a site is checked field by field: title, date (UTC), language,
author, the start of the body, the canonical URL, related links and metadata.
"""

from __future__ import annotations

from datetime import datetime

from feeds.model import Item
from feeds.process.dedup.signals import is_newsletter
from feeds.process.sanitize import html_to_text
from feeds.process.urls import canonical_url
from tests.support.collecting import collect_items, site_source
from tests.support.sites import CANONICAL_HOSTS, expected_articles, serve_sites


def assert_matches_gold(items: list[Item], site: str, kinds: set[str] | None = None,
                        metadata: bool = True) -> None:
    by_url = {item.canonical_url: item for item in items}
    checked = 0
    for gold in expected_articles(site):
        if gold["kind"] == "profile" or (kinds and gold["kind"] not in kinds):
            continue
        item = by_url.get(gold["url"])
        assert item is not None, f"missing {gold['url']}"
        where = gold["url"]
        assert item.title == gold["title"], where
        assert item.published == datetime.fromisoformat(gold["published"].replace("Z", "+00:00")), where
        assert item.language == gold["language"], where
        assert item.author == gold["author"], where
        assert html_to_text(item.content_html).startswith(gold["body_start"]), where
        if "related_links" in gold and gold["related_links"] is not None and site == "clusterplattform":
            assert [link.href for link in item.links] == gold["related_links"], where
        for key, value in (gold.get("metadata") or {}).items() if metadata else ():
            assert item.metadata.get(key) == value, f"{where}: metadata {key}"
        checked += 1
    assert checked >= 30 if kinds is None else checked > 0


def test_clusterplattform_preset_collects_every_article() -> None:
    with serve_sites(["clusterplattform"]) as servers:
        items = collect_items(site_source("clusterplattform", servers["clusterplattform"], "clusterplattform"))
    assert_matches_gold(items, "clusterplattform")
    kinds = {gold["url"]: gold["kind"] for gold in expected_articles("clusterplattform")}
    newsletters = [item for item in items if kinds.get(item.canonical_url) == "newsletter"]
    parts = [item for item in items if kinds.get(item.canonical_url) == "newsletter_item"]
    assert newsletters
    assert parts
    # a page cut into its items is a digest: deduplication joins it only by an exact signal
    assert all(item.metadata.get("content_type") == "newsletter" and is_newsletter(item) for item in newsletters)
    assert not any("content_type" in item.metadata for item in parts)
    assert {item.metadata.get("part_of") for item in parts} == {item.canonical_url for item in newsletters}
    urls = [item.canonical_url for item in items]
    assert len(urls) == len(set(urls)), "two spellings of one page became two items"
    assert not any("Seite nicht gefunden" in item.title for item in items), "a 200 error page became an item"


def test_eccp_preset_collects_news_community_news_events_and_calls() -> None:
    with serve_sites(["eccp"]) as servers:
        items = collect_items(site_source("eccp", servers["eccp"], "eccp"))
    assert_matches_gold(items, "eccp")
    assert not any(item.title.startswith("Log in") for item in items)


def test_sitemap_kind_rewrites_default_host_and_reads_every_article() -> None:
    with serve_sites(["eccp"]) as servers:
        server = servers["eccp"]
        from feeds.collect.adapters.presets import ECCP

        page_keys = {k: v for k, v in ECCP.items() if k not in {"listings"}}
        source = site_source("eccp", server, "sitemap", url="/sitemap.xml", **page_keys)
        items = collect_items(source)
    # the generic kind has no ECCP refinements (node id, organisation): only the common fields
    assert_matches_gold(items, "eccp", kinds={"news", "event", "call"}, metadata=False)


def test_html_kind_is_configured_entirely_from_sources_yaml() -> None:
    """The generic kind, with selectors an operator would write, reads the ClusterERFOLGE listing."""
    with serve_sites(["clusterplattform"]) as servers:
        source = site_source(
            "clusterplattform", servers["clusterplattform"], "html",
            url="/CLUSTER/Navigation/DE/ClusterERFOLGE/clustererfolge.html",
            item_link=["a.card-link-overlay"], title=["h1.title"], date=[".main-head .date"],
            date_formats=["%d.%m.%Y"], timezone="Europe/Berlin", body=[".main-content .content"],
            remove=[".image-block"], related=[".box-related a[href]"],
            fields={"kicker": [".topline-descriptor"]},
        )
        items = collect_items(source)
    assert_matches_gold(items, "clusterplattform", kinds={"success_story"}, metadata=False)
    assert {item.metadata["kicker"] for item in items} == {"ClusterERFOLGE"}


def test_gold_aliases_canonicalise_to_the_article_url() -> None:
    for site in ("clusterplattform", "eccp"):
        aliases = {f"www.{CANONICAL_HOSTS[site].removeprefix('www.')}": "https://" + CANONICAL_HOSTS[site]}
        for gold in expected_articles(site):
            for alias in gold.get("aliases") or []:
                if alias.startswith("/node/"):
                    continue  # a Drupal node path is another URL; the node id in metadata ties them
                spelled = f"http://{CANONICAL_HOSTS[site]}:80{alias}"
                assert canonical_url(spelled, aliases) == gold["url"]


def test_options_from_sources_yaml_override_the_preset() -> None:
    with serve_sites(["clusterplattform"]) as servers:
        source = site_source("clusterplattform", servers["clusterplattform"], "clusterplattform",
                             listings=["/CLUSTER/Navigation/EN/News/news.html"],
                             fields={"kicker": ["#main .main-head .topline-descriptor"], "headline": ["h1.title"]})
        items = collect_items(source)
    assert {item.language for item in items} == {"en"}
    assert all(item.metadata["fields"]["headline"] == item.title for item in items)  # a name of the operator's
