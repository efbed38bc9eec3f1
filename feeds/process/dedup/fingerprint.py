"""An item's fingerprint: everything story assignment compares, as one storable value."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from feeds.model import Item
from feeds.process.dedup import glossary, minhash, signals
from feeds.process.dedup import terms as rare_terms
from feeds.process.dedup.names import NO_PLACES, PlaceNames
from feeds.process.dedup.text import has_words, shingles, title_trigrams
from feeds.process.kinds import event_kinds, phase, round_number, title_stage
from feeds.process.sanitize import html_to_text
from feeds.process.urls import canonical_url

# 2: `dated` and rare `terms`; 3: `kinds`; 4: `stage`, `title_names`; 5: amounts of money (`e:`, figures in full);
# 6: round 11's concepts (`c:`), editions in Roman numerals and ordinal figures (`o:`), words without French
# elisions and English possessives; 7: a newsletter's teaser after a dash ("… Newsletter – Looking back at …") is
# no digest (round 12); 8: `title_places`, English names in German and French titles, no numbers in names
# ("Covid-19") (round 13); 9: `phase`, the event told ahead or behind (round 37); 10: `round`, the round or edition
# a text reports (round 38); 11: `teaser`, a newsletter's teaser of one story (round 55); older payloads load without
# them
PAYLOAD_VERSION = 11
# Feature kinds that are specific enough to look candidates up by (names and years are not).
# Places, countries and EU concepts (names.py) are written differently in each language but
# come out as one feature: they bring translations together as candidates.
WINDOW_KINDS = ("u:", "d:", "n:", "a:", "c:", "g:", "m:")
TITLE_KINDS = ("d:", "n:", "a:", "c:", "g:", "p:", "o:")
# full dates, amounts of money, places and (round 42) numbers: whether two texts name other ones
COMPARED_KINDS = ("d:", "e:", "g:", "n:")
MAX_REFERENCES = 3
MAX_LINKS = 20  # a page linking more is a list of links; its links say nothing about it


# A year in a URL's path: 1990-2039, neither part of a longer number nor the end of a name ("/2021/", "-2019",
# "_2023_"; not "120210", "uppervision2030", "arena2036").
_URL_YEAR = re.compile(r"(?<![0-9A-Za-z])(?:199\d|20[0-3]\d)(?![0-9])")


@dataclass(frozen=True)
class FingerprintOptions:
    num_perm: int = 64
    bands: int = 16
    rows: int = 4
    min_shingles: int = 8  # fewer words than this: no near-duplicate signature
    min_hash_characters: int = 200  # shorter texts ("Newsletter 06/2025") may coincide by chance
    topical: rare_terms.TopicVocabulary = rare_terms.NO_TOPICS  # words of the topics: no evidence of one event
    places: PlaceNames = NO_PLACES  # cities and regions beyond CLDR's, in every language (config/countries.yaml)


@dataclass(frozen=True)
class Fingerprint:
    source_id: str
    key: str
    url: str  # own canonical URL without scheme and `www.`
    references: tuple[str, ...]  # explicit references, same form
    links: tuple[str, ...]  # every linked URL, same form (two pages linking each other are one story)
    guid: str | None
    content_hash: str | None
    signature: bytes  # empty when the text is too short
    title: str
    title_numbers: frozenset[str]
    features: frozenset[str]
    language: str | None
    published: datetime
    newsletter: bool
    republication: bool
    text_length: int
    dated: bool = True  # False: `published` is only when the item was first seen; compare it at any date
    terms: frozenset[str] = frozenset()  # rare lemmatised words (terms.py)
    kinds: frozenset[str] = frozenset()  # what kind of news: call, result, report, agreement … (kinds.py)
    stage: str | None = None  # the stage of a process its title reports: call, event, result … (kinds.py)
    # the rare names its title writes with a capital (terms.py), its acronyms and the places in its names
    # (`a:owl`, `g:de/sachsen`: signals.title_actor_features)
    title_names: frozenset[str] = frozenset()
    phase: int = 0  # -1 the event ahead, 1 behind, 0 unclear (kinds.phase)
    round: int = 0  # the round or edition the text reports, 0: none named (kinds.round_number)
    teaser: bool = False  # a newsletter's teaser of one story, titled by its headline (signals.title_and_digest)
    title_places: frozenset[str] = frozenset()  # the listed cities and regions its title names (signals.title_places)

    @cached_property
    def title_grams(self) -> frozenset[str]:
        """Character trigrams of the title (text.title_trigrams), computed once per fingerprint."""
        return title_trigrams(self.title)

    @cached_property
    def title_features(self) -> frozenset[str]:
        """The specific features its title names (names, acronyms, concepts, places, numbers, dates): what the
        headline is about, each once. Read from the title as stored, when first compared."""
        found = frozenset(feature for feature in signals.features(self.title, "")
                          if feature.startswith(TITLE_KINDS)) | self.title_places
        # one name once: "Euroclusters" is the EU concept `c:euroclusters`, not also the capitalised `p:euroclusters`
        # (round 29); a place `g:de/sachsen` is the name "Sachsen"
        named = {feature[2:].rpartition("/")[2] for feature in found if not feature.startswith("p:")}
        return frozenset(feature for feature in found if not (feature.startswith("p:") and feature[2:] in named))

    @cached_property
    def title_capitals(self) -> frozenset[str]:
        """The words its title writes with a capital (terms.capitalised_words), but a country's demonym ("Latvian",
        a `g:lv=latvian` title name): across languages, two titles that write one of them alike name one thing
        (dedup round 80)."""
        demonyms = {name.partition("=")[2] for name in self.title_names if "=" in name}
        return rare_terms.capitalised_words(self.title) - demonyms

    @cached_property
    def at_a_fair(self) -> bool:
        """Its title is about a trade fair or who exhibits there (signals.at_a_fair), read from the stored title."""
        return signals.at_a_fair(self.title)

    @cached_property
    def matchmaking(self) -> int:
        """Whether its title names a matchmaking (2), meetings in looser words (1) or neither (0)
        (signals.matchmaking_named), read from the stored title (round 75)."""
        return signals.matchmaking_named(self.title)

    @cached_property
    def features_by_kind(self) -> Mapping[str, frozenset[str]]:
        """Its features of the kinds a pair compares as sets (COMPARED_KINDS: `"d:"` -> its full dates, amounts of
        money, places, numbers), grouped once per fingerprint: a stored story's member is compared with many items. A
        kind it has none of is not there."""
        grouped: dict[str, set[str]] = {}
        for feature in self.features:
            if feature.startswith(COMPARED_KINDS):
                grouped.setdefault(feature[:2], set()).add(feature)
        return {kind: frozenset(found) for kind, found in grouped.items()}

    @cached_property
    def event_days(self) -> tuple[frozenset[str], frozenset[str]]:
        """(the full dates its text names besides its own publication date, those and its publication date as one):
        what `scoring.Evidence.event_dates_differ` compares."""
        own = frozenset({"d:" + self.published.date().isoformat()}) if self.dated else frozenset()
        named = self.features_by_kind.get("d:", frozenset())
        return named - own, named | own

    @cached_property
    def terms_weight(self) -> float:
        return sum(rare_terms.weight(term) for term in self.terms)

    @cached_property
    def cognates(self) -> frozenset[str]:
        """The cognate stems of its rare words (terms.cognate_stems): what a text in another language shares
        with it where the words differ in spelling and inflection only."""
        return rare_terms.cognate_stems(self.terms)

    @cached_property
    def name_stems(self) -> frozenset[tuple[str, int]]:
        """The short stems of its rare capitalised names (`terms.name_stems`, `terms.is_rare_name`), by which a title's
        name in another language's form is named here (`scoring._unnamed`, round 71)."""
        return rare_terms.name_stems(feature[2:] for feature in self.features
                                     if feature.startswith("p:") and rare_terms.is_rare_name(feature[2:]))

    @cached_property
    def glossed(self) -> Mapping[str, Mapping[str, frozenset[str]]]:
        """Its rare words as a bilingual dictionary translates them (`glossary.py`), by the other language: the
        translation -> the rare words of its own it translates. Numbers are left out: they are features."""
        found: dict[str, dict[str, set[str]]] = {}
        for language in rare_terms.LANGUAGES:
            if language == self.language:
                continue
            into = found.setdefault(language, {})
            for term in self.terms - rare_terms.NUMERALS:
                for word in glossary.translations(term, self.language, language):
                    into.setdefault(word, set()).add(term)
        return {language: {word: frozenset(terms) for word, terms in into.items()} for language, into in found.items()}

    def translated(self, other: Fingerprint) -> int:
        """How many of its rare words a bilingual dictionary translates into one of `other`'s, in another language,
        neither text writing the other's word nor one of its root (a cognate, counted as such): "Aussteller" and
        "exhibitors", "Grundwasser" and "groundwater" (dedup round 67)."""
        if other.language is None or other.language == self.language:
            return 0
        into = self.glossed.get(other.language, {})
        found = {term for word in other.terms - self.terms for term in into.get(word, ())}
        return sum(1 for term in found - other.terms if rare_terms.cognate_stem(term) not in other.cognates)

    @cached_property
    def years(self) -> frozenset[int]:
        """The years its text names: alone ("2019"), in a month ("März 2019") or in a full date."""
        return frozenset(int(feature[2:6]) for feature in self.features if feature.startswith(("y:", "m:", "d:")))

    @cached_property
    def url_years(self) -> frozenset[int]:
        """The years its URL's path names ("/aktuelles/2021/…", "…-mobile-world-congress-2019"): where a page has
        no date, the year its address was written in, or an edition's (round 40)."""
        return frozenset(int(year) for year in _URL_YEAR.findall(self.url.partition("/")[2]))  # not the host's

    @cached_property
    def moments(self) -> tuple[date, ...]:
        """The days its text names: full dates, and months as their middle day ("März 2019": 15 March)."""
        return tuple(sorted(date.fromisoformat(feature[2:]) if feature.startswith("d:")
                            else date(int(feature[2:6]), int(feature[7:9]), 15)
                            for feature in self.features if feature.startswith(("d:", "m:"))))

    @cached_property
    def exact_set(self) -> frozenset[str]:
        return frozenset(self.exact_keys())

    def exact_keys(self) -> tuple[str, ...]:
        """Keys that, shared, mean one story: URLs (own and referenced), GUID, content hash."""
        keys = ["url:" + url for url in (self.url, *self.references)]
        if self.guid:
            keys.append("guid:" + self.guid)
        if self.content_hash:
            keys.append("hash:" + self.content_hash)
        return tuple(keys)

    def link_keys(self) -> tuple[str, ...]:
        """Lookup keys that bring two pages linking each other together as candidates."""
        return tuple("link:" + url for url in (self.url, *self.links))

    def links_each_other(self, other: Fingerprint) -> bool:
        return self.url in other.links and other.url in self.links

    def band_keys(self, options: FingerprintOptions) -> tuple[str, ...]:
        return minhash.band_keys(self.signature, options.bands, options.rows) if self.signature else ()

    def window_keys(self) -> tuple[str, ...]:
        """Features and the rarest terms to look up candidates by, within the time window."""
        return tuple(sorted(f for f in self.features if f.startswith(WINDOW_KINDS))) + tuple(
            "w:" + term for term in rare_terms.lookup_terms(self.terms))

    def dump(self) -> dict[str, Any]:
        return {
            "v": PAYLOAD_VERSION, "src": self.source_id, "key": self.key, "url": self.url,
            "refs": list(self.references), "links": list(self.links), "guid": self.guid, "hash": self.content_hash,
            "sig": self.signature.hex(), "title": self.title, "tnum": sorted(self.title_numbers),
            "feat": sorted(self.features), "lang": self.language, "pub": self.published.isoformat(),
            "nl": self.newsletter, "rep": self.republication, "len": self.text_length,
            "dated": self.dated, "terms": sorted(self.terms), "kinds": sorted(self.kinds),
            "stage": self.stage, "tnames": sorted(self.title_names), "tplaces": sorted(self.title_places),
            "phase": self.phase, "round": self.round, "tsr": self.teaser,
        }

    @classmethod
    def load(cls, payload: Mapping[str, Any]) -> Fingerprint:
        return cls(
            source_id=payload["src"], key=payload["key"], url=payload["url"], references=tuple(payload["refs"]),
            links=tuple(payload.get("links", ())),
            guid=payload["guid"], content_hash=payload["hash"], signature=bytes.fromhex(payload["sig"]),
            title=payload["title"], title_numbers=frozenset(payload["tnum"]), features=frozenset(payload["feat"]),
            language=payload["lang"], published=datetime.fromisoformat(payload["pub"]), newsletter=payload["nl"],
            republication=payload["rep"], text_length=payload["len"],
            dated=payload.get("dated", True), terms=frozenset(payload.get("terms", ())),
            kinds=frozenset(payload.get("kinds", ())), stage=payload.get("stage"),
            title_names=frozenset(payload.get("tnames", ())), title_places=frozenset(payload.get("tplaces", ())),
            phase=payload.get("phase", 0), round=payload.get("round", 0), teaser=payload.get("tsr", False),
        )


