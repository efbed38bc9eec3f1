"""Synthetic but realistic items for benchmarks: German and English cluster news of typical length."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta

from feeds.model import Item, Tag

WORDS_DE = ("Cluster Förderung Netzwerk Innovation Unternehmen Kooperation Partner Projekt Region Wirtschaft "
            "Forschung Mittelstand Digitalisierung Wasserstoff Fachkräfte Veranstaltung Aufruf Programm "
            "international europäisch gemeinsam nachhaltig neue erfolgreich").split()
WORDS_EN = ("cluster funding network innovation companies cooperation partners project region economy research "
            "SMEs digitalisation hydrogen skills event call programme international European joint sustainable "
            "new successful").split()
COUNTRIES = ("de", "fr", "pl", "es", "it", "nl", "cz", "at", "lv", "lt", "ee", "ro", "bg", "se", "fi", "eu")
TOPICS = ("funding", "innovation", "networks", "internationalisation", "policy", "skills", "digital", "health")


def sentence(rng: random.Random, words: tuple[str, ...] | list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


def make_item(n: int, rng: random.Random, source_id: str = "bench", body_sentences: int = 12) -> Item:
    german = n % 2 == 0
    words = WORDS_DE if german else WORDS_EN
    title = sentence(rng, words, 7).rstrip(".") + f" {n}"
    paragraphs = ["<p>" + " ".join(sentence(rng, words, 14) for _ in range(4)) + "</p>"
                  for _ in range(max(1, body_sentences // 4))]
    text = " ".join(p[3:-4] for p in paragraphs)
    published = datetime(2026, 1, 1, tzinfo=UTC) - timedelta(hours=n)
    url = f"https://news.example.eu/{source_id}/{n}"
    tags = (
        Tag("country", rng.choice(COUNTRIES), 0.9, "text"),
        Tag("topic", rng.choice(TOPICS), 0.8, "text"),
    )
    return Item(
        source_id=source_id, key=url, canonical_url=url, url=url, title=title, content_html="".join(paragraphs),
        summary=text[:300], published=published, updated=published, language="de" if german else "en",
        content_hash=hashlib.sha256(text.encode()).hexdigest(), author="Redaktion", tags=tags,
    )
WORDS_FR = ("pôle réseau financement innovation entreprises coopération partenaires projet région économie "
            "recherche PME numérique hydrogène compétences événement appel programme international européen "
            "commun durable nouveau réussi").split()
WORDS_PL = ("klaster sieć finansowanie innowacje firmy współpraca partnerzy projekt region gospodarka badania "
            "MŚP cyfryzacja wodór kompetencje wydarzenie nabór program międzynarodowy europejski wspólny "
            "zrównoważony nowy udany").split()
WORDS = {"de": WORDS_DE, "en": WORDS_EN, "fr": WORDS_FR, "pl": WORDS_PL}
