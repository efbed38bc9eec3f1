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
        "skip": "Skip to content", "search": "Search", "search_label": "Search stories",
        "search_results": "Search", "search_for": "Stories matching {query}", "older": "Older stories",
        "newest": "Newest stories", "versions": "Versions", "version_count": "{count} versions",
        "more_like_this": "More like this", "tags": "Tags", "language": "Language", "published": "Published",
        "read_at": "Read at {source}", "story": "Story", "topic": "Topic", "country": "Country",
        "feed_of_page": "This page as a feed", "build": "Build a feed", "build_intro":
        "Choose topics, countries, sources, languages or a search term: the feed URLs, an OPML file and the "
        "embed code for your site follow from your choice.", "languages": "Languages", "search_term": "Search term",
        "count": "Number of stories", "summaries": "Show summaries", "label_language": "Language of the labels",
        "apply": "Show feed", "preview": "Preview", "feed_urls": "Feed URLs", "embed_script": "Embed with a script",
        "embed_iframe": "Embed as an iframe (no script)", "opml_one": "This feed as OPML", "any": "any",
        "options": "Embed options", "empty_pending": "No stories yet: the first collection has not finished. "
        "Sources are collected on their schedule; their state is on the sources page.",
        "empty_failing": "No stories yet: {failing} of {total} sources failed at their last attempt.",
        "empty_none": "No stories yet: no source is configured (config/sources.yaml).",
        "see_sources": "See the sources and their state", "no_match": "No story matches.",
        "about": "Every list on this site is also a feed: Atom, RSS and JSON Feed.",
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
        "skip": "Zum Inhalt springen", "search": "Suchen", "search_label": "Meldungen durchsuchen",
        "search_results": "Suche", "search_for": "Meldungen zu {query}", "older": "Ältere Meldungen",
        "newest": "Neueste Meldungen", "versions": "Fassungen", "version_count": "{count} Fassungen",
        "more_like_this": "Ähnliche Meldungen", "tags": "Schlagwörter", "language": "Sprache",
        "published": "Veröffentlicht", "read_at": "Lesen bei {source}", "story": "Meldung", "topic": "Thema",
        "country": "Land", "feed_of_page": "Diese Seite als Feed", "build": "Feed zusammenstellen", "build_intro":
        "Wählen Sie Themen, Länder, Quellen, Sprachen oder einen Suchbegriff: Feed-Adressen, eine OPML-Datei und "
        "der Einbettungscode für Ihre Website ergeben sich aus Ihrer Auswahl.", "languages": "Sprachen",
        "search_term": "Suchbegriff", "count": "Anzahl der Meldungen", "summaries": "Zusammenfassungen zeigen",
        "label_language": "Sprache der Beschriftungen", "apply": "Feed anzeigen", "preview": "Vorschau",
        "feed_urls": "Feed-Adressen", "embed_script": "Mit einem Skript einbinden",
        "embed_iframe": "Als iframe einbinden (ohne Skript)", "opml_one": "Dieser Feed als OPML", "any": "alle",
        "options": "Einbettungsoptionen", "empty_pending": "Noch keine Meldungen: Die erste Sammlung ist noch "
        "nicht abgeschlossen. Die Quellen werden nach Plan abgerufen; ihr Zustand steht auf der Quellenseite.",
        "empty_failing": "Noch keine Meldungen: {failing} von {total} Quellen schlugen beim letzten Versuch fehl.",
        "empty_none": "Noch keine Meldungen: Es ist keine Quelle eingerichtet (config/sources.yaml).",
        "see_sources": "Quellen und ihren Zustand ansehen", "no_match": "Keine Meldung passt.",
        "about": "Jede Liste dieser Website ist auch ein Feed: Atom, RSS und JSON Feed.",
    },
}


def text(key: str, hl: str, **values: str) -> str:
    return TEXTS[hl][key].format(**values)
