"""The `web` stage: the Flask application factory.

The wiring (`feeds.wsgi.create_app`, the CLI) passes in what the admin API triggers — a
collect of one source, a retag — so the web never imports the runner or the scheduler.
`gunicorn "feeds.wsgi:create_app()"` serves the wired app with settings from the environment.
"""

from __future__ import annotations

from flask import Flask, has_request_context

from feeds.config.feeds import load_named_feeds
from feeds.config.taxonomy import load_taxonomy
from feeds.publish.documents import Site
from feeds.settings import Settings
from feeds.store import Store, Timeouts
from feeds.web.admin import CollectNow, Retag


def create_app(settings: Settings | None = None, store: Store | None = None, collect_now: CollectNow | None = None,
               retag: Retag | None = None) -> Flask:
    """The app. config/feeds.yaml and the taxonomy are read here: a broken file stops start-up with its error.

    Without `collect_now` and `retag` the admin API answers 501 to those two actions.
    """
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["CLUSTERFEEDS_SETTINGS"] = settings
    named = load_named_feeds(settings.config_dir / "feeds.yaml")
    taxonomy = load_taxonomy(settings.config_dir)
    app.extensions["clusterfeeds.named_feeds"] = named
    app.extensions["clusterfeeds.taxonomy"] = taxonomy
    app.extensions["clusterfeeds.site"] = Site.of(settings, named, taxonomy)
    store = store or Store.open(settings.database_url, timeouts=Timeouts(settings.database_connect_timeout,
                                                                         settings.database_statement_timeout))
    app.extensions["clusterfeeds.store"] = store
    # A request's statements are bounded more tightly than the scheduler's (same store under `run`).
    store.limit_statements(settings.web_statement_timeout, has_request_context)
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from feeds.web import admin, build, dates, editor, embed, health, http, openapi, ops, pages, stories
    from feeds.web import feeds as feed_routes

    http.install(app)
    dates.install(app, settings.display_timezone)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(feed_routes.blueprint)
    app.register_blueprint(stories.blueprint)  # /, /stories/<id>, /topics/<slug>, …, /search
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(build.blueprint)  # /build
    app.register_blueprint(embed.blueprint)
    app.register_blueprint(openapi.blueprint)  # /openapi.json
    ops.init_app(app)  # /readyz, /metrics, request counters
    admin.init_app(app, collect_now, retag)  # /admin/*, only when CLUSTERFEEDS_ADMIN_TOKEN is set
    editor.init_app(app)  # the editor's pages under /admin/, likewise
    if settings.cache_max_mb > 0:  # cached feeds are answered before Flask (feeds/web/fastpath.py)
        from feeds.web.cache import build_cache
        from feeds.web.fastpath import FeedFastPath

        app.wsgi_app = FeedFastPath(app.wsgi_app, build_cache(settings, store),  # type: ignore[method-assign]
                                    per_host=not settings.base_url)
    if settings.trusted_proxies > 0 and not settings.base_url:  # links follow the host the proxy was asked for
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=n, x_host=n, x_port=n,  # type: ignore[method-assign]
                                x_prefix=n)
    if settings.rate_limit_per_minute > 0:  # outermost, so cached answers count too (feeds/web/ratelimit.py)
        from feeds.web.ratelimit import RateLimit

        app.wsgi_app = RateLimit(app.wsgi_app, settings.rate_limit_per_minute, settings.rate_limit_burst,  # type: ignore[method-assign]
                                 settings.trusted_proxies)
    return app
