"""The vetoes as story assignment asks them (ingest speed, round 12): `titles_disagree` and `figures_disagree` ask each
property's own first condition before reading it and take the rest from values each fingerprint keeps
(`Fingerprint.features_by_kind`, `Fingerprint.event_days`); `exact_with` reads the item's side once. Each gives what the
definitions written out here give, on every pair of blind sets 2-5 (measured long ago) and on pairs made to trip each
veto. `vetoed_with`, asked before `vote` (round 13), refuses a pair exactly where the actors or the figures do."""

from __future__ import annotations

import unicodedata
from collections import Counter
from itertools import combinations

import pytest

from feeds.process.dedup import Fingerprint
from feeds.process.dedup.evaluation import parse_labelled
from feeds.process.dedup.fingerprint import COMPARED_KINDS
from feeds.process.dedup.scoring import (
    Evidence,
    evidence,
    exact_with,
    figures_disagree,
    is_exact,
    titles_disagree,
    vetoed_with,
    vote,
)
from feeds.process.dedup.terms import is_rare_name
from tests.support.labelled import Constant, fingerprints, items
from tests.support.paths import DATA


def _of_kind(print_: Fingerprint, kind: str) -> frozenset[str]:
    return frozenset(feature for feature in print_.features if feature.startswith(kind))


def _differ(a: Fingerprint, b: Fingerprint, kind: str) -> bool:
    left, right = _of_kind(a, kind), _of_kind(b, kind)
    return bool(left and right and not left & right)


