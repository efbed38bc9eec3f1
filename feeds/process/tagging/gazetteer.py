"""The country gazetteer: every surface form that names a country, built once from data.

Sources, all maintained upstream rather than typed here:
- names: pycountry (English names, official and common names) and Babel/CLDR territory
  names in de, en and fr, with German genitive and declined forms;
- adjectives: CLDR language names ("Polnisch", "Polish", "polonais") for a country's own
  official language, inflected, plus forms derived from the country names ("Austrian",
  "österreichisch", "autrichien");
- cities: CLDR time-zone exemplar cities in de, en and fr (capitals and major cities);
- regions: pycountry's top-level subdivisions (German Länder, French régions, ...);
- config/countries.yaml: alternative names, irregular adjectives, organisations, EU signals.

Matching works on word tokens: a dictionary from token tuples to a `Sense`, tried
longest-first at each token whose first word can start a form. One dictionary probe per
token for ordinary words keeps tagging fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from feeds.config.taxonomy import Ambiguity, CountryRules

WORD = re.compile(r"[^\W_]+")

# Kind -> (weight of one mention, priority when two countries claim the same form).
KINDS = {
    # an organisation that carries a country acts: it weighs more than the country's name alone
    "override": (1.0, 6), "name": (1.0, 5), "organisation": (1.5, 4), "eu": (1.0, 4),
    "adjective": (0.8, 3), "city": (0.9, 2), "region": (0.8, 1), "eu-weak": (0.15, 0),
    "eu-programme": (0.15, 0),  # as weak as "eu-weak" in the text; a full EU signal in the title (countries.py)
}
GERMAN_ENDINGS = ("", "e", "en", "er", "es", "em")
FRENCH_ENDINGS = ("", "e", "s", "es")
MAX_REGIONS_PER_COUNTRY = 45  # above that, pycountry lists municipalities: too many common words
# Articles and prepositions: a word right after one in small letters is a common word (`written_small`).
_FUNCTION_WORDS = "|".join(sorted(set(
    "the a an of in on and or for with from to by at die der das den dem des ein eine einen einem einer aus mit von "
    "für und oder im am zum zur le la les l du de des un une en au aux à et ou par pour sur avec".split()),
    key=len, reverse=True))


@dataclass(frozen=True)
class Sense:
    """What a surface form means: a country code and how much one mention of it weighs."""

    code: str
    kind: str
    weight: float
    proper: bool = True  # the form's first word must be capitalised in the text
    language_noun: bool = False  # capitalised and uninflected it names a language ("Polnisch")
    rule: Ambiguity | None = None


class Words:
    """A text's words: lower-cased for lookups, as written for capitalisation, offsets on demand."""

    __slots__ = ("_starts", "lower", "source", "text")

    def __init__(self, source: str):
        self.source = source
        self.text: list[str] = WORD.findall(source)
        self.lower = [word.lower() for word in self.text]
        self._starts: list[int] | None = None

    def __len__(self) -> int:
        return len(self.text)

    def start(self, index: int) -> int:
        """Offset of word `index` in the source (computed once, only when a rule needs it)."""
        if self._starts is None:
            self._starts = [match.start() for match in WORD.finditer(self.source)]
        return self._starts[index]

    def end(self, index: int) -> int:
        return self.start(index) + len(self.text[index])


@dataclass(frozen=True)
class Mention:
    sense: Sense
    first: int  # token index
    end: int  # token index after the last


@dataclass
class Gazetteer:
    entries: dict[tuple[str, ...], Sense] = field(default_factory=dict)
    starts: dict[str, int] = field(default_factory=dict)  # first word -> longest form starting with it

    def mentions(self, words: Words) -> Iterator[Mention]:
        """Longest-first matches over `words`, left to right, not overlapping."""
        index, count = 0, len(words)
        starts, lower = self.starts, words.lower
        while index < count:
            longest = starts.get(lower[index])
            if longest is None:
                index += 1
                continue
            for size in range(min(longest, count - index), 0, -1):
                sense = self.entries.get(tuple(lower[index:index + size]))
                if sense is not None and _written_as(sense, words.text[index], size):
                    yield Mention(sense, index, index + size)
                    index += size
                    break
            else:
                index += 1

    def country_of(self, name: str) -> str | None:
        """The code a whole name stands for ("Tschechische Republik" -> "cz"), or None."""
        sense = self.entries.get(tuple(word.lower() for word in WORD.findall(name)))
        return sense.code if sense is not None and sense.kind in {"name", "override", "eu"} else None


