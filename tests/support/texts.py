"""Texts that exercise the service's regular expressions at their edges: the pattern tests compare a fast form of a
pattern (led by a class, searched only after a cheap hint) with the rule it was written as, on these and random
concatenations of these pieces (tests/process/test_patterns.py, tests/process/test_dates.py,
tests/process/dedup/test_signals.py)."""

from __future__ import annotations

import random

TEXTS = [
    "Am 3. März 2024 und am 22.–26. April 2024 in Berlin; on March 5, 2024; le 1er juin 2023; 12.05.2024.",
    "ANMELDUNG zur Fachkonferenz: Die Jahresversammlung findet am Montag statt. Save the date!",
    "Winners of the call: EUR 2.5 million for twelve projects, 2,5 Mio. Euro, 300 000 CHF und 50 000 €.",
    "Rückblick: Der ZWEITE Kongress, Weltkongress 2024 — Read more: <a href='/x'>hier</a>",
    "Ausschreibung, Förderaufruf, Workshop, Infotag; l'Agence, Germany's; MAI 2024, Dez. 2023, Sept. 2022",
]

PIECES = [*" .,:–\n0123456789€'’", "Mai", "mars", "SEPT.", "Dez", "twelve", "Dritte", "de ", "d'", "EUR", "euros",
          "CHF", "Mio.", "millions", "k", "Mehr", "read more", "Quelle", "ſept", "\u212aick", "2024", "12", "3.",
          "HTTPS://x.eu/a", "www.", "Www", "EU-", "ÄBC", "Élan", "ab", "1.250,5", "\u202f"]
LED_PIECES = [*PIECES, "x", "_", "a1", "é3", "1.", "3rd", "2e", "1er", "12/05/2024", "2024-05-12", "MÄRZ", "märz",
              "Juni", "may", "Octobre", "août", "dreißig", "DREISSIG", "fünfte", "Première", "SECOND", "ten", "zehn",
              "ıan", "İn", "ſeptember", "\u212a", "Kick-off", "call for", "Aufruf", "konferenz", "Weltkongress",
              "</", "<p>", "Zum Nachlesen", "MEHR", "http://", "hTTp://a", "WWW.x", "É", "È", "Über", "O'Neil", "&",
              "ÄÖÜ-"]


def random_texts(pieces: list[str], seed: int = 17, count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return [*TEXTS, *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(count))]
