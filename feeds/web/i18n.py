"""The language of a request's pages and feed labels; the texts themselves are feeds/publish/texts.py."""

from __future__ import annotations

from flask import request

from feeds.publish.texts import LANGUAGES


def language() -> str:
    """`?hl=de|en` if given, else the best match of Accept-Language, else English."""
    chosen = request.args.get("hl", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES, default="en") or "en"
