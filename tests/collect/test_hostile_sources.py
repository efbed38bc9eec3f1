"""Issue 19, cases 1–5, 8, 12, 13: a hostile source cannot freeze, bloat or break the collector.

Work is bounded by construction (a linear scan whose steps are counted, or RE2, a linear
engine) and asserted on inputs of the body cap's size; memory is measured in a child
process (VmHWM); nothing here asserts a duration.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import ipaddress
import json
import subprocess
import sys
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpcore
import pytest

from feeds.collect import transport
from feeds.collect.addresses import NEVER, PRIVATE, AddressPolicy
from feeds.collect.errors import BlockedAddressError, FetchError
from feeds.collect.http import MAX_RETRY_AFTER, Fetcher, parse_retry_after
from feeds.collect.robots import parse_robots, wildcard_match
from feeds.config import SourceConfig
from feeds.runner import collect_sources
from feeds.settings import Settings
from feeds.store import Store
from feeds.store.testing import engine_of
from tests.support.documents import RSS, gzip_zeros
from tests.support.httpserver import Route, serving

SETTINGS = Settings(allow_private_networks=True, http_rate_per_host=1000.0, http_total_timeout=5)
CAP = SETTINGS.http_max_bytes


# -- case 1: robots.txt wildcards --------------------------------------------------------------

def test_robots_wildcards_are_matched_by_a_linear_scan() -> None:
    pattern = "/" + "*a" * 30 + "*X"
    path = "/" + "a" * (CAP // 10)
    scanned: list[int] = []
    assert not wildcard_match(pattern, path, scanned)
    # Each piece is searched for once, from where the previous one ended: the work is the path
    # and the pattern, not their product (a backtracking `.*a.*a…` needs ~len(path)**30 steps).
    assert len(scanned) <= pattern.count("*") + 1
    assert sum(scanned) <= len(path) + len(pattern)
    assert wildcard_match(pattern, path + "X")
    assert wildcard_match("/*.pdf$", "/a/b.pdf")
    assert not wildcard_match("/*.pdf$", "/a/b.pdf?x")


def test_a_hostile_robots_txt_over_http_is_decided_not_backtracked() -> None:
    rule = "Disallow: /*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*X\n"
    routes = {"/robots.txt": Route(body=b"User-agent: *\n" + rule.encode(), content_type="text/plain"),
              "/" + "a" * 4000: Route(body=b"ok"), "/" + "a" * 40 + "X": Route(body=b"no")}
    with serving(routes) as server, Fetcher(SETTINGS) as fetcher:
        assert fetcher.get(server.url("/" + "a" * 4000), robots=True).body == b"ok"
        with pytest.raises(FetchError, match=r"robots\.txt"):
            fetcher.get(server.url("/" + "a" * 40 + "X"), robots=True)
    assert not parse_robots("User-agent: *\n" + rule, "clusterfeeds").allows("https://h/" + "a" * 40 + "X")


# -- case 2: every pattern that runs over a body is linear --------------------------------------

def test_body_patterns_are_re2() -> None:
    """The bound on the work: these patterns run on RE2, whose matching time is linear in the input."""
    import re2

    from feeds.collect import pages, xmlguard
    from feeds.collect.adapters import sitemap

    for pattern in (pages._COMMENT, sitemap._OPEN, sitemap._LOC, sitemap._LASTMOD, xmlguard._TAG):
        assert isinstance(pattern, re2._Regexp)


def test_unclosed_comments_of_the_body_cap_size() -> None:
    from feeds.collect.pages import strip_comments

    assert strip_comments("<!--" * (CAP // 4)) == "<!--" * (CAP // 4)
    assert strip_comments("a<!-- x -->b" + "<!--" * (CAP // 8)) == "ab" + "<!--" * (CAP // 8)


@pytest.mark.parametrize("document", [
    "<urlset><url>" + "<loc>" * (CAP // 5),
    "<urlset>" + "<url " * (CAP // 5) + "<url><loc>https://h.test/a</loc></url>",
    "<urlset><url><loc>https://h.test/a</loc>" + "<lastmod>" * (CAP // 9) + "</url>",
])
def test_hostile_sitemaps_of_the_body_cap_size(document: str) -> None:
    from feeds.collect.adapters.sitemap import parse_sitemap
    from feeds.collect.errors import ParseError

    try:
        _children, pages = parse_sitemap(document, "u")
    except ParseError:
        return
    assert pages[0][0] == "https://h.test/a"


def test_an_unclosed_tag_of_the_body_cap_size_in_a_broken_feed() -> None:
    from feeds.collect.xmlguard import check_xml

    check_xml(b"<?xml version='1.0'?><rss>&undeclared; <" + b"a" * CAP)  # expat gives up; the scan goes on


def test_a_hostile_page_over_http_is_parsed() -> None:
    from feeds.collect.pages import Page

    with serving({"/p": Route(body=b"<title>T</title>" + b"<!--" * (CAP // 4 - 10))}) as server, \
            Fetcher(SETTINGS) as fetcher:
        fetched = fetcher.get(server.url("/p"))
    assert Page.parse(fetched.url, fetched.body, fetched.content_type).text("title") == "T"


# -- case 3: compressed bombs, stacked or not, stay under the cap in memory -------------------

CHILD = """
import json, sys
from feeds.collect.http import Fetcher
from feeds.collect.errors import FetchError
from feeds.settings import Settings