def fingerprint(item: Item, options: FingerprintOptions) -> Fingerprint:
    text = html_to_text(item.content_html) if item.content_html else item.summary
    item_shingles = shingles(f"{item.title}\n{text}")
    long_enough = has_words(text, options.min_shingles)
    headline, newsletter = signals.title_and_digest(item)
    references = () if newsletter else signals.explicit_references(item)
    if len(references) > MAX_REFERENCES:  # a list of links, not a statement of origin
        references = ()
    return Fingerprint(
        source_id=item.source_id,
        key=item.key,
        url=url_key(item.canonical_url),
        references=tuple(dict.fromkeys(url_key(canonical_url(ref)) for ref in references)),
        links=() if newsletter or len(item.links) > MAX_LINKS else tuple(
            dict.fromkeys(url_key(link.href) for link in item.links)),
        guid=_guid(item),
        content_hash=item.content_hash if len(text) >= options.min_hash_characters else None,
        signature=minhash.signature(item_shingles, options.num_perm) if long_enough else b"",
        title=headline,
        title_numbers=signals.title_numbers(headline),
        features=signals.features(item.title, text, options.places),
        language=item.language,
        published=item.published,
        newsletter=newsletter,
        republication=signals.is_republication(item),
        text_length=len(text),
        dated=item.dated,
        terms=rare_terms.terms(item.title, text, item.language, options.topical, options.places),
        kinds=event_kinds(headline, text),
        stage=title_stage(headline),
        title_names=rare_terms.title_names(headline, item.language, options.topical, options.places, text)
        | signals.title_actor_features(headline, options.places) | signals.foreign_title_names(headline, item.language),
        title_places=signals.title_places(headline, options.places, text),
        phase=phase(headline, text, item.language),
        round=round_number(headline, text),
        teaser=not newsletter and headline != item.title,
    )


def url_key(url: str) -> str:
    """A URL as compared across sources: no scheme, no `www.`, no trailing slash.

    A fragment stays: the canonical URL keeps one only for an item that is one part of a page
    bundling several (a newsletter's `#meldung-2`), and the parts are different stories.
    """
    parts = urlsplit(url)
    host = (parts.netloc or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    key = f"{host}{path}" + (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else "")
    return key if len(key) <= 400 else hashlib.sha256(key.encode()).hexdigest()


def _guid(item: Item) -> str | None:
    """A GUID that is not just the URL (those are covered by the URL key)."""
    key = item.key
    if key in (item.canonical_url, item.url) or key.startswith(("http://", "https://")):
        return None
    # Short or numeric GUIDs ("1234") are only unique within their feed.
    return key if len(key) >= 12 and not key.isdigit() else None
