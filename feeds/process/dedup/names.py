"""Names that a translator changes: one feature for "Brüssel", "Brussels" and "Bruxelles".

Two versions of a story in different languages share few proper names as written: places
("Tokio"/"Tokyo"), countries ("Polen"/"Poland"), EU institutions and programmes ("Europäische
Kommission"/"European Commission", "Binnenmarktprogramm"/"Single Market Programme"). This
module turns each such name, in German, English or French, into one language-independent
feature:

- `g:<code>` a country (pycountry and CLDR names in de/en/fr), `g:<zone>` a city (CLDR
  time-zone exemplar cities, "europe/prague" for "Prag", "Prague", "Praha");
- `c:<concept>` an EU programme, institution or event from the table below. Programme names
  that stay untranslated ("Horizon Europe", "COSME", "Euroclusters") are in it too, so that they
  count as the same kind of evidence in every language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from babel import Locale
from babel.core import get_global

from feeds.process.dedup.text import bare_word, without_elisions
from feeds.process.tagging import sources
from feeds.process.tagging.gazetteer import adjective_forms, written_small
from feeds.process.tagging.sources import country_names

# concept -> its names in de, en and fr, matched as whole words; a name written here in small letters matches in
# any case, one written with a capital only with it.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "european-commission": ("European Commission", "Europäische Kommission", "Europäischen Kommission",
                            "EU-Kommission", "Commission européenne", "EU Commission"),
    "european-parliament": ("European Parliament", "Europäisches Parlament", "Europäischen Parlament",
                            "Europäischen Parlaments", "Parlement européen"),
    "eccp": ("European Cluster Collaboration Platform", "ECCP", "Europäische Clusterkooperationsplattform",
             "Plateforme européenne de collaboration des clusters"),
    "european-cluster-conference": ("European Cluster Conference", "Europäische Clusterkonferenz",
                                    "Europäischen Clusterkonferenz", "EU-Clusterkonferenz",
                                    "Conférence européenne des clusters", "EU Cluster Conference"),
    "single-market-programme": ("Single Market Programme", "Binnenmarktprogramm", "Binnenmarktprogramms",
                                "Programme pour le marché unique", "SMP"),
    "eu-cluster-partnerships": ("EU Cluster Partnerships", "EU Cluster Partnership", "EU-Clusterpartnerschaften",
                                "EU-Clusterpartnerschaft", "Partenariats de clusters de l'UE"),
    "euroclusters": ("Euroclusters", "Eurocluster", "Euroclustern"),
    "horizon-europe": ("Horizon Europe", "Horizont Europa", "Horizon Europa"),
    "cosme": ("COSME",),
    "eic": ("European Innovation Council", "Europäischer Innovationsrat", "Conseil européen de l'innovation", "EIC"),
    "een": ("Enterprise Europe Network", "EEN"),
    "eismea": ("EISMEA",),
    "interreg": ("Interreg",),
    "digital-europe": ("Digital Europe Programme", "Programm Digitales Europa", "Programme pour une Europe numérique"),
    "cluster-excellence-programme": ("Cluster Excellence Programme", "Clusterexzellenzprogramm"),
    "esca": ("European Secretariat for Cluster Analysis", "ESCA"),
    "pact-for-skills": ("Pact for Skills", "Kompetenzpakt", "Pacte pour les compétences"),
    "chips-act": ("European Chips Act", "Chips Act", "Europäisches Chip-Gesetz", "Chip-Gesetz"),
    "green-deal": ("European Green Deal", "Green Deal", "Europäischer Grüner Deal", "Pacte vert pour l'Europe"),
    "bmwk": ("Bundesministerium für Wirtschaft und Klimaschutz", "Federal Ministry for Economic Affairs and "
             "Climate Action", "BMWK", "BMWi", "Bundeswirtschaftsministerium", "Federal Ministry for Economic Affairs",
             "federal economics ministry", "ministère fédéral de l'Économie"),
    "bmbf": ("Bundesministerium für Bildung und Forschung", "Federal Ministry of Education and Research", "BMBF",
             "Bundesforschungsministerium", "federal research ministry", "ministère fédéral de la Recherche"),
    # Since round 11: the programmes, bodies and things that cluster news of several countries names, each
    # written differently in German, English and French (chosen from the guide's kinds of stories and from
    # the cross-language gold pairs of tuning sets 2-16 that shared nothing: docs/design/dedup.md, round 11).
    "competitiveness-clusters": ("pôles de compétitivité", "pôle de compétitivité", "Wettbewerbspole",
                                 "Wettbewerbspolen", "Wettbewerbscluster", "Wettbewerbsclustern",
                                 "competitiveness clusters", "competitiveness cluster", "competitiveness poles"),
    "expert-group-on-clusters": ("European Expert Group on Clusters", "Expert Group on Clusters", "expert group",
                                 "Expertengruppe", "EU-Expertengruppe", "groupe d'experts"),
    "european-clusters-alliance": ("European Clusters Alliance", "European Cluster Alliance", "Cluster-Allianz",
                                   "Europäische Cluster-Allianz", "Europäischen Cluster-Allianz",
                                   "Alliance européenne des clusters"),
    "industrial-strategy": ("industrial strategy", "Industriestrategie", "stratégie industrielle"),
    "regional-innovation-strategy": ("regional innovation strategy", "Regionale Innovationsstrategie",
                                     "Regionalen Innovationsstrategie", "stratégie régionale d'innovation"),
    "cluster-initiative-expedition": ("Cluster Initiative Expedition", "Expedition Clusterinitiative"),
    "clusters4future": ("Clusters4Future", "Zukunftscluster", "Zukunftsclustern", "Zukunftscluster-Initiative",
                        "Future Clusters", "Future Cluster"),
    "national-key-clusters": ("National Key Clusters", "National Key Cluster", "Nationaler Schlüsselcluster",
                              "Nationale Schlüsselcluster", "Schlüsselcluster", "Schlüsselclustern"),
    "leading-edge-clusters": ("Spitzencluster", "Spitzenclustern", "leading-edge clusters", "leading-edge cluster"),
    "cluster-offensive": ("Cluster Offensive", "Cluster-Offensive", "Clusteroffensive"),
    "cluster-panorama": ("European Cluster Panorama", "Cluster Panorama", "Europäisches Clusterpanorama",
                         "Clusterpanorama", "Panorama européen des clusters"),
    "go-cluster": ("go-cluster",),
    "i3": ("Interregional Innovation Investments", "interregionale Innovationsinvestitionen",
           "investissements interrégionaux en innovation", "I3"),
    "hannover-messe": ("Hannover Messe", "Hanover Fair", "Foire de Hanovre"),
    "franco-german": ("Franco-German", "German-French", "deutsch-französisch", "deutsch-französische",
                      "deutsch-französischen", "deutsch-französischer", "deutsch-französisches", "franco-allemand",
                      "franco-allemande", "franco-allemands", "franco-allemandes"),
    "competition": ("competition", "competitions", "Wettbewerb", "Wettbewerbs", "Wettbewerbe", "Clusterwettbewerb",
                    "Landeswettbewerb", "concours"),
    # Since round 44: EU instruments and bodies of industrial policy that each language names in its own words
    # (and French often by its own acronym: "PIIEC" for "IPCEI"), from general knowledge of them; not the ones that
    # funding lines of unrelated projects all name ("cofinancé par le FEDER", "smart specialisation").
    "ipcei": ("IPCEI", "IPCEIs", "important project of common European interest",
              "important projects of common European interest", "wichtiges Vorhaben von gemeinsamem europäischem "
              "Interesse", "wichtige Vorhaben von gemeinsamem europäischem Interesse", "wichtigen Vorhaben von "
              "gemeinsamem europäischem Interesse", "wichtigen Vorhabens von gemeinsamem europäischem Interesse",
              "wichtiger Vorhaben von gemeinsamem europäischem Interesse", "PIIEC",
              "projet important d'intérêt européen commun", "projets importants d'intérêt européen commun"),
    "edih": ("EDIH", "EDIHs", "European Digital Innovation Hub", "European Digital Innovation Hubs",
             "Europäisches Digitales Innovationszentrum", "Europäischen Digitalen Innovationszentrums",
             "Europäische Digitale Innovationszentren", "Europäischen Digitalen Innovationszentren",
             "pôle européen d'innovation numérique", "pôles européens d'innovation numérique"),
    "just-transition-fund": ("Just Transition Fund", "Fonds für einen gerechten Übergang",
                             "Fonds pour une transition juste", "Fonds européen pour une transition juste"),
    "just-transition-platform": ("Just Transition Platform", "Plattform für einen gerechten Übergang",
                                 "plateforme pour une transition juste"),
    "new-european-bauhaus": ("New European Bauhaus", "Neues Europäisches Bauhaus", "Neuen Europäischen Bauhaus",
                             "Neuen Europäischen Bauhauses", "nouveau Bauhaus européen"),
    "net-zero-industry-act": ("Net-Zero Industry Act", "Net Zero Industry Act", "Net-Zero-Industry-Act", "NZIA",
                              "Netto-Null-Industrie-Verordnung", "Netto-Null-Industrie-Gesetz",
                              "Verordnung über die Netto-Null-Industrie", "règlement pour une industrie zéro net"),
    "critical-raw-materials-act": ("Critical Raw Materials Act", "Critical-Raw-Materials-Act", "CRMA",
                                   "Gesetz über kritische Rohstoffe", "Verordnung über kritische Rohstoffe",
                                   "Gesetz zu kritischen Rohstoffen", "règlement sur les matières premières critiques",
                                   "législation sur les matières premières critiques"),
    "european-battery-alliance": ("European Battery Alliance", "Europäische Batterieallianz",
                                  "Europäischen Batterieallianz", "Alliance européenne pour les batteries",
                                  "Alliance européenne des batteries"),
    "clean-hydrogen-alliance": ("European Clean Hydrogen Alliance", "Clean Hydrogen Alliance",
                                "Europäische Allianz für sauberen Wasserstoff", "Europäischen Allianz für sauberen "
                                "Wasserstoff", "Alliance européenne pour un hydrogène propre"),
    "eib": ("European Investment Bank", "Europäische Investitionsbank", "Europäischen Investitionsbank",
            "Banque européenne d'investissement", "EIB", "BEI"),
    "eif": ("European Investment Fund", "Europäischer Investitionsfonds", "Europäische Investitionsfonds",
            "Europäischen Investitionsfonds", "Fonds européen d'investissement", "EIF", "FEI"),
    "eit": ("European Institute of Innovation and Technology", "Europäisches Innovations- und Technologieinstitut",
            "Europäischen Innovations- und Technologieinstituts", "Institut européen d'innovation et de technologie",
            "EIT"),
    "jrc": ("Joint Research Centre", "Gemeinsame Forschungsstelle", "Gemeinsamen Forschungsstelle",
            "Centre commun de recherche", "JRC"),
    "innovation-scoreboard": ("European Innovation Scoreboard", "Europäischer Innovationsanzeiger",
                              "Europäischen Innovationsanzeigers", "tableau de bord européen de l'innovation"),
    "regional-innovation-scoreboard": ("Regional Innovation Scoreboard", "Regionaler Innovationsanzeiger",
                                       "Regionalen Innovationsanzeigers", "tableau de bord régional de l'innovation"),
    "investeu": ("InvestEU",),
}
# Countries, places and institutions named in almost every item of EU cluster news say nothing about
# which story it is: the platforms' home countries, the EU, its seat and its executive.
COMMON_PLACES = frozenset({"g:de", "g:eu", "g:fr", "g:europe/brussels", "c:european-commission"})
MAX_NAME_WORDS = 6
MIN_NAME_LETTERS = 4
MAX_REGIONS_PER_COUNTRY = 45  # above that, pycountry lists municipalities: too many common words
GERMAN_SPEAKING = frozenset({"de", "at", "ch"})  # a place's genitive and adjective: "Sachsens", "Tiroler"
_WORD = re.compile(r"[\w'’-]+")


def name_features(text: str, places: PlaceNames | None = None, context: str = "") -> set[str]:
    """`g:` and `c:` features of the names in `text` (longest name first, each word used once; a name after a French
    elision by its own capital, since round 56). Not a city or region of one word that `text` or `context` (the rest
    of the item: a title's text) also writes in small letters after an article or a preposition
    (`tagging.gazetteer.written_small`): there it is a common word, with a capital at a sentence's start or in a title
    too ("International Cork Fair" beside "made of cork", French "Liège :" beside "le liège catalan"; round 83)."""
    places = places or NO_PLACES
    table, longest = places.table
    starts = places.starts
    written = _WORD.findall(without_elisions(text))  # the words as written; no match objects (half the split's cost)
    tokens = [_fold(word) for word in written]
    found: set[str] = set()
    start = 0
    any_case, any_case_first = _any_case()
    adjectives = places.any_case
    while start < len(tokens):
        # a name starts with a capital ("mobile" is no city); a concept's name may not ("industrial strategy"),
        # nor a place's adjective ("bayerische Aussteller")
        capital = written[start][:1].isupper()
        if not capital and tokens[start] not in any_case_first and tokens[start] not in adjectives:
            start += 1
            continue
        # the longest name from here: longer words only while they begin some name
        named: tuple[int, str] | None = None
        key = tokens[start]
        for size in range(1, min(longest, len(tokens) - start) + 1):
            if size > 1:
                key = f"{key} {tokens[start + size - 1]}"
            if key not in starts:
                break
            feature = table.get(key) if capital or key in any_case or key in adjectives else None
            if feature:
                named = (size, feature)
        if named is None:
            start += 1
            continue
        if named[1] not in COMMON_PLACES and not (
                named[0] == 1 and "/" in named[1] and capital and tokens[start] not in adjectives
                and written_small(bare_word(written[start]).strip("'’-"), text, context)):
            found.add(named[1])
        start += named[0]
    return found


def concept_of(word: str) -> str | None:
    """The `c:` feature of a concept one of whose names is `word` (an acronym: "IPCEI" in "IPCEI-Vorhaben"), or
    of which `word` is an acronym as CONCEPTS writes it, in capitals and of any length ("EIB", the French "FEI")."""
    feature = _table()[0].get(_fold(word))
    return feature if feature and feature.startswith("c:") else _concept_acronyms().get(word)


def country_of(word: str, places: PlaceNames | None = None) -> str | None:
    """The `g:` feature of a word that names a country, the common ones too ("France": `g:fr`)."""
    feature = (places or NO_PLACES).table[0].get(_fold(word))
    return feature if feature and feature.startswith("g:") and "/" not in feature else None


def country_of_adjective(word: str, places: PlaceNames | None = None) -> str | None:
    """The `g:` feature of a word that is a country's adjective or demonym ("polnische", "Polish", "français"), in
    small letters or with a capital, or with a capital only where its form has one ("Polish", not "polish")."""
    found = (places or NO_PLACES).countries_by_adjective.get(_fold(word))
    return found[0] if found and (word[:1].isupper() or not found[1]) else None


@dataclass(frozen=True)
class PlaceNames:
    """Cities and regions beyond CLDR's time-zone cities, each place one `g:<country>/<name>` feature.

    `groups`: (country code, the names of one place in several languages) — config/countries.yaml
    `place_aliases` ("Straßburg", "Strasbourg") and `cities` (each name a place of its own); pycountry's
    top-level regions of European countries are always in. Groups that share a name are one place; a
    name CLDR already knows (a country, a time-zone city) keeps its feature and lends it to its group. A
    name written in small letters is the place's adjective ("bayerisch", "breton"), read in all its forms
    ("bayerische", "bretonnes") and in any case; a German-speaking place's genitive ("Sachsens") and its adjective
    in "-er" ("Osnabrücker", "Jenaer") are the place too.
    `ignore`: names that are common words (countries.yaml `ignore`).
    `adjectives`: (form, country code) of the countries' adjectives ("polnische", "Polish": a capital where
    the form needs one; tagging.gazetteer.country_adjectives), read only in titles about a fair
    (signals.title_places)."""

    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ignore: frozenset[str] = frozenset()
    adjectives: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, cities: Mapping[str, Sequence[str]], aliases: Mapping[str, Sequence[Sequence[str]]],
           ignore: Iterable[str] = (), adjectives: Iterable[tuple[str, str]] = ()) -> PlaceNames:
        groups: list[tuple[str, tuple[str, ...]]] = [
            (code, (name,)) for code, names in cities.items() for name in names]
        groups += [(code, tuple(group)) for code, code_groups in aliases.items() for group in code_groups]
        return cls(tuple(groups), frozenset(_fold(name) for name in ignore), tuple(adjectives))

    @cached_property
    def table(self) -> tuple[dict[str, str], int]:
        """Folded name (words joined by spaces) -> feature, and the longest name in words."""
        table, longest, _ = _place_table(self.groups, self.ignore)
        return table, longest

    @cached_property
    def any_case(self) -> frozenset[str]:
        """The folded names that match whatever their case: the places' adjectives and their forms."""
        return _place_table(self.groups, self.ignore)[2]

    @cached_property
    def countries_by_adjective(self) -> dict[str, tuple[str, bool]]:
        """Folded form -> (`g:<code>`, whether it needs a capital), for the countries' adjectives that name no
        place of the table ("bayerisch" is Bavaria's, not Germany's)."""
        table = self.table[0]
        return {key: ("g:" + code, form[:1].isupper()) for form, code in self.adjectives
                if (key := _fold(form)) not in table and key not in self.ignore}

    @cached_property
    def starts(self) -> frozenset[str]:
        """Every name of `table` and the first words of each (a longer name is looked up only after them)."""
        return _name_starts(self.groups, self.ignore)


