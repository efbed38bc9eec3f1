"""Every setting in one place: its name, type, default and environment variable.

A setting named `database_url` is read from `CLUSTERFEEDS_DATABASE_URL`. Values given on
the command line override the environment, which overrides the defaults below.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ENV_PREFIX = "CLUSTERFEEDS_"
MIN_ADMIN_TOKEN_LENGTH = 32  # characters; `openssl rand -hex 16` makes one


class SettingsError(ValueError):
    """A setting has a value that cannot be used."""


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


@dataclass(frozen=True)
class Settings:
    config_dir: Path = field(default=Path("config"), metadata=_doc("Folder with sources.yaml and the taxonomies."))
    reference_dir: Path = field(default=Path("~/.cache/clusterfeeds"), metadata=_doc(
        "Folder for reference data derived once from installed packages (compact lemma tables: ~140 MB less per "
        "process); built at first use when missing (the image builds it at install); shared by every process."))
    database_url: str = field(
        default="sqlite:///var/clusterfeeds.db",
        metadata=_doc("SQLAlchemy URL; SQLite by default, postgresql://… at scale."),
    )
    database_connect_timeout: float = field(
        default=10.0, metadata=_doc("Seconds to open a database connection, or to wait for a free one in the pool."))
    database_statement_timeout: float = field(
        default=300.0, metadata=_doc("Seconds one SQL statement may run on PostgreSQL (statement_timeout; 0: none)."))
    web_statement_timeout: float = field(
        default=10.0, metadata=_doc("Seconds one SQL statement of a web request may run on PostgreSQL (0: none)."))
    readyz_timeout: float = field(
        default=2.0, metadata=_doc("Seconds /readyz waits for the database before answering 503."))
    base_url: str = field(
        default="", metadata=_doc("Public URL of the service, used in feed links; empty: each request's own host "
                                  "(X-Forwarded-Host/-Proto/-Prefix only with trusted_proxies > 0).")
    )
    display_timezone: str = field(
        default="Europe/Berlin", metadata=_doc("IANA time zone in which pages and embeds show dates and times."))
    tag_authority: str = field(
        default="",
        metadata=_doc("Authority for tag: entry ids (RFC 4151); defaults to the host of base_url."),
    )
    contact_url: str = field(
        default="https://github.com/clusterfeeds/clusterfeeds",
        metadata=_doc("Contact URL sent in the User-Agent."),
    )
    host: str = field(default="127.0.0.1", metadata=_doc("Address the web server binds to."))
    port: int = field(default=8080, metadata=_doc("Port the web server listens on."))
    web_threads: int = field(default=8, metadata=_doc(
        "Threads that run requests: waitress's in `clusterfeeds run`, granian's per worker in `clusterfeeds web`."))
    allow_private_networks: bool = field(
        default=False, metadata=_doc("Allow fetching loopback and private addresses (tests, intranets).")
    )
    http_connect_timeout: float = field(default=10.0, metadata=_doc("Seconds to establish a connection."))
    http_read_timeout: float = field(default=30.0, metadata=_doc("Seconds to wait for any byte."))
    http_total_timeout: float = field(default=60.0, metadata=_doc("Seconds a whole fetch may take."))
    http_max_bytes: int = field(default=10 * 1024 * 1024, metadata=_doc("Largest body accepted."))
    http_max_redirects: int = field(default=5, metadata=_doc("Redirects followed before giving up."))
    http_rate_per_host: float = field(
        default=1.0, metadata=_doc("Requests per second sent to one host (token bucket, burst of one).")
    )
    http_host_concurrency: int = field(default=2, metadata=_doc("Requests in flight to one host at a time."))
    robots_cache_seconds: int = field(default=86400, metadata=_doc("How long a host's robots.txt is reused."))
    backoff_cap: int = field(
        default=86400, metadata=_doc("Longest wait in seconds before retrying a failing source (exponential backoff).")
    )
    scheduler_jitter: int = field(default=60, metadata=_doc(
        "Seconds of random delay added to each scheduled run, at most a tenth of the source's interval."))
    collect_workers: int = field(
        default=4, metadata=_doc("Sources one `collect` run fetches side by side (a slow source delays no other)."))
    collect_max_items: int = field(
        default=2000, metadata=_doc("Items one fetch of a source stores at most, the newest first; the source's "
                                    "state says when more were offered (0: no cap)."))
    feed_default_limit: int = field(default=50, metadata=_doc("Entries per feed when no limit is given."))
    feed_max_limit: int = field(default=500, metadata=_doc("Largest accepted ?limit=."))
    feed_title: str = field(default="ClusterFeeds", metadata=_doc("Title of the aggregate feeds."))
    feed_max_age: int = field(
        default=300, metadata=_doc("Seconds feeds and pages may be cached (Cache-Control: public, max-age).")
    )
    cache_url: str = field(
        default="", metadata=_doc("redis://… to share rendered feeds between web processes; empty: each process "
                                  "caches its own. A Redis outage only means rendering."))
    cache_check_ms: int = field(
        default=1000, metadata=_doc("Milliseconds between reads of the store version that invalidates cached "
                                    "feeds (commits in the same process invalidate at once)."))
    cache_max_mb: int = field(default=64, metadata=_doc("Memory for cached feed responses per web process (MiB)."))
    publish_dir: str = field(
        default="", metadata=_doc("Folder to write every path-addressed feed and /opml into after each collect that "
                                  "changed something, for nginx or a CDN to serve (deploy/nginx.conf); empty: off."))
    web_workers: int = field(default=2, metadata=_doc("Worker processes of `clusterfeeds web` (granian)."))
    websub_hub_url: str = field(
        default="", metadata=_doc("WebSub hub URL; when set, feeds name it and collects that change a feed ping it.")
    )
    summary_length: int = field(default=300, metadata=_doc("Characters of plain text in a summary."))
    languages: tuple[str, ...] = field(
        default=("de", "en", "fr", "es", "it", "nl", "pl", "pt", "cs", "sv", "da", "fi", "hu", "ro", "sk", "sl",
                 "hr", "bg", "el", "lt", "lv", "et"),
        metadata=_doc("ISO 639-1 codes the language detector chooses among (comma-separated)."),
    )
    tag_threshold: float = field(default=0.5, metadata=_doc("Lowest tag confidence that is published."))
    dedup_window_days: int = field(
        default=120, metadata=_doc("Days around a dated item within which candidates are looked up by shared names, "
                                   "dates and rare words (exact signals and near-identical texts at any date)."))
    dedup_match: float = field(
        default=0.50, metadata=_doc("Probability of one news event at which two items match (docs: Deduplication)."))
    dedup_strong: float = field(
        default=0.85, metadata=_doc("Probability at which the primaries of two stories of several versions merge "
                                   "them."))
    log_level: str = field(default="INFO", metadata=_doc("Logging level."))
    log_format: str = field(default="text", metadata=_doc("Log line format: text (human-readable) or json."))
    scheduler_heartbeat: int = field(
        default=30, metadata=_doc("Seconds between a scheduler's heartbeats in the store (read by /readyz).")
    )
    scheduler_expected: bool = field(
        default=False, metadata=_doc("/readyz fails unless a scheduler heartbeat is fresh (3 heartbeats old at most).")
    )
    admin_token: str = field(
        default="", metadata=_doc("Bearer token for /admin/*; the admin API does not exist while it is empty.")
    )
    admin_failures_per_minute: int = field(
        default=10, metadata=_doc("Failed admin API attempts one client may make per minute; beyond, 429 for every "
                                  "admin request of that client until the allowance refills."))
    retention_days: int = field(
        default=0, metadata=_doc("`prune` deletes items published more than this many days ago (0 keeps all).")
    )
    retention_items_per_source: int = field(
        default=0, metadata=_doc("`prune` keeps at most this many newest items per source (0 keeps all).")
    )
    rate_limit_per_minute: int = field(
        default=0, metadata=_doc("Requests per minute one client may make to public endpoints (429 beyond); 0: off."))
    rate_limit_burst: int = field(
        default=0, metadata=_doc("Requests a client may make at once before the rate applies; 0: a tenth of a minute."))
    trusted_proxies: int = field(
        default=0, metadata=_doc("Reverse proxies in front of the web app; >0 takes the client IP from "
                                 "X-Forwarded-For (that many entries from its end) for the rate limit, and the "
                                 "public host, scheme and prefix of links from X-Forwarded-Host/-Proto/-Prefix."))

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.display_timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SettingsError(f"CLUSTERFEEDS_DISPLAY_TIMEZONE={self.display_timezone!r} is not an IANA time zone "
                                "(e.g. Europe/Berlin)") from None
        token = self.admin_token.strip()
        if token and len(token) < MIN_ADMIN_TOKEN_LENGTH:
            raise SettingsError(f"CLUSTERFEEDS_ADMIN_TOKEN has {len(token)} characters; an admin token needs at "
                                f"least {MIN_ADMIN_TOKEN_LENGTH} (e.g. `openssl rand -hex 16`)")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from defaults, then `CLUSTERFEEDS_*` variables, then `overrides`.

        Overrides whose value is None are ignored, so CLI options that were not given
        fall through to the environment.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):
            env_name = ENV_PREFIX + spec.name.upper()
            if env_name in environ:
                values[spec.name] = _parse(spec, environ[env_name], env_name)
        for name, value in overrides.items():
            if value is not None:
                values[name] = value
        return cls(**values)

    @property
    def public_url(self) -> str:
        """The base URL for links made outside a request (static files, WebSub pings): base_url when set,
        else the address the web server binds to."""
        return self.base_url or f"http://{self.host}:{self.port}"

    @property
    def entry_id_authority(self) -> str:
        if self.tag_authority:
            return self.tag_authority
        from urllib.parse import urlsplit

        return urlsplit(self.public_url).hostname or "localhost"

    @property
    def sources_file(self) -> Path:
        return self.config_dir / "sources.yaml"


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, description) of every setting, for docs and --help."""
    rows = []
    for spec in dataclasses.fields(Settings):
        default = spec.default
        shown = ",".join(default) if isinstance(default, tuple) else str(default)
        rows.append((ENV_PREFIX + spec.name.upper(), shown, spec.metadata.get("doc", "")))
    return rows


def _parse(spec: dataclasses.Field[Any], raw: str, env_name: str) -> Any:
    kind = type(spec.default)
    try:
        if kind is bool:
            lowered = raw.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind is tuple:
            return tuple(part.strip() for part in raw.split(",") if part.strip())
        if issubclass(kind, Path):
            return Path(raw)
        return raw
    except ValueError:
        raise SettingsError(f"{env_name}={raw!r} is not a valid {kind.__name__}") from None
