"""Core commands: collect, sources, db upgrade, and the roles: web (alias serve), scheduler, run."""

from __future__ import annotations

import logging
import signal
from types import FrameType
from typing import Any

import click

from feeds.cli.base import Context, cli, fail, stop_on_signals


@cli.command()
@click.option("--source", "source_id", default=None, help="Collect only this source.")
@click.pass_obj
def collect(obj: Context, source_id: str | None) -> None:
    """Collect every enabled source (or one) now. Exits 0 when the run completed."""
    from feeds.runner import collect_sources

    sources = obj.sources()
    if source_id is not None:
        sources = [s for s in sources if s.id == source_id]
        if not sources:
            fail(f"no source with id {source_id!r} in {obj.settings.sources_file}")
    else:
        sources = [s for s in sources if s.enabled]
    store = obj.store()
    for run in collect_sources(obj.settings, store, sources):
        if run.ok:
            status = "not modified" if run.not_modified else (
                f"{run.report.created} new, {run.report.updated} updated, {run.report.unchanged} unchanged")
            click.echo(f"{run.source_id}: ok, {status}")
        else:
            click.echo(f"{run.source_id}: FAILED: {run.error}")


@cli.command()
@click.pass_obj
def sources(obj: Context) -> None:
    """Each configured source with its fetch state."""
    configured = obj.sources()
    store = obj.store()
    store.sources.sync(configured)
    states = {state.source_id: state for state in store.sources.states()}
    header = f"{'id':<24} {'kind':<16} {'enabled':<7} {'items':>6}  {'last success':<20} {'fails':>5}  last error"
    click.echo(header)
    for source in configured:
        state = states[source.id]
        success = state.last_success.strftime("%Y-%m-%d %H:%M:%S") if state.last_success else "never"
        capped = state.adapter_state.get("items_capped")
        note = f" (last fetch offered {capped['offered']} items, kept the newest {capped['kept']})" if capped else ""
        click.echo(f"{source.id:<24} {source.kind:<16} {'yes' if source.enabled else 'no':<7} {state.item_count:>6}  "
                   f"{success:<20} {state.consecutive_failures:>5}  {state.last_error or ''}{note}")


@cli.group()
def db() -> None:
    """Database maintenance."""


@db.command("upgrade")
@click.pass_obj
def db_upgrade(obj: Context) -> None:
    """Apply pending migrations."""
    obj.store()
    click.echo("database is up to date")


def _serve_options(function: Any) -> Any:
    function = click.option("--port", type=int, default=None, help="Port [env CLUSTERFEEDS_PORT; default 8080].")(
        function)
    return click.option("--host", default=None, help="Address [env CLUSTERFEEDS_HOST; default 127.0.0.1].")(function)


@cli.command()
@_serve_options
@click.pass_obj
def web(obj: Context, host: str | None, port: int | None) -> None:
    """Serve the web app only, on granian with CLUSTERFEEDS_WEB_WORKERS processes (docs: Operations, Serving).
    gunicorn "feeds.wsgi:create_app()" works too (settings from CLUSTERFEEDS_* variables)."""
    _web(obj, host, port)


@cli.command()
@_serve_options
@click.pass_obj
def serve(obj: Context, host: str | None, port: int | None) -> None:
    """The same as `web` (kept for existing setups)."""
    _web(obj, host, port)


@cli.command()
@_serve_options
@click.pass_obj
def run(obj: Context, host: str | None, port: int | None) -> None:
    """Scheduler and web app in one process: the default way to run ClusterFeeds."""
    _run(obj, host, port)


@cli.command()
@click.option("--metrics-port", type=int, default=None,
              help="Also serve this process's /metrics on this port (collect counters live here, not in web).")
@click.pass_obj
def scheduler(obj: Context, metrics_port: int | None) -> None:
    """Collection only, until SIGTERM or SIGINT. Any number may share one PostgreSQL store:
    each source is collected by one of them at a time, and the others take over when one dies."""
    import threading

    from feeds.runner import prepare_collects
    from feeds.scheduler import add_heartbeat, build_scheduler, settle

    settings = obj.settings
    configured = obj.sources()
    store = obj.store()
    prepare_collects(settings)
    jobs = build_scheduler(settings, store, configured)
    name = add_heartbeat(jobs, settings, store)
    stopping = threading.Event()

    def stop(signum: int, _frame: FrameType | None) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if metrics_port is not None:
        import prometheus_client

        prometheus_client.start_http_server(metrics_port, addr=settings.host)
    settle()
    jobs.start()
    log = logging.getLogger("feeds")
    log.info("scheduler %s started: %d sources", name, sum(1 for s in configured if s.enabled))
    stopping.wait()
    log.info("scheduler %s stopping: waiting for running collects", name)
    jobs.shutdown(wait=True)
    store.close()
    log.info("scheduler %s stopped", name)


def _web(obj: Context, host: str | None, port: int | None) -> None:
    from feeds.web.server import serve_granian

    obj.store().close()  # migrate once here, not in every worker at the same time
    serve_granian(obj.settings, host or obj.settings.host, port or obj.settings.port)


def _run(obj: Context, host: str | None, port: int | None) -> None:
    """Scheduler and waitress in one process: one store, one process to supervise."""
    import waitress

    from feeds.runner import prepare_collects
    from feeds.scheduler import add_heartbeat, build_scheduler, settle
    from feeds.wsgi import create_app

    settings = obj.settings
    configured = obj.sources()
    store = obj.store()
    app = create_app(settings, store)
    prepare_collects(settings)
    scheduler = build_scheduler(settings, store, configured)

    stop_on_signals()
    add_heartbeat(scheduler, settings, store)
    settle()
    scheduler.start()
    bind_host, bind_port = host or settings.host, port or settings.port
    logging.getLogger("feeds").info("serving on http://%s:%d/", bind_host, bind_port)
    try:
        waitress.serve(app, host=bind_host, port=bind_port, threads=settings.web_threads, ident="ClusterFeeds",
                       clear_untrusted_proxy_headers=not settings.trusted_proxies)  # the app reads X-Forwarded-*
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.shutdown(wait=False)
        store.close()


@cli.command("settings")
@click.option("--markdown", is_flag=True, help="As a Markdown table (the docs' settings reference).")
def settings_command(markdown: bool) -> None:
    """Every setting: its environment variable, default and meaning."""
    from feeds.cli.reference import settings_markdown
    from feeds.settings import describe

    if markdown:
        click.echo(settings_markdown(), nl=False)
        return
    for variable, default, doc in describe():
        click.echo(f"{variable}={default}\n    {doc}")
