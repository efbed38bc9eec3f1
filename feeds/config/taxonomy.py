"""topics.yaml and countries.yaml: the tagging taxonomy, validated into values.

`load_taxonomy(config_dir)` reads both files once per run; the tagger receives the values
and never reads files itself. A bad file raises ConfigError naming the file, the topic
(or section) and the key. countries.yaml is optional: country names come from pycountry
and Babel/CLDR, the file only adds what that data lacks (ambiguous words, organisations,
EU signals, boilerplate of the publishing platforms).

`label(kind, code, language, taxonomy)` gives the human label of a tag for publishing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from feeds.config import yamlfile
from feeds.config.sources import ConfigError

log = logging.getLogger(__name__)

LANGUAGES = ("de", "en", "fr")
TOPIC_SLUG = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
GROUPS = frozenset({"theme", "ecosystem"})
TOPIC_KEYS = frozenset({"slug", "group", "labels", "phrases", "weak_phrases", "categories", "min_countries"})
COUNTRY_CODE = re.compile(r"^(?:[a-z]{2}|eu)$")
AMBIGUITY_KEYS = frozenset({"weight", "person_name", "languages", "not_near", "not_after", "only_after"})


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True)
class Topic:
    slug: str
    group: str
    labels: Mapping[str, str]  # language -> label
    phrases: Mapping[str, tuple[str, ...]]  # language -> phrase rules
    categories: tuple[str, ...] = ()  # source categories mapped to this topic
    weak_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)  # count little alone
    min_countries: int | None = None  # naming this many countries is evidence of the topic


@dataclass(frozen=True)
class Ambiguity:
    """How to treat a name that is also something else ("Georgia", "Jordan", "Island")."""

    weight: float = 1.0  # multiplies the mention's weight
    person_name: bool = False  # next to another capitalised word it is a person, not a country
    languages: tuple[str, ...] = ()  # only counts in items of these languages (empty: all)
    not_near: tuple[str, ...] = ()  # any of these words in the text: the name means something else
    not_after: tuple[str, ...] = ()  # directly after one of these words it is part of another name
    only_after: tuple[str, ...] = ()  # counts only directly after one of these words ("La Réunion", the island)


@dataclass(frozen=True)
class CountryRules:
    """What pycountry and CLDR lack. Keys of the mappings are country codes (or `eu`)."""

    extra_names: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)  # CLDR alt variants
    demonyms: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)  # irregular adjectives
    organisations: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)
    cities: Mapping[str, tuple[str, ...]] = field(default_factory=_empty)  # major cities CLDR lacks
    eu_signals: tuple[str, ...] = ()
    eu_weak_signals: tuple[str, ...] = ()
    eu_programmes: tuple[str, ...] = ()  # weak in the text, the EU in the title (Interreg, the EEN)
    ambiguous: Mapping[str, Ambiguity] = field(default_factory=_empty)  # surface form -> rule
    ignore: tuple[str, ...] = ()  # city or region names from CLDR/pycountry that are common words
    language_territories: Mapping[str, str] = field(default_factory=_empty)  # language -> country override
    exclude_language_adjectives: tuple[str, ...] = ()  # languages whose name names no country
    passing_cues: tuple[str, ...] = ()  # "such as", "wie in": what follows is a passing mention
    boilerplate_lines: tuple[str, ...] = ()  # line prefixes dropped before tagging ("Quelle:")
    boilerplate_phrases: tuple[str, ...] = ()  # platform names dropped anywhere
    venue_cues: tuple[str, ...] = ()  # words right before a city that make it where something happens
    venue_prepositions: tuple[str, ...] = ()  # "in", "à": a venue cue when an event word stands before
    event_words: tuple[str, ...] = ()  # what happens at a venue (conference, workshop, meeting)
    eu_venues: tuple[str, ...] = ()  # cities that, in EU news, are where EU bodies meet, not a subject
    actor_words: tuple[str, ...] = ()  # after a country's adjective, an actor of that country
    list_cues: tuple[str, ...] = ()  # "including", "darunter": what introduces a list of examples
    list_separators: tuple[str, ...] = ()  # what stands between the countries of a list ("," "und" "the")
    negations: tuple[str, ...] = ()  # right before a mention, the text says the country is absent ("keine")
    # the names of one city or region in several languages, by country (deduplication's places)
    place_aliases: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=_empty)


@dataclass(frozen=True)
class Taxonomy:
    topics: tuple[Topic, ...] = ()
    countries: CountryRules = field(default_factory=CountryRules)

    def topic(self, slug: str) -> Topic | None:
        return next((topic for topic in self.topics if topic.slug == slug), None)


def load_taxonomy(config_dir: Path) -> Taxonomy:
    """Read `topics.yaml` and (if present) `countries.yaml` from `config_dir`.

    A missing topics.yaml gives a taxonomy without topics (countries are still tagged),
    logged as a warning, so a deployment without the file keeps collecting.
    """
    topics_file = config_dir / "topics.yaml"
    countries_file = config_dir / "countries.yaml"
    topics: tuple[Topic, ...] = ()
    if topics_file.exists():
        topics = parse_topics(topics_file, _read_yaml(topics_file))
    else:
        log.warning("%s does not exist: items get country tags only", topics_file)
    rules = parse_country_rules(countries_file, _read_yaml(countries_file)) if countries_file.exists() \
        else CountryRules()
    return Taxonomy(topics, rules)


def _read_yaml(path: Path) -> Any:
    try:
        return yamlfile.load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(path, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "is not UTF-8") from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, f"invalid YAML: {exc}") from None


def parse_topics(path: Path, document: Any) -> tuple[Topic, ...]:
    if not isinstance(document, dict) or not isinstance(document.get("topics"), list):
        raise ConfigError(path, "expected a mapping with a `topics:` list")
    topics: list[Topic] = []
    seen: set[str] = set()
    for position, entry in enumerate(document["topics"], start=1):
        topic = _topic(path, position, entry)
        if topic.slug in seen:
            raise ConfigError(path, f"topic {topic.slug!r}: duplicate slug", key="slug")
        seen.add(topic.slug)
        topics.append(topic)
    return tuple(topics)


def _topic(path: Path, position: int, entry: Any) -> Topic:
    if not isinstance(entry, dict):
        raise ConfigError(path, f"topic #{position}: expected a mapping")
    slug = entry.get("slug")
    if not isinstance(slug, str) or not TOPIC_SLUG.match(slug):
        raise ConfigError(path, f"topic #{position}: slug must be lower-case letters, digits and '-'", key="slug")
    where = f"topic {slug!r}"
    unknown = sorted(set(entry) - TOPIC_KEYS)
    if unknown:
        raise ConfigError(path, f"{where}: unknown key (known: {', '.join(sorted(TOPIC_KEYS))})", key=unknown[0])
    group = entry.get("group", "theme")
    if group not in GROUPS:
        raise ConfigError(path, f"{where}: group must be one of {sorted(GROUPS)}", key="group")
    labels = entry.get("labels")
    if not isinstance(labels, dict) or any(not isinstance(labels.get(lang), str) or not labels[lang].strip()
                                           for lang in LANGUAGES):
        raise ConfigError(path, f"{where}: labels need a text for each of {', '.join(LANGUAGES)}", key="labels")
    categories = _strings(path, where, "categories", entry.get("categories", []))
    min_countries = entry.get("min_countries")
    if min_countries is not None and (isinstance(min_countries, bool) or not isinstance(min_countries, int)
                                      or min_countries < 2):
        raise ConfigError(path, f"{where}: min_countries must be a whole number of at least 2", key="min_countries")
    return Topic(slug, group, MappingProxyType({k: labels[k].strip() for k in labels}),
                 _phrases(path, where, "phrases", entry.get("phrases", {})), categories,
                 _phrases(path, where, "weak_phrases", entry.get("weak_phrases", {})), min_countries)


def _phrases(path: Path, where: str, key: str, phrases: Any) -> Mapping[str, tuple[str, ...]]:
    if not isinstance(phrases, dict):
        raise ConfigError(path, f"{where}: {key} must map a language to a list", key=key)
    rules: dict[str, tuple[str, ...]] = {}
    for language, values in phrases.items():
        rules[str(language)] = _strings(path, where, f"{key}.{language}", values)
        bad = [value for value in rules[str(language)] if _bad_phrase(value)]
        if bad:
            raise ConfigError(path, f"{where}: phrase {bad[0]!r}: `*` may only open or close a word",
                              key=f"{key}.{language}")
    return MappingProxyType(rules)


def _bad_phrase(phrase: str) -> bool:
    """A `*` may open a word (suffix rule) or close it (prefix rule), not both and not inside it."""
    return not phrase.strip() or any("*" in word[1:-1] or word == "*" or (word.startswith("*") and word.endswith("*"))
                                     for word in phrase.split())


def _strings(path: Path, where: str, key: str, values: Any) -> tuple[str, ...]:
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise ConfigError(path, f"{where}: expected a list of non-empty texts", key=key)
    return tuple(v.strip() for v in values)


def parse_country_rules(path: Path, document: Any) -> CountryRules:
    if document is None:
        return CountryRules()
    if not isinstance(document, dict):
        raise ConfigError(path, "expected a mapping")
    known = {f.name for f in CountryRules.__dataclass_fields__.values()}
    unknown = sorted(set(document) - known)
    if unknown:
        raise ConfigError(path, f"section {unknown[0]!r}: unknown section (known: {', '.join(sorted(known))})",
                          key=unknown[0])
    per_country = {name: _per_country(path, name, document.get(name))
                   for name in ("extra_names", "demonyms", "organisations", "cities")}
    territories = document.get("language_territories") or {}
    if not isinstance(territories, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and COUNTRY_CODE.match(v) for k, v in territories.items()):
        raise ConfigError(path, "section 'language_territories': expected language: country code",
                          key="language_territories")
    texts = {name: _strings(path, f"section {name!r}", name, document.get(name)) for name in TEXT_SECTIONS}
    sections: dict[str, Any] = {**per_country, **texts}
    return CountryRules(**sections, ambiguous=_ambiguities(path, document.get("ambiguous")),
                        language_territories=MappingProxyType(dict(territories)),
                        place_aliases=_place_aliases(path, document.get("place_aliases")))


def _place_aliases(path: Path, values: Any) -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """`code: [[name, name …], …]`: groups of names of one place, by country."""
    if values is None:
        return _empty()
    if not isinstance(values, dict):
        raise ConfigError(path, "section 'place_aliases': expected country code: [[names]]", key="place_aliases")
    result: dict[str, tuple[tuple[str, ...], ...]] = {}
    for code, groups in values.items():
        key = f"place_aliases.{code}"
        if not isinstance(code, str) or not COUNTRY_CODE.match(code):
            raise ConfigError(path, f"section 'place_aliases': {code!r} is not a lower-case ISO 3166-1 alpha-2 code",
                              key=key)
        if not isinstance(groups, list):
            raise ConfigError(path, "section 'place_aliases': expected a list of lists of names", key=key)
        result[code] = tuple(_strings(path, "section 'place_aliases'", key, group) for group in groups)
    return MappingProxyType(result)


# Sections of countries.yaml that are plain lists of texts.
TEXT_SECTIONS = ("eu_signals", "eu_weak_signals", "eu_programmes", "ignore", "exclude_language_adjectives",
                 "passing_cues", "boilerplate_lines", "boilerplate_phrases", "venue_cues", "venue_prepositions",
                 "event_words", "eu_venues", "actor_words", "list_cues", "list_separators", "negations")


def _per_country(path: Path, section: str, values: Any) -> Mapping[str, tuple[str, ...]]:
    if values is None:
        return _empty()
    if not isinstance(values, dict):
        raise ConfigError(path, f"section {section!r}: expected country code: [names]", key=section)
    result: dict[str, tuple[str, ...]] = {}
    for code, names in values.items():
        if not isinstance(code, str) or not COUNTRY_CODE.match(code):
            raise ConfigError(path, f"section {section!r}: {code!r} is not a lower-case ISO 3166-1 alpha-2 code",
                              key=f"{section}.{code}")
        result[code] = _strings(path, f"section {section!r}", f"{section}.{code}", names)
    return MappingProxyType(result)


def _ambiguities(path: Path, values: Any) -> Mapping[str, Ambiguity]:
    if values is None:
        return _empty()
    if not isinstance(values, dict):
        raise ConfigError(path, "section 'ambiguous': expected word: rule", key="ambiguous")
    result: dict[str, Ambiguity] = {}
    for word, rule in values.items():
        key = f"ambiguous.{word}"
        if not isinstance(rule, dict) or set(rule) - AMBIGUITY_KEYS:
            raise ConfigError(path, f"section 'ambiguous': rule for {word!r} may have {sorted(AMBIGUITY_KEYS)}",
                              key=key)
        weight = rule.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 1:
            raise ConfigError(path, f"section 'ambiguous': weight of {word!r} must be 0..1", key=key)
        result[str(word)] = Ambiguity(
            weight=float(weight),
            person_name=bool(rule.get("person_name", False)),
            languages=_strings(path, "section 'ambiguous'", key, rule.get("languages")),
            not_near=_strings(path, "section 'ambiguous'", key, rule.get("not_near")),
            not_after=_strings(path, "section 'ambiguous'", key, rule.get("not_after")),
            only_after=_strings(path, "section 'ambiguous'", key, rule.get("only_after")),
        )
    return MappingProxyType(result)


def label(kind: str, code: str, language: str | None, taxonomy: Taxonomy) -> str:
    """The human label of a tag: a country's name from CLDR, a topic's label from topics.yaml.

    `language` falls back to English where no label exists; unknown codes return the code.
    """
    language = (language or "en").split("-")[0].lower()
    if kind == "topic":
        topic = taxonomy.topic(code)
        if topic is None:
            return code
        return topic.labels.get(language) or topic.labels.get("en") or code
    return country_name(code, language)


def country_name(code: str, language: str = "en") -> str:
    """A country's (or `eu`'s) name in `language` from Babel/CLDR; the code if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    return str(locale.territories.get(code.upper()) or code)