def tokenize(text: str) -> Words:
    return Words(text)


def written_small(word: str, *texts: str) -> bool:
    """Whether one of `texts` writes `word` (a name with a capital) in small letters as a common word: right after an
    article or a preposition ("of cork", "le liège", "le canton"), not in a name styled in small letters ("automotive
    thüringen", "wasser berlin international", "imm cologne") nor in an address ("www.berlin.de")."""
    small = word.lower()
    if small == word:
        return False
    pattern = _small_pattern(small)
    return any(pattern.search(text) for text in texts if text)


@lru_cache(maxsize=4096)
def _small_pattern(small: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?i:{_FUNCTION_WORDS})(?:\s+|(?<=\bl)['’]){re.escape(small)}(?![\w/@-]|\.\w)")


def _written_as(sense: Sense, first: str, size: int) -> bool:
    if sense.proper and not first[0].isupper():
        return False
    # "auf Polnisch" is the language; "polnische Cluster" the country.
    return not (sense.language_noun and size == 1 and first[0].isupper())


class _Builder:
    def __init__(self, rules: CountryRules):
        self.rules = rules
        self.ignored = {_key(word) for word in rules.ignore}
        self.claims: dict[tuple[str, ...], list[Sense]] = {}

    def add(self, form: str, code: str, kind: str, proper: bool = True, language_noun: bool = False) -> None:
        key = _key(form)
        if not key or (kind in {"city", "region", "adjective"} and key in self.ignored):
            return
        if kind in {"city", "region"} and len(form) < 4:
            return
        weight = KINDS[kind][0]
        self.claims.setdefault(key, []).append(Sense(code, kind, weight, proper, language_noun))

    def build(self) -> Gazetteer:
        # a rule covers the word's declined forms too ("Island" -> "Islands")
        rules_by_key = {_key(form): rule for word, rule in self.rules.ambiguous.items()
                        for form in _name_forms(word, "de")}
        entries: dict[tuple[str, ...], Sense] = {}
        for key, senses in self.claims.items():
            chosen = _resolve(senses)
            if chosen is None:
                continue
            rule = rules_by_key.get(key)
            entries[key] = Sense(chosen.code, chosen.kind, chosen.weight * (rule.weight if rule else 1.0),
                                 chosen.proper, chosen.language_noun, rule)
        starts: dict[str, int] = {}
        for key in entries:
            starts[key[0]] = max(starts.get(key[0], 0), len(key))
        return Gazetteer(entries, starts)


def _resolve(senses: list[Sense]) -> Sense | None:
    """One sense per form: the highest-priority kind; two countries tied there make it ambiguous."""
    top = max(KINDS[sense.kind][1] for sense in senses)
    best = [sense for sense in senses if KINDS[sense.kind][1] == top]
    if len({sense.code for sense in best}) > 1:
        return None
    # lower-case matching is allowed only if every claim allows it
    return Sense(best[0].code, best[0].kind, best[0].weight, any(sense.proper for sense in best),
                 all(sense.language_noun for sense in best))


def _key(form: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in WORD.findall(form))


def build_gazetteer(rules: CountryRules) -> Gazetteer:
    """Build the gazetteer from pycountry, Babel/CLDR and `rules`. Takes a fraction of a second:
    call once per run, not per item."""
    from feeds.process.tagging import sources

    builder = _Builder(rules)
    for code, language, name in sources.country_names():
        for form in _name_forms(name, language):
            builder.add(form, code, "name")
        for form in _derived_adjectives(name, language):
            builder.add(form, code, "adjective", proper=language == "en")
    for code, language, name in sources.language_adjectives(rules):
        _add_adjective(builder, code, language, name)
    for code, city in sources.cities():
        builder.add(city, code, "city")
    for code, forms in rules.cities.items():
        for form in forms:
            builder.add(form, code, "city")
    for code, region in sources.regions(MAX_REGIONS_PER_COUNTRY):
        builder.add(region, code, "region")
        if not region.endswith(("s", "ß", "x", "z")):
            builder.add(region + "s", code, "region")  # the German genitive: "in den Wäldern Bayerns"
    for code, forms in rules.extra_names.items():
        for form in forms:
            for variant in _name_forms(form, "de"):
                builder.add(variant, code, "override")
    for code, forms in rules.demonyms.items():
        for form in forms:
            _add_adjective(builder, code, "de" if form[:1].islower() else "en", form)
    for code, forms in rules.organisations.items():
        for form in forms:
            builder.add(form, code, "organisation", proper=form[:1].isupper())  # "go-cluster", "pôle"
    for form in rules.eu_signals:
        builder.add(form, "eu", "eu")
    for form in rules.eu_weak_signals:
        builder.add(form, "eu", "eu-weak", proper=False)
    for form in rules.eu_programmes:
        builder.add(form, "eu", "eu-programme")  # capitalised: "EEN", not the Dutch "een"
    return builder.build()


def _add_adjective(builder: _Builder, code: str, language: str, name: str) -> None:
    base = name.lower() if language in {"de", "fr"} else name
    for form in adjective_forms(base, language):
        builder.add(form, code, "adjective", proper=form[:1].isupper(),
                    language_noun=language == "de" and form.endswith("sch"))


def adjective_forms(base: str, language: str) -> tuple[str, ...]:
    """An adjective's inflected forms: German "-isch" with its endings ("polnische", "polnischen"), French with
    gender and number ("bretonne", "bretons"); other words as written ("Polish", "Dresdner")."""
    if language == "de" and base.endswith("sch"):
        return tuple(base + ending for ending in GERMAN_ENDINGS)
    if language == "fr":
        return tuple(base + ending for ending in FRENCH_ENDINGS + (("ne", "nes") if base.endswith("n") else ()))
    return (base,)


def country_adjectives(gazetteer: Gazetteer) -> tuple[tuple[str, str], ...]:
    """(form, country code) of every one-word adjective or demonym of a country the gazetteer reads without an
    ambiguity rule; a form written with a capital ("Polish") only matches with one."""
    return tuple(sorted((key[0].capitalize() if sense.proper else key[0], sense.code)
                        for key, sense in gazetteer.entries.items()
                        if sense.kind == "adjective" and sense.rule is None and len(key) == 1))


def _name_forms(name: str, language: str) -> Iterable[str]:
    """A name and, in German, its declined forms ("Tschechischen Republik", "Polens")."""
    yield name
    if language != "de":
        return
    words = name.split()
    choices: list[list[str]] = []
    for position, word in enumerate(words):
        options = [word]
        if word.endswith("es") and position < len(words) - 1:
            options.append(word[:-1] + "n")
        elif word.endswith("e") and word[:1].isupper():
            options.append(word + "n")
        if position == len(words) - 1 and word[-1:] not in {"s", "x", "z", "ß"}:
            options.append(word + "s")
        choices.append(options)
    for combination in product(*choices):
        yield " ".join(combination)


def _derived_adjectives(name: str, language: str) -> Iterable[str]:
    """Regular adjective and demonym forms of a one-word country name. Wrong guesses are
    harmless (they never occur in text); guesses two countries share are dropped."""
    if " " in name or "-" in name or len(name) < 4:
        return
    if language == "en":
        if name.endswith("a"):
            yield name + "n"
        if name.endswith("ium"):
            yield name[:-2] + "an"
        if name.endswith("y"):
            yield name[:-1] + "ian"
        if name[-1] not in "aeiouy":
            yield name + "ian"
            yield name + "ese"
    elif language == "de":
        stems = {name}
        if name.endswith("ien"):
            stems |= {name[:-3], name[:-2]}
        elif name.endswith("en"):
            stems.add(name[:-2])
        elif name[-1] in "aeiou":
            stems.add(name[:-1])
        for stem in stems:
            yield from (stem.lower() + "isch" + ending for ending in GERMAN_ENDINGS)
            yield stem + "er"
    elif language == "fr" and name.endswith("e"):
        stem = name[:-1].lower() + "ien"
        yield from (stem + ending for ending in ("", "ne", "s", "nes"))
