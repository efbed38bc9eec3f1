"""The linkage rule: which story a new item joins, and which stories that joins together.

Stories used to be the connected components of the pairwise "same story" relation; one weak
bridge then joined unrelated stories into one (an expert-group meeting, a booklet and an alliance
founding, all "European Commission … Brussels … clusters"). A story must stay coherent, so an
item is judged against each candidate story as a whole:

- An item *qualifies* for a story when it matches the story exactly (a shared URL, reference,
  GUID or content hash with any member, or mutual links), or when its mean probability over the
  members reaches `match` and no member is plainly another event (below `floor`), or when it
  matches a strict majority of the members. One strong match alone never pulls an item in.
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

from collections.abc import Sequence

from feeds.model import Assignment, CandidateStory, StoryRef
from feeds.process.dedup.fingerprint import Fingerprint
from feeds.process.dedup.scoring import MODEL, MatchOptions, is_exact, match_reason, probability
from feeds.process.logistic import Logistic


def assign(item: Fingerprint, stories: Sequence[CandidateStory[StoryRef, Fingerprint]], options: MatchOptions,
           model: Logistic = MODEL) -> Assignment[StoryRef]:
    """Where `item` goes among `stories` (see the module doc for the rule)."""
    exact: list[CandidateStory[StoryRef, Fingerprint]] = []
    qualified: list[tuple[float, CandidateStory[StoryRef, Fingerprint]]] = []
    for story in stories:
        if any(is_exact(item, member) for member in story.members):
            exact.append(story)
            continue
        chance = _chance(item, story, options, model)
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
           options: MatchOptions, model: Logistic) -> bool:
    """Whether another story the item qualified for becomes part of `target`: a single version when
    it qualifies for `target` as a whole, a story of several when the primaries match strongly."""
    if len(story.members) == 1:
        return _chance(story.members[0], target, options, model) is not None
    return match_reason(story.primary, target.primary, options, model) in ("exact", "strong")


def _chance(item: Fingerprint, story: CandidateStory[StoryRef, Fingerprint], options: MatchOptions,
            model: Logistic) -> float | None:
    """How likely `item` belongs to `story` when it qualifies by primary or majority, else None."""
    chances = [probability(item, member, model) for member in story.members]
    of_primary = next((chance for member, chance in zip(story.members, chances, strict=True)
                       if member is story.primary), None)
    if of_primary is None:
        of_primary = probability(item, story.primary, model)
    agreeing = sum(chance >= options.match for chance in chances)
    mean = sum(chances) / len(chances)
    if (mean >= options.match and min(chances) >= options.floor) or agreeing * 2 > len(chances):
        return max(of_primary, mean)
    return None
