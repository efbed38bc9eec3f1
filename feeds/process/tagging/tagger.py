"""The tagger: an item's countries and topics, from explicit source metadata and from its text.

Build one `Tagger` per run from the taxonomy values (building the gazetteer takes a
fraction of a second); `tag` and `tag_item` are then pure and fast.

Explicit metadata maps directly with provenance "source" and full confidence:
Kooperation International `countries` (German names, "EU"; "Global" is no country) and
`topics` (feeds/process/metadata.py; `laender`/`themen` in labelled files, see `model.item_metadata`),
ECCP `organisation_country` (alpha-2) and `sectors`, and feed categories.
When editors listed an item's countries or topics (a Kooperation International block),
countries (topics) found only in the text are kept with a confidence capped at
TEXT_CAP_WITH_SOURCE: the editors' choice is the published one. An ECCP organisation's
country is not such a list (the story may be about other countries too), so it caps nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

from feeds.config.taxonomy import Taxonomy
from feeds.model import Item, ItemMetadata, Tag
from feeds.process.kinds import event_kinds
from feeds.process.logistic import Logistic
from feeds.process.metadata import metadata_lines
from feeds.process.sanitize import html_to_text
from feeds.process.tagging import topic_model, topic_words
from feeds.process.tagging.countries import CountryFinder
from feeds.process.tagging.gazetteer import Words, build_gazetteer, tokenize
from feeds.process.tagging.text import Boilerplate
from feeds.process.tagging.topics import TopicEvidence, TopicMatcher

SOURCE_CONFIDENCE = 1.0
CATEGORY_CONFIDENCE = 0.95
TEXT_CAP_WITH_SOURCE = 0.4
COUNTRY_EVIDENCE_MIN = 0.5  # countries counted as evidence for cross-border topics
FUNDING, EVENTS = "funding", "events"
MAX_TEXT_TOPICS = 3  # topics found in the text beyond the strongest three are capped like side notes
MIN_CONFIDENCE = 0.2  # weaker findings are not stored at all
NOT_A_COUNTRY = frozenset({"global", "weltweit", "international", "europa", "europe"})


class Tagger:
    def __init__(self, taxonomy: Taxonomy, *, model: Logistic | None = None,
                 words: topic_words.TopicWords | bool | None = True, with_words: Logistic | None = None):
        """`model`, `words` (the topic-word counts; False: none) and `with_words` default to the fitted
        ones (topic_model.py, topic_words.py); the fitting script passes its own."""
        self.taxonomy = taxonomy
        self.model = model or topic_model.MODEL
        self.words = topic_words.default() if words is True else (words or None)
        self.with_words = with_words or topic_model.WITH_WORDS
        self.gazetteer = build_gazetteer(taxonomy.countries)
        self.countries = CountryFinder(self.gazetteer, taxonomy.countries)
        self.topics = TopicMatcher(taxonomy.topics)
        self.ecosystems = frozenset(topic.slug for topic in taxonomy.topics if topic.group == "ecosystem")
        # topics for which naming several countries is evidence (min_countries in topics.yaml)
        self.cross_border = frozenset(topic.slug for topic in taxonomy.topics if topic.min_countries is not None)
        self.boilerplate = Boilerplate(taxonomy.countries)
        self.known_codes = frozenset(sense.code for sense in self.gazetteer.entries.values())

    def tag(self, title: str, text: str, language: str | None = None,
            metadata: ItemMetadata | None = None, categories: Iterable[str] = ()) -> tuple[Tag, ...]:
        """Tags of one text, strongest first within each kind (countries, then topics)."""
        metadata = {**metadata_lines(text), **(metadata or {})}
        source_countries = self.source_countries(metadata)
        editorial_countries = bool(metadata.get("countries"))
        named = [*self._topic_names(metadata.get("topics", ())), *categories, *metadata.get("sectors", ())]
        source_topics = self.topics.from_categories(named)
        title = self.boilerplate.strip(title)
        body = self.boilerplate.strip(text)
        tags: dict[tuple[str, str], Tag] = {}
        country_cap = TEXT_CAP_WITH_SOURCE if editorial_countries else None
        title_tokens, body_tokens = tokenize(title), tokenize(body)
        for found in self.countries.scores(title_tokens, body_tokens, language):
            confidence = min(found.confidence, country_cap) if country_cap is not None else found.confidence
            tags[("country", found.code)] = Tag("country", found.code, confidence, "text")
        topic_cap = TEXT_CAP_WITH_SOURCE if metadata.get("topics") else None
        found_topics = self._topic_probabilities(title_tokens, body_tokens, tags, language)
        ranked = sorted(found_topics, key=lambda slug: (-found_topics[slug], slug))
        for rank, slug in enumerate(ranked):
            # a text touches many themes; it is about one to three (a fourth only as strong as the third)
            if rank >= MAX_TEXT_TOPICS and found_topics[slug] < found_topics[ranked[MAX_TEXT_TOPICS - 1]]:
                found_topics[slug] = min(found_topics[slug], TEXT_CAP_WITH_SOURCE)
        for slug, confidence in _capped(found_topics, topic_cap).items():
            tags[("topic", slug)] = Tag("topic", slug, confidence, "text")
        for code in source_countries:
            tags[("country", code)] = Tag("country", code, SOURCE_CONFIDENCE, "source")
        for slug in source_topics:
            tags[("topic", slug)] = Tag("topic", slug, CATEGORY_CONFIDENCE, "source")
        kept = [tag for tag in tags.values() if tag.confidence >= MIN_CONFIDENCE]
        return tuple(sorted(kept, key=lambda t: (t.kind, -t.confidence, t.code)))

    def _topic_probabilities(self, title: Words, body: Words, tags: Mapping[tuple[str, str], Tag],
                             language: str | None) -> dict[str, float]:
        """The topic model's probability for every topic the phrase rules find (topic_model.py)."""
        evidence = self._topic_evidence(title, body)
        countries = {code for (kind, code), tag in tags.items()
                     if kind == "country" and code != "eu" and tag.confidence >= COUNTRY_EVIDENCE_MIN}
        words = None
        if self.words is not None and evidence:
            words = self.words.scores(topic_words.words_of(title, body, language), evidence)
        return topic_model.probabilities(evidence, self.ecosystems, countries, self.cross_border, self.model,
                                         event_kinds(title.source, body.source), words, self.with_words)

    def topic_inputs(self, title: str, text: str, language: str | None = None,
                     metadata: ItemMetadata | None = None) -> dict[str, dict[str, float]]:
        """The topic model's inputs for every topic the rules find in a text without editor topics
        (those come from the editor): what scripts/fit_topic_model.py fits the model on."""
        metadata = {**metadata_lines(text), **(metadata or {})}
        if metadata.get("topics"):
            return {}
        title, text = self.boilerplate.strip(title), self.boilerplate.strip(text)
        title_tokens, body_tokens = tokenize(title), tokenize(text)
        countries = {found.code for found in self.countries.scores(title_tokens, body_tokens, language)
                     if found.code != "eu" and found.confidence >= COUNTRY_EVIDENCE_MIN}
        return topic_model.inputs_of(self._topic_evidence(title_tokens, body_tokens), self.ecosystems, countries,
                                     self.cross_border, event_kinds(title, text))

    def _topic_evidence(self, title: Words, body: Words) -> dict[str, TopicEvidence]:
        evidence = self.topics.evidence(title, body)
        call = evidence.get(FUNDING)
        if call is not None and call.title_strong and EVENTS in evidence and not evidence[EVENTS].title_strong:
            del evidence[EVENTS]  # the guide: a call for applications is not an event, whatever it funds
        return evidence

    def tag_item(self, item: Item) -> Item:
        """`item` with its tags computed from title, content (or summary), metadata and categories."""
        text = html_to_text(item.content_html) if item.content_html else item.summary
        tags = self.tag(item.title, text or item.summary, item.language, item.metadata, item.categories)
        return dataclasses.replace(item, tags=tags)

    def source_countries(self, metadata: ItemMetadata) -> list[str]:
        """Country codes the source states: German names in `countries`, an alpha-2 organisation country."""
        codes: list[str] = []
        for name in self._country_names(metadata.get("countries", ())):
            code = self.country_of_name(name)
            if code is not None and code not in codes:
                codes.append(code)
        organisation_country = metadata.get("organisation_country")
        if organisation_country is not None and len(organisation_country.strip()) == 2:
            code = organisation_country.strip().lower()
            if code in self.known_codes and code not in codes:
                codes.append(code)
        return codes


    def country_of_name(self, name: str) -> str | None:
        """The country an editor's name stands for: a name the gazetteer knows whole ("Polen",
        "Tschechische Republik"), else an official long form whose words name one country and
        nothing else ("Republik Korea", "Russische Föderation", "Königreich der Niederlande").
        None for "Global", "Weltweit" and names of no country."""
        if name.strip().lower() in NOT_A_COUNTRY:
            return None
        code = self.gazetteer.country_of(name)
        if code is not None:
            return code
        codes = {mention.sense.code for mention in self.gazetteer.mentions(tokenize(name))
                 if mention.sense.kind in {"name", "override", "adjective", "eu"}}
        return codes.pop() if len(codes) == 1 else None

    def unmapped_metadata(self, metadata: ItemMetadata, text: str = "") -> list[str]:
        """Editor metadata names that map to no country or topic: for operators to add to config/."""
        metadata = {**metadata_lines(text), **metadata}
        names = [name for name in self._country_names(metadata.get("countries", ()))
                 if name.strip().lower() not in NOT_A_COUNTRY and self.country_of_name(name) is None]
        names += [name for name in self._topic_names(metadata.get("topics", ()))
                  if not self.topics.from_categories([name])]
        return names

    def _country_names(self, values: Iterable[str]) -> list[str]:
        return [name for value in values for name in split_known(
            value, lambda name: name.strip().lower() in NOT_A_COUNTRY or self.country_of_name(name) is not None)]

    def _topic_names(self, values: Iterable[str]) -> list[str]:
        return [name for value in values for name in split_known(
            value, lambda name: bool(self.topics.from_categories([name])))]


def split_known(value: str, known: Callable[[str], bool]) -> list[str]:
    """A metadata value split at commas into the names `known` accepts, longest first: "Innovation,
    Netzwerke" is two topics, "Wirtschaft, Märkte" one. A piece nobody knows stays on its own."""
    pieces = [piece.strip() for piece in value.split(",") if piece.strip()]
    names, start = [], 0
    while start < len(pieces):
        for end in range(len(pieces), start, -1):
            candidate = ", ".join(pieces[start:end])
            if end == start + 1 or known(candidate):
                names.append(candidate)
                start = end
                break
    return names


def _capped(found: Mapping[str, float], cap: float | None) -> dict[str, float]:
    return {key: min(value, cap) if cap is not None else value for key, value in found.items()}

