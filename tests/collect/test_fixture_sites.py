"""Checks of the fixture sites themselves: routes, gold data, quirks, duplicate groups."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import httpx
import pytest
from lxml import etree
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.support.httpserver import FixtureServer
from tests.support.sites import (
    CANONICAL_HOSTS,
    SITES,
    expected_articles,
    local_url,
    manifest,
    route_entries,
    serve_sites,
    site_dir,
    site_routes,
    stories,
)

TOPICS = {
    "funding",
    "innovation",
    "networks",
    "internationalisation",
    "policy",
    "skills",
    "sustainability",
    "digitalisation",
    "economy",
    "infrastructure",
    "events",
}
ECOSYSTEMS = {
    "Aerospace & Defence",
    "Agri-food",
    "Construction",
    "Cultural & Creative Industries",
    "Digital",
    "Electronics",
    "Energy-Intensive Industries",
    "Health",
    "Mobility-Transport-Automotive",
    "Proximity & Social Economy",
    "Renewable Energy",
    "Retail",
    "Textile",
    "Tourism",
}
ARTICLE_KINDS = {"news", "event", "success_story", "call"}
PAGE_ROLES = {"article", "newsletter", "profile"}
MISS_ROLES = {"error404", "error200", "login", "redirect_login", "challenge"}
LISTINGS = {  # item link selector, next-page selector
    "clusterplattform": ("li.media-space-list-item a.card-link-overlay", 'ul.pagination a[aria-label="Next"]'),
    "eccp": (".search-result-item h3 a", 'nav.pager a[rel="next"]'),
    "kooperation": (".news-list-item h3 a", "ul.f3-widget-paginator li.next a"),
}
JSESSIONID = re.compile(r";jsessionid=[^?#/]*", re.IGNORECASE)


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[str, FixtureServer]]:
    with serve_sites() as running:
        yield running


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10, follow_redirects=False) as c:
        yield c


def decode(body: bytes, content_type: str = "") -> str:
    """Decode like a tolerant crawler: <meta charset> first, then UTF-8, then the header."""
    match = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", body[:4096], re.IGNORECASE)
    if match:
        return body.decode(match.group(1).decode("ascii"))
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        header = re.search(r"charset=([\w-]+)", content_type)
        return body.decode(header.group(1) if header else "latin-1")


def plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def page_text(markup: str) -> str:
    tree = HTMLParser(markup)
    return " ".join((tree.body.text(separator=" ") if tree.body else "").split())


def route_map(site: str) -> dict[str, dict]:
    return {r["path"]: r for r in route_entries(site)}


def strip_fragment(path: str) -> str:
    return path.split("#", 1)[0]


def resolve_route(site: str, path: str) -> dict | None:
    routes = route_map(site)
    if path in routes:
        return routes[path]
    if "?" in path:
        return routes.get(path.split("?", 1)[0])
    return None


def get(client: httpx.Client, servers: dict[str, FixtureServer], site: str, path: str) -> httpx.Response:
    return client.get(servers[site].url(path))


# --------------------------------------------------------------------------- manifest and gold data


@pytest.mark.parametrize("site", SITES)
def test_manifest_is_consistent(site: str) -> None:
    data = manifest(site)
    assert data["canonical_host"] == CANONICAL_HOSTS[site]
    paths = [r["path"] for r in data["routes"]]
    assert len(paths) == len(set(paths))
    for r in data["routes"]:
        assert ("file" in r) != ("redirect" in r), r
        if "file" in r:
            assert (site_dir(site) / r["file"]).is_file(), r
    routes = site_routes(site)
    assert set(routes) == set(paths)
    assert "/robots.txt" in routes


@pytest.mark.parametrize("site", SITES)
def test_expected_entries_are_well_formed(site: str) -> None:
    routes = route_map(site)
    keys = {
        "path",
        "url",
        "title",
        "published",
        "language",
        "author",
        "kind",
        "body_start",
        "related_links",
        "metadata",
        "story",
        "countries",
        "topics",
        "aliases",
    }
    seen = set()
    for a in expected_articles(site):
        assert keys <= set(a), a["path"]
        assert a["path"] not in seen
        seen.add(a["path"])
        assert routes[strip_fragment(a["path"])]["role"] in PAGE_ROLES
        assert a["url"] == f"https://{CANONICAL_HOSTS[site]}{a['path']}"
        assert ";jsessionid" not in a["url"]
        assert "renderPrint" not in a["url"]
        assert a["language"] in {"de", "en"}
        if a["published"] is not None:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", a["published"])
            assert "2017-01-01" <= a["published"][:10] <= "2026-12-31"
        assert len(a["body_start"]) >= 40
        for code in a["countries"]:
            assert re.fullmatch(r"[a-z]{2}", code), code
        assert a["topics"], a["topics"]
        assert set(a["topics"]) <= TOPICS, a["topics"]
        for link in a["related_links"]:
            assert link.startswith("https://"), link
        for alias in a["aliases"]:
            assert alias in routes


def test_article_counts() -> None:
    counts = {s: sum(a["kind"] in ARTICLE_KINDS for a in expected_articles(s)) for s in SITES}
    assert counts["clusterplattform"] >= 30
    assert counts["eccp"] >= 30
    assert counts["kooperation"] >= 12
    kinds = {a["kind"] for s in SITES for a in expected_articles(s)}
    assert {"news", "event", "success_story", "call", "newsletter", "newsletter_item", "profile"} <= kinds


def test_gold_tags_cover_countries_topics_and_ecosystems() -> None:
    countries = {c for s in SITES for a in expected_articles(s) for c in a["countries"]} - {"eu"}
    assert len(countries) >= 25
    topics = {t for s in SITES for a in expected_articles(s) for t in a["topics"]}
    assert topics == TOPICS
    sectors = {x for a in expected_articles("eccp") for x in a["metadata"].get("sectors") or []}
    assert sectors == ECOSYSTEMS


def test_cp_published_matches_file_name_date() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    for a in expected_articles("clusterplattform"):
        m = re.search(r"/(\d{8})_", a["path"])
        if not m or a["kind"] == "newsletter_item":
            continue
        local = datetime.fromisoformat(a["published"].replace("Z", "+00:00")).astimezone(berlin)
        assert local.strftime("%Y%m%d") == m.group(1), a["path"]
        assert (local.hour, local.minute) == (0, 0)


# --------------------------------------------------------------------------- served pages


@pytest.mark.parametrize("site", SITES)
def test_expected_articles_are_served_with_title_and_body(
    site: str, servers: dict[str, FixtureServer], client: httpx.Client
) -> None:
    for a in expected_articles(site):
        resp = get(client, servers, site, strip_fragment(a["path"]))
        assert resp.status_code == 200, a["path"]
        markup = decode(resp.content, resp.headers.get("content-type", ""))
        assert a["title"] in plain(markup), a["path"]
        assert a["body_start"] in page_text(markup), a["path"]
        for alias in a["aliases"]:
            other = get(client, servers, site, alias)
            assert other.status_code == 200, alias
            assert a["title"] in plain(decode(other.content, other.headers.get("content-type", ""))), alias


@pytest.mark.parametrize("site", SITES)
def test_listing_links_resolve(site: str, servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    item_sel, next_sel = LISTINGS[site]
    routes = route_map(site)
    reached: set[str] = set()
    for start in manifest(site)["listings"].values():
        url: str | None = servers[site].url(start)
        pages = 0
        while url:
            resp = client.get(url)
            assert resp.status_code == 200, url
            tree = HTMLParser(decode(resp.content))
            base_node = tree.css_first("base[href]")
            base = base_node.attributes["href"] if base_node else url
            items = tree.css(item_sel)
            assert items, url
            for node in items:
                absolute = urljoin(base, node.attributes["href"])
                mapped = local_url(absolute, servers) if not absolute.startswith(servers[site].base_url) else absolute
                assert mapped, absolute
                path = JSESSIONID.sub("", httpx.URL(mapped).raw_path.decode("ascii"))
                route = resolve_route(site, path)
                assert route is not None, absolute
                assert route["role"] in PAGE_ROLES | MISS_ROLES, absolute
                reached.add(path)
            nxt = tree.css_first(next_sel)
            url = None
            if nxt:
                target = urljoin(base, nxt.attributes["href"])
                url = target if target.startswith(servers[site].base_url) else local_url(target, servers)
            pages += 1
            assert pages < 20
    wanted = {a["path"] for a in expected_articles(site) if a["kind"] in ARTICLE_KINDS}
    missing = {p for p in wanted if p not in reached}
    assert not missing, sorted(missing)
    assert any(routes[p]["role"] in MISS_ROLES for p in reached if p in routes) or site != "clusterplattform"


def test_cp_listing_pagination_and_quirks(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    routes = route_map("clusterplattform")
    pages = [r for r in routes.values() if r.get("listing") == "kurzmeldungen"]
    assert len(pages) == 3
    assert all("%253D" in r["path"] for r in pages if r["page"] > 1)
    page2 = get(client, servers, "clusterplattform", next(r["path"] for r in pages if r["page"] == 2)).text
    assert '<base href="https://www.clusterplattform.de/">' in page2
    assert 'href="CLUSTER/Redaktion/' in page2
    page1 = get(client, servers, "clusterplattform", manifest("clusterplattform")["listings"]["kurzmeldungen"]).text
    assert ";jsessionid=" in page1
    assert ".delivery2-replication" in page1
    assert 'href="http://www.' in page1
    all_listing = "".join(get(client, servers, "clusterplattform", r["path"]).text for r in pages)
    assert "Grüne_Transformation" in all_listing  # raw umlaut in an href
    assert "https://clusterplattform.de/" in all_listing  # bare host
    folders = {m.group(1) for p in routes for m in [re.search(r"/\d{4}/([^/]+)/\d{8}_", p)] if m}
    assert {"2_Quartal", "3_quartal", "2.%20Quartal"} <= folders


def test_cp_page_quirks(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    routes = route_map("clusterplattform")
    cp1252 = next(r for r in routes.values() if r.get("content_type") == "text/html")
    resp = get(client, servers, "clusterplattform", cp1252["path"])
    assert "charset" not in resp.headers["content-type"]
    with pytest.raises(UnicodeDecodeError):
        resp.content.decode("utf-8")
    assert b'<meta charset="windows-1252">' in resp.content
    err404 = next(r for r in routes.values() if r["role"] == "error404" and r.get("status") == 404)
    err200 = next(r for r in routes.values() if r["role"] == "error200")
    r404 = get(client, servers, "clusterplattform", err404["path"])
    r200 = get(client, servers, "clusterplattform", err200["path"])
    assert r404.status_code == 404
    assert r200.status_code == 200
    assert r404.content == r200.content
    assert len(r404.content) > 10_000
    assert 'class="main-head"' in r200.text
    printed = next(r for r in routes.values() if r["role"] == "print")
    assert printed["path"].endswith("?view=renderPrint")
    no_date = [a for a in expected_articles("clusterplattform") if not a["metadata"].get("date_in_header", True)]
    assert no_date
    markup = get(client, servers, "clusterplattform", no_date[0]["path"]).text
    assert 'class="date"' not in markup.split('class="main-head"')[1].split("</div>")[0]
    sample = next(a for a in expected_articles("clusterplattform") if a["related_links"])
    tree = HTMLParser(decode(get(client, servers, "clusterplattform", sample["path"]).content))
    assert tree.css_first("main#main > div.main-head p.topline span.topline-descriptor")
    assert tree.css_first("div.main-content div.content")
    box = [n for n in tree.css("div.main-content h2") if n.text() == "Weiterführende Informationen"]
    assert box


def test_cp_feed(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    resp = get(client, servers, "clusterplattform", manifest("clusterplattform")["feeds"][0])
    root = etree.fromstring(resp.content)
    items = root.findall("./channel/item")
    assert len(items) == 10
    assert b"&#252;" in resp.content or b"&#228;" in resp.content
    assert any(i.find("description") is None for i in items)
    for item in items:
        assert item.find("guid").get("isPermaLink") == "true"
        assert re.fullmatch(r"\w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}", item.findtext("pubDate"))
        assert resolve_route("clusterplattform", urlsplit(item.findtext("link")).path)["role"] == "article"
    assert any(re.match(r"\w{3}, \d \w{3}", i.findtext("pubDate")) for i in items)  # non-padded day


def test_newsletter_items_link_their_articles(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    by_url = {a["url"]: a for s in SITES for a in expected_articles(s)}
    items = [a for a in expected_articles("clusterplattform") if a["kind"] == "newsletter_item"]
    assert len(items) >= 9
    newsletters = [a for a in expected_articles("clusterplattform") if a["kind"] == "newsletter"]
    assert len(newsletters) >= 2
    for nl in newsletters:
        markup = get(client, servers, "clusterplattform", nl["path"]).text
        mores = [n for n in HTMLParser(markup).css(".newsletter-item p.more")]
        assert 3 <= len(mores) <= 4
        assert all(n.text().startswith("Mehr:") for n in mores)
    for item in items:
        target = by_url.get(item["related_links"][0])
        if item["story"]:
            assert target is not None, item["path"]
            assert target["story"] == item["story"], item["path"]


# --------------------------------------------------------------------------- ECCP


def test_eccp_article_markup(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    profiles = {a["path"]: a for a in expected_articles("eccp") if a["kind"] == "profile"}
    assert len(profiles) >= 8
    truncated = 0
    for a in expected_articles("eccp"):
        markup = get(client, servers, "eccp", a["path"]).text
        tree = HTMLParser(markup)
        node = tree.css_first("article[data-history-node-id]")
        assert int(node.attributes["data-history-node-id"]) == a["metadata"]["node_id"]
        assert tree.css_first('meta[property="og:title"]').attributes["content"] == a["title"]
        assert tree.css_first("title").text() == f"{a['title']} | European Cluster Collaboration Platform"
        assert tree.css_first("h1").text(strip=True) == a["title"]
        assert "<!-- THEME DEBUG -->" in markup
        if a["kind"] == "profile":
            country = tree.css_first(".field--name-field-country .field__item").text(strip=True)
            assert country == a["metadata"]["country_name"]
            continue
        body_field = markup.split("field--name-body", 1)[1].split("field--text-with-summary.html.twig' -->", 1)[0]
        assert "<!-- THEME DEBUG -->" in body_field
        assert "<!-- BEGIN OUTPUT from" in body_field
        meta = tree.css_first(".node__meta")
        assert meta.css_first("span.label").text() == "Submitted by"
        assert meta.css_first('span[typeof="schema:Person"]').text() == a["author"]
        assert re.fullmatch(r"\d\d \w+ \d{4}", meta.css_first("span.date").text())
        truncated += a["author"].endswith("…")
        org = tree.css_first(".field--name-og-audience .field__items a")
        if a["metadata"]["organisation"]:
            assert org.attributes["href"] == a["metadata"]["organisation_path"]
            profile = profiles[org.attributes["href"]]
            assert profile["metadata"]["organisation_country"] == a["metadata"]["organisation_country"]
        else:
            assert org is None
        if a["kind"] == "event":
            labels = {n.text(strip=True) for n in tree.css(".field__label")}
            assert {"Event organised by", "Event Target", "Event Type", "Other Properties"} <= labels
    assert truncated >= 2


def test_eccp_misses_and_challenges(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    routes = route_map("eccp")
    challenges = [r for r in routes.values() if r["role"] == "challenge"]
    assert {r.get("status", 200) for r in challenges} == {200, 403}
    for r in challenges:
        resp = get(client, servers, "eccp", r["path"])
        assert resp.status_code == r.get("status", 200)
        assert "Verify you are human" in resp.text
    redirect = next(r for r in routes.values() if r["role"] == "redirect_login")
    resp = get(client, servers, "eccp", redirect["path"])
    assert resp.status_code == 302
    assert resp.headers["location"].startswith("/user/login")
    login = get(client, servers, "eccp", resp.headers["location"])
    assert "<title>Log in | European Cluster Collaboration Platform</title>" in login.text


def test_eccp_listing_hosts_and_pager(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    page0 = get(client, servers, "eccp", "/search-results?type=news&page=0").text
    tree = HTMLParser(page0)
    assert len(tree.css(".search-result-item")) == 12
    assert tree.css_first(".pager__item--next a").attributes["href"] == "?type=news&page=1"
    hrefs = [n.attributes["href"] for n in tree.css(".search-result-item h3 a")]
    assert any(h.startswith("https://clustercollaboration.eu/") for h in hrefs)
    assert any(h.startswith("https://preview.clustercollaboration.eu/") for h in hrefs)
    calls = HTMLParser(get(client, servers, "eccp", "/search-results?type=eccp_calls&page=0").text)
    assert all(n.attributes["href"].startswith(("/content/", "/node/")) for n in calls.css(".search-result-item h3 a"))


def test_eccp_sitemaps(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    index = etree.fromstring(get(client, servers, "eccp", "/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    children = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert [urlsplit(c).query for c in children] == ["page=1", "page=2"]
    seen_paths, roles = set(), set()
    for child in children:
        assert child.startswith("http://default/")
        url = local_url(child, servers)
        doc = etree.fromstring(client.get(url).content)
        for entry in doc.findall("s:url", ns):
            loc = entry.findtext("s:loc", namespaces=ns)
            assert loc.startswith("http://default/")
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", entry.findtext("s:lastmod", namespaces=ns))
            path = urlsplit(loc.replace("http://default", "https://www.clustercollaboration.eu")).path
            route = route_map("eccp")[path]
            roles.add(route["role"])
            seen_paths.add(path)
            resp = get(client, servers, "eccp", path)
            assert resp.status_code in (200, 302)
    assert {"article", "profile", "alias", "login", "redirect_login"} <= roles
    assert {a["path"] for a in expected_articles("eccp")} <= seen_paths


def test_eccp_taxonomy_feeds(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    for path in manifest("eccp")["feeds"]:
        body = get(client, servers, "eccp", path).content
        assert body.startswith(b"<!-- THEME DEBUG -->")
        with pytest.raises(etree.XMLSyntaxError):
            etree.fromstring(body)
        root = etree.fromstring(body[body.index(b"<?xml") :].rsplit(b"</rss>", 1)[0] + b"</rss>")
        items = root.findall("./channel/item")
        assert items
        for item in items:
            assert route_map("eccp")[urlsplit(item.findtext("link")).path]["role"] == "article"


# --------------------------------------------------------------------------- Kooperation International


def test_kooperation_metadata_block(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    all_by_url = {a["url"]: a for s in SITES for a in expected_articles(s)}
    for a in expected_articles("kooperation"):
        resp = get(client, servers, "kooperation", a["path"])
        markup = decode(resp.content, resp.headers["content-type"])
        tree = HTMLParser(markup)
        meta = tree.css_first(".news-metadata")
        text = " ".join(meta.text(separator=" ").split())
        m = a["metadata"]
        day = datetime.fromisoformat(m["redaktion_date"]).strftime("%d.%m.%Y")
        assert f"Quelle: {m['quelle']}" in text
        assert f"Redaktion: {day} von {m['redaktion_by']}, VDI Technologiezentrum GmbH" in text
        assert "Länder / Organisationen: " + ", ".join(m["laender"]) in " ".join(text.replace(" ,", ",").split())
        assert [n.text() for n in meta.css(".news-countries a")] == m["laender"]
        assert [n.text() for n in meta.css(".news-topics a")] == m["themen"]
        links = [n.attributes["href"] for n in tree.css(".news-related-links a")]
        assert links == m["zum_nachlesen"]
        for link in links:
            if urlsplit(link).netloc in CANONICAL_HOSTS.values():
                target = all_by_url[link]
                assert target["story"] is not None, link
                assert target["story"] == a["story"], link
    tricky = {v for a in expected_articles("kooperation") for v in a["metadata"]["laender"] + a["metadata"]["themen"]}
    assert {"Bosnien und Herzegowina", "Wirtschaft, Märkte", "Innovation, Netzwerke"} <= tricky


def test_kooperation_wrong_charset_header(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    wrong = [r for r in route_entries("kooperation") if "iso-8859-1" in r.get("content_type", "")]
    assert len(wrong) == 1
    resp = get(client, servers, "kooperation", wrong[0]["path"])
    assert resp.headers["content-type"] == "text/html; charset=iso-8859-1"
    assert "Bosnien" in resp.content.decode("utf-8")
    assert "Ã¤" in resp.content.decode("iso-8859-1")


def test_kooperation_feed(servers: dict[str, FixtureServer], client: httpx.Client) -> None:
    root = etree.fromstring(get(client, servers, "kooperation", manifest("kooperation")["feeds"][0]).content)
    links = {urlsplit(i.findtext("link")).path for i in root.findall("./channel/item")}
    assert links == {a["path"] for a in expected_articles("kooperation")}


# --------------------------------------------------------------------------- stories


def _members() -> dict[str, list[tuple[str, dict]]]:
    groups: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for site in SITES:
        for a in expected_articles(site):
            if a["story"]:
                groups[a["story"]].append((site, a))
    return groups


def test_story_groups() -> None:
    declared = stories()["stories"]
    groups = _members()
    assert set(groups) == set(declared)
    cross = [s for s, d in declared.items() if d["scope"] == "cross-site"]
    assert len(cross) >= 8
    for slug, members in groups.items():
        sites = {s for s, _ in members}
        assert len(members) >= 2, slug
        if declared[slug]["scope"] == "cross-site":
            assert len(sites) >= 2, slug
        else:
            assert len(sites) == 1, slug
    languages = {a["language"] for slug in cross for _, a in groups[slug]}
    assert languages == {"de", "en"}
    three_sites = [s for s in cross if len({site for site, _ in groups[s]}) == 3]
    assert len(three_sites) >= 3


def test_hard_negatives() -> None:
    index = {(s, a["path"]): a for s in SITES for a in expected_articles(s)}
    negatives = stories()["hard_negatives"]
    assert {"eu-clusters-talks", "clusterwoche", "newsletters", "call-for-expression-of-interest"} <= {
        n["name"] for n in negatives
    }
    for neg in negatives:
        members = [index[(m["site"], m["path"])] for m in neg["members"]]
        assert len(members) >= 2
        tagged = [a["story"] for a in members if a["story"]]
        assert len(tagged) == len(set(tagged)), neg["name"]
    eoi = [
        index[(m["site"], m["path"])]["title"]
        for n in negatives
        if n["name"] == "call-for-expression-of-interest"
        for m in n["members"]
    ]
    assert len(set(eoi)) == 1


def test_cross_links_point_to_pages_of_the_same_story() -> None:
    by_url = {a["url"]: a for s in SITES for a in expected_articles(s)}
    hosts = {host: site for site, host in CANONICAL_HOSTS.items()}
    checked = 0
    for site in SITES:
        for a in expected_articles(site):
            for link in a["related_links"]:
                parts = urlsplit(link)
                if parts.netloc not in hosts:
                    continue
                target_site = hosts[parts.netloc]
                raw = parts.path + ("?" + parts.query if parts.query else "")
                route = resolve_route(target_site, raw)
                assert route is not None, link
                assert route["role"] in PAGE_ROLES | {"stub"}, link
                target = by_url.get(link)
                if target and a["story"] and target["story"]:
                    assert target["story"] == a["story"], (a["path"], link)
                checked += 1
    assert checked >= 20
    eccp_to_cp = [
        link for a in expected_articles("eccp") for link in a["related_links"] if "clusterplattform.de" in link
    ]
    assert eccp_to_cp
