"""The bytes the app serves for every path-addressed feed, written to the publish directory.

Documents are produced by the app itself (a test client of a cache-less app), so a file
equals what `GET <path>` without `Accept-Language` and `Accept-Encoding` returns: English
labels, identity encoding. nginx serves the files (deploy/nginx.conf); everything with a
query string still goes to the app.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from flask.testing import FlaskClient

from feeds.config.feeds import load_named_feeds
from feeds.publish.catalog import all_feeds
from feeds.publish.static import Document, PublishReport, document_paths, publish
from feeds.settings import Settings
from feeds.store import Store, queries

log = logging.getLogger(__name__)
_writing = threading.Lock()  # the scheduler collects sources in parallel threads


def published_yet(settings: Settings) -> bool:
    return (Path(settings.publish_dir) / "feeds" / "all.atom").is_file()


def write_static_feeds(settings: Settings, store: Store) -> PublishReport:
    """Publish every feed and the OPML into `settings.publish_dir` (changed files only)."""
    from feeds.web import create_app

    app = create_app(replace(settings, cache_max_mb=0, base_url=settings.public_url), store)
    engine, threshold = store.engine, settings.tag_threshold
    specs = all_feeds(queries.tag_counts(engine, "topic", threshold), queries.tag_counts(engine, "country", threshold),
                      queries.source_names(engine), load_named_feeds(settings.config_dir / "feeds.yaml"))
    with _writing:
        report = publish(Path(settings.publish_dir), _documents(app.test_client(), document_paths(specs)))
    log.info("published %d changed documents to %s (%d unchanged, %d removed)", len(report.written),
             settings.publish_dir, report.unchanged, len(report.removed))
    return report


def _documents(client: FlaskClient, paths: list[str]) -> Iterator[Document]:
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:  # a feed that vanished meanwhile: the app answers it
            log.warning("not publishing %s: the app answered %d", path, response.status_code)
            continue
        yield Document(path, response.data)