@lru_cache(maxsize=4)  # one deduplicator is built per collected source, from the same configuration
def _place_table(groups: tuple[tuple[str, tuple[str, ...]], ...],
                 ignore: frozenset[str]) -> tuple[dict[str, str], int, frozenset[str]]:
    """Folded name -> feature for CLDR's names, pycountry's regions and `groups`; the longest name in words; the
    names matched in any case (the adjectives' forms)."""
    known, _ = _table()
    table = dict(known)
    regions: list[tuple[str, tuple[str, ...]]] = [
        (code, (name,)) for code, name in sources.regions(MAX_REGIONS_PER_COUNTRY)]
    any_case: set[str] = set()
    written = list(regions)
    for code, names in groups:
        forms: list[str] = []
        for name in names:
            if name[:1].islower():  # an adjective: "bayerisch", "breton"
                adjective = [_key(form) for form in adjective_forms(name, "de" if name.endswith("sch") else "fr")]
                any_case.update(adjective)
                forms += adjective
            else:
                forms.append(name)
        written.append((code, tuple(forms)))
    for code, keys in _places(written, ignore):
        given = sorted({known[key] for key in keys if key in known})
        feature = given[0] if given else f"g:{code}/{min(keys - any_case or keys)}"
        derived: set[str] = set()
        if code in GERMAN_SPEAKING:
            for key in keys - any_case:
                if " " not in key:
                    # the genitive ("Sachsens") and the adjective of a place ("Osnabrücker", "Jenaer"; round 33)
                    derived.add(key + ("r" if key.endswith("e") else "er"))
                    if not key.endswith(("s", "x", "z", "ß")):
                        derived.add(key + "s")
        for key in keys | derived:
            if key not in known and not (key in derived and key in table):
                table[key] = feature
    longest = max((key.count(" ") + 1 for key in table), default=1)
    return table, min(longest, MAX_NAME_WORDS), frozenset(any_case)


