"""Wiring for one collect run: config -> collect -> process -> store, source by source.

This module only connects stages (like the scheduler and the CLI); the work happens in
them. A source that fails is recorded on its state and never stops the others.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import subprocess
import sys
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from feeds import metrics
from feeds.collect import CollectError, Fetcher, Previous, Validators, collect_source, newest_items
from feeds.config import ConfigError, SourceConfig
from feeds.config.feeds import load_named_feeds
from feeds.config.taxonomy import Taxonomy, load_taxonomy
from feeds.model import Item, RawItem
from feeds.process import NormaliseOptions, lemmas, normalise
from feeds.process.dedup import Deduplicator, Fingerprint, FingerprintOptions, MatchOptions, glossary
from feeds.process.dedup.batch import PreparedBatch
from feeds.process.dedup.names import PlaceNames
from feeds.process.dedup.terms import TopicVocabulary
from feeds.process.fetched import fetch_hash
from feeds.process.normalise import RejectedItemError
from feeds.process.sanitize import html_to_text
from feeds.process.tagging import Tagger
from feeds.process.tagging.gazetteer import Gazetteer, build_gazetteer, country_adjectives
from feeds.publish.documents import Site
from feeds.publish.static import PublishReport, publish_feeds, published_yet
from feeds.publish.websub import FeedWatch, watch_of
from feeds.settings import Settings
from feeds.store import FetchRecord, SaveReport, Store
from feeds.store.stories import StoryMatcher

log = logging.getLogger(__name__)

BACKOFF_CAP = timedelta(hours=24)
ITEMS_CAPPED = "items_capped"  # adapter-state key: {"offered": n, "kept": limit} of the last fetch
TAXONOMY_FILES = ("topics.yaml", "countries.yaml")  # what load_taxonomy reads, and so what tagging depends on


@dataclass(frozen=True)
class SourceRun:
    source_id: str
    ok: bool
    not_modified: bool = False
    report: SaveReport = field(default_factory=SaveReport)
    error: str | None = None


def backoff(interval: int, failures: int, cap: timedelta = BACKOFF_CAP) -> timedelta:
    """Delay before retrying after `failures` consecutive failures: doubling, capped (settings.backoff_cap)."""
    return min(timedelta(seconds=interval) * (2 ** max(0, failures - 1)), cap)


def retry_delay(settings: Settings, source: SourceConfig, failures: int, error: Exception) -> timedelta:
    """The backoff, but never sooner than the server's own Retry-After (itself capped by `backoff_cap`)."""
    asked = min(getattr(error, "retry_after", None) or 0.0, float(settings.backoff_cap))
    return max(backoff(source.interval, failures, timedelta(seconds=settings.backoff_cap)), timedelta(seconds=asked))


def build_deduplicator(settings: Settings, taxonomy: Taxonomy | None = None,
                       gazetteer: Gazetteer | None = None) -> Deduplicator:
    """Story assignment as configured: thresholds from settings, the topic words from `taxonomy` (the run's,
    read from the config folder when not given; none when it cannot be read: the tagger reports the file), the
    countries' adjectives from `gazetteer` (the tagger's, built from `taxonomy` when not given).
    Lemmas and translations come from the compact tables under `reference_dir` (prepared here at first use)."""
    prepare_reference(settings.reference_dir)
    prepare_translations(settings.reference_dir)
    if taxonomy is None:
        try:
            taxonomy = load_taxonomy(settings.config_dir)
        except ConfigError:
            taxonomy = Taxonomy()
    return Deduplicator(
        fingerprint_options=FingerprintOptions(topical=topic_vocabulary(taxonomy), places=PlaceNames.of(
            taxonomy.countries.cities, taxonomy.countries.place_aliases, taxonomy.countries.ignore,
            country_adjectives(gazetteer or build_gazetteer(taxonomy.countries)))),
        match_options=MatchOptions(window_days=settings.dedup_window_days, match=settings.dedup_match,
                                   strong=settings.dedup_strong))


@lru_cache(maxsize=8)
def prepare_reference(reference_dir: Path) -> bool:
    """Make sure the lemma tables (feeds/process/lemmas.py) exist under `reference_dir`, and use them: built by a
    child process so that its memory peak is not this process's. False when they cannot be built (a read-only
    folder): lemmas then come from simplemma's dicts, the same lemmas at ~140 MB more per process."""
    reference_dir = reference_dir.expanduser()
    if not lemmas.tables_ready(reference_dir):
        _build_reference("feeds.process.lemmas", reference_dir)
    return lemmas.use_tables(reference_dir)


