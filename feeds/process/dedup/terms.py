"""Rare words: what two independently written reports of one event share.

A ministry's press release and a platform's own report of the same award share few sentences,
but they name the same organisations, projects, places and technical terms — words that are rare
in the language. Rarity comes from a fixed reference, the `wordfreq` frequency lists for German,
English and French, never from the store: a decision must not depend on what was collected before.

Words are lemmatised (`simplemma`, de/en/fr) and case-folded, so "Wasserstoffnetzwerks" and
"Wasserstoffnetzwerk", or "clusters" and "cluster", are one term. German capitalises every noun,
so capitals say nothing; rarity does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from wordfreq import zipf_frequency

from feeds.process import lemmas
from feeds.process.dedup.names import COMMON_PLACES, PlaceNames, concept_of, country_of_adjective, is_place
from feeds.process.dedup.text import bare_word
from feeds.process.lemmas import folded as lemma

LANGUAGES = ("de", "en", "fr")
# Zipf frequency (log10 of occurrences per billion words) at and above which a word is common.
COMMON_ZIPF = 4.0
# wordfreq's small lists hold every word of Zipf 3 and more in 11 MB (the large ones 131 MB): below 3 a
# word is rare either way, and the weight's ceiling (MAX_WEIGHT) is reached below 0.5.
WORDLIST = "small"
RARITY_CEILING = 5.5  # weight = RARITY_CEILING - zipf: 2 for the least rare word, up to MAX_WEIGHT
MAX_WEIGHT = 5.0
MIN_LETTERS = 4
MAX_TEXT_CHARACTERS = 3000  # the opening says what the story is; long pages add noise and cost time
LOOKUP_TERMS = 10  # the rarest terms become lookup keys: reports of one event share several of them
# Words of the domain itself: every cluster story has them, whatever the language's frequencies say.
DOMAIN_STEMS = ("cluster", "netzwerk", "network", "réseau", "innovat", "kooperation", "cooperation", "coopération",
                "partner", "europ", "kommission", "commission", "programm", "program", "förder", "funding",
                "konferenz", "conference", "veranstalt", "event", "unternehm", "company", "companies", "entreprise",
                "manag", "initiativ", "initiative", "plattform", "platform", "plateforme", "internation",
                "wirtschaft", "economic", "économi", "industr", "region", "national", "projekt", "project",
                "projet", "akteur", "stakeholder", "acteur", "mitglied", "member", "membre", "webinar", "workshop",
                "online", "digital", "numérique", "technolog", "forschung", "research", "recherche", "kmu", "sme",
                "pme", "newsletter", "ministerium", "ministry", "ministère", "bundes", "federal", "fédéral",
                # the platforms, programmes and ministries almost every story names
                "eccp", "cosme", "smes", "bmbf", "bmwi", "bmwk", "bmftr", "eismea", "horizon", "interreg", "erdf",
                "efre", "feder",
                # the platforms' own page furniture
                "nachlesen", "redaktion", "weiterführend", "lire", "read")
# Number words of eleven and more, which a title may begin with ("Fourteen Latvian clusters get EU backing"): a count,
# compared as a number (`n:14` where the text writes it so), no actor (round 54).
NUMERALS = frozenset((
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn", "zwanzig",
    "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig", "hundert", "tausend",
    "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante", "soixante",
    "cent", "mille"))
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)


class TopicVocabulary:
    """The words of the topic taxonomy (config/topics.yaml phrases, `förder*` a prefix): topical, not
    specific to one event. Two hydrogen stories of one day share "Wasserstoff" by their topic, not
    because they report one event, however rare the word is in the language."""

    def __init__(self, prefixes: Iterable[str] = ()):
        self.prefixes = frozenset(prefix.casefold() for prefix in prefixes if len(prefix) >= MIN_LETTERS)
        # the lengths of the prefixes by their first MIN_LETTERS letters: most words begin with none of them (one
        # lookup), the others are tried only at the lengths of the prefixes they may begin with
        lengths: dict[str, set[int]] = {}
        for prefix in self.prefixes:
            lengths.setdefault(prefix[:MIN_LETTERS], set()).add(len(prefix))
        self.lengths = {head: tuple(sorted(found)) for head, found in lengths.items()}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return any(word[:length] in self.prefixes for length in self.lengths.get(word[:MIN_LETTERS], ())
                   if length <= len(word))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TopicVocabulary) and other.prefixes == self.prefixes

    def __hash__(self) -> int:
        return hash(self.prefixes)


NO_TOPICS = TopicVocabulary()


def terms(title: str, text: str, language: str | None, topical: TopicVocabulary = NO_TOPICS,
          places: PlaceNames | None = None) -> frozenset[str]:
    """The rare lemmatised words of a title and the opening of its text, topic words left out."""
    opening = unicodedata.normalize("NFKC", f"{title}\n{text[:MAX_TEXT_CHARACTERS]}")
    found = set()
    # each word as written once (a quarter of a text's words are repeated): whether it is a term depends on the
    # word alone, and the terms are a set; `findall` gives the words without a match object each
    for written in set(_WORD.findall(opening)):
        word = bare_word(written)
        if len(word) < MIN_LETTERS:
            continue
        if "-" in word:
            found.update(_compound_terms(word, language, topical, places))
        elif _rare(word, term := lemma(word, language), topical, places):
            found.add(term)
    return frozenset(found)


def _rare(word: str, term: str, topical: TopicVocabulary, places: PlaceNames | None) -> bool:
    # the written form must be rare too: a lemma ("zahlreich") can be rarer than its common forms;
    # places are features of their own (names.py), in every language
    return (_weight(term) > 0 and _zipf(word.casefold()) < COMMON_ZIPF and not is_place(word, places)
            and word.casefold() not in topical and term not in topical)


def _compound_terms(word: str, language: str | None, topical: TopicVocabulary,
                    places: PlaceNames | None) -> list[str]:
    """A hyphenated word's terms: its rare parts (dedup round 52). "Seifriz-Preis" and "Seifriz-Jury" share
    "seifriz", "BuGG-Marktreport" and "BuGG" share "bugg", and "Moorschutz-Projekt" has "moorschutz", which the whole
    word, holding a word of the domain, never gave. A place ("Baden-Württemberg") or a topic's word stays no term."""
    if is_place(word, places) or word.casefold() in topical:
        return []
    parts = [part for part in word.split("-") if len(part) >= MIN_LETTERS]
    return [term for part, term in ((part, lemma(part, language)) for part in parts)
            if _rare(part, term, topical, places)]


