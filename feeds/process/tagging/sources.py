"""Names read from pycountry and Babel/CLDR, the maintained data the gazetteer is built from."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

import pycountry
from babel import Locale
from babel.core import get_global

from feeds.config.taxonomy import CountryRules

LANGUAGES = ("de", "en", "fr")
NOT_COUNTRIES = frozenset({"AQ", "EZ", "UN", "QO", "ZZ"})
BRACKETS = re.compile(r"\s*[\[(][^\])]*[\])]")
SHORT_LANGUAGE_NAME = 4  # "Ewe", "Vai": too short to trust as an adjective
OFFICIAL = frozenset({"official", "de_facto_official"})


@lru_cache(maxsize=len(LANGUAGES))
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def _codes() -> set[str]:
    return {country.alpha_2 for country in pycountry.countries} | {"XK"}


def country_names() -> Iterator[tuple[str, str, str]]:
    """(code, language, name) for every country in de, en and fr, and for the EU."""
    for country in pycountry.countries:
        code = country.alpha_2.lower()
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if isinstance(value, str):
                for name in _clean(value):
                    yield code, "en", name
    for language in LANGUAGES:
        territories = _locale(language).territories
        for code in sorted(_codes() | {"EU"}):
            territory_name = territories.get(code)
            if isinstance(territory_name, str):
                for cleaned in _clean(territory_name):
                    yield code.lower(), language, cleaned


def _clean(name: str) -> list[str]:
    """"Korea, Republic of" -> ["Korea, Republic of", "Korea"]; brackets and codes dropped."""
    names = []
    inside = re.findall(r"\[([^\]]+)\]", name)
    name = BRACKETS.sub("", name).replace("’", "'").strip()
    if "," in name:
        head, _, tail = name.partition(",")
        names.append(head.strip())
        if tail.strip().lower().endswith((" de", " of")):
            names.append(f"{tail.strip()} {head.strip()}")
    else:
        names.append(name)
    names.extend(part.strip() for part in inside if not re.search(r"[A-Z]{2}-", part))
    return [n for n in names if n]


def language_adjectives(rules: CountryRules) -> Iterator[tuple[str, str, str]]:
    """(code, language, adjective): the CLDR name of a country's own official language.

    A language belongs to the country CLDR considers its likely territory ("pl" -> PL), or to
    the one `rules.language_territories` names; languages of many nations are excluded.
    """
    likely = get_global("likely_subtags")
    territory_languages = get_global("territory_languages")
    codes = _codes()
    for language_code in sorted(_locale("en").languages):
        if "_" in language_code or language_code in rules.exclude_language_adjectives:
            continue
        territory = rules.language_territories.get(language_code, "").upper() or \
            str(likely.get(language_code, "")).rsplit("_", 1)[-1]
        status = territory_languages.get(territory, {}).get(language_code, {})
        if territory not in codes or status.get("official_status") not in OFFICIAL:
            continue
        for language in LANGUAGES:
            name = _locale(language).languages.get(language_code)
            if name and len(name) >= SHORT_LANGUAGE_NAME and " " not in name and "(" not in name:
                yield territory.lower(), language, name


def cities() -> Iterator[tuple[str, str]]:
    """(code, city): CLDR time-zone exemplar cities in de, en and fr (capitals, major cities)."""
    for zone, territory in get_global("zone_territories").items():
        if territory in NOT_COUNTRIES or territory not in _codes():
            continue
        names = {zone.rsplit("/", 1)[-1].replace("_", " ")}
        for language in LANGUAGES:
            city = _locale(language).time_zones.get(zone, {}).get("city")
            if city:
                names.add(city)
        for name in names:
            yield territory.lower(), name.replace("’", "'")


def regions(limit: int) -> Iterator[tuple[str, str]]:
    """(code, region): top-level subdivisions (pycountry) of European countries with at most `limit`.

    Europe only (countries with a CLDR `Europe/` time zone): the clusters are there, and
    elsewhere region names are too often ordinary words ("Maritime", "Plateaux").
    """
    european = {territory for zone, territory in get_global("zone_territories").items() if zone.startswith("Europe/")}
    top = [s for s in pycountry.subdivisions
           if getattr(s, "parent_code", None) is None and s.country_code in european]
    counts = Counter(s.country_code for s in top)
    names: dict[str, set[str]] = {}
    for subdivision in top:
        if counts[subdivision.country_code] <= limit:
            for name in _clean(subdivision.name):
                names.setdefault(name, set()).add(subdivision.country_code)
    for name, countries in names.items():
        if len(countries) == 1:
            yield next(iter(countries)).lower(), name
