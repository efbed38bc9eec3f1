"""The editor's pages under /admin/: recent stories, one story with every version, the corrections log.

Server-rendered forms, no script. Login exchanges the admin token (`CLUSTERFEEDS_ADMIN_TOKEN`) and the
editor's name for a session cookie: signed with a key derived from the token (changing the token ends
every session), HttpOnly, SameSite=Strict, Secure when the app is served over https, limited to /admin/.
Every form carries the session's CSRF token; a POST without a valid session or with another token
gets 403 and changes nothing. Failed logins count against the admin API's per-client allowance.
Without an admin token the pages are not registered at all (404).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from flask import Blueprint, Flask, Response, abort, current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from itsdangerous import BadSignature, URLSafeTimedSerializer

from feeds.store.corrections import Correction, CorrectionError, NotFoundError
from feeds.store.review import StoryListing
from feeds.web import editing
from feeds.web.admin import FAILURES, _too_many
from feeds.web.context import known_sources, settings, store, taxonomy
from feeds.web.ratelimit import TokenBuckets, client_address

blueprint = Blueprint("editor", __name__, url_prefix="/admin")

COOKIE = "clusterfeeds_editor"
SESSION_SECONDS = 12 * 3600
OPEN_ENDPOINTS = frozenset({"editor.login", "editor.login_form"})
ACTION_LABELS = {"add_tag": "add tag", "remove_tag": "remove tag", "split": "split off", "merge": "merge",
                 "pin": "pin primary", "hide": "hide", "show": "show"}


def init_app(app: Flask) -> None:
    """Register the pages when an admin token is configured (after `admin.init_app`, whose allowance they share)."""
    if app.config["CLUSTERFEEDS_SETTINGS"].admin_token:
        app.register_blueprint(blueprint)


def _signer() -> URLSafeTimedSerializer:
    key = hmac.new(settings().admin_token.encode(), b"clusterfeeds editor session", hashlib.sha256).hexdigest()
    return URLSafeTimedSerializer(key, salt="editor-session")


@blueprint.before_request
def require_session() -> ResponseReturnValue | None:
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    try:
        session = _signer().loads(request.cookies.get(COOKIE, ""), max_age=SESSION_SECONDS)
    except BadSignature:
        session = None
    if not isinstance(session, dict):
        if request.method == "GET":
            return redirect(url_for("editor.login_form", next=request.full_path.rstrip("?")))
        abort(403, description="log in first")
    if request.method == "POST" and not hmac.compare_digest(
            request.form.get("csrf_token", "").encode(), str(session.get("csrf", "")).encode()):
        abort(403, description="the form is stale or forged (CSRF token mismatch); reload the page")
    g.editor, g.csrf_token = session["editor"], session["csrf"]
    return None


@blueprint.context_processor
def _values() -> dict[str, Any]:
    return {"editor": g.get("editor"), "csrf_token": g.get("csrf_token"), "action_labels": ACTION_LABELS}


@blueprint.after_request
def _private(response: Response) -> Response:
    response.cache_control.no_store = True
    return response


@blueprint.get("/login")
def login_form() -> ResponseReturnValue:
    return render_template("admin/login.html", error=None, next=request.args.get("next", ""))


@blueprint.post("/login")
def login() -> ResponseReturnValue:
    failures: TokenBuckets = current_app.extensions[FAILURES]
    client = client_address(request.environ, settings().trusted_proxies)
    wait = failures.wait(client)
    if wait:
        return _too_many(wait)
    token, name = request.form.get("token", ""), request.form.get("editor", "").strip()
    if not hmac.compare_digest(token.strip().encode(), settings().admin_token.encode()):
        failures.take(client)
        return render_template("admin/login.html", error="That is not the admin token.", next=""), 403
    if not name or len(name) > 128:
        return render_template("admin/login.html", error="Give your name (1 to 128 characters): "
                               "every correction records who made it.", next=""), 400
    target = request.form.get("next", "")
    response = redirect(target if target.startswith("/admin/") and not target.startswith("//") else
                        url_for("editor.stories_page"))
    value = _signer().dumps({"editor": name, "csrf": secrets.token_urlsafe(32)})
    secure = request.is_secure or settings().base_url.startswith("https://")
    response.set_cookie(COOKIE, value, max_age=SESSION_SECONDS, path="/admin/", secure=secure, httponly=True,
                        samesite="Strict")
    return response


@blueprint.post("/logout")
def logout() -> ResponseReturnValue:
    response = redirect(url_for("editor.login_form"))
    response.delete_cookie(COOKIE, path="/admin/")
    return response


@blueprint.get("/")
def stories_page() -> ResponseReturnValue:
    args = request.args
    page = args.get("page", "1")
    listing = StoryListing(source=args.get("source") or None, country=(args.get("country") or "").lower() or None,
                           topic=args.get("topic") or None, low_confidence=args.get("low") == "1",
                           page=int(page) if page.isdigit() and 0 < int(page) < 10000 else 1)
    found = store().corrections.recent_stories(listing, settings().tag_threshold)
    return render_template("admin/stories.html", stories=found, listing=listing, sources=known_sources(),
                           topics=[topic.slug for topic in taxonomy().topics], threshold=settings().tag_threshold)


@blueprint.get("/stories/<path:entry_id>")
def story_page(entry_id: str) -> ResponseReturnValue:
    return _story_page(entry_id, error=None, status=200)


def _story_page(entry_id: str, error: str | None, status: int) -> ResponseReturnValue:
    try:
        view = store().corrections.story(entry_id)
        log = store().corrections.recent(50, view.entry_id)
    except NotFoundError:
        abort(404, description=f"no story with entry id {entry_id!r}")
    done = request.args.get("done", "")
    return render_template("admin/story.html", story=view, corrections=log, error=error,
                           done=int(done) if done.isdigit() else None, threshold=settings().tag_threshold,
                           sources=known_sources()), status


@blueprint.post("/corrections")
def correct() -> ResponseReturnValue:
    form = request.form
    story = form.get("story", "")
    item = form.get("item_id", "")
    correction = Correction(
        action=form.get("action", ""), story=story, editor=g.editor, reason=form.get("reason", ""),
        kind=form.get("kind") or None, code=form.get("code") or None,
        item_id=int(item) if item.isdigit() else None, other_story=form.get("other_story") or None)
    try:
        recorded = editing.apply(correction)
    except NotFoundError as exc:
        if correction.action != "merge":
            abort(404, description=str(exc))
        return _story_page(story, str(exc), 400)
    except CorrectionError as exc:
        return _story_page(story, str(exc), 400)
    shown = recorded.other_story if recorded.action == "split" else recorded.story
    return redirect(url_for("editor.story_page", entry_id=shown, done=recorded.id))


@blueprint.get("/corrections")
def corrections_page() -> ResponseReturnValue:
    return render_template("admin/corrections.html", corrections=store().corrections.recent(200), error=None)


@blueprint.post("/corrections/<int:correction_id>/undo")
def undo(correction_id: int) -> ResponseReturnValue:
    try:
        editing.undo(correction_id, g.editor)
    except NotFoundError as exc:
        abort(404, description=str(exc))
    except CorrectionError as exc:
        return render_template("admin/corrections.html", corrections=store().corrections.recent(200),
                               error=str(exc)), 409
    return redirect(url_for("editor.corrections_page"))
