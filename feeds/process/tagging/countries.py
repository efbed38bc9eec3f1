"""Countries found in a text, scored so that the subject outweighs a passing mention.

Each mention weighs by what it is (a name counts more than a city, "European" very
little), where it is (title, lead, body) and what precedes it ("such as Japan" is an
example, not the subject). Ambiguous words follow their rule from countries.yaml. The
score of a country becomes a confidence in 0..1; countries far behind the main one lose
confidence, because a text about Poland that names Japan once is not about Japan.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from feeds.config.taxonomy import CountryRules
from feeds.process.logistic import Logistic
from feeds.process.tagging import country_model
from feeds.process.tagging.gazetteer import KINDS, Gazetteer, Mention, Words, tokenize, written_small

TITLE_WEIGHT = 2.0
LEAD_WEIGHT = 1.3
LEAD_TOKENS = 60
PASSING_WEIGHT = 0.3
LIST_WEIGHT = 0.1  # a country in an enumeration of LIST_LENGTH or more: eligible, participating, surveyed
LIST_LENGTH = 3
VENUE_WEIGHT = 0.3  # a city where something takes place ("held in Bucharest")
EU_VENUE_WEIGHT = 0.15  # Brussels, Strasbourg, Luxembourg as the seat of an EU event: a weak EU signal
COMPOUND_MIN = 5  # event words this long also end compounds ("Mitgliedertreffen")
CUE_WINDOW = 6  # tokens before a mention in which a passing cue counts ("wie in A oder den B")
ACTOR_FACTOR = 1.5  # an adjective right before an actor ("Polish clusters") names who acts
ACTOR_WINDOW = 3
NEGATION_WINDOW = 2
EVENT_WINDOW = 8  # words before "in <city>" in which an event word makes the city a venue
SATURATION = 1.5  # score at which confidence reaches 1 - 1/e: one passing body mention stays at 0.49
MINOR_SHARE = 0.25  # below this share of the main country's score a country is a side note ...
MINOR_MAX_COUNTRIES = 3  # ... unless the text names many countries (a list of partners is no side note)
MINOR_FACTOR = 0.6
PASSING_CAP = 0.49  # the confidence of a country named in passing: below the threshold (0.5)
PASSING_MAX_COUNTRIES = country_model.MAX_COUNTRIES  # a text naming more names its actors once each
# One project in a title ("Interreg-Projekt", "un projet franco-italien", "Interreg project helps"), not a
# call for projects ("Projektaufruf", "appel à projets") nor the projects a programme approves.
ONE_PROJECT = re.compile(r"(?<![\w-])(?:\w+-)?(?:projekt|project|projet)(?![\w-])", re.IGNORECASE)
SUBSTANTIVE_WEIGHT = country_model.SUBSTANTIVE_WEIGHT  # a mention this heavy after its role names the country
EU = "eu"
SENTENCE_END = frozenset(".!?:;\n")
# Capitalised at the start of a sentence, these stand before a place, not before a surname.
SENTENCE_OPENERS = frozenset("in im aus nach von bei mit für from to for with at by the a an die der das den le la "
                             "les en au aux à de du des et and und".split())


@dataclass(frozen=True)
class _Evidence:
    """One mention of a country as it counts: `score` with the place's weight, `weight` without it."""
    code: str
    score: float
    weight: float
    in_title: bool
    in_lead: bool
    actor: bool


@dataclass(frozen=True)
class CountryScore:
    code: str
    score: float
    confidence: float