@lru_cache(maxsize=8)
def prepare_translations(reference_dir: Path) -> bool:
    """The same for the table of translations deduplication reads (feeds/process/dedup/glossary.py), asked only where
    stories are assigned: the web app and the tagging commands never read it. False when it cannot be built:
    translations then come from the dictionaries themselves, the same translations at ~450 MB once per process."""
    reference_dir = reference_dir.expanduser()
    if not glossary.table_ready(reference_dir):
        _build_reference("feeds.process.dedup.glossary", reference_dir)
    return glossary.use_table(reference_dir)


def _build_reference(module: str, reference_dir: Path) -> None:
    try:
        script = f"import sys, pathlib, {module} as built; built.build(pathlib.Path(sys.argv[1]))"
        done = subprocess.run([sys.executable, "-c", script, str(reference_dir)],
                              capture_output=True, text=True, timeout=600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("building %s's tables in %s failed: %s", module, reference_dir, exc)
        return
    if done.returncode != 0:
        log.warning("building %s's tables in %s failed: %s", module, reference_dir, done.stderr.strip()[-500:])


def prepare_collects(settings: Settings) -> None:
    """Make what every collect of this process uses before the process settles (`scheduler.settle`): the lemma
    tables chosen and the tagger of the taxonomy as its files are now (`run_tagger`), so that the freeze keeps
    the tagger's ~38,000 long-lived objects out of the collector's full collections too. A taxonomy that cannot
    be read is left to the first collect, which reports it as before."""
    prepare_reference(settings.reference_dir)
    try:
        run_tagger(settings.config_dir)
    except ConfigError as exc:
        log.warning("the tagger is built at the first collect: %s", exc)


def taxonomy_files(config_dir: Path) -> tuple[bytes | None, ...]:
    """The bytes of TAXONOMY_FILES as they are now (None: unreadable), read once per collect for both the tagger
    and the processing context, so the two cannot see different versions of an edited file."""
    return tuple(_contents(config_dir / name) for name in TAXONOMY_FILES)


def run_tagger(config_dir: Path, files: tuple[bytes | None, ...] | None = None) -> Tagger:
    """The tagger of the taxonomy in `config_dir` as its files are now (`files`, or read here). Building one parses
    the YAML and builds the gazetteer, ~0.8 s of CPU that every scheduled collect paid; it is built again only when
    one of the files changed (or its folder), so an edit still takes effect at the next collect. A file that cannot
    be read is reported by `load_taxonomy`, as before."""
    return _tagger(config_dir, *(taxonomy_files(config_dir) if files is None else files))


@lru_cache(maxsize=1)
def _tagger(config_dir: Path, *contents: bytes | None) -> Tagger:
    """`contents` (the files' bytes as `run_tagger` read them) only key the cache."""
    return Tagger(load_taxonomy(config_dir))


def _contents(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def topic_vocabulary(taxonomy: Taxonomy) -> TopicVocabulary:
    """The one-word phrases of every topic (strong and weak), as prefixes (docs/design/dedup.md)."""
    return TopicVocabulary(
        phrase.strip("*") for topic in taxonomy.topics for rules in (topic.phrases, topic.weak_phrases)
        for phrases in rules.values() for phrase in phrases if " " not in phrase and not phrase.startswith("*"))


def collect_sources(
    settings: Settings,
    store: Store,
    sources: Sequence[SourceConfig],
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[SourceRun]:
    """Collect each source once; returns what happened to each, in the order given.

    Sources run side by side (`collect_workers` threads), so a slow or hanging source never
    delays the others; politeness still holds per host (the fetcher's process-wide limiter),
    and saving is serialised by the store (story assignment lock).
    """
    run_id = uuid.uuid4().hex[:8]
    store.sources.sync(sources)
    options = NormaliseOptions(summary_length=settings.summary_length, languages=settings.languages)
    # lemmas from the compact tables before anything tags: tagging first would load simplemma's dicts for good
    prepare_reference(settings.reference_dir)
    files = taxonomy_files(settings.config_dir)
    tagger = run_tagger(settings.config_dir, files)
    context = processing_context(settings, files)
    watch = feed_watch(settings, store)
    before = watch.snapshot() if watch else {}
    with Fetcher(settings) as fetcher, ThreadPoolExecutor(
            max_workers=max(1, min(settings.collect_workers, len(sources))), thread_name_prefix="collect") as pool:
        futures = [pool.submit(_collect_one, settings, store, fetcher, source, options, clock, run_id, tagger,
                               context) for source in sources]
        results = [future.result() for future in futures]
    if watch is not None and any(run.report.changed for run in results):
        watch.notify(watch.changed_urls(before, watch.snapshot()))
    if settings.publish_dir:
        publish_static(settings, store, run_id, changed=any(run.report.changed for run in results))
    return results


def publish_static(settings: Settings, store: Store, run_id: str, changed: bool) -> None:
    """After a collect that changed something (or before the first files exist), rewrite the
    published feeds for the reverse proxy. A failure is logged; the next changed collect retries."""
    if not changed and published_yet(Path(settings.publish_dir)):
        return
    try:
        write_static_feeds(settings, store)
    except Exception:
        log.exception("run=%s publishing feeds to %s failed", run_id, settings.publish_dir)


def site_of(settings: Settings, taxonomy: Taxonomy | None = None) -> Site:
    """What every document says the same way, from settings, config/feeds.yaml and the taxonomy."""
    return Site.of(settings, load_named_feeds(settings.config_dir / "feeds.yaml"),
                   taxonomy if taxonomy is not None else load_taxonomy(settings.config_dir))


def write_static_feeds(settings: Settings, store: Store) -> PublishReport:
    """Publish every feed and the OPML into `settings.publish_dir` (changed files only)."""
    report = publish_feeds(Path(settings.publish_dir), store, site_of(settings))
    log.info("published %d changed documents to %s (%d unchanged, %d removed)", len(report.written),
             settings.publish_dir, report.unchanged, len(report.removed))
    return report


def feed_watch(settings: Settings, store: Store) -> FeedWatch | None:
    """With a WebSub hub configured: how to list the feeds and read their first pages."""
    if not settings.websub_hub_url:
        return None
    site = Site.of(settings, load_named_feeds(settings.config_dir / "feeds.yaml"), Taxonomy())
    return watch_of(settings.websub_hub_url, settings.public_url, store, site)


def _count_stories(report: SaveReport) -> None:
    if report.stories_started:
        metrics.STORIES_CREATED.inc(report.stories_started)
    if report.stories_merged:
        metrics.STORIES_MERGED.inc(report.stories_merged)


def _count_tags(batch: Sequence[Item]) -> None:
    for kind in ("country", "topic"):
        assigned = sum(1 for item in batch for tag in item.tags if tag.kind == kind)
        if assigned:
            metrics.TAGS_ASSIGNED.labels(kind).inc(assigned)


def _normalised(raws: Sequence[RawItem], hashes: Sequence[str | None], source: SourceConfig,
                options: NormaliseOptions, now: datetime, run_id: str) -> list[Item]:
    """Normalised items, each with its fetch hash; one that cannot be stored is skipped with a warning
    naming it and the reason, never the whole batch (docs/design/collect.md: a bad item never costs the
    good ones)."""
    batch = []
    for raw, hashed in zip(raws, hashes, strict=True):
        try:
            batch.append(replace(normalise(raw, source, options, now), fetch_hash=hashed))
        except RejectedItemError as exc:
            log.warning("run=%s source=%s skipped item %s: %s", run_id, source.id, _named(raw), exc)
        except Exception as exc:  # a value no check foresaw: this item only, with the reason
            log.warning("run=%s source=%s skipped item %s: %s: %s", run_id, source.id, _named(raw),
                        type(exc).__name__, exc)
    return batch


def processing_context(settings: Settings, files: tuple[bytes | None, ...]) -> str:
    """What processing an item depends on besides the item and its source: the software version, the
    taxonomy files (`taxonomy_files`) and the normalising settings (process/fetched.py: a change processes every
    item again)."""
    digest = hashlib.sha256(f"{_version()}|{settings.languages}|{settings.summary_length}".encode())
    for contents in files:
        digest.update(b"-" if contents is None else contents)
    return digest.hexdigest()


def _version() -> str:
    try:
        return importlib.metadata.version("clusterfeeds")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _fresh(store: Store, source: SourceConfig, raws: Sequence[RawItem], context: str,
           ) -> tuple[list[RawItem], list[str | None], set[str]]:
    """(the raw items to process, their fetch hashes, the hashes of the others: fetched unchanged)."""
    hashes = [fetch_hash(raw, f"{context}|{source!r}") for raw in raws]
    stored = store.items.fetched(source.id, [hashed for hashed in hashes if hashed is not None])
    fresh = [(raw, hashed) for raw, hashed in zip(raws, hashes, strict=True) if hashed is None or hashed not in stored]
    return [raw for raw, _ in fresh], [hashed for _, hashed in fresh], stored


def _adapter_state(collected: Mapping[str, Any] | None, stored: Mapping[str, Any], offered: int,
                   kept: int) -> Mapping[str, Any] | None:
    """The adapter's new state, with a note when the fetch offered more items than were kept."""
    state = dict(collected if collected is not None else stored)
    noted = state.pop(ITEMS_CAPPED, None) is not None
    if kept < offered:
        state[ITEMS_CAPPED] = {"offered": offered, "kept": kept}
    elif collected is None and not noted:
        return None  # nothing to change: the stored state stays
    return state


def _named(raw: RawItem) -> str:
    """How a log line names an item: its GUID or URL, escaped and cut (it is untrusted)."""
    name = raw.guid if isinstance(raw.guid, str) and raw.guid else raw.url
    shown = str(name).encode("unicode_escape").decode("ascii")
    return repr(shown if len(shown) <= 160 else shown[:160] + "…")


def _collect_one(settings: Settings, store: Store, fetcher: Fetcher, source: SourceConfig,
                 options: NormaliseOptions, clock: Callable[[], datetime], run_id: str, tagger: Tagger,
                 context: str) -> SourceRun:
    state = store.sources.state(source.id)
    started = clock()
    try:
        previous = Previous(Validators(state.etag, state.last_modified), state.adapter_state)
        collected = collect_source(source, fetcher, previous)
        now = clock()
        raws = newest_items(collected.items, settings.collect_max_items)
        if len(raws) < len(collected.items):
            log.warning("run=%s source=%s offered %d items; kept the newest %d (collect_max_items)", run_id,
                        source.id, len(collected.items), len(raws))
        fresh, hashes, unchanged = _fresh(store, source, raws, context)
        batch = [tagger.tag_item(item) for item in _normalised(fresh, hashes, source, options, now, run_id)]
        _report_unmapped_metadata(tagger, batch, source, run_id)
        _count_tags(batch)
        fetch = FetchRecord(collected.validators.etag, collected.validators.last_modified,
                            _adapter_state(collected.state, state.adapter_state, len(collected.items), len(raws)))
        # fingerprinted here, before save takes the story-assignment lock
        matcher: StoryMatcher[Fingerprint] = PreparedBatch.of(
            build_deduplicator(settings, tagger.taxonomy, tagger.gazetteer), batch)
        report = store.items.save(source.id, batch, now, settings.entry_id_authority, fetch, dedup=matcher,
                                  seen=unchanged)
        _count_stories(report)
    except CollectError as exc:
        failures = state.consecutive_failures + 1
        retry_at = started + retry_delay(settings, source, failures, exc)
        store.sources.record_failure(source.id, str(exc), started, retry_at)
        log.warning("run=%s source=%s failed (%d in a row): %s", run_id, source.id, failures, exc)
        return SourceRun(source.id, ok=False, error=str(exc))
    except Exception as exc:  # an adapter bug must not stop the other sources
        failures = state.consecutive_failures + 1
        message = f"internal error: {type(exc).__name__}: {exc}"
        retry_at = started + retry_delay(settings, source, failures, exc)
        store.sources.record_failure(source.id, message, started, retry_at)
        log.exception("run=%s source=%s failed with an unexpected error", run_id, source.id)
        return SourceRun(source.id, ok=False, error=message)
    log.info("run=%s source=%s %s: %d new, %d updated, %d unchanged", run_id, source.id,
             "not modified" if collected.not_modified else "ok", report.created, report.updated,
             report.unchanged)
    return SourceRun(source.id, ok=True, not_modified=collected.not_modified, report=report)


def _report_unmapped_metadata(tagger: Tagger, batch: Sequence[Item], source: SourceConfig, run_id: str) -> None:
    """Log editor metadata names that map to no country or topic, with the item, so that an operator
    can add them to config/countries.yaml or config/topics.yaml."""
    for item in batch:
        text = html_to_text(item.content_html) if item.content_html else item.summary
        names = tagger.unmapped_metadata(item.metadata, text or "")
        if names:
            log.warning("run=%s source=%s item %s: editor metadata maps to no country or topic: %s",
                        run_id, source.id, item.canonical_url, ", ".join(repr(name) for name in names))


def refingerprint_stories(store: Store, settings: Settings, batch_size: int,
                          progress: Callable[[int, int, int], None] = lambda done, total, changed: None,
                          ) -> tuple[int, int]:
    """Fingerprint every stored item again with the configured deduplicator; returns (items seen, items whose
    fingerprint changed). Stories are kept: later items are compared with the current fingerprints."""
    dedup = build_deduplicator(settings)
    total = store.items.count()
    done = changed = 0
    for seen, batch_changed in store.items.refingerprint(dedup, batch_size):
        done += seen
        changed += batch_changed
        progress(done, total, changed)
    return done, changed


def retag_stories(store: Store, tagger: Tagger, batch_size: int,
                  progress: Callable[[int, int, int], None] = lambda done, total, changed: None) -> tuple[int, int]:
    """Recompute the tags of every stored item; returns (items seen, items whose tags changed)."""
    total = store.items.count()
    done = changed = 0
    for batch in store.items.stored(batch_size):
        tagged = []
        for item in batch:
            text = html_to_text(item.content_html) if item.content_html else item.summary
            tagged.append((item, tagger.tag(item.title, text or item.summary, item.language, item.metadata,
                                            item.categories)))
        changed += store.items.save_tags(tagged)
        done += len(batch)
        progress(done, total, changed)
    return done, changed
