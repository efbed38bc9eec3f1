"""The linkage rule: which story a new item joins, and which stories that joins together.

Stories used to be the connected components of the pairwise "same story" relation; one weak
bridge then joined unrelated stories into one (an expert-group meeting, a booklet and an alliance
founding, all "European Commission … Brussels … clusters"). A story must stay coherent, so an
item is judged against each candidate story as a whole:

- An item *qualifies* for a story when it matches the story exactly (a shared URL, reference,
  GUID or content hash with any member, or mutual links), or when its mean probability over the
  members reaches `match` and no member is plainly another event (below `floor`), or when it
  matches a strict majority of the members. One strong match alone never pulls an item in.
  A member that shares nothing specific with the item (`scoring.vote`: no evidence, no
  contradiction) abstains when the members that can judge the item match it well (mean at least
  `judged`, none below `floor`); otherwise it votes 0 (round 39).
- It joins the qualifying story it is most likely to belong to: exact evidence first, then the
  highest probability against the primary or, averaged, against the members.
- Other stories join that one only on an exact signal from the item; a single other version when
  it qualifies for the grown story by the same rule; a story of several versions only when its
  primary and the joined story's primary are a strong match. A story never grows by a weak bridge.

This is average linkage with a floor (a story's versions all report one event: an item that one
member plainly contradicts does not join, however well it matches another), or a majority; the
primary is the version readers see. Pure: decisions over fingerprint values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from feeds.model import Assignment, CandidateStory, StoryRef
from feeds.process.dedup.fingerprint import Fingerprint
from feeds.process.dedup.scoring import (
    MODEL,
    MatchOptions,
    PairModel,
    choose_primary,
    exact_with,
    is_exact,
    match_reason,
    probability,
    vetoed_with,
    vote,
)


def assign(item: Fingerprint, stories: Sequence[CandidateStory[StoryRef, Fingerprint]], options: MatchOptions,
           model: PairModel = MODEL) -> Assignment[StoryRef]:
    """Where `item` goes among `stories` (see the module doc for the rule)."""
    exact: list[CandidateStory[StoryRef, Fingerprint]] = []
    qualified: list[tuple[float, CandidateStory[StoryRef, Fingerprint]]] = []
    exact_to_item, vetoed = exact_with(item), vetoed_with(item)
    for story in stories:
        if any(map(exact_to_item, story.members)):
            exact.append(story)
            continue
        chance = _chance(item, story, options, model, vetoed)
        if chance is not None:
            qualified.append((chance, story))
    if exact:
        target, others = exact[0], exact[1:]
    elif qualified:
        best = max(qualified, key=lambda pair: pair[0])
        target, others = best[1], []
    else:
        return Assignment(None)
    merged = [story.ref for story in others]
    grown = CandidateStory(target.ref, target.primary, (*target.members, item))
    for _, story in qualified:
        if story is not target and _joins(story, grown, options, model):
            merged.append(story.ref)
    return Assignment(target.ref, tuple(merged))


def _joins(story: CandidateStory[StoryRef, Fingerprint], target: CandidateStory[StoryRef, Fingerprint],
           options: MatchOptions, model: PairModel) -> bool:
    """Whether another story the item qualified for becomes part of `target`: a single version when
    it qualifies for `target` as a whole, a story of several when the primaries match strongly."""
    if len(story.members) == 1:
        return _chance(story.members[0], target, options, model, vetoed_with(story.members[0])) is not None
    return match_reason(story.primary, target.primary, options, model) in ("exact", "strong")


def _chance(item: Fingerprint, story: CandidateStory[StoryRef, Fingerprint], options: MatchOptions,
            model: PairModel, vetoed: Callable[[Fingerprint], bool]) -> float | None:
    """How likely `item` belongs to `story` when it qualifies by primary or majority, else None.

    Members that match each other exactly (a republication naming its source, a page under two URLs) are
    one version in several copies: they vote once, by their original (round 17).

    A story of one member (most candidates) has one vote: it qualifies exactly when that chance reaches
    `match` (then it is a majority of one, whatever `floor`), and the rule's value is computed directly.

    `vetoed` (`scoring.vetoed_with(item)`) ends most pairs before `vote` builds their evidence: a member it refuses
    votes 0.0, as `vote` would."""
    if len(story.members) == 1:
        member = story.members[0]
        chance = 0.0 if vetoed(member) else probability(item, member, model)
        if not chance >= options.match:
            return None
        return chance if story.members[0] is story.primary else max(probability(item, story.primary, model), chance)
    ballots = [0.0 if vetoed(member) else vote(item, member, model) for member in story.members]
    if not any(ballots) and options.match > 0:
        return None  # every member refuses the item or abstains: no version's vote can reach `match`
    of_primary = next((chance or 0.0 for member, chance in zip(story.members, ballots, strict=True)
                       if member is story.primary), None)
    if of_primary is None:
        of_primary = probability(item, story.primary, model)
    every = _versions(story.members, ballots)
    votes = [chance for chance in every if chance is not None]
    # members that share nothing specific with the item abstain when those that can judge it match it well
    if not (votes and sum(votes) / len(votes) >= options.judged and min(votes) >= options.floor):
        votes = [chance or 0.0 for chance in every]
    agreeing = sum(chance >= options.match for chance in votes)
    mean = sum(votes) / len(votes)
    if (mean >= options.match and min(votes) >= options.floor) or agreeing * 2 > len(votes):
        return max(of_primary, mean)
    return None


def _versions(members: Sequence[Fingerprint], chances: Sequence[float | None]) -> list[float | None]:
    """One chance per group of members joined by exact evidence (connected: a copy of a copy): the chance
    against the group's original (`choose_primary`: not the republication, the earliest, the fullest)."""
    if len(members) == 1:
        return list(chances)
    group = list(range(len(members)))

    def root(index: int) -> int:
        while group[index] != index:
            index = group[index]
        return index

    for later in range(1, len(members)):
        for earlier in range(later):
            if root(earlier) != root(later) and is_exact(members[earlier], members[later]):
                group[root(later)] = root(earlier)
    units: dict[int, list[tuple[int, Fingerprint]]] = {}
    for index, member in enumerate(members):
        units.setdefault(root(index), []).append((index, member))
    return [chances[choose_primary(unit)] for unit in units.values()]
