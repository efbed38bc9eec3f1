"""Human labels for country codes and topic slugs, in German or English.

Country names come from CLDR (Babel), never typed by hand. Topic labels come from the
taxonomy (config/topics.yaml) through the `TopicLabeller` the caller passes; a slug without
one is shown capitalised.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache

import pycountry
from babel import Locale

LANGUAGES = ("en", "de")
TopicLabeller = Callable[[str, str], str | None]  # (slug, language) -> label or None


@cache
def _territories(language: str) -> Mapping[str, str]:
    return Locale.parse(language).territories


@cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code (lower case) and `eu`."""
    return frozenset({country.alpha_2.lower() for country in pycountry.countries} | {"eu"})


def country_label(code: str, language: str) -> str:
    """The CLDR name of a country (or of the EU) in `language`."""
    return _territories(language).get(code.upper(), code.upper())


def language_label(code: str, language: str) -> str:
    """The CLDR name of a language (ISO 639-1 code) in `language`."""
    return str(Locale.parse(language).languages.get(code, code))


def topic_label(slug: str, language: str, labeller: TopicLabeller | None = None) -> str:
    label = labeller(slug, language) if labeller else None
    return label or slug.replace("-", " ").replace("_", " ").capitalize()


def label_map(countries: Iterable[str], topics: Iterable[str], language: str,
              labeller: TopicLabeller | None = None) -> dict[str, str]:
    """{"country:pl": "Polen", "topic:innovation": "Innovation", …} for FeedMeta.labels."""
    labels = {f"country:{code}": country_label(code, language) for code in countries}
    labels.update({f"topic:{slug}": topic_label(slug, language, labeller) for slug in topics})
    return labels