@lru_cache(maxsize=4)
def _name_starts(groups: tuple[tuple[str, tuple[str, ...]], ...], ignore: frozenset[str]) -> frozenset[str]:
    table, _, _ = _place_table(groups, ignore)
    starts: set[str] = set()
    for key in table:
        words = key.split(" ")
        starts.update(" ".join(words[:size]) for size in range(1, len(words) + 1))
    return frozenset(starts)


def _places(groups: Sequence[tuple[str, tuple[str, ...]]],
            ignore: frozenset[str]) -> list[tuple[str, set[str]]]:
    """The folded names of each place: groups joined where they share a name, each with its first country."""
    joined: list[tuple[str, set[str]]] = []
    for code, names in groups:
        keys = {key for key in map(_key, names) if len(key) >= MIN_NAME_LETTERS and key not in ignore}
        if not keys:
            continue
        meeting = [place for place in joined if place[1] & keys]
        first = meeting[0][0] if meeting else code
        joined = [place for place in joined if place not in meeting] + [
            (first, keys.union(*(place[1] for place in meeting)))]
    return joined


def _key(name: str) -> str:
    return " ".join(_fold(word) for word in _WORD.findall(name))


def _fold(word: str) -> str:
    return bare_word(unicodedata.normalize("NFKC", word)).casefold().strip("'’-")


