"""The text a tagger reads: the platforms' boilerplate removed, split into title and body."""

from __future__ import annotations

import re

from feeds.config.taxonomy import CountryRules

LIST_MARKER = re.compile(r"^[\s\-*•·#>]+")


class Boilerplate:
    """Drops metadata, credit and navigation lines and the platforms' own names."""

    def __init__(self, rules: CountryRules):
        self.prefixes = tuple(prefix.lower() for prefix in rules.boilerplate_lines)
        phrases = sorted(rules.boilerplate_phrases, key=len, reverse=True)
        # any run of white space (a line break inside the name, too) matches a space of the phrase
        pattern = "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in phrases)
        self.phrases = re.compile(pattern, re.IGNORECASE) if phrases else None

    def strip(self, text: str) -> str:
        kept = [line for line in text.splitlines()
                if not LIST_MARKER.sub("", line).lower().startswith(self.prefixes)]
        cleaned = "\n".join(kept)
        # a full stop keeps the words around a removed name from forming a new name
        return self.phrases.sub(" . ", cleaned) if self.phrases else cleaned
