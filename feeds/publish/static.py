"""Static publishing: every path-addressed feed as a file, for nginx, a CDN or object storage.

The tree mirrors the URLs (`/feeds/topics/innovation.atom` -> `<dir>/feeds/topics/innovation.atom`,
`/opml` -> `<dir>/opml`), each with a pre-compressed `.gz` next to it (nginx `gzip_static`).
A file is replaced atomically (written to a temporary file in the same folder, then
`os.replace`) and only when its bytes changed, so its mtime — and with it the ETag and
Last-Modified nginx derives from it — stays put while the feed stays the same. Files of
feeds that no longer exist are removed, so the proxy hands those URLs to the app again.
"""

from __future__ import annotations

import gzip
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from feeds.publish.catalog import FeedSpec
from feeds.publish.documents import FeedRequest, Shelf, Site, build_feed, build_opml, feed_specs
from feeds.publish.render import FORMATS

OPML_PATH = "/opml"
MIN_GZIP_BYTES = 256  # as the app: smaller bodies are sent as they are
LANGUAGE = "en"  # what the app answers a request without Accept-Language
_writing = threading.Lock()  # the scheduler collects sources in parallel threads


@dataclass(frozen=True)
class Document:
    path: str  # URL path, e.g. /feeds/all.atom
    body: bytes


@dataclass(frozen=True)
class PublishReport:
    written: list[str] = field(default_factory=list)  # URL paths whose file changed
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def published_yet(directory: Path) -> bool:
    """Whether `directory` holds a published tree already."""
    return (directory / "feeds" / "all.atom").is_file()


def publish_feeds(directory: Path, shelf: Shelf, site: Site) -> PublishReport:
    """Every feed that exists now, in every format, and the OPML, written under `directory`: the bytes
    the app serves for `GET <path>` without Accept-Language and Accept-Encoding (feeds/publish/documents.py
    builds both)."""
    with _writing:
        return publish(directory, _documents(shelf, site, feed_specs(shelf, site)))


def _documents(shelf: Shelf, site: Site, specs: Sequence[FeedSpec]) -> Iterator[Document]:
    for spec in specs:
        for fmt in FORMATS:
            yield Document(f"{spec.path}.{fmt}", build_feed(shelf, site, FeedRequest(spec, fmt, LANGUAGE)).body)
    yield Document(OPML_PATH, build_opml(shelf, site, LANGUAGE))


def file_of(directory: Path, path: str) -> Path:
    """Where the document for URL `path` lives under `directory`."""
    parts = path.strip("/").split("/")
    if not path.startswith("/") or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"not a publishable path: {path!r}")
    return directory.joinpath(*parts)


def publish(directory: Path, documents: Iterable[Document]) -> PublishReport:
    """Write `documents` under `directory`; remove feed files that are not among them."""
    written: list[str] = []
    unchanged = 0
    kept: set[Path] = set()
    for document in documents:
        target = file_of(directory, document.path)
        kept.add(target)
        changed = _replace_if_changed(target, document.body)
        zipped = target.with_name(target.name + ".gz")
        if len(document.body) >= MIN_GZIP_BYTES:
            kept.add(zipped)
            changed |= _replace_if_changed(zipped, gzip.compress(document.body, compresslevel=9, mtime=0))
        if changed:
            written.append(document.path)
        else:
            unchanged += 1
    removed = []
    feeds = directory / "feeds"
    if feeds.is_dir():
        for stale in sorted(p for p in feeds.rglob("*") if p.is_file() and p not in kept):
            stale.unlink()
            removed.append("/" + stale.relative_to(directory).as_posix())
    return PublishReport(written, unchanged, removed)


def _replace_if_changed(target: Path, body: bytes) -> bool:
    try:
        if target.read_bytes() == body:
            return False
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(body)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; the web server's user must read it
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