@lru_cache(maxsize=1)
def _any_case() -> tuple[frozenset[str], frozenset[str]]:
    """The folded concept names that match whatever their case, and their first words: the names CONCEPTS
    writes in small letters, as English and French write "competition", "stratégie industrielle". A name the
    table writes with a capital needs it (a programme's name, an acronym: "EEN" is a Dutch word in small
    letters), and so does every place."""
    table, _ = _table()
    keys = frozenset(key for concept, names in CONCEPTS.items() for name in names
                     if name[:1].islower() and table.get(key := _key(name)) == "c:" + concept)
    return keys, frozenset(key.split(" ")[0] for key in keys)


@lru_cache(maxsize=1)
def _concept_acronyms() -> dict[str, str]:
    """The acronyms CONCEPTS names, as written -> `c:` feature. The table leaves out names shorter than four letters
    (a common word, a city's abbreviation), and with them the acronyms of three letters that each language writes its
    own way: "EIB" and "BEI", "EIF" and "FEI" (round 46). Only a word in capitals is such an acronym ("bei" is a
    German word)."""
    return {name: "c:" + concept for concept, names in CONCEPTS.items() for name in names
            if name.isupper() and name.isalnum()}


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], int]:
    """Folded name (words joined by spaces) -> feature, and the longest name in words."""
    table: dict[str, str] = {}
    ambiguous: set[str] = set()

    def add(name: str, feature: str) -> None:
        key = _key(name)
        if not key or len(key) < MIN_NAME_LETTERS or key in ambiguous:
            return
        if table.setdefault(key, feature) != feature:
            ambiguous.add(key)
            del table[key]

    for concept, names in CONCEPTS.items():
        for name in names:
            add(name, "c:" + concept)
    for code, _language, name in country_names():
        add(name, "g:" + code)
    territories = get_global("zone_territories")
    locales = [Locale.parse(language) for language in ("de", "en", "fr")]
    for zone in territories:
        if not zone.startswith(("Europe/", "Asia/", "America/", "Africa/", "Australia/")):
            continue
        feature = "g:" + zone.lower()
        add(zone.rsplit("/", 1)[-1].replace("_", " "), feature)
        for locale in locales:
            city = locale.time_zones.get(zone, {}).get("city")
            if city:
                add(city, feature)
    longest = max((key.count(" ") + 1 for key in table), default=1)
    return table, min(longest, MAX_NAME_WORDS)


def is_place(word: str, places: PlaceNames | None = None) -> bool:
    """Whether a single word names a country, city or region (it is a `g:` feature of its own)."""
    return (places or NO_PLACES).table[0].get(_fold(word), "").startswith("g:")


NO_PLACES = PlaceNames()