def weight(term: str) -> float:
    """How much sharing `term` says (0 for a common or domain word); the same in every language."""
    return _weight(term)


# Spellings that German, English and French write differently for one sound in the words they share
# ("Konsortium" / "consortium", "Resilienz" / "résilience", "Phase" / "fase"): folded before stems are compared.
_SPELLINGS = (("ph", "f"), ("th", "t"), ("sch", "s"), ("qu", "c"), ("k", "c"), ("z", "c"), ("y", "i"), ("ß", "ss"))
COGNATE_LETTERS = 7  # a cognate stem: the first letters of a folded rare word this long or longer
# a capitalised name's short stem across languages (round 71): five letters, and lengths at most two letters apart
NAME_STEM_LETTERS = 5
NAME_LENGTH_SLACK = 2


def cognate_stems(found: frozenset[str]) -> frozenset[str]:
    """The cognate stems of rare words: accents dropped, spellings folded (`_SPELLINGS`), the first
    COGNATE_LETTERS letters. Two languages' words of one root share it ("interdisziplinär" and
    "interdisciplinaire": `interdi`); a word shorter than that has none."""
    return frozenset(stem[:COGNATE_LETTERS] for stem in map(_folded_spelling, found) if len(stem) >= COGNATE_LETTERS)


def name_stem(word: str) -> tuple[str, int] | None:
    """A name's short stem and its length (dedup round 71): the first NAME_STEM_LETTERS letters of the folded word and
    how many letters it has, None for a shorter name. A name written in another language's form shares it with a
    length within NAME_LENGTH_SLACK ("Ravenna" / "Ravenne", "Galicia" / "Galice", "Straßburg" / "Strasbourg")."""
    stem = _folded_spelling(word)
    return (stem[:NAME_STEM_LETTERS], len(stem)) if len(stem) >= NAME_STEM_LETTERS else None


def name_stems(names: Iterable[str]) -> frozenset[tuple[str, int]]:
    """`name_stem` of each of `names` that has one."""
    return frozenset(stem for stem in map(name_stem, names) if stem is not None)


def cognate_stem(word: str) -> str | None:
    """One word's cognate stem (`cognate_stems`), None for a word shorter than COGNATE_LETTERS once folded."""
    stem = _folded_spelling(word)
    return stem[:COGNATE_LETTERS] if len(stem) >= COGNATE_LETTERS else None


@lru_cache(maxsize=200_000)
def _folded_spelling(word: str) -> str:
    word = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))
    for written, folded in _SPELLINGS:
        word = word.replace(written, folded)
    return word


def lookup_terms(found: frozenset[str]) -> tuple[str, ...]:
    """The LOOKUP_TERMS rarest terms (ties by the term itself: the choice depends on the item only)."""
    return tuple(sorted(found, key=lambda term: (-weight(term), term))[:LOOKUP_TERMS])


@lru_cache(maxsize=200_000)
def _weight(term: str) -> float:
    if len(term) < MIN_LETTERS or is_domain(term):
        return 0.0
    zipf = _zipf(term)
    if zipf >= COMMON_ZIPF:
        return 0.0
    return min(MAX_WEIGHT, RARITY_CEILING - zipf)


