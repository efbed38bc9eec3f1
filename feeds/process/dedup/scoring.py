"""Is an item the same news event as another? The pairwise evidence and its decision.

A pair is decided, in this order:
1. exact: they share a URL (own or explicitly referenced), a GUID or a content hash, or each
   links the other (a page and its other-language version);
2. never, when their titles name different years, numbers or rounds ("Clusterwoche 2017" / "... 2019")
   or one of them is a newsletter (a digest resembles every story it lists); and never when their titles
   disagree (`titles_disagree`: different stages of one process, different actors) or their figures do
   (`figures_disagree`: other amounts of money with other dates; in two languages, other amounts or other
   dates), vetoes on the model;
3. otherwise by evidence (`Evidence`): shared wording (MinHash Jaccard of word shingles), title
   similarity, shared rare words (terms.py, weighted by their rarity in the language), shared
   language-independent features (URLs, dates, acronyms, numbers, names, places, EU programmes:
   signals.py, names.py), and how far apart the two were published. A model of small boosted trees
   over these (feeds/process/trees.py; a logistic model until round 21) gives the probability that the
   two report one event; `MODEL` is read from `pair_model.json`, fitted on the blind labelled sets already
   measured (docs/design/dedup.md, scripts/fit_dedup_model.py).
   A pair at or above `match` is a match, at or above `strong` a strong match.

How matches become stories (the linkage rule) is in linkage.py.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, Literal, Protocol, TypeVar, overload

from feeds.model import MemberRef
from feeds.process.dedup import minhash
from feeds.process.dedup import terms as rare_terms
from feeds.process.dedup.fingerprint import Fingerprint
from feeds.process.dedup.signals import titles_conflict
from feeds.process.dedup.text import jaccard
from feeds.process.kinds import briefing
from feeds.process.trees import Trees

Reason = Literal["exact", "strong", "match"]

# Weight of a shared feature by kind: a URL or a full date is strong evidence, a name weak.
# A concept (an EU programme or institution named in any language, names.py) weighs like an
# acronym plus a name; a place or country like a name; a month and year little more than a year.
# Capitalised words (`p:`) are left to the rare words (terms.py): in German every noun has a capital.
# An amount of money is its figure (`n:`); its `e:` mark only says that a text names money (`amounts_differ`).
FEATURE_WEIGHTS = {"e": 0.0, "u": 4.0, "d": 3.0, "n": 2.0, "c": 2.0, "a": 1.5, "p": 0.0, "g": 1.0, "m": 0.5, "y": 0.25}
COUNTRY_WEIGHT = 0.5  # a whole country is named by many stories of a month; a city by fewer
YEAR_DAYS = 365.0
# Shares are taken over the smaller item's weight plus a prior, so that an item with one rare word or
# one feature does not share "everything" with any item that has it too.
TERMS_PRIOR = 6.0
# Rare words and specific features two texts of one event share at least, in one language or two. Two were asked
# of one language until round 13: two independent reports of one event often share one name only, and the model,
# told so (`one_specific`), keeps the many unrelated pairs that share one name below the threshold (round 14).
MIN_SHARED = 1
ANNOUNCED_DAYS = 14  # an event's own title within two weeks of its announcement may be the announcement too
NEAR_JACCARD = 0.3  # shared wording at which two texts are versions of one text whatever they share
MIN_TRANSLATED = 2  # words a dictionary translates count from two on: one is often the vocabulary of a topic (round 67)
SPECIFIC_KINDS = frozenset("udnacg")
FEATURES_PRIOR = 4.0


@dataclass(frozen=True)
class MatchOptions:
    window_days: int = 120  # candidates are looked up within this many days of a dated item
    match: float = 0.50  # probability of one event at which a pair matches (round 14)
    strong: float = 0.85  # probability at which two stories' primaries merge their stories (round 23)
    floor: float = 0.1  # an item this unlikely to report the same event as one member joins no story of it
    # the mean of the members that can judge an item at which members sharing nothing specific with it abstain
    # (round 39: leave-one-set-out 0.6 and 0.7 alike, 0.5 joins 12 more wrong pairs)
    judged: float = 0.7


T = TypeVar("T")


class _Computed(Generic[T]):
    """`functools.cached_property` without its lock (Python 3.11 takes one at every first read, and every
    read of a pair's evidence is a first read): computed when first read, then a plain attribute."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute, self.name = compute, compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type) -> _Computed[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object, owner: type) -> T | _Computed[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


class Evidence:
    """What two fingerprints share, as numbers. Symmetric in the two items.

    Each number is computed when it is first read: most pairs are refused on a few of them
    (`titles_disagree`, `admissible`) before the model would read them all."""

    def __init__(self, a: Fingerprint, b: Fingerprint) -> None:
        self._a, self._b = a, b

    @property
    def pair(self) -> tuple[Fingerprint, Fingerprint]:
        """The two fingerprints, in the order given."""
        return self._a, self._b

    @_Computed
    def jaccard(self) -> float:
        """Estimated Jaccard similarity of word shingles."""
        return minhash.similarity(self._a.signature, self._b.signature)

    @_Computed
    def title(self) -> float:
        """Title trigram similarity."""
        return jaccard(self._a.title_grams, self._b.title_grams)

    @_Computed
    def terms(self) -> float:
        """Weight of the rare words both use."""
        return sum(rare_terms.weight(term) for term in self._a.terms & self._b.terms)

    @_Computed
    def terms_ratio(self) -> float:
        """... over the smaller item's rare-word weight."""
        return self.terms / (min(self._a.terms_weight, self._b.terms_weight) + TERMS_PRIOR)

    @_Computed
    def cognates(self) -> int:
        """Across languages, the rare words of one root both use in their own spelling (terms.cognate_stems), not
        counting the words both write alike (round 40): "Resilienz" and "résilience", "Konsortium" and
        "consortium". 0 in one language, where such words are the same word."""
        a, b = self._a, self._b
        if not self.cross_language:
            return 0
        translated = max(a.translated(b), b.translated(a))
        return (len(a.cognates & b.cognates) - len(rare_terms.cognate_stems(a.terms & b.terms))
                + (translated if translated >= MIN_TRANSLATED else 0))

    @_Computed
    def _common(self) -> frozenset[str]:
        return self._a.features & self._b.features

    @_Computed
    def features(self) -> float:
        """Weight of the shared language-independent features."""
        return _weight(self._common)

    @_Computed
    def features_ratio(self) -> float:
        """... over the smaller item's feature weight."""
        return self.features / (min(_total_weight(self._a.features), _total_weight(self._b.features))
                                + FEATURES_PRIOR)

    @_Computed
    def dates(self) -> int:
        """Full dates both texts name."""
        return sum(feature.startswith("d:") for feature in self._common)

    @_Computed
    def dates_differ(self) -> bool:
        """Both texts name full dates, none the same."""
        return _differ(self._a, self._b, "d:")

    @_Computed
    def event_dates_differ(self) -> bool:
        """Both texts name full dates besides their own publication dates, and no date of one (those, or its
        publication date) is one of the other's: the date of its own editorial line is no event's date."""
        (a_events, a_days), (b_events, b_days) = self._a.event_days, self._b.event_days
        return bool(a_events and b_events and a_days.isdisjoint(b_days))

    @_Computed
    def places_differ(self) -> bool:
        """Both texts name places or countries, none the same."""
        return _differ(self._a, self._b, "g:")

    @_Computed
    def amounts_differ(self) -> bool:
        """Both texts name amounts of money, none the same."""
        return _differ(self._a, self._b, "e:")

    @_Computed
    def numbers(self) -> int:
        """Numbers both texts name (`n:`: counts, amounts, figures; not years): "56 pôles" and "56
        Wettbewerbscluster", "Seventeen clusters" and "17 Key National Clusters" (round 42)."""
        left, right = self._a.features_by_kind.get("n:"), self._b.features_by_kind.get("n:")
        return len(left & right) if left and right else 0

    @_Computed
    def numbers_differ(self) -> bool:
        """Both texts name numbers, none the same (round 42): each counts other things, as two events' texts do."""
        return _differ(self._a, self._b, "n:")

    @_Computed
    def names(self) -> int:
        """Across languages: rare names both write alike that the rare words miss (`shared_names`)."""
        return len(shared_names(self._a, self._b))

    @_Computed
    def kinds_differ(self) -> bool:
        """Both say what kind of news they are (call, result, report …), no kind in common."""
        return bool(self._a.kinds and self._b.kinds and not self._a.kinds & self._b.kinds)

    @_Computed
    def kinds_agree(self) -> bool:
        """They say the same kind of news."""
        return bool(self._a.kinds & self._b.kinds)

    @_Computed
    def stages_differ(self) -> bool:
        """Their titles report different stages of a process (a call / its info day; an event announced / the
        event). A text whose title names the event alone and that was published within ANNOUNCED_DAYS after the
        announcement may announce the event too ("Conférence européenne des clusters 2024 à Bruxelles" a week
        after its "save the date"; round 15). Not one of the same day or earlier (round 19): an undated
        registration page takes the first date of its lead, the event's own day, and the reports of that day
        are no preview of it. A project's start and its kick-off meeting are one stage (round 48); a conference's or an
        assembly's outcome told as a result and the event told as such are one story, an info day's or a webinar's
        topic decided and the info day two (`kinds.briefing`, round 76)."""
        a, b = self._a, self._b
        if not (a.stage and b.stage and a.stage != b.stage):
            return False
        if {a.stage, b.stage} <= {"report", "event", "result"} and "report" in {a.stage, b.stage}:
            return False  # an event told afterwards, or its outcome: its own title names it as the event
        if {a.stage, b.stage} == {"result", "event"}:
            # a conference's, an assembly's or a summit's outcome told as a result is the event's story; an info day,
            # a webinar or a matchmaking and a decision it informs about are two (round 76)
            held = a if a.stage == "event" else b
            return briefing(held.title)
        if {a.stage, b.stage} == {"start", "event"}:
            return False  # a project's kick-off meeting is its start (round 48)
        if {a.stage, b.stage} == {"plan", "result"}:
            return False  # a plant planned where a site or a grant was chosen: "Holosolis choisit Hambach" (round 60)
        if {a.stage, b.stage} == {"announcement", "event"} and a.dated and b.dated:
            announced, held = (a, b) if a.stage == "announcement" else (b, a)
            return not 0 < (held.published - announced.published).days <= ANNOUNCED_DAYS
        return True

    @_Computed
    def actors_differ(self) -> bool:
        """Each title names someone the other text never names (two clusters, one label). A name counts as named in
        whichever form the other text has it: a rare word, a capitalised name (`p:`) or an acronym (`a:`) —
        "Clustrhin" in one title is the CLUSTRHIN of the other, and Kehl is Kehl where the lemmatiser reads one text's
        "Kehl" as a form of "Kehle" (round 24)."""
        return _actors_differ(self._a, self._b)

    @_Computed
    def places_in_titles_differ(self) -> bool:
        """Each title names a city or region the other text never names, and the titles name none in common
        (one cluster's two agreements, with Lombardy and with Andalusia, at one fair; round 13). Two titles that
        share a place ("Grand Est et Sarre …" / "… for Lorraine and Saarland") may name its partners differently.
        At a fair, one title that names such a place is enough when the other names none (round 34)."""
        a, b = self._a, self._b
        if a.title_places & b.title_places:
            return False
        a_unnamed, b_unnamed = a.title_places - b.features, b.title_places - a.features
        if a_unnamed and b_unnamed:
            return True
        # at a fair, a title that names whose stand it is and a text about the fair that never names them report two
        # stories: the fair's opening, final report or matchmaking day and one exhibitor's stand there (round 34)
        one_sided = (a_unnamed and not b.title_places) or (b_unnamed and not a.title_places)
        return bool(one_sided and a.at_a_fair and b.at_a_fair)

    @_Computed
    def specifics(self) -> int:
        """How many specific things both have (`shared_specifics`)."""
        return shared_specifics(self._a, self._b)

    @_Computed
    def titles_write_alike(self) -> bool:
        """Across languages, both titles write one word with a capital alike ("Le Havre green coffee hub opens its
        doors" / "Le Havre : inauguration du hub café vert", "ClusterXchange: …" / "ClusterXchange: …"): a name,
        common or not, and enough in common for the model to judge the pair (round 80)."""
        return self.cross_language and bool(self._a.title_capitals & self._b.title_capitals)

    @_Computed
    def one_specific(self) -> bool:
        """In one language, they share one specific thing at most (a name, a date, a rare word)."""
        return not self.cross_language and self.specifics <= 1

    @_Computed
    def apart(self) -> float | None:
        """Years between the two publication dates; None when one is undated."""
        a, b = self._a, self._b
        return abs(a.published - b.published).total_seconds() / 86400 / YEAR_DAYS if a.dated and b.dated else None

    @_Computed
    def named_days(self) -> float | None:
        """When one of them is undated and its text names days or months: days between the nearest of them and
        the dated one's publication or a day its text names (an undated report names the event's day, near its
        press release, or the day a preview announced months ahead; round 36)."""
        a, b = self._a, self._b
        if a.dated == b.dated:
            return None
        dated, undated = (a, b) if a.dated else (b, a)
        days = (dated.published.date(), *dated.moments)
        return min((abs((moment - day).days) for moment in undated.moments for day in days), default=None)

    @_Computed
    def undated_year(self) -> int:
        """When one of them is undated, do the years its text names place it near the other? 1: the dated one's
        year is among them (both undated: the latest year each names is the same); -1: it names years, none
        within a year of the dated one's, and none the dated one's text names (round 28), or its URL names a year
        more than a year from the other's that the other's text does not name (round 40); 0: otherwise."""
        a, b = self._a, self._b
        if a.dated and b.dated:
            return 0
        if self.addresses_apart:
            return -1
        if not (a.dated or b.dated):
            return int(bool(a.years and b.years) and max(a.years) == max(b.years))
        dated, undated = (a, b) if a.dated else (b, a)
        year = dated.published.year
        if year in undated.years:
            return 1
        if undated.years & dated.years:
            return 0  # both name the same year, a programme's period or an edition's: no sign of another time
        return -1 if undated.years and not {year - 1, year + 1} & undated.years else 0

    @_Computed
    def addresses_apart(self) -> bool:
        """An undated text whose URL names years ("/aktuelles/2021/…", "…-mwc-barcelona-2023"), all more than a
        year from the other's publication (or, both undated, from every year the other's URL names), none a year
        the other's text names (round 40): the page was written in another year, or for another edition."""
        a, b = self._a, self._b
        if a.dated and b.dated:
            return False
        if not (a.dated or b.dated):
            return _years_far(a.url_years, b.url_years, b.years) and _years_far(b.url_years, a.url_years, a.years)
        dated, undated = (a, b) if a.dated else (b, a)
        return _years_far(undated.url_years, frozenset({dated.published.year}), dated.years)

    @_Computed
    def title_common(self) -> int:
        """Specific things both titles name (round 28)."""
        return len(self._a.title_features & self._b.title_features)

    @_Computed
    def title_covered(self) -> float:
        """Of the specific things each title names, the share the other text names too; the lower of the two
        (round 28). 0 when a title names none."""
        a, b = self._a, self._b
        if not (a.title_features and b.title_features):
            return 0.0
        return min(len(a.title_features & b.features) / len(a.title_features),
                   len(b.title_features & a.features) / len(b.title_features))

    @_Computed
    def cross_language(self) -> bool:
        return _cross_language(self._a, self._b)

    def inputs(self) -> dict[str, float]:
        """The model's inputs by name."""
        return {
            "bias": 1.0, "jaccard": self.jaccard, "title": self.title, "log_terms": math.log1p(self.terms),
            "terms_ratio": self.terms_ratio, "log_features": math.log1p(self.features),
            "features_ratio": self.features_ratio, "dates": min(self.dates, 2),
            "dates_differ": float(self.dates_differ), "places_differ": float(self.places_differ),
            "amounts_differ": float(self.amounts_differ),
            "numbers": min(self.numbers, 3), "numbers_differ": float(self.numbers_differ),
            "names": min(self.names, 2),
            "kinds_differ": float(self.kinds_differ), "kinds_agree": float(self.kinds_agree),
            "log_days_apart": math.log1p(self.apart * YEAR_DAYS) if self.apart is not None else 0.0,
            # a translation may follow months later; two reports in one language of one event rarely do
            "log_days_same_language": math.log1p(self.apart * YEAR_DAYS)
            if self.apart is not None and not self.cross_language else 0.0,
            "undated": float(self.apart is None), "cross_language": float(self.cross_language),
            "undated_named": float(self.named_days is not None),
            "log_days_named": math.log1p(self.named_days) if self.named_days is not None else 0.0,
            "undated_year_agrees": float(self.named_days is None and self.undated_year == 1),
            "undated_year_far": float(self.named_days is None and self.undated_year == -1),
            "one_specific": float(self.one_specific),
            "title_common": min(self.title_common, 3), "title_covered": self.title_covered,
            "cognates": min(self.cognates, 3),
            "phases_differ": float(self._a.phase * self._b.phase < 0),
            "phases_agree": float(self._a.phase == self._b.phase != 0),
        }


class PairModel(Protocol):
    """What turns a pair's evidence (`Evidence.inputs`) into the probability of one event."""

    def probability(self, values: Mapping[str, float]) -> float: ...


# Fitted by scripts/fit_dedup_model.py on the measured blind sets (docs/design/dedup.md: data and date).
MODEL_PATH = Path(__file__).with_name("pair_model.json")
MODEL: PairModel = Trees.load(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def evidence(a: Fingerprint, b: Fingerprint) -> Evidence:
    return Evidence(a, b)


def probability(a: Fingerprint, b: Fingerprint, model: PairModel = MODEL) -> float:
    """The model's probability that `a` and `b` report one news event, 0 for a pair `admissible` refuses."""
    chance = vote(a, b, model)
    return 0.0 if chance is None else chance


def vote(a: Fingerprint, b: Fingerprint, model: PairModel = MODEL) -> float | None:
    """`probability`, or None where `admissible` refuses the pair only because the two share nothing specific (no
    rare word, date, number, acronym, place or programme): no evidence either way, as a German summary and an
    English report of one event can be, rather than a contradiction (a series, a digest, a veto, one site's two
    texts in one language); since round 55 also where one site's two texts in one language include a newsletter's
    teaser of one story. How a story's member votes on an item (`linkage`, round 39)."""
    if _series_or_digest(a, b):
        return 0.0  # decided before the evidence is computed: the common case on the ingest path
    found = evidence(a, b)
    if titles_disagree(found) or figures_disagree(found):
        return 0.0
    if not admissible(a, b, found):
        # one site's two texts in one language vote no, unless one is a newsletter's teaser, which retells its site's
        # story in other words (round 55): silent then, as for two texts that share nothing specific
        return 0.0 if _one_site(a, b, found) and not (a.teaser or b.teaser) else None
    return model.probability(found.inputs())


def titles_disagree(found: Evidence) -> bool:
    """Two titles that say they report two stories: different stages of one process (a call and its info
    day, an event's report and a publication presented there), each an actor the other text never names
    (two clusters awarded one label in one month), or each a city or region the other text never names (one
    cluster's agreements with two regions), or, both about a fair, one a matchmaking held there and the other no meeting
    at all (`Fingerprint.matchmaking`, round 75). A veto on the model's judgement, not a reason to keep a pair from
    fitting it: the model learns what the pairs it may judge look like either way.

    Most pairs of the ingest path end here or in `figures_disagree`: each property's own first condition is asked
    before it is read, and the rest straight from the two fingerprints' values (round 12 of ingest speed)."""
    a, b = found.pair
    return bool((a.stage and b.stage and a.stage != b.stage and found.stages_differ) or _actors_differ(a, b)
                or ((a.title_places or b.title_places) and found.places_in_titles_differ)
                or (a.at_a_fair and b.at_a_fair and {a.matchmaking, b.matchmaking} == {0, 2}))


def figures_disagree(found: Evidence) -> bool:
    """Two texts that each name amounts of money and share none, and either each give full dates and share
    none too, or are written in two languages (a translation or a report in another language keeps the
    amount and the date): two events — another edition, another call. Since round 11 also two texts in two
    languages whose event dates differ (`Evidence.event_dates_differ`). A veto on the model's judgement, like
    `titles_disagree` (round 10, 11: docs/design/dedup.md). Since round 40 also an undated text whose URL names
    years far from the other's (`Evidence.addresses_apart`)."""
    a, b = found.pair
    if not (a.dated and b.dated) and found.addresses_apart:
        return True
    if _cross_language(a, b):
        return _differ(a, b, "e:") or found.event_dates_differ
    return _differ(a, b, "e:") and _differ(a, b, "d:")


def admissible(a: Fingerprint, b: Fingerprint, found: Evidence) -> bool:
    """Whether the model may judge the pair at all. Not: a series ("… 2017" / "… 2019"; since round 38 also two texts
    whose titles and leads name different rounds or editions, `kinds.round_number`), a newsletter digest; unless the
    two share their wording: two texts sharing fewer than MIN_SHARED specific things (rare words, dates, numbers,
    acronyms, URLs, places, programmes) unless, across languages, their titles write one word with a capital alike
    (`Evidence.titles_write_alike`, round 80), and two texts of one site in one language (a site republishes or
    translates its story; it does not report one event twice in other words)."""
    if _series_or_digest(a, b):
        return False
    if found.jaccard >= NEAR_JACCARD:
        return True
    return not _one_site(a, b, found) and (found.specifics >= MIN_SHARED or found.titles_write_alike)


def _one_site(a: Fingerprint, b: Fingerprint, found: Evidence) -> bool:
    """Two texts of one site in one language."""
    return not found.cross_language and a.source_id == b.source_id


def _series_or_digest(a: Fingerprint, b: Fingerprint) -> bool:
    # two rounds of a programme, two editions of a series: both texts name the round they report, not the same one
    return (a.newsletter or b.newsletter or titles_conflict(a.title_numbers, b.title_numbers)
            or (a.round != b.round and a.round * b.round > 0))


def shared_specifics(a: Fingerprint, b: Fingerprint) -> int:
    """How many rare words and specific features both have (not bare years, months, capitalised words or
    whole countries: many stories of a month name the same countries), and across languages the rare names
    both write alike (`shared_names`)."""
    specific = sum(feature[0] in SPECIFIC_KINDS and not _country(feature) and not _listed_place(feature)
                   for feature in a.features & b.features)
    return len(a.terms & b.terms) + len(shared_names(a, b)) + specific


def shared_names(a: Fingerprint, b: Fingerprint) -> frozenset[str]:
    """Across languages, the rare names both texts write alike (`p:clusters4future`, `p:aerospace`) that are
    not shared rare words already: a lemma of one language can differ from the other's for the same name."""
    if not (a.language and b.language and a.language != b.language):
        return frozenset()
    terms = a.terms & b.terms
    return frozenset(feature for feature in a.features & b.features if feature.startswith("p:")
                     and len(feature) >= 2 + rare_terms.MIN_LETTERS and feature[2:] not in terms
                     and rare_terms.is_rare_name(feature[2:]))


def _actors_differ(a: Fingerprint, b: Fingerprint) -> bool:
    """`Evidence.actors_differ`; only where both titles name someone (most titles name no one)."""
    if not (a.title_names and b.title_names):
        return False
    across = _cross_language(a, b)
    return _unnamed(a.title_names, b, across) and _unnamed(b.title_names, a, across)


def _cross_language(a: Fingerprint, b: Fingerprint) -> bool:
    return bool(a.language and b.language and a.language != b.language)


def _unnamed(names: frozenset[str], other: Fingerprint, across: bool = False) -> bool:
    """Whether `other` leaves some title name of one text unnamed in every form (`Evidence.actors_differ`): a name
    is named when `other` has its bare word (`a:clustrhin` and `p:clustrhin` are `clustrhin`; any other feature
    stays itself) as a rare word, a feature, a capitalised name or an acronym, or has one of its other forms so
    (`_other_forms`, asked only when the bare word is missing; round 49), or, with `across` (the two texts are in two
    languages), a rare word of its cognate stem (`terms.cognate_stem`: "paracetamol" is the French text's
    "paracétamol"; round 53) or a rare capitalised name of its short stem and about its length (`_named_in_other_form`:
    "Ravenne" is "Ravenna"; round 71). A country's demonym (`g:lv=latvian`, round 54) is named by its word, by the
    country's feature or by a place of that country (`g:lv/riga`). A few set lookups per name, not a set of every
    feature's bare form per pair; inlined, as it runs for most pairs on the ingest path, and stopped at the first
    unnamed name."""
    terms, features = other.terms, other.features
    for name in names:
        if name[:2] == "g:" and "=" in name:  # a country's demonym (terms.title_names, round 54)
            country, _, word = name.partition("=")
            places = other.features_by_kind.get("g:", ())
            if word in terms or f"p:{word}" in features or any(
                    place == country or place.startswith(f"{country}/") for place in places):
                continue
            return True
        word = name[2:] if name[:2] in ("a:", "p:") else name
        if not (word in terms or word in features or f"a:{word}" in features or f"p:{word}" in features) and not any(
                form in terms or form in features or f"a:{form}" in features or f"p:{form}" in features
                for form in _other_forms(word)) and not (
                across and (rare_terms.cognate_stem(word) in other.cognates or _named_in_other_form(word, other))):
            return True
    return False


def _named_in_other_form(word: str, other: Fingerprint) -> bool:
    """Whether `other`, written in another language, has a rare capitalised name (`Fingerprint.name_stems`) of the same
    short stem as the title name `word` and a length within `terms.NAME_LENGTH_SLACK` of it: a place or an actor in
    that language's form ("Ravenna" / "Ravenne", "Galicia" / "Galice", "Ynsect" / "Ÿnsect"), shorter than a cognate
    stem or spelled apart after it (round 71, read in set 251). Not a common word: "Pavillon" names no "Pavilion"."""
    stem = rare_terms.name_stem(word)
    if stem is None:
        return False
    letters, length = stem
    theirs = other.name_stems
    return any((letters, length + slack) in theirs
               for slack in range(-rare_terms.NAME_LENGTH_SLACK, rare_terms.NAME_LENGTH_SLACK + 1))


def _other_forms(word: str) -> list[str]:
    """The forms a title name may take in another text (dedup round 49, read in sets 141-144): without a plural's
    or a demonym's last letter ("SMRs" = "SMR", "Silesian" = "Silesia", "Austrian" = "Austria") and each part of a
    hyphenated name ("Robotix-Academy" names "Robotix", "OEB-EUIPO" names "EUIPO"). Asked only for a name the other
    text has in no form of its own."""
    forms = [part for part in word.split("-") if len(part) >= 4] if "-" in word else []
    if len(word) >= 4 and word[-1] in "sn":
        forms.append(word[:-1])
    return forms


def _years_far(written: frozenset[int], other: frozenset[int], named: frozenset[int]) -> bool:
    """Whether the years of an undated text's URL (`written`) are all more than a year from every year of `other`
    (the dated text's publication year, or the other undated text's URL years), and none is a year the other's
    text names: a year of a programme both name ("innoBB 2025", "France 2030") says nothing of when it was written."""
    return bool(written and other and not written & named
                and min(abs(year - then) for year in written for then in other) > 1)


def _listed_place(feature: str) -> bool:
    """`g:de/stuttgart`, a city or region of names.PlaceNames: evidence for the model, but not one of the
    specific things a pair must share (a region and its cities are named by every story of its actors;
    as specifics they joined a conference in Linz with an agreement of Upper Austria's agency)."""
    return feature.startswith("g:") and feature[4:5] == "/"


def _country(feature: str) -> bool:
    """`g:pl` (a country) rather than `g:europe/warsaw` (a city)."""
    return feature.startswith("g:") and "/" not in feature


def match_reason(a: Fingerprint, b: Fingerprint, options: MatchOptions, model: PairModel = MODEL) -> Reason | None:
    """Why `a` and `b` are one story ("exact", "strong", "match"), or None. Symmetric in a and b."""
    if is_exact(a, b):
        return "exact"
    chance = probability(a, b, model)
    if chance >= options.strong:
        return "strong"
    return "match" if chance >= options.match else None


def is_exact(a: Fingerprint, b: Fingerprint) -> bool:
    return not a.exact_set.isdisjoint(b.exact_set) or a.links_each_other(b)


def exact_with(item: Fingerprint) -> Callable[[Fingerprint], bool]:
    """`is_exact(item, ·)` with the item's side read once: story assignment asks it of every member of every
    candidate story (~90 per new item)."""
    keys, url, links = item.exact_set, item.url, item.links

    def exact(member: Fingerprint) -> bool:
        return not keys.isdisjoint(member.exact_set) or (url in member.links and member.url in links)

    return exact


def vetoed_with(item: Fingerprint) -> Callable[[Fingerprint], bool]:
    """Whether a veto most pairs of the ingest path end on refuses `item` with a member, with the item's side read
    once: the titles' actors (`_actors_differ`) or the figures alone (`figures_disagree` without its URL years: amounts
    and dates, or across languages amounts or event dates). Story assignment asks it of every member of every
    candidate story (~88 per new item) before `vote`, which builds the pair's `Evidence`. True only where one of those
    vetoes holds, so `vote` would give 0.0; False says nothing (ingest speed, round 13)."""
    names, language = item.title_names, item.language
    amounts, dates = item.features_by_kind.get("e:"), item.features_by_kind.get("d:")
    events, days = item.event_days

    def vetoed(member: Fingerprint) -> bool:
        if amounts or dates:
            grouped = member.features_by_kind
            differ_amounts = bool(amounts and (theirs := grouped.get("e:")) and amounts.isdisjoint(theirs))
            if language and member.language and language != member.language:
                if differ_amounts:
                    return True
                their_events, their_days = member.event_days
                if events and their_events and days.isdisjoint(their_days):
                    return True
            elif differ_amounts and dates and (theirs := grouped.get("d:")) and dates.isdisjoint(theirs):
                return True
        their_names = member.title_names
        if not (names and their_names):
            return False
        across = bool(language and member.language and language != member.language)
        return _unnamed(names, member, across) and _unnamed(their_names, item, across)

    return vetoed


def _differ(a: Fingerprint, b: Fingerprint, kind: str) -> bool:
    """Both name features of `kind` (one of fingerprint.COMPARED_KINDS) and share none: two events on other days,
    or in other places."""
    left, right = a.features_by_kind.get(kind), b.features_by_kind.get(kind)
    return bool(left and right and left.isdisjoint(right))


# An item is compared with every member of its candidate stories, each member with many items: what
# depends on one fingerprint's features alone is computed once per feature set (the cache holds the
# sets of about the last batch's candidates; equal sets give equal values, so no decision changes).
@lru_cache(maxsize=4096)
def _total_weight(features: frozenset[str]) -> float:
    return _weight(features)


def _weight(features: frozenset[str]) -> float:
    return sum(COUNTRY_WEIGHT if _country(feature) else FEATURE_WEIGHTS.get(feature[0], 1.0) for feature in features)



def choose_primary(members: Sequence[tuple[MemberRef, Fingerprint]]) -> MemberRef:
    """The name (`MemberRef`, the store's) of the member a story is published as.

    The original beats a re-publication (an item that says "Quelle: …" or explicitly refers
    to another member), then the earliest dated, then the richest text; ties go to the source id
    and key so that the choice depends on the members only, never on arrival order.
    """
    urls = {member.url for _, member in members}

    def rank(entry: tuple[MemberRef, Fingerprint]) -> tuple[bool, bool, object, int, str, str]:
        _, member = entry
        copy = member.republication or any(ref in urls and ref != member.url for ref in member.references)
        return (copy, not member.dated, member.published, -member.text_length, member.source_id, member.key)

    return min(members, key=rank)[0]