class CountryFinder:
    def __init__(self, gazetteer: Gazetteer, rules: CountryRules):
        self.gazetteer = gazetteer
        self.cue_starts: dict[str, list[tuple[str, ...]]] = {}
        for cue in rules.passing_cues:
            words = tuple(tokenize(cue).lower)
            if words:
                self.cue_starts.setdefault(words[0], []).append(words)
        self.venue_cues = sorted({tuple(tokenize(cue).lower) for cue in rules.venue_cues} - {()}, key=len,
                                 reverse=True)
        self.list_cues = sorted({tuple(tokenize(cue).lower) for cue in rules.list_cues} - {()}, key=len,
                                reverse=True)
        self.actor_words = frozenset(word.lower() for word in rules.actor_words)
        self.venue_prepositions = frozenset(word.lower() for word in rules.venue_prepositions)
        self.event_words = frozenset(word.lower() for word in rules.event_words)
        self.eu_venues = {tuple(tokenize(name).lower) for name in rules.eu_venues}
        self.negations = frozenset(word.lower() for word in rules.negations)
        # German compounds end in their event word: "Netzwerktreffen", "Clusterkonferenz"
        self.compound_events = tuple(word for word in self.event_words if len(word) >= COMPOUND_MIN)
        joining = [re.escape(s) for s in rules.list_separators if s[:1].isalpha()]
        marks = "".join(re.escape(s) for s in rules.list_separators if not s[:1].isalpha())
        # "Spain (180), France (150)": a short parenthesis inside a list; "et l'Italie": no boundary after "'"
        self.separators = re.compile(rf"(?:[\s{marks}]|\([^()\n]{{0,24}}\)|\b(?:{'|'.join(joining) or '(?!)'})"
                                     rf"(?:(?<=['’])|\b))*", re.IGNORECASE)

    def scores(self, title: Words, body: Words, language: str | None,
               model: Logistic | None = None) -> list[CountryScore]:
        """Country codes with score and confidence (the country model's probability), most confident first."""
        found_scores = [CountryScore(code, score, round(country_model.probability(values, model), 3))
                        for code, (score, values) in self.inputs(title, body, language).items()]
        return sorted(found_scores, key=lambda s: (-s.confidence, s.code))

    def inputs(self, title: Words, body: Words, language: str | None) -> dict[str, tuple[float, dict[str, float]]]:
        """Per country found: its summed score and the country model's inputs (country_model.py), among
        them the rule's confidence: the score saturating, side notes and passing mentions capped."""
        by_country: dict[str, list[_Evidence]] = defaultdict(list)
        for found in self._evidence(title, body, language):
            by_country[found.code].append(found)
        if not by_country:
            return {}
        totals = {code: sum(found.score for found in evidence) for code, evidence in by_country.items()}
        main = max(totals.values())
        result = {}
        for code, score in totals.items():
            confidence = 1 - math.exp(-score / SATURATION)
            if score < MINOR_SHARE * main and len(totals) <= MINOR_MAX_COUNTRIES:
                confidence *= MINOR_FACTOR
            passing = len(totals) <= PASSING_MAX_COUNTRIES and _named_in_passing(code, by_country[code])
            if passing:
                confidence = min(confidence, PASSING_CAP)
            result[code] = (score, country_model.inputs(code, by_country[code], totals, confidence, passing,
                                                        len(body)))
        return result

    def _evidence(self, title: Words, body: Words, language: str | None) -> list[_Evidence]:
        """Every mention with what it counts for: its role in its sentence and in the whole text."""
        lowered = f"{title.source}\n{body.source}".lower()
        parts = [(words, base, [mention for mention in self.gazetteer.mentions(words)
                                if not _common_word_here(mention, words, title, body)])
                 for words, base in ((title, TITLE_WEIGHT), (body, 1.0))]
        roles = [self._roles(words, mentions, in_body=base == 1.0) for words, base, mentions in parts]
        venues = self._venue_forms(parts, roles)
        # the guide: a story about an EU programme or an EU platform's event is about the EU; one the title
        # names is the story's, one the text names is co-funding in passing, and so is one the title names
        # beside the one project it funds (the partners' story)
        programme_in_title = not ONE_PROJECT.search(title.source)
        found: list[tuple[Mention, float, float, str | None, bool]] = []
        for (words, base, mentions), mention_roles in zip(parts, roles, strict=True):
            cue_ends = self._cue_ends(words)
            for mention, role in zip(mentions, mention_roles, strict=True):
                weight = self._weight(mention, words, lowered, language, cue_ends)
                if mention.sense.kind == "eu-programme" and base != 1.0 and weight and programme_in_title:
                    weight = KINDS["eu"][0]
                form = tuple(words.lower[mention.first:mention.end])
                if role is None and form in venues and (mention.sense.kind == "city" or venues[form] == "eu-venue"):
                    role = venues[form]
                at_place = self._at_place(words, mention)
                found.append((mention, base, weight, role, at_place))
        # A country named only by cities where something happens ("sign an agreement in Toulouse", "take
        # stock in Lisbon") is a venue, even without an event word, when the text names another country's
        # actors (or the EU's): no actor of its own is named. Alone, it is where the story is ("retailers
        # in Lombardy").
        only_places: dict[str, bool] = {}
        for mention, _, weight, role, at_place in found:
            if weight:
                code = mention.sense.code
                only_places[code] = only_places.get(code, True) and mention.sense.kind == "city" and (
                    role == "venue" or (role is None and at_place))
        actors = {code for code, places in only_places.items() if not places}
        evidence = []
        for mention, base, weight, role, _ in found:
            code = mention.sense.code
            if role is None and only_places.get(code) and actors - {code}:
                role = "venue"
            if role == "list":
                weight *= LIST_WEIGHT
            elif role == "eu-venue":
                code, weight = "eu", EU_VENUE_WEIGHT
            elif role == "venue":
                weight *= VENUE_WEIGHT
            elif role == "actor":
                weight *= ACTOR_FACTOR
            if weight:
                in_lead = base == 1.0 and mention.first < LEAD_TOKENS
                evidence.append(_Evidence(code, weight * base * (LEAD_WEIGHT if in_lead else 1.0), weight,
                                          base != 1.0, in_lead, role == "actor"))
        return evidence

    @staticmethod
    def _venue_forms(parts: list[tuple[Words, float, list[Mention]]],
                     roles: list[list[str | None]]) -> dict[tuple[str, ...], str]:
        """One sense per discourse: a place the text names at least as often as a venue as otherwise is a
        venue wherever it names it ("Luxembourg hosts EU ministers" after "met in Luxembourg"; "at BAU in
        Munich" in the title, "held in Munich" in the text); named mostly otherwise, it is not."""
        seen: dict[tuple[str, ...], list[str | None]] = defaultdict(list)
        for (words, _, mentions), found in zip(parts, roles, strict=True):
            for mention, role in zip(mentions, found, strict=True):
                seen[tuple(words.lower[mention.first:mention.end])].append(role)
        venues = {}
        for form, form_roles in seen.items():
            venue_roles = [role for role in form_roles if role in {"venue", "eu-venue"}]
            if venue_roles and 2 * len(venue_roles) >= len(form_roles):
                venues[form] = "eu-venue" if "eu-venue" in venue_roles else "venue"
        return venues

    def _roles(self, words: Words, mentions: list[Mention], in_body: bool) -> list[str | None]:
        """What each mention is in its sentence: in a list, an EU venue, a venue, an actor's adjective, or
        None (a plain mention)."""
        listed = self._listed(words, mentions) if in_body else set()
        roles: list[str | None] = []
        for index, mention in enumerate(mentions):
            if mention.sense.kind == "organisation":
                roles.append(None)  # an organisation named is an actor, in a list of signatories too
            elif mention.sense.kind == "adjective" and self._before_actor(words, mention) and not (
                    in_body and _in_proper_name(words, mention)):
                roles.append("actor")
            elif index in listed:
                roles.append("list")
            elif self._eu_venue(words, mention):
                roles.append("eu-venue")
            elif mention.sense.kind == "city" and self._after_venue_cue(words, mention):
                roles.append("venue")
            else:
                roles.append(None)
        return roles

    def _weight(self, mention: Mention, words: Words, lowered: str, language: str | None,
                cue_ends: list[int]) -> float:
        sense = mention.sense
        rule = sense.rule
        if rule is not None:
            if rule.languages and language not in rule.languages:
                return 0.0
            if mention.first and words.text[mention.first - 1] in rule.not_after:
                return 0.0
            if rule.only_after and (not mention.first
                                    or words.lower[mention.first - 1] not in {w.lower() for w in rule.only_after}):
                return 0.0
            if rule.not_near and any(word.lower() in lowered for word in rule.not_near):
                return 0.0
            if rule.person_name and _next_to_name(words, mention):
                return 0.0
        if self.negations.intersection(words.lower[max(0, mention.first - NEGATION_WINDOW):mention.first]):
            return 0.0  # "keine österreichische Organisation", "no Italian partner"
        weight = sense.weight
        if any(mention.first - CUE_WINDOW <= end < mention.first for end in cue_ends):
            weight *= PASSING_WEIGHT
        return weight

    def _listed(self, words: Words, mentions: list[Mention]) -> set[int]:
        """Indexes of the mentions that stand in an enumeration of LIST_LENGTH or more countries: a list
        is not the subject, unless it stands in the first sentence without a cue such as "including"."""
        listed: set[int] = set()
        run = [0]
        opening = self._first_sentence_end(words)
        for index in range(1, len(mentions) + 1):
            if index < len(mentions):
                between = words.source[words.end(mentions[index - 1].end - 1):words.start(mentions[index].first)]
                if self.separators.fullmatch(between):
                    run.append(index)
                    continue
            start = mentions[run[0]].first
            if len({mentions[i].sense.code for i in run}) >= LIST_LENGTH and (
                    start >= opening or self._after_list_cue(words, start)):
                listed.update(run)
            run = [index]
        return listed

    def _first_sentence_end(self, words: Words) -> int:
        """Index of the first word after the text's first sentence."""
        end = next((offset for offset, char in enumerate(words.source) if char in SENTENCE_END), len(words.source))
        return next((index for index in range(len(words)) if words.start(index) > end), len(words))

    def _after_list_cue(self, words: Words, first: int) -> bool:
        lower = words.lower[max(0, first - CUE_WINDOW):first]
        return any(tuple(lower[start:start + len(cue)]) == cue for cue in self.list_cues
                   for start in range(len(lower)))

    def _before_actor(self, words: Words, mention: Mention) -> bool:
        """"Polish clusters", "koreanischer Batteriehersteller": the adjective names an actor; so does a
        French adjective after its noun ("entreprises françaises", "le ministère lituanien")."""
        if mention.first and words.lower[mention.first - 1] in self.actor_words:
            return True
        following = words.lower[mention.end:mention.end + ACTOR_WINDOW]
        return any(word in self.actor_words or word.endswith(("cluster", "hersteller", "unternehmen", "partner"))
                   for word in following)

    def _after_venue_cue(self, words: Words, mention: Mention) -> bool:
        """"held in X", "reist nach X"; "in X" with an event word shortly before, in the same sentence; or an
        event named after its city ("Hannover Messe", "Lisbon Summit")."""
        lower, first = words.lower, mention.first
        if mention.end < len(lower) and self._event_word(lower[mention.end]):
            return True
        if any(tuple(lower[max(0, first - len(cue)):first]) == cue for cue in self.venue_cues):
            return True
        if not first or lower[first - 1] not in self.venue_prepositions:
            return False
        start = max(0, first - 1 - EVENT_WINDOW)
        sentence = words.source[words.start(start):words.start(first - 1)]
        cut = max(sentence.rfind(mark) for mark in SENTENCE_END)
        return any(self._event_word(word) for word in tokenize(sentence[cut + 1:]).lower)

    def _at_place(self, words: Words, mention: Mention) -> bool:
        """"in Toulouse", "à Strasbourg": where something happens, unless it is where an actor sits
        ("the aerospace cluster in Toulouse")."""
        first = mention.first
        if first < 1 or words.lower[first - 1] not in self.venue_prepositions:
            return False
        return first < 2 or words.lower[first - 2] not in self.actor_words

    def _event_word(self, word: str) -> bool:
        return word in self.event_words or (word.endswith(self.compound_events)
                                            and not word.startswith(self.compound_events))

    def _eu_venue(self, words: Words, mention: Mention) -> bool:
        """Brussels, Strasbourg (and Luxembourg after "in", "à", …) as where an EU body meets."""
        form = tuple(words.lower[mention.first:mention.end])
        if form not in self.eu_venues:
            return False
        before = words.lower[mention.first - 1] if mention.first else ""
        return mention.sense.kind == "city" or before in self.venue_prepositions or self._after_venue_cue(
            words, mention)

    def _cue_ends(self, words: Words) -> list[int]:
        """Indexes of the words that end a passing cue ("such as", "wie in")."""
        ends = []
        lower = words.lower
        for index, word in enumerate(lower):
            for cue in self.cue_starts.get(word, ()):
                if tuple(lower[index:index + len(cue)]) == cue:
                    ends.append(index + len(cue) - 1)
        return ends


