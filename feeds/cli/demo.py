"""`clusterfeeds demo`: collect the bundled copies of the platforms once, then serve the web app.

No network is needed: the sites are served on loopback (feeds/demo/sites.py); the store and the
demo's sources.yaml live in a temporary folder unless --database-url is given. The taxonomy and
named feeds come from the config folder (./config by default) when it has them. The temporary
folder is removed on exit.
"""

from __future__ import annotations

import dataclasses
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import click
import yaml

from feeds.cli.base import Context, cli, stop_on_signals
from feeds.cli.commands import _serve_options

log = logging.getLogger("feeds")
KOOPERATION_ARCHIVE = {  # the generic html kind, configured as an operator would in sources.yaml
    "item": ["div.news-list-item"], "item_link": ["h3 a[href]"], "next_page": ["ul.f3-widget-paginator li.next a"],
    "title": ["h1[itemprop=headline]"], "date": [".news-list-date time"], "date_formats": ["%d.%m.%Y"],
    "timezone": "Europe/Berlin", "body": ["div.news-single .article"],
    "remove": [".header", ".news-list-date", ".news-backlink-wrap"], "expect": ["div.news-single"],
    "robots": False,  # the archive's robots.txt forbids its paging; the demo shows the whole archive
}
CANONICAL = {"clusterplattform": "https://www.clusterplattform.de", "eccp": "https://www.clustercollaboration.eu",
             "kooperation": "https://www.kooperation-international.de"}
ALIASES = {"clusterplattform": ("clusterplattform.de",),
           "eccp": ("clustercollaboration.eu", "preview.clustercollaboration.eu", "default"),
           "kooperation": ("kooperation-international.de",)}


def demo_sources(ports: dict[str, int]) -> list[dict[str, Any]]:
    """sources.yaml entries for the bundled sites served on `ports` (site name -> loopback port)."""
    def aliases(name: str) -> dict[str, str]:
        return {f"127.0.0.1:{ports[name]}": CANONICAL[name]} | {alias: CANONICAL[name] for alias in ALIASES[name]}

    base = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    return [
        {"id": "clusterplattform", "name": "Clusterplattform Deutschland (demo copy)", "kind": "clusterplattform",
         "url": base["clusterplattform"] + "/", "language": "de", "host_aliases": aliases("clusterplattform")},
        {"id": "eccp", "name": "European Cluster Collaboration Platform (demo copy)", "kind": "eccp",
         "url": base["eccp"] + "/", "language": "en", "host_aliases": aliases("eccp")},
        {"id": "kooperation", "name": "Kooperation International (demo copy)", "kind": "html",
         "url": base["kooperation"] + "/aktuelles/nachrichten/", "language": "de",
         "host_aliases": aliases("kooperation"), **KOOPERATION_ARCHIVE},
    ]


@cli.command()
@_serve_options
@click.pass_obj
def demo(obj: Context, host: str | None, port: int | None) -> None:
    """The service on a built-in sample of the platforms, offline: collects it once (about half a minute),
    then serves it like `run` (without the scheduler) until Ctrl-C."""
    import waitress

    from feeds.demo.sites import serving_sites
    from feeds.runner import collect_sources
    from feeds.web import create_app

    workdir = Path(tempfile.mkdtemp(prefix="clusterfeeds-demo-"))
    config_dir = workdir / "config"
    config_dir.mkdir()
    for name in ("topics.yaml", "countries.yaml", "feeds.yaml"):
        if (obj.settings.config_dir / name).is_file():
            shutil.copy(obj.settings.config_dir / name, config_dir / name)
    explicit_database = obj.settings.database_url != type(obj.settings)().database_url
    settings = dataclasses.replace(
        obj.settings, config_dir=config_dir, allow_private_networks=True, http_rate_per_host=1000.0,
        database_url=obj.settings.database_url if explicit_database else f"sqlite:///{workdir}/demo.db")
    demo_context = Context(settings)
    with serving_sites() as servers:
        (config_dir / "sources.yaml").write_text(yaml.safe_dump(
            {"sources": demo_sources({name: server.port for name, server in servers.items()})},
            allow_unicode=True, sort_keys=False))
        store = demo_context.store()
        store.sources.sync(demo_context.sources())
        started = time.monotonic()
        runs = collect_sources(settings, store, demo_context.sources())
        for run in runs:
            click.echo(f"{run.source_id}: " + ("ok" if run.ok else f"FAILED: {run.error}"))
        took = time.monotonic() - started
        click.echo(f"collected {store.items.story_count()} stories in {took:.0f} s into {workdir}")
        bind_host, bind_port = host or settings.host, port or settings.port
        click.echo(f"serving the demo on http://{bind_host}:{bind_port}/ (Ctrl-C stops it)")
        stop_on_signals()  # either signal stops it the same way: the temporary store is removed
        try:
            waitress.serve(create_app(settings, store), host=bind_host, port=bind_port, threads=settings.web_threads,
                           ident="ClusterFeeds", clear_untrusted_proxy_headers=not settings.trusted_proxies)
        except KeyboardInterrupt:
            pass
        finally:
            store.close()
            if not explicit_database:
                shutil.rmtree(workdir, ignore_errors=True)