def _folded(word: str) -> str:
    """Accents dropped and spellings folded (ph, th, sch, qu, k, z, y, ß)."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))
    for written, alike in (("ph", "f"), ("th", "t"), ("sch", "s"), ("qu", "c"), ("k", "c"), ("z", "c"), ("y", "i"),
                           ("ß", "ss")):
        folded = folded.replace(written, alike)
    return folded


def _stem(word: str) -> str:
    """The first seven letters, folded."""
    folded = _folded(word)
    return folded[:7] if len(folded) >= 7 else ""


def _other_form_named(word: str, other: Fingerprint) -> bool:
    """Round 71: a rare capitalised name of `other` whose folded first five letters are the word's and whose folded
    length is at most two letters from its own."""
    mine = _folded(word)
    return len(mine) >= 5 and any(
        len(theirs) >= 5 and theirs[:5] == mine[:5] and abs(len(theirs) - len(mine)) <= 2
        for theirs in (_folded(feature[2:]) for feature in other.features
                       if feature.startswith("p:") and is_rare_name(feature[2:])))


def _unnamed(names: frozenset[str], other: Fingerprint, across: bool = False) -> bool:
    def forms(word: str) -> set[str]:  # the word, its parts of four letters or more, without a final "s" or "n"
        alike = {word} | {part for part in word.split("-") if len(part) >= 4}
        return alike | ({word[:-1]} if len(word) >= 4 and word[-1] in "sn" else set())

    def demonym_named(name: str) -> bool:  # `g:lv=latvian`: the word, the country or a place of it (round 54)
        country, _, word = name.partition("=")
        return word in other.terms or f"p:{word}" in other.features or any(
            feature == country or feature.startswith(country + "/") for feature in other.features)

    demonyms = {name for name in names if name.startswith("g:") and "=" in name}
    if any(not demonym_named(name) for name in demonyms):
        return True
    words = {name[2:] if name[:2] in ("a:", "p:") else name for name in names - demonyms}
    bare = other.features | other.terms
    stems = {_stem(term) for term in other.terms} - {""} if across else set()  # two languages: round 53
    return any(not ({form for word_form in forms(word) for form in (word_form, f"a:{word_form}", f"p:{word_form}")}
                    & bare) and _stem(word) not in stems and not (across and _other_form_named(word, other))
               for word in words)


def _across(a: Fingerprint, b: Fingerprint) -> bool:
    return bool(a.language and b.language and a.language != b.language)


def _event_dates_differ(a: Fingerprint, b: Fingerprint) -> bool:
    def dates_and_own(print_: Fingerprint) -> tuple[frozenset[str], frozenset[str]]:
        own = frozenset({"d:" + print_.published.date().isoformat()}) if print_.dated else frozenset()
        return _of_kind(print_, "d:"), own

    (a_dates, a_own), (b_dates, b_own) = dates_and_own(a), dates_and_own(b)
    return bool(a_dates - a_own and b_dates - b_own and not (a_dates | a_own) & (b_dates | b_own))


def _titles_disagree(found: Evidence) -> bool:
    a, b = found.pair
    # at a fair, a matchmaking named against a title that names no meeting at all (round 75)
    matchmaking_apart = a.at_a_fair and b.at_a_fair and sorted((a.matchmaking, b.matchmaking)) == [0, 2]
    return bool(found.stages_differ or found.actors_differ or found.places_in_titles_differ or matchmaking_apart)


def _figures_disagree(a: Fingerprint, b: Fingerprint, found: Evidence) -> bool:
    if found.addresses_apart:
        return True
    if a.language and b.language and a.language != b.language:
        return _differ(a, b, "e:") or _event_dates_differ(a, b)
    return _differ(a, b, "e:") and _differ(a, b, "d:")


@pytest.fixture(scope="module")
def labelled_pairs() -> list[tuple[Fingerprint, Fingerprint]]:
    pairs = []
    for number in range(2, 6):
        labelled = parse_labelled((DATA / f"dedup_blind{number}.jsonl").read_text(encoding="utf-8").splitlines())
        prints = list(fingerprints(labelled).values())
        pairs += [pair for first, second in combinations(prints, 2) for pair in ((first, second), (second, first))]
    return pairs


@pytest.mark.slow
def test_the_vetoes_give_what_their_definitions_give_on_every_labelled_pair(
        labelled_pairs: list[tuple[Fingerprint, Fingerprint]]) -> None:
    seen: Counter[str] = Counter()
    for a, b in labelled_pairs:
        # each asked first of a fresh pair, as story assignment asks it
        assert titles_disagree(evidence(a, b)) == _titles_disagree(evidence(a, b))
        assert figures_disagree(evidence(a, b)) == _figures_disagree(a, b, evidence(a, b))
        found = evidence(a, b)
        across = _across(a, b)
        assert found.actors_differ == (_unnamed(a.title_names, b, across) and _unnamed(b.title_names, a, across))
        assert found.event_dates_differ == _event_dates_differ(a, b)
        assert (found.amounts_differ, found.dates_differ, found.places_differ) \
            == (_differ(a, b, "e:"), _differ(a, b, "d:"), _differ(a, b, "g:"))
        assert exact_with(a)(b) == is_exact(a, b)
        seen.update(name for name, value in (
            ("titles", _titles_disagree(found)), ("figures", _figures_disagree(a, b, found)),
            ("actors", found.actors_differ), ("stages", found.stages_differ),
            ("event dates", found.event_dates_differ), ("exact", is_exact(a, b))) if value)
    # the comparison covers pairs each veto refuses, not only pairs none does
    assert all(seen[name] >= 2 for name in ("titles", "figures", "actors", "stages", "event dates", "exact")), seen


@pytest.mark.slow
def test_vetoed_with_refuses_a_pair_exactly_where_the_actors_or_the_figures_alone_do(
        labelled_pairs: list[tuple[Fingerprint, Fingerprint]]) -> None:
    """Ingest speed, round 13: what story assignment asks before `vote`; a pair it refuses `vote` gives 0.0."""
    refused = 0
    for a, b in labelled_pairs:
        cross = bool(a.language and b.language and a.language != b.language)
        figures = (_differ(a, b, "e:") or _event_dates_differ(a, b)) if cross \
            else _differ(a, b, "e:") and _differ(a, b, "d:")
        actors = bool(a.title_names and b.title_names and _unnamed(a.title_names, b, cross)
                      and _unnamed(b.title_names, a, cross))
        vetoed = vetoed_with(a)(b)
        assert vetoed == (figures or actors)
        if vetoed:
            refused += 1
            assert vote(a, b, Constant(1.0)) == 0.0
    assert refused >= len(labelled_pairs) // 10, (refused, len(labelled_pairs))


def test_features_by_kind_holds_each_compared_feature_under_its_kind(
        labelled_pairs: list[tuple[Fingerprint, Fingerprint]]) -> None:
    for print_ in {id(a): a for a, _ in labelled_pairs}.values():
        grouped = print_.features_by_kind
        assert set(grouped) <= set(COMPARED_KINDS)
        for kind in COMPARED_KINDS:
            assert grouped.get(kind, frozenset()) == _of_kind(print_, kind)
            assert kind not in grouped or grouped[kind]  # a kind it names none of is not there


RELEASE = {"id": "release", "url": "https://netz.example/presse/tagung", "platform": "netz", "language": "de",
           "published": "2019-03-04", "title": "Tagung der Netzwerke in Kiel",
           "text": "Am 12.03.2019 treffen sich die Netzwerke in Kiel. Das Land stellt 250.000 Euro bereit."}
REPORT = {"id": "report", "url": "https://portal.example/news/meeting", "platform": "portal", "language": "en",
          "published": "2019-03-05", "title": "Networks meet in Kiel",
          "text": "On 19 March 2019 the networks meet in Kiel. The state provides EUR 250,000."}
UNDATED = {**REPORT, "id": "undated", "published": None, "url": "https://portal.example/news/2016/meeting",
           "text": "The networks meet in Kiel. The state provides EUR 250,000."}


def test_a_text_whose_only_date_is_its_own_names_no_event_date() -> None:
    prints = fingerprints(items(RELEASE, REPORT, {**REPORT, "id": "own", "text": "On 5 March 2019 the networks met."},
                                UNDATED))
    release, report, own = prints["release"], prints["report"], prints["own"]
    assert release.event_days == (frozenset({"d:2019-03-12"}), frozenset({"d:2019-03-12", "d:2019-03-04"}))
    assert own.event_days == (frozenset(), frozenset({"d:2019-03-05"}))
    assert prints["undated"].event_days == (frozenset(), frozenset())
    assert evidence(release, report).event_dates_differ
    assert figures_disagree(evidence(release, report))
    assert not evidence(release, own).event_dates_differ
    # an undated text whose URL names a year far from the other's publication: refused before the figures
    undated = prints["undated"]
    assert evidence(undated, release).addresses_apart
    assert figures_disagree(evidence(undated, release))
