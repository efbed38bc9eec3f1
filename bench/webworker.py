"""A web worker for the memory figure of bench_queries: what `clusterfeeds web` loads (feeds.wsgi), serving.

Kept apart from bench_queries so that the measured process imports only what a worker does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.harness import peak_rss_mb
from feeds.settings import Settings
from feeds.store import Store
from feeds.wsgi import create_app

ROOT = Path(__file__).parent.parent
SECOND_PAGE = "/feeds/topics/funding.atom?before="  # the cursor is read from each store's first page
FILTERS = {
    "topic": "/feeds/topics/funding.atom",
    "country": "/feeds/countries/pl.atom",
    "source, RSS": "/feeds/sources/bench-eu.rss",
    "language": "/feeds/all.atom?lang=fr",
    "search (2 %), JSON": "/feeds/all.json?q=elektrolyseur",
    "second page of a topic": SECOND_PAGE,
    "topic AND country": "/feeds/topics/innovation.atom?country=de",
    "country, topic AND language, JSON": "/feeds/countries/de.json?topic=funding&lang=en",
    "two countries, RSS": "/feeds/all.rss?country=pl,lt",
    "source AND topic, JSON": "/feeds/sources/bench-de.json?topic=digital",
}


def request_paths(client: Any) -> dict[str, str]:
    """FILTERS with the second page's cursor of this store filled in."""
    second = urlsplit(client.get("/feeds/topics/funding.json").get_json()["next_url"])
    return {name: (f"{second.path.replace('.json', '.atom')}?{second.query}" if path == SECOND_PAGE else path)
            for name, path in FILTERS.items()}


def serve_and_report(database_url: str, rounds: int) -> None:
    """Run in a fresh process: what a web worker does (render cache on), then print its peak RSS."""
    settings = Settings(database_url=database_url, config_dir=ROOT / "config", log_level="WARNING")
    store = Store.open(database_url, migrate=False)
    client = create_app(settings, store).test_client()
    paths = list(request_paths(client).values())
    for _ in range(rounds):
        for path in paths:
            assert client.get(path).status_code == 200
        assert client.get("/feeds/all.atom?limit=500").status_code == 200
    url: str | None = "/feeds/all.json"
    for _ in range(100):  # 100 pages deep
        if not url:
            break
        url = client.get(url).get_json().get("next_url")
        url = urlsplit(url).path + "?" + urlsplit(url).query if url else None
    store.close()
    print(json.dumps({"peak_mb": peak_rss_mb()}))