@lru_cache(maxsize=200_000)
def _zipf(word: str) -> float:
    """A word common in any of the three languages is common: names are rare in all of them."""
    return max(zipf_frequency(word, language, wordlist=WORDLIST) for language in LANGUAGES)


def is_rare_name(word: str) -> bool:
    """A name of three letters or more ("owl") that is neither common in a language ("gold") nor a word of the
    domain ("bmbf"): an acronym a title names its actor by."""
    return _zipf(word) < COMMON_ZIPF and not is_domain(word)


def is_domain(word: str) -> bool:
    """A word of the domain itself (DOMAIN_STEMS): every cluster story has it."""
    return any(stem in word if len(stem) > 3 else word == stem for stem in DOMAIN_STEMS)


def title_names(title: str, language: str | None, topical: TopicVocabulary = NO_TOPICS,
                places: PlaceNames | None = None, text: str = "") -> frozenset[str]:
    """The rare words a title writes with a capital, as terms: the actors and names it is about
    ("Minalogic", "Skywin"). Two titles that each name an actor the other text never names report two
    stories, however alike the rest (two clusters awarded one label in one month). A word that names an EU
    concept ("PIIEC", the French "IPCEI") is no actor: it is the concept's `c:` feature (round 44). A hyphenated name
    gives its rare parts, as `terms` does (round 52). Since round 54 a number word ("Fourteen") is no name, and a
    country's demonym is `g:<country>=<word>` ("Latvian": `g:lv=latvian`), Germany's and France's none. Since round 77
    a dictionary word that is capitalised only because it opens an English or French headline or a clause of it is
    no name (`_known_opener`); `text`, the item's text, tells a name that is also a word ("Osez l'IA")."""
    normal = unicodedata.normalize("NFKC", title)
    openers = _openers(normal) if language in ("en", "fr") else frozenset()
    capitalised = [word for written in _WORD.findall(normal)
                   if (word := bare_word(written))[0].isupper() and _name_like(word, language)
                   and not (written in openers and _known_opener(word, language, text, places))
                   and not concept_of(word) and word.casefold() not in NUMERALS]
    found = terms(" ".join(capitalised), "", language, topical, places)
    # a country's demonym ("Latvian") names the country, which the other text may name in any language ("Lettonie",
    # `g:lv`) or by one of its places ("Riga"): `g:lv=latvian` (scoring._unnamed); a country nearly every text names
    # is no actor (round 54)
    countries = {(term, country) for word in capitalised if (country := country_of_adjective(word, places))
                 and (term := lemma(word, language)) in found}
    if not countries:
        return found
    named = {f"{country}={term}" for term, country in countries if country not in COMMON_PLACES}
    return (found - {term for term, _ in countries}) | named


# where an English or French headline's clause opens: its first word, and the first word after a colon, a dash, a
# bar, a question or an exclamation mark ("Drought hits French lavender harvest", "Lavande : une récolte en berne")
_OPENING = re.compile(r"(?:^|[:|?!–—]\s*|\s-\s+)([^\W\d_][\w'’-]*[^\W_]|[^\W\d_])", re.UNICODE)


def capitalised_words(title: str) -> frozenset[str]:
    """The words of three letters or more a title writes with a capital, folded ("ClusterXchange", "Havre",
    "China"): across languages, a name two titles write alike, whatever its rarity (dedup round 80)."""
    return frozenset(word.casefold() for written in _WORD.findall(unicodedata.normalize("NFKC", title))
                     if len(word := bare_word(written)) >= 3 and word[0].isupper())


def _openers(title: str) -> frozenset[str]:
    return frozenset(_OPENING.findall(title))


def _known_opener(word: str, language: str | None, text: str, places: PlaceNames | None) -> bool:
    """Whether a word that opens a clause of an English or French headline is capitalised only for that: a word of
    the language's dictionary that the text never writes with its capital, and no acronym, place or country's
    demonym ("Drought hits French lavender harvest", "Lavande : une récolte en berne", "Jumelage entre …"; not "ZEV",
    "Graphenea", "Estonian", nor "Osez l'IA" where the text names the plan « Osez l'IA »). German asks as much of every
    noun (`_name_like`; round 77)."""
    return (not word.isupper() and lemmas.is_known(word.casefold(), language or "")
            and not country_of_adjective(word, places) and not is_place(word, places)
            and (word not in text or re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is None))


def _name_like(word: str, language: str | None) -> bool:
    """German writes every noun with a capital: there a name is a word the lemma data does not know
    and that does not end in a word it knows ("Wettbewerbspole" is a compound of "Pole")."""
    if language != "de":
        return True
    folded = word.casefold()
    return not lemmas.is_known(folded, "de") and not any(
        lemmas.is_known(folded[start:], "de") for start in range(1, len(folded) - MIN_LETTERS + 1))