def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024

settings = Settings(allow_private_networks=True, http_rate_per_host=1000.0, http_total_timeout=30)
with Fetcher(settings) as fetcher:
    fetcher.get(sys.argv[1] + "/warm")
    before = peak()
    try:
        fetcher.get(sys.argv[1] + "/bomb")
        error = None
    except FetchError as exc:
        error = str(exc)
print(json.dumps({"before": before, "after": peak(), "error": error}))
"""


@pytest.mark.parametrize("encoding", ["gzip", "gzip, gzip"])
def test_a_compression_bomb_is_bounded_in_memory(encoding: str) -> None:
    body = gzip_zeros(256 << 20)
    if encoding == "gzip, gzip":
        body = gzip.compress(body)
    routes = {"/bomb": Route(body=body, headers={"Content-Encoding": encoding}), "/warm": Route(body=b"ok")}
    with serving(routes) as server:
        out = subprocess.run([sys.executable, "-c", CHILD, server.base_url], capture_output=True, check=True,
                             timeout=300).stdout
    measured = json.loads(out)
    assert measured["error"]
    assert ("cap" in measured["error"] or "stacked" in measured["error"])
    # 256 MiB of zeros inside; the fetch may hold the cap (10 MiB) and its chunks, not the payload.
    assert measured["after"] - measured["before"] < 4 * CAP


def test_a_normal_gzip_and_deflate_body_still_decodes() -> None:
    text = b"<p>" + b"Cluster " * 10_000 + b"</p>"
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    routes = {"/gz": Route(body=gzip.compress(text), headers={"Content-Encoding": "gzip"}),
              "/zlib": Route(body=zlib.compress(text), headers={"Content-Encoding": "deflate"}),
              "/raw": Route(body=raw_deflate.compress(text) + raw_deflate.flush(),
                            headers={"Content-Encoding": "deflate"})}
    with serving(routes) as server, Fetcher(SETTINGS) as fetcher:
        for path in routes:
            assert fetcher.get(server.url(path)).body == text


# -- case 5: headers trickling one byte at a time ---------------------------------------------

def test_trickled_headers_are_bounded_by_the_total_timeout() -> None:
    sent = []

    def trickle(req: BaseHTTPRequestHandler) -> None:
        header = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 10_000
        try:
            for byte in header:
                req.wfile.write(bytes([byte]))
                req.wfile.flush()
                sent.append(byte)
                time.sleep(0.05)  # well under the read timeout: each read gets a byte in time
        except (BrokenPipeError, ConnectionResetError):
            return

    settings = dataclasses.replace(SETTINGS, http_read_timeout=5, http_total_timeout=1)
    with serving({"/slow": Route(handler=trickle)}) as server, Fetcher(settings) as fetcher, \
            pytest.raises(FetchError, match="in total"):
        fetcher.get(server.url("/slow"))
    # The whole header would take 500 s at this pace; the fetch gave up after its total second.
    assert len(sent) < 10_000


# -- case 8: Retry-After far in the future ----------------------------------------------------

@pytest.mark.parametrize("value", ["300000000000", "9" * 400, "Fri, 31 Dec 9999 23:59:59 GMT",
                                   "Mon, 01 Jan 0001 00:00:00 GMT"])
def test_retry_after_is_clamped(value: str) -> None:
    seconds = parse_retry_after(value)
    assert seconds is None or 0 <= seconds <= MAX_RETRY_AFTER


def test_a_huge_retry_after_fails_one_source_not_the_run(settings: Settings) -> None:
    routes = {"/busy.rss": Route(status=503, headers={"Retry-After": "300000000000"}),
              "/feed.rss": Route(RSS, content_type="application/rss+xml")}
    with serving(routes) as server:
        sources = [SourceConfig(id="busy", name="Busy", kind="feed", url=server.url("/busy.rss")),
                   SourceConfig(id="fine", name="Fine", kind="feed", url=server.url("/feed.rss"))]
        store = Store.open(settings.database_url)
        started = datetime.now(UTC)
        runs = collect_sources(settings, store, sources)
    assert [(run.source_id, run.ok) for run in runs] == [("busy", False), ("fine", True)]
    busy = store.sources.state("busy")
    assert busy.last_error
    assert "503" in busy.last_error
    assert busy.next_attempt is not None
    next_attempt = busy.next_attempt if busy.next_attempt.tzinfo else busy.next_attempt.replace(tzinfo=UTC)
    assert next_attempt <= started + timedelta(seconds=settings.backoff_cap + 60)
    assert store.sources.state("fine").item_count == 1
    store.close()


# -- case 12: DNS rebinding -------------------------------------------------------------------

PUBLIC = "93.184.215.14"


class LoopbackNetwork(httpcore.NetworkBackend):
    """Records the address each connection is made to, and carries it to the loopback test server."""

    def __init__(self, port: int):
        self.port = port
        self.connected: list[tuple[str, int]] = []
        self.inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        self.connected.append((host, port))
        return self.inner.connect_tcp("127.0.0.1", self.port, timeout, local_address, socket_options)


def test_the_connection_goes_to_the_address_that_was_checked() -> None:
    answers = iter([[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]])  # rebind.example turns to loopback after the check
    asked: list[str] = []

    def rebinding_resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    with serving({"/feed": Route(body=b"public content")}) as server:
        network = LoopbackNetwork(server.port)
        pinned = transport.PinnedTransport(AddressPolicy(allow_private=False), rebinding_resolver, network)
        with Fetcher(dataclasses.replace(SETTINGS, allow_private_networks=False), transport=pinned) as fetcher:
            assert fetcher.get(f"http://rebind.example:{server.port}/feed").body == b"public content"
        assert asked == ["rebind.example"]  # resolved once; httpx never resolved it again
        assert network.connected == [(PUBLIC, server.port)]
        assert server.log[-1].headers["host"] == f"rebind.example:{server.port}"


def test_a_name_resolving_to_loopback_is_refused_before_connecting() -> None:
    network = LoopbackNetwork(9)
    pinned = transport.PinnedTransport(AddressPolicy(), lambda host, port: [PUBLIC, "127.0.0.1"], network)
    with Fetcher(dataclasses.replace(SETTINGS, allow_private_networks=False), transport=pinned) as fetcher, \
            pytest.raises(BlockedAddressError, match=r"127\.0\.0\.1.*loopback"):
        fetcher.get("http://mixed.example/feed")
    assert network.connected == []


def test_the_default_fetcher_resolves_through_the_injected_resolver() -> None:
    with serving({"/a": Route(body=b"ok")}) as server:
        settings = dataclasses.replace(SETTINGS, allow_private_networks=True)
        with Fetcher(settings, resolver=lambda host, port: ["127.0.0.1"]) as fetcher:
            assert fetcher.get(f"http://named.example:{server.port}/a").body == b"ok"
        with Fetcher(settings, resolver=lambda host, port: ["169.254.169.254"]) as fetcher, \
                pytest.raises(BlockedAddressError, match="link-local"):
            fetcher.get(f"http://metadata.example:{server.port}/a")


# -- case 13: the address policy, network by network ------------------------------------------

def _inside(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> str:
    return str(network.network_address + network.num_addresses // 2)  # away from the edges other lists name


@pytest.mark.parametrize(("network", "why"), NEVER, ids=[str(n) for n, _ in NEVER])
def test_never_fetched_even_with_private_networks_allowed(network: Any, why: str) -> None:
    assert AddressPolicy(allow_private=True).refusal(_inside(network)) == why
    assert AddressPolicy(allow_private=False).refusal(_inside(network)) == why


@pytest.mark.parametrize(("network", "why"), PRIVATE, ids=[str(n) for n, _ in PRIVATE])
def test_private_networks_only_when_allowed(network: Any, why: str) -> None:
    assert AddressPolicy(allow_private=False).refusal(_inside(network)) == why
    assert AddressPolicy(allow_private=True).refusal(_inside(network)) is None


@pytest.mark.parametrize(("address", "refused"), [
    ("100.100.100.200", True),  # Alibaba metadata, inside 100.64.0.0/10
    ("100.64.0.1", True),
    ("2002:7f00:1::", True),  # 6to4 around 127.0.0.1
    ("2002:a9fe:a9fe::", True),  # 6to4 around 169.254.169.254
    ("::ffff:10.0.0.1", True),  # IPv4-mapped
    ("64:ff9b::7f00:1", True),  # NAT64 around 127.0.0.1
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", True),  # Teredo, client 127.0.0.1
    ("93.184.215.14", False),
    ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", False),
    ("2002:5db8:d70e::", False),  # 6to4 around a public address
])
def test_embedded_and_shared_addresses(address: str, refused: bool) -> None:
    assert (AddressPolicy().refusal(address) is not None) is refused


def test_link_local_is_refused_over_http_with_private_networks_allowed() -> None:
    network = LoopbackNetwork(9)
    pinned = transport.PinnedTransport(AddressPolicy(allow_private=True), lambda host, port: ["fe80::1"], network)
    with Fetcher(SETTINGS, transport=pinned) as fetcher, pytest.raises(BlockedAddressError, match="link-local"):
        fetcher.get("http://router.example/")
    assert network.connected == []


def test_fetches_in_other_threads_keep_their_own_deadline() -> None:
    """The deadline is per thread: a fetch that ran out of time does not cut another one short."""
    results: list[bytes] = []
    with serving({"/ok": Route(body=b"ok")}) as server, Fetcher(SETTINGS) as fetcher, \
            transport.exchange_deadline(time.monotonic() - 1):
        worker = threading.Thread(target=lambda: results.append(fetcher.get(server.url("/ok")).body))
        worker.start()
        worker.join()
    assert results == [b"ok"]


# -- case 4: a feed with very many items ------------------------------------------------------

def _big_feed(count: int) -> bytes:
    items = "".join(
        f"<item><title>Cluster news number {n}</title><link>https://example.org/news/{n}</link>"
        f"<guid>https://example.org/news/{n}</guid>"
        f"<pubDate>{(datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=n)).strftime('%a, %d %b %Y %H:%M:%S +0000')}"
        f"</pubDate><description>Item {n}</description></item>" for n in range(count))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://example.org/</link>'
            f"<description>d</description>{items}</channel></rss>").encode()


@pytest.mark.slow
def test_items_per_fetch_are_capped_newest_first_and_the_state_says_so(settings: Settings) -> None:
    from click.testing import CliRunner

    from feeds.cli import cli
    from tests.support.configs import write_sources

    settings = dataclasses.replace(settings, collect_max_items=50)
    routes = {"/big.rss": Route(_big_feed(5000), content_type="application/rss+xml"),
              "/feed.rss": Route(RSS, content_type="application/rss+xml")}
    with serving(routes) as server:
        sources = [SourceConfig(id="big", name="Big", kind="feed", url=server.url("/big.rss")),
                   SourceConfig(id="fine", name="Fine", kind="feed", url=server.url("/feed.rss"))]
        store = Store.open(settings.database_url)
        runs = collect_sources(settings, store, sources)
        assert all(run.ok for run in runs)
        assert runs[0].report.created == 50  # the work: 50 items normalised, tagged and stored, not 5,000
        big = store.sources.state("big")
        assert big.item_count == 50
        assert big.adapter_state["items_capped"] == {"offered": 5000, "kept": 50}
        with engine_of(store).connect() as connection:
            from sqlalchemy import text

            urls = {row[0] for row in connection.execute(text("select url from items where source_id = 'big'"))}
        assert urls == {f"https://example.org/news/{n}" for n in range(4950, 5000)}
        assert store.sources.state("fine").item_count == 1
        write_sources(settings.config_dir, [{"id": s.id, "name": s.name, "kind": s.kind, "url": s.url}
                                            for s in sources])
        listing = CliRunner().invoke(cli, ["--config-dir", str(settings.config_dir), "--database-url",
                                           settings.database_url, "sources"])
        assert "offered 5000 items, kept the newest 50" in listing.output
        store.close()


def test_tls_to_the_pinned_address_still_names_the_host(tmp_path: Any) -> None:
    """The connection goes to the checked IP, but TLS sends the host name (SNI) and verifies against it."""
    import shutil
    import socket
    import ssl

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=rebind.example", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda _sock, name, _context: names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def handshake() -> None:
        connection, _ = listener.accept()
        with contextlib.suppress(ssl.SSLError, OSError), context.wrap_socket(connection, server_side=True):
            pass

    server = threading.Thread(target=handshake)
    server.start()
    network = LoopbackNetwork(port)
    pinned = transport.PinnedTransport(AddressPolicy(), lambda host, port: [PUBLIC], network)
    with Fetcher(dataclasses.replace(SETTINGS, allow_private_networks=False), transport=pinned) as fetcher, \
            pytest.raises(FetchError, match="CERTIFICATE_VERIFY_FAILED"):  # verified against the name
        fetcher.get(f"https://rebind.example:{port}/feed")
    server.join()
    listener.close()
    assert network.connected == [(PUBLIC, port)]
    assert names == ["rebind.example"]