def _common_word_here(mention: Mention, words: Words, title: Words, body: Words) -> bool:
    """A city or region of one word that the item also writes in small letters after an article or a preposition
    (`gazetteer.written_small`): there the word is a common word, and so it is with a capital at a sentence's start
    or in a title ("Cork exports set a record" beside "made of cork", French "Liège : …" beside "le liège catalan"),
    not the place (round 83 of story judgement)."""
    if mention.sense.kind not in {"city", "region"} or mention.end - mention.first != 1:
        return False
    return written_small(words.text[mention.first], title.source, body.source)


def _named_in_passing(code: str, evidence: list[_Evidence]) -> bool:
    """A country named once in substance (plain, organisation, actor), not in the title, is a side
    note: an organisation cited as a method's source, a comparison without a cue word. A country keeps
    it when that one mention opens the text or names an actor; `eu` needs more: one EU word in the lead
    ("with new EU rules on the way") is the frame of the story, not its subject."""
    substantive = [found for found in evidence if found.weight >= SUBSTANTIVE_WEIGHT]
    if len(substantive) > 1 or any(found.in_title for found in evidence):
        return False
    if code == EU:
        return len(evidence) == 1 and evidence[0].score < SATURATION
    return not any(found.in_lead or found.actor for found in substantive)


def _in_proper_name(words: Words, mention: Mention) -> bool:
    """"Danish Technological Institute", "Austrian Business Agency": a capitalised adjective before a
    capitalised word is part of an organisation's name, not an actor's nationality ("Polish clusters")."""
    return (mention.end < len(words) and words.text[mention.first][:1].isupper()
            and words.text[mention.end][:1].isupper())


def _next_to_name(words: Words, mention: Mention) -> bool:
    """A capitalised word right after, or right before: a person's name ("Peter Holland", "Jordan
    Miller"). A capitalised word that opens a sentence counts too, unless it is a preposition or an
    article ("In Jordan", "Aus Holland")."""
    text, source = words.text, words.source
    if mention.end < len(words):
        following = text[mention.end]
        between = source[words.end(mention.end - 1):words.start(mention.end)]
        if following[0].isupper() and not following.isupper() and not between.strip():
            return True
    if not mention.first or not text[mention.first - 1][0].isupper():
        return False
    previous = text[mention.first - 1]
    before = source[:words.start(mention.first - 1)].rstrip()
    opens_sentence = not before or before[-1] in SENTENCE_END
    return not opens_sentence or (previous.lower() not in SENTENCE_OPENERS and not previous.isupper())
