"""Byte check between two trees: the bench's ten filtered feeds (their formats as the bench asks for them) and a few
more searches, three pages each, rendered by each tree against the same store, compared byte for byte.

    python -m bench.feed_bytes BASE_TREE BRANCH_TREE STORE_URL [STORE_URL ...]

Each tree renders in its own process with its own code (`PYTHONPATH=TREE`, render cache off). Exit status 1 and
the differing requests named when any byte differs. A check for read-path work that must not change output; no
timing.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

EXTRA = {  # more searches and pages than the bench's ten: a word in other filters, formats and sizes
    "search in all, Atom": "/feeds/all.atom?q=elektrolyseur",
    "search and language, RSS": "/feeds/all.rss?q=elektrolyseur&lang=de",
    "search in a topic, JSON": "/feeds/topics/funding.json?q=elektrolyseur",
    "search in a country, Atom": "/feeds/countries/de.atom?q=elektrolyseur",
    "search, 200 entries": "/feeds/all.json?q=elektrolyseur&limit=200",
    "common word": "/feeds/all.json?q=wasserstoff",
}
PAGES = 3
NEXT = (re.compile(rb'<(?:atom:)?link[^>]*rel="next"[^>]*href="([^"]+)"'),
        re.compile(rb'<(?:atom:)?link[^>]*href="([^"]+)"[^>]*rel="next"'))


def render(url: str) -> dict[str, str]:
    """In this process's tree: {request name: the bodies of its first pages, hex of their SHA-256}; the bodies
    themselves are written to the directory in CLUSTERFEEDS_FEED_BYTES_OUT when it is set."""
    from bench.webworker import request_paths
    from feeds.settings import Settings
    from feeds.store import Store
    from feeds.web import create_app

    settings = Settings(database_url=url, config_dir=Path("config").resolve(), log_level="WARNING")
    store = Store.open(url, migrate=False)
    client = create_app(replace(settings, cache_max_mb=0), store).test_client()
    out = os.environ.get("CLUSTERFEEDS_FEED_BYTES_OUT")
    digests = {}
    for name, path in {**request_paths(client), **EXTRA}.items():
        body, at = b"", path
        for _ in range(PAGES):
            response = client.get(at)
            assert response.status_code == 200, (at, response.status_code)
            body += at.encode() + b"\n" + response.data + b"\n--page--\n"
            nxt = response.get_json().get("next_url") if response.is_json else _next_link(response.data)
            if not nxt:
                break
            at = f"{urlsplit(nxt).path}?{urlsplit(nxt).query}"
        digests[name] = hashlib.sha256(body).hexdigest()
        if out:
            Path(out, hashlib.sha1(name.encode()).hexdigest()[:10] + ".txt").write_bytes(body)
    store.close()
    return digests


def _next_link(document: bytes) -> str | None:
    for pattern in NEXT:
        if match := pattern.search(document):
            return html.unescape(match.group(1).decode())
    return None


def main(argv: list[str]) -> int:
    if argv[:1] == ["--render"]:
        print(json.dumps(render(argv[1])))
        return 0
    base, branch, *urls = argv
    failed = False
    for url in urls:
        sides = {}
        for tree in (base, branch):
            # this file run by path: the base tree need not have it; its imports come from the tree
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--render", url], cwd=tree,
                                  env={**os.environ, "PYTHONPATH": tree}, capture_output=True, text=True, check=True)
            sides[tree] = json.loads(done.stdout.splitlines()[-1])
        differ = [name for name in sides[base] if sides[base][name] != sides[branch].get(name)]
        print(f"{url}: {len(sides[base])} requests, {PAGES} pages each: "
              + (f"DIFFER: {', '.join(differ)}" if differ else "byte-identical"))
        failed |= bool(differ)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
