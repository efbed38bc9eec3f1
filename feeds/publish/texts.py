"""Texts of feeds and pages in English and German (the web chooses the language per request)."""

from __future__ import annotations

LANGUAGES = ("en", "de")
TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "tagline": "European cluster news, collected, deduplicated and republished.",
        "all": "All stories", "topics": "Topics", "countries": "Countries", "sources": "Sources",
        "named": "Selected feeds", "latest": "Latest stories", "subscribe": "Subscribe",
        "stories": "stories", "topic_feed": "Topic: {label}", "country_feed": "Country: {label}",
        "source_feed": "Source: {label}", "all_description": "European cluster news from every source",
        "filtered_description": "European cluster news: {label}", "empty": "No stories yet.",
        "source": "Source", "last_success": "Last success", "failures": "Consecutive failures",
        "last_error": "Last error", "next_attempt": "Next attempt", "items": "Items", "never": "never",
        "feeds": "Feeds", "opml": "All topic and country feeds as OPML", "embed": "Embed on your site",
        "more": "More at", "related": "Also reported by", "since": "since {date}",
    },
    "de": {
        "tagline": "Europäische Clusternachrichten, gesammelt, zusammengeführt und neu veröffentlicht.",
        "all": "Alle Meldungen", "topics": "Themen", "countries": "Länder", "sources": "Quellen",
        "named": "Ausgewählte Feeds", "latest": "Neueste Meldungen", "subscribe": "Abonnieren",
        "stories": "Meldungen", "topic_feed": "Thema: {label}", "country_feed": "Land: {label}",
        "source_feed": "Quelle: {label}", "all_description": "Europäische Clusternachrichten aus allen Quellen",
        "filtered_description": "Europäische Clusternachrichten: {label}", "empty": "Noch keine Meldungen.",
        "source": "Quelle", "last_success": "Letzter Erfolg", "failures": "Fehlschläge in Folge",
        "last_error": "Letzter Fehler", "next_attempt": "Nächster Versuch", "items": "Einträge", "never": "nie",
        "feeds": "Feeds", "opml": "Alle Themen- und Länderfeeds als OPML", "embed": "Auf Ihrer Website einbinden",
        "more": "Mehr bei", "related": "Auch berichtet von", "since": "seit {date}",
    },
}


def text(key: str, hl: str, **values: str) -> str:
    return TEXTS[hl][key].format(**values)
