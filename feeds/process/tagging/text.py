"""The text a tagger reads: the platforms' boilerplate removed, split into title and body."""

from __future__ import annotations

import re

from feeds.config.taxonomy import CountryRules

LIST_MARKER = " \t-*•·#>"  # stripped before comparing a line with the boilerplate prefixes


class Boilerplate:
    """Drops metadata, credit and navigation lines and the platforms' own names."""

    def __init__(self, rules: CountryRules):
        self.prefixes = tuple(prefix.lower() for prefix in rules.boilerplate_lines)
        # (first word, pattern) per phrase, longest first; any run of white space (a line break
        # inside the name, too) matches a space of the phrase
        self.phrases = [(phrase.split()[0].lower(), _pattern(phrase))
                        for phrase in sorted(rules.boilerplate_phrases, key=len, reverse=True)]

    def strip(self, text: str) -> str:
        kept = [line for line in text.splitlines()
                if not line.lstrip(LIST_MARKER).lower().startswith(self.prefixes)]
        cleaned = "\n".join(kept)
        lowered = cleaned.lower()
        for first_word, pattern in self.phrases:
            if first_word in lowered:  # a plain search first: most texts name no platform
                # a full stop keeps the words around a removed name from forming a new name
                cleaned = pattern.sub(" . ", cleaned)
        return cleaned


def _pattern(phrase: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in phrase.split()), re.IGNORECASE)
