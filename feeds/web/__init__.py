"""The `web` stage: the Flask application factory.

`gunicorn "feeds.web:create_app()"` serves it with settings from the environment.
"""

from __future__ import annotations

from flask import Flask, has_request_context

from feeds.config.feeds import load_named_feeds
from feeds.config.taxonomy import load_taxonomy
from feeds.settings import Settings
from feeds.store import Store, db


def create_app(settings: Settings | None = None, store: Store | None = None) -> Flask:
    """The app. config/feeds.yaml and the taxonomy are read here: a broken file stops start-up with its error."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["CLUSTERFEEDS_SETTINGS"] = settings
    app.extensions["clusterfeeds.named_feeds"] = load_named_feeds(settings.config_dir / "feeds.yaml")
    app.extensions["clusterfeeds.taxonomy"] = load_taxonomy(settings.config_dir)
    timeouts = db.Timeouts(settings.database_connect_timeout, settings.database_statement_timeout)
    store = store or Store.open(settings.database_url, timeouts=timeouts)
    app.extensions["clusterfeeds.store"] = store
    # A request's statements are bounded more tightly than the scheduler's (same engine under `run`).
    db.limit_statements(store.engine, settings.web_statement_timeout, has_request_context)
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from feeds.web import admin, editor, embed, health, http, openapi, ops, pages
    from feeds.web import feeds as feed_routes

    http.install(app)
    app.register_blueprint(health.blueprint)
    app.register_blueprint(feed_routes.blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(embed.blueprint)
    app.register_blueprint(openapi.blueprint)  # /openapi.json
    ops.init_app(app)  # /readyz, /metrics, request counters
    admin.init_app(app)  # /admin/*, only when CLUSTERFEEDS_ADMIN_TOKEN is set
    editor.init_app(app)  # the editor's pages under /admin/, likewise
    if settings.cache_max_mb > 0:  # cached feeds are answered before Flask (feeds/web/fastpath.py)
        from feeds.web.cache import build_cache
        from feeds.web.fastpath import FeedFastPath

        app.wsgi_app = FeedFastPath(app.wsgi_app, build_cache(settings, app.extensions["clusterfeeds.store"]))  # type: ignore[method-assign]
    if settings.rate_limit_per_minute > 0:  # outermost, so cached answers count too (feeds/web/ratelimit.py)
        from feeds.web.ratelimit import RateLimit

        app.wsgi_app = RateLimit(app.wsgi_app, settings.rate_limit_per_minute, settings.rate_limit_burst,  # type: ignore[method-assign]
                                 settings.trusted_proxies)
    return app
