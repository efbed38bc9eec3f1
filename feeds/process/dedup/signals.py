"""Signals that survive translation: explicit references, and language-independent features.

An explicit reference is an item saying where it came from or where the full text is:
metadata `read_more` (a "Zum Nachlesen" block, a canonical URL, …), a link titled "Quelle",
"Mehr", "Read more", "Zum Nachlesen", a `rel=canonical` link, or a link to a version in
another language (`hreflang`). Ordinary related links are not references: a newsletter links
many stories and must not join them.

Features are what a translator leaves alone: proper names, acronyms, numbers, dates and URLs.
Each feature is a string with a kind prefix (`d:2025-06-12`, `n:2.5`, `a:eccp`, `p:riga`,
`u:example.org/x`) so the scoring can weigh kinds differently; an amount of money is its figure in full
(`n:2500000`) and an `e:2500000` mark beside it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from itertools import pairwise
from urllib.parse import urljoin

from feeds.model import Item
from feeds.process import lemmas
from feeds.process.dates import MONTH, MONTH_WORD, MONTHS, dates_in, without_dates
from feeds.process.dedup import terms as rare_terms
from feeds.process.dedup.names import PlaceNames, concept_of, country_of, country_of_adjective, name_features
from feeds.process.dedup.text import bare_word
from feeds.process.kinds import ORDINAL_WORDS
from feeds.process.patterns import admitted, led_by_class

_REFERENCE_LINK_TITLE = re.compile(
    r"^\s*(quelle|source|zum nachlesen|nachlesen|mehr|mehr erfahren|weiterlesen|read more|more|full story|"
    r"original|canonical|og:url|en savoir plus|lire la suite|english version|deutsche version|version française)"
    r"\b", re.IGNORECASE)
_REFERENCE_LABELS = ("quelle", "source", "zum nachlesen", "nachlesen", "mehr", "mehr erfahren", "weiterlesen",
                     "read more", "more", "full story", "en savoir plus", "lire la suite")
_REFERENCE_LABEL = "(?:" + "|".join(_REFERENCE_LABELS) + ")"
# A labelled block in the content: "<p>Read more: <a href=…>…</a></p>", "<p class=more>Mehr: <a …>",
# or a heading "Zum Nachlesen" followed by a list or paragraph of links — a real heading, or a paragraph
# holding the label alone (a CMS's bold line, or the plain text of a page with its heading flattened).
_LABELLED_BLOCK = re.compile(
    rf"<(h[2-6]|p|div)\b[^>]*>\s*(?:<(?:strong|b)\b[^>]*>\s*)?{_REFERENCE_LABEL}\s*:?\s*(?:</(?:strong|b)>\s*)?"
    rf"</\1>\s*<(ul|ol|p|div)\b[^>]*>(.*?)</\2>"
    rf"|<(p|li|div|dd)\b[^>]*>\s*(?:<(?:strong|b|em|span)\b[^>]*>\s*)?{_REFERENCE_LABEL}\s*:\s*(?:</\w+>\s*)?"
    rf"(.*?)</\4>",
    re.IGNORECASE | re.DOTALL)
# A labelled line inside a block: "…<br>Zum Nachlesen: Clusterplattform Deutschland (14.05.2024):
# Titel – <a href=…>" or "…\nMehr: <a …>". The label opens the line and a colon follows it; the
# links up to the end of the line are its references.
_LABELLED_LINE = re.compile(
    rf"(?:^|<(?:p|li|div|dd|br)\b[^>]*>|\n)\s*(?:<(?:strong|b|em|span)\b[^>]*>\s*)?{_REFERENCE_LABEL}\s*:"
    rf"([^\n]*?)(?=\n|<br\b|</(?:p|li|div|dd)>|$)",
    re.IGNORECASE)
_HREF = re.compile(r"""<a\b[^>]*?\shref=["']([^"']+)["']""", re.IGNORECASE)
# Whether a content may hold a labelled block or line: a label before a colon or a closing tag (`{label}\s*(?::|</)`),
# searched backwards — in the reversed content, a colon or "/<" first (two characters scanned for in C), whitespace,
# then a label reversed. A text holds a match of a pattern of letters, classes and alternatives exactly where its
# reversal holds a match of the reversed pattern; searched forwards, the labels were tried at every letter they begin
# with, and their last letters before a colon are in "https:" (round 9 of the ingest speed)
_LABEL_HINT_REVERSED = re.compile(
    r"(?::|/<)\s*(?:" + "|".join(re.escape(label[::-1]) for label in _REFERENCE_LABELS) + ")", re.IGNORECASE)
_EDITION_BEFORE = re.compile(r"[^\W\d_]{2,}\.?\s$")  # "Report 101", "Nr. 12": a label, then the number
_WORD_AFTER = re.compile(r"\s*[^\W\d_]")  # "250 Partner", "146 projects": the number counts what follows
_TITLE_DASH = re.compile(r"\s[–—-]\s")  # "ECCP Newsletter – highlights"; not a hyphen inside a word
_ISSUE_WORD = re.compile(rf"\b(?:{MONTH}|issue|ausgabe|édition|edition|no|nr|n°)\b\.?|\d+", re.I)
_NEWSLETTER_TITLE = re.compile(r"\b(newsletter|rundbrief|digest|ausgabe \d|issue \d|lettre d'information)\b", re.I)
# a newsletter teaser's run-in head: 8 to 100 characters up to a colon or a sentence's end, then its teaser goes on
_RUN_IN_HEAD = re.compile(r"(\S.{6,98}?\S)\s?[:.!?](?<!\d\.)\s+\S.{20}")
# the title a teaser's link names: "Mehr: <title>", "Read more: <title>", "Lire la suite : <title>" (round 47)
_MORE_LINK = re.compile(r"\b(?:Mehr|Weiterlesen|Zum Artikel|More|Read more|Read the full story|Plus|En savoir plus|"
                        r"Lire la suite)\s?:\s+(\S.{6,98}?)\s*$", re.I)
_ISSUE_HEAD = re.compile(r"\b(?:ausgabe|issue|numéro|édition|liebe|dear|chers?|chères?|hallo|hello|bonjour)\b", re.I)
_FIRST_BLOCK = re.compile(r"<(p|h[1-6])\b[^>]*>(.*?)</\1\s*>", re.I | re.S)  # a body's first paragraph or heading
_TAG = re.compile(r"<[^>]*>")

_MONTH_YEAR = re.compile(rf"{MONTH_WORD}\s+(\d{{4}})\b", re.I)
# the lookaheads before `\b` and the classes first below: what a match begins with (patterns.py), the same matches
# faster (`\d(?<![\w.,]\d)` is `(?<![\w.,])\d`)
_URL = re.compile(led_by_class(("https?://", r"www\."), re.I) + r"[^\s<>\"')\]]+", re.I)
_NUMBER = re.compile(r"\d(?<![\w.,]\d)(?:\d{0,2}(?:[.,\u202f ]\d{3})+(?![\d])|\d*(?:[.,]\d+)?(?![\d]))")
# Number words from ten up, in German, English and French; smaller counts are no feature (_number_feature).
NUMBER_WORDS = {
    **dict.fromkeys(("zehn", "ten", "dix"), 10), **dict.fromkeys(("elf", "eleven", "onze"), 11),
    **dict.fromkeys(("zwölf", "twelve", "douze"), 12), **dict.fromkeys(("fünfzehn", "fifteen", "quinze"), 15),
    **dict.fromkeys(("zwanzig", "twenty", "vingt"), 20), **dict.fromkeys(("dreißig", "thirty", "trente"), 30),
    **dict.fromkeys(("vierzig", "forty", "quarante"), 40), **dict.fromkeys(("fünfzig", "fifty", "cinquante"), 50),
    **dict.fromkeys(("hundert", "hundred", "cent"), 100),
}
# Amounts of money, written either way round and in any of the three languages: "2,5 Mio. Euro",
# "EUR 2.5 million", "2,5 millions d'euros", "€2.5m", "2.500.000 Euro". Their value is one number feature
# (`n:2500000`) and, beside it, an `e:` mark that says the text names that amount of money.
_CURRENCY = r"(?:€|eur(?:o|os)?\b|chf\b)"
_MAGNITUDE = (r"(?:mio\.|millionen\b|million(?:s)?\b|mrd\.|milliarden?\b|milliards?\b|billion(?:s)?\b|bn\b|m\b|"
              r"tsd\.|tausend\b|thousand\b|k\b)")
_AMOUNT_NUMBER = r"(\d{1,3}(?:[.,\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
_AMOUNT = re.compile(  # led by what either way round begins with (patterns.py): a currency or a digit
    rf"(?=[€ec\d])(?:(?<![\w.,]){_CURRENCY}\s?{_AMOUNT_NUMBER}(?:\s?({_MAGNITUDE}))?"
    rf"|(?<![\w.,]){_AMOUNT_NUMBER}(?:\s?({_MAGNITUDE}))?\s?(?:d['’]\s?|de\s)?{_CURRENCY})", re.IGNORECASE)
# Where a currency is written (`_CURRENCY`, found where its second letter stands, or at "€"): one class scanned in C,
# rarer letters than the "e" and "c" it begins with; a text it finds nothing in has no amount (78 % of labelled texts)
_CURRENCY_HINT = re.compile(rf"(?-i:[€{admitted('uh', re.IGNORECASE)}])(?:(?<=€)|(?<=eu)r(?:o|os)?\b|(?<=ch)f\b)",
                            re.IGNORECASE)
_SCALED = re.compile(r"(\d(?<![\w.,]\d)(?:\d{0,2}(?:[.,\u202f ]\d{3})+(?!\d)|\d*(?:[.,]\d+)?))"
                     rf"\s?({_MAGNITUDE})", re.IGNORECASE)
MAGNITUDES = {"mio": 1e6, "million": 1e6, "millionen": 1e6, "millions": 1e6, "m": 1e6, "mrd": 1e9,
              "milliarde": 1e9, "milliarden": 1e9, "milliard": 1e9, "milliards": 1e9, "billion": 1e9,
              "billions": 1e9, "bn": 1e9, "tsd": 1e3, "tausend": 1e3, "thousand": 1e3, "k": 1e3}
# Round 43: amounts whose count is a word ("eine Milliarde Euro", "zwei Millionen Euro", "un milliard d'euros",
# "half a million euros", "einer halben Million Euro"): the same features as "1 Mrd. Euro", "2 Mio. Euro", not the
# count alone ("zwei", "zehn": `NUMBER_WORDS`). Looked for only where a magnitude's "illi" stands.
COUNT_WORDS = {
    **dict.fromkeys(("ein", "eine", "einer", "einen", "einem", "one", "a", "an", "un", "une"), 1.0),
    **dict.fromkeys(("zwei", "two", "deux"), 2.0), **dict.fromkeys(("drei", "three", "trois"), 3.0),
    **dict.fromkeys(("vier", "four", "quatre"), 4.0), **dict.fromkeys(("fünf", "five", "cinq"), 5.0),
    **dict.fromkeys(("sechs", "six"), 6.0), **dict.fromkeys(("sieben", "seven", "sept"), 7.0),
    **dict.fromkeys(("acht", "eight", "huit"), 8.0), **dict.fromkeys(("neun", "nine", "neuf"), 9.0),
    **dict.fromkeys(("eineinhalb", "anderthalb"), 1.5), "zweieinhalb": 2.5, "dreieinhalb": 3.5,
    **{word: float(value) for word, value in NUMBER_WORDS.items()},
}
# a magnitude written as a word, and the count before it: found from the magnitude (rarer than any count word), the
# count read backwards from there
_WORD_MAGNITUDE = re.compile(
    "(" + led_by_class(("million(?:en|s)?", "milliarde?n?", "milliards?", "billion(?:s)?"), re.IGNORECASE)
    + rf")\b(\s?(?:d['’]\s?|de\s|of\s)?{_CURRENCY})?", re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    r"(?<![\w-])(?:(half an?|einer? halben|eine halbe|un demi|halbe[nr]?)\s+|(demi)-|"
    rf"({'|'.join(sorted(COUNT_WORDS, key=len, reverse=True))})\s+)$", re.IGNORECASE)
_ORDINAL_WORD = re.compile("(" + led_by_class(tuple(ORDINAL_WORDS), re.IGNORECASE) + r")\b", re.IGNORECASE)
# Editions and rounds written in figures: "Phase IV", "Clusterwoche III" (a Roman numeral of two letters or more,
# or a lone V or X after a word: "Gaia-X" is a name), "2. Runde" (German: a figure, a full stop, a capitalised word
# that is no month), "3rd round", "3e édition".
_ROMAN = re.compile(r"(?<![\w\-.’'])(?:[IVX]{2,6}|(?<=\w )[VX])(?![\w\-’'])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_NUMBERED = re.compile(
    rf"(?<![\w.,])(\d{{1,2}})(?:\.(?=\s+[A-ZÄÖÜ])|(?:st|nd|rd|th|e|ème|er|re)\b)(?!\s*(?i:{MONTH})\b)")
_NUMBER_WORD = re.compile("(" + led_by_class(tuple(NUMBER_WORDS), re.IGNORECASE) + r")\b", re.IGNORECASE)
_ACRONYM = re.compile(r"[A-ZÄÖÜ](?<!\w.)[A-ZÄÖÜ0-9&-]{1,9}\b")
_TITLE_WORD = re.compile(r"[\w'’-]+")
_CAPITALISED = re.compile(r"[A-ZÄÖÜÉÈ](?<!\w.)[\w'-]{2,}\b")

# Acronyms and names too common in this domain to tell two stories apart.
COMMON_ACRONYMS = frozenset({
    "eu", "eur", "uk", "usa", "us", "ceo", "kmu", "sme", "smes", "pdf", "faq", "ki", "ai", "it", "ict", "r&d",
    "f&e", "ag", "gmbh", "ev", "e.v", "ngo", "www", "html", "ii", "iii", "iv", "cet", "cest", "utc",
    # the platforms' page furniture and the Commission's directorate for clusters, named everywhere
    "vdi", "vde", "vdi/vde", "dg", "grow", "growth",
})
_COMMON_NAME_WORDS = """
cluster clusters clustern cluster- europe european europäische europäischen europäischer europa européen
européenne commission kommission innovation innovations the die der das des den dem ein eine and und for für
with mit les la le une des pour avec this these that dieses diese new neue neuer neues more mehr read news
call calls aufruf programme program programm network netzwerk networks netzwerke partner partners
management workshop online event events veranstaltung conference konferenz week woche day tag days
platform plattform collaboration kooperation international internationale internationalen members
information infos newsletter germany deutschland german deutsche allemagne france french member
in im on at to of by from von zu zur zum bei auf an am um aus über sur dans par
"""
# Month and day names: dates are features of their own, a bare "April" says nothing.
COMMON_NAMES = frozenset(_COMMON_NAME_WORDS.split()) | frozenset(MONTHS) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag freitag "
    "samstag sonntag".split())

# url, date, month, number, amount of money, acronym, proper name, year; place and concept (see names.py)
FEATURE_KINDS = ("u", "d", "m", "n", "e", "a", "p", "y", "g", "c")


def explicit_references(item: Item) -> tuple[str, ...]:
    """URLs the item names as its source, its full text or its other-language version.

    From metadata (`read_more`: "Zum Nachlesen", a canonical URL, …), from links titled "Mehr",
    "Read more", "Quelle", … or pointing to another language, from labelled blocks in the content
    ("Read more: <a>", a "Zum Nachlesen" heading over a list of links), and, for one part of a
    page bundling several (a newsletter's item, metadata `part_of`), from its links: a part's
    links are its "Mehr" links.
    """
    found: list[str] = [link["href"] for link in item.metadata.get("read_more", ())]
    part = bool(item.metadata.get("part_of"))
    for link in item.links:
        title = link.title or ""
        other_language = bool(link.hreflang and item.language and link.hreflang[:2].lower() != item.language)
        if part or _REFERENCE_LINK_TITLE.match(title) or other_language:
            found.append(link.href)
    found.extend(content_references(item.content_html, item.url))
    return tuple(dict.fromkeys(url for url in found if url and url != item.canonical_url))


def content_references(content_html: str, base_url: str) -> list[str]:
    """Absolute URLs of the links in labelled blocks of `content_html` ("Read more: <a …>")."""
    if not content_html or not _LABEL_HINT_REVERSED.search(content_html[::-1]):
        return []
    found: list[str] = []
    for match in _LABELLED_BLOCK.finditer(content_html):
        block = match.group(3) if match.group(3) is not None else match.group(5) or ""
        found.extend(urljoin(base_url, html.unescape(href)) for href in _HREF.findall(block))
    for match in _LABELLED_LINE.finditer(content_html):
        found.extend(urljoin(base_url, html.unescape(href)) for href in _HREF.findall(match.group(1)))
    found = list(dict.fromkeys(found))
    return [url for url in found if url.startswith(("http://", "https://"))]


def is_republication(item: Item) -> bool:
    """True when the item says it reproduces another publisher's text (metadata `origin`, "Quelle: …")."""
    return bool(item.metadata.get("origin"))


def is_newsletter(item: Item) -> bool:
    """A digest of many stories: it joins a story only by an exact signal, never by resemblance (`title_and_digest`)."""
    return title_and_digest(item)[1]


def title_and_digest(item: Item) -> tuple[str, bool]:
    """(the title the item tells its story by, whether it is a digest of many stories).

    A newsletter's teaser of one story ("Newsletter 11/2016: Elf Netzwerke gehen international") is that story,
    not a digest: its headline follows the newsletter's name and a colon (`headline`). So is a page titled only by
    the issue ("Newsletter Clusterplattform Juni 2019") that leads with one story's headline (`lead_headline`, round
    41): that headline is its title. A page its source declares a newsletter is a digest whatever it leads with.
    """
    title = headline(item.title)
    if (item.metadata.get("content_type") or "").lower() == "newsletter":
        return title, True
    if title == item.title and _NEWSLETTER_TITLE.search(title):  # a title that names a newsletter and no story
        lead = lead_headline(item.content_html)
        return (lead, False) if lead else (title, True)
    return title, False


def lead_headline(content_html: str) -> str | None:
    """The headline a page's body leads with: its first paragraph or heading, when that is one line of 8 to 100
    characters that ends neither as a sentence nor as a salutation ("Liebe Leserinnen und Leser,") does. Since round
    47 also a first paragraph that opens with a headline of its own and goes on with its teaser ("Cluster in Kanada:
    Zwölf Clustermanagements waren im Mai …", "Gold Label for Cluj IT Cluster. Our member …"): the title its link
    names ("Mehr: Deutsche Cluster knüpfen Kontakte in Kanada"), or else that run-in head. Not a greeting, nor the
    issue's own words ("In dieser Ausgabe:")."""
    first = _FIRST_BLOCK.search(content_html)
    if first is None:
        return None
    line = " ".join(html.unescape(_TAG.sub(" ", first.group(2))).split())
    if 8 <= len(line) <= 100 and not line.endswith((".", "!", "?", ":", ",", ";")):
        return line
    more = _MORE_LINK.search(line)
    if more and not _URL.match(more.group(1)):
        return more.group(1).rstrip(" .")
    head = _RUN_IN_HEAD.match(line)
    if head and "," not in head.group(1) and not _ISSUE_HEAD.search(head.group(1)):
        return head.group(1)
    return None


def headline(title: str) -> str:
    """The story's own headline in a title that starts with the name of a newsletter issue, after a colon
    ("Newsletter 11/2016: Elf Netzwerke gehen international") or a dash ("ECCP Newsletter – Looking back at
    Liège"). After a dash, an issue's month or number ("Newsletter – März 2021") is no headline."""
    name, colon, rest = title.partition(":")
    if colon and rest.strip() and _NEWSLETTER_TITLE.search(name):
        return rest.strip()
    name, *after = _TITLE_DASH.split(title, maxsplit=1)
    if after and _NEWSLETTER_TITLE.search(name) and _ISSUE_WORD.sub("", after[0]).strip(" .,/–—-"):
        return after[0].strip()
    return title


def features(title: str, text: str, places: PlaceNames | None = None) -> frozenset[str]:
    """Language-independent features of a text: `kind:value` strings (see module doc); `places`: the
    cities and regions known beyond CLDR's (names.PlaceNames)."""
    text = unicodedata.normalize("NFKC", f"{title}\n{text}")
    found: set[str] = set()
    for match in _URL.finditer(text):
        found.add("u:" + _url_feature(match.group(0)))
    stripped = _URL.sub(" ", text)
    found.update("d:" + date for date in dates(stripped))
    for month, year in _MONTH_YEAR.findall(stripped):
        if 1900 < int(year) < 2100:
            month_number = _word_value(MONTHS, month.rstrip("."))
            if month_number is not None:
                found.add(f"m:{year}-{month_number:02d}")
    found.update(name_features(stripped, places))
    money, figures = _amounts(without_dates(stripped))
    found.update(money)
    for match in _NUMBER.finditer(figures):
        number = _number_feature(match.group(0))
        if number is not None and not _named(figures, match.start()):
            found.add(number)
    for match in _NUMBER_WORD.finditer(figures):  # "zwölf Initiativen" in one version, "12" in another
        value = _word_value(NUMBER_WORDS, match.group(0))
        if value is not None:
            found.add(f"n:{value}")
    found.update(_acronyms(stripped, found))
    for written in _CAPITALISED.findall(stripped):
        name = bare_word(written).casefold()
        if len(name) >= 3 and name not in COMMON_NAMES and not written.isupper():
            found.add("p:" + name)
    return frozenset(found)


def _word_value(table: Mapping[str, int], written: str) -> int | None:
    """The value of a word a pattern matched ignoring case (a number, an ordinal, a month), or None: the pattern
    matches "ı" and "İ" as "i" ("fırst"), which `lower` keeps, and such a word is none of the table's."""
    return table.get(written.lower())


def _acronyms(stripped: str, named: set[str]) -> set[str]:
    """The `a:` features of a text without its URLs, whose names (name_features) are `named`; an acronym that is
    an EU concept's name gives the concept's `c:` feature."""
    found = set()
    for written in _ACRONYM.findall(stripped):
        acronym = written.lower().strip("-&")
        if len(acronym) < 2 or acronym in COMMON_ACRONYMS or acronym.isdigit() or "c:" + acronym in named:
            continue
        # an acronym that names an EU concept is that concept, also where the names missed it in a compound
        # ("IPCEI-Vorhaben", "ECCP-Matchmaking"; round 44), and so is one of three letters ("EIB", "FEI"; round 46)
        found.add(concept_of(written.strip("-&")) or "a:" + acronym)
    return found


def _named(text: str, start: int) -> bool:
    """A number written after a word and a hyphen ("Covid-19", "Horizon-2020") is part of a name, not a figure
    two reports of one event share (round 13)."""
    return start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha()


def amounts(text: str) -> set[str]:
    """The amounts of money (`e:2500000` with `n:2500000`) and the figures scaled by a magnitude word
    ("2,5 Millionen", `n:2500000`) that `text` names; the same value whichever way it is written."""
    return _amounts(text)[0]


def _amounts(text: str) -> tuple[set[str], str]:
    """`amounts(text)`, and `text` with those amounts and scaled figures blanked out: each pattern read once
    (`sub` finds the same matches as `finditer`)."""
    found: set[str] = set()

    def money(match: re.Match[str]) -> str:
        number, magnitude = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
        value = _amount_value(number, magnitude)
        if value is not None:
            found.update((f"e:{_figure(value)}", f"n:{_figure(value)}"))
        return " "

    def scaled(match: re.Match[str]) -> str:
        value = _amount_value(match.group(1), match.group(2))
        if value is not None:
            found.add(f"n:{_figure(value)}")
        return " "

    rest = _SCALED.sub(scaled, _AMOUNT.sub(money, text) if _CURRENCY_HINT.search(text) else text)
    return found, (_worded_amounts(rest, found) if "illi" in rest else rest)


def _worded_amounts(text: str, found: set[str]) -> str:
    """Adds to `found` the amounts and figures of `text` whose count is a word ("eine Milliarde Euro", "zehn
    Millionen Tonnen"); `text` with them blanked out."""
    kept: list[str] = []
    end = 0
    for match in _WORD_MAGNITUDE.finditer(text):
        count = _COUNT_BEFORE.search(text, max(end, match.start() - 24), match.start())
        if count is None:
            continue
        half, halved, counted = count.groups()
        value = 0.5 if half or halved else COUNT_WORDS[counted.lower()]
        magnitude, currency = match.groups()
        figure = _figure(round(value * MAGNITUDES[magnitude.lower()], 2))
        found.update((f"e:{figure}", f"n:{figure}") if currency else (f"n:{figure}",))
        kept += (text[end:count.start()], " ")
        end = match.end()
    return "".join(kept) + text[end:] if kept else text


def _figure(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:g}"


def _amount_value(number: str, magnitude: str | None) -> float | None:
    digits = number.replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", digits):  # thousands separators, either convention
        digits = re.sub(r"[.,]", "", digits)
    try:
        value = float(digits.replace(",", "."))
    except ValueError:
        return None
    value = round(value * MAGNITUDES.get((magnitude or "").lower().rstrip("."), 1.0), 2)
    return value if value >= 10 else None


def title_actor_features(title: str, places: PlaceNames | None = None) -> frozenset[str]:
    """The acronyms a title names and the places it names as part of a name (`a:owl`, `g:de/sachsen`):
    actors whose names are short ("it's OWL") or look like a place ("Silicon Saxony", a place after a
    capitalised word that is no place), which the rare words leave out. A common word ("GOLD") or a word of
    the domain ("BMBF") is no actor; a place after a small word ("in Sachsen") is a place, not a name."""
    normalised = unicodedata.normalize("NFKC", title)
    # the acronyms `features(title, "", places)` finds, without its other kinds
    stripped = _URL.sub(" ", f"{normalised}\n")
    found = {feature for feature in _acronyms(stripped, name_features(stripped, places))
             if feature.startswith("a:") and len(feature) >= 5 and rare_terms.is_rare_name(feature[2:])}
    written = _TITLE_WORD.findall(normalised)
    for before, word in pairwise(written):
        if before[:1].isupper() and word[:1].isupper() and not name_features(before, places):
            found.update(feature for feature in name_features(word, places)
                         if feature.startswith("g:") and "/" in feature)
    return frozenset(found)


def foreign_title_names(title: str, language: str | None) -> frozenset[str]:
    """In a German or French title, the capitalised words its language does not know and English does ("Gold
    für das Medical Valley"): an English name — a cluster's, a programme's —, which the rare words miss because
    its words are common in English. As `p:` features, the form a capitalised word of another text takes
    (round 13). Not the first word, not a common or domain word."""
    if language not in ("de", "fr"):
        return frozenset()
    found = set()
    for match in _TITLE_WORD.finditer(unicodedata.normalize("NFKC", title)):
        word = bare_word(match.group(0))
        folded = word.casefold()
        if match.start() and len(word) >= rare_terms.MIN_LETTERS and word[0].isupper() \
                and folded not in COMMON_NAMES and not rare_terms.is_domain(folded) \
                and not lemmas.is_known(folded, language) and lemmas.is_known(folded, "en"):
            found.add("p:" + folded)
    return frozenset(found)


STAND_WORDS = frozenset({"pavillon", "pavilion", "stand", "gemeinschaftsstand"})
EXHIBITOR_WORDS = STAND_WORDS | {"stands", "pavillons", "pavilions", "landesstand", "nationalstand", "messestand",
                                 "aussteller", "ausstellern", "exposants", "exposant", "exhibitors", "exhibitor",
                                 "exhibit", "exhibits", "exhibiting", "exhibition", "exposent", "expose", "ausstellen"}
# Trade fairs and the big fairs European cluster news reports from, as title words (round 33): a title naming one is
# about who is there. General knowledge; a fair's name that is a common word in some language ("CES", "K") is left out.
FAIR_WORDS = frozenset({
    "messe", "fair", "fairs", "salon", "expo", "achema", "agritechnica", "anuga", "automatica", "bauma", "biofach",
    "bio-europe", "biotechnica", "bourget", "compamed", "drupa", "electronica", "eurosatory", "eurotier", "farnborough",
    "formnext", "glasstec", "hannover-messe", "iaa", "ila", "innotrans", "interpack", "intersolar", "interzum", "jec",
    "ligna", "logimat", "medica", "mwc", "pollutec", "productronica", "sial", "sima", "smm", "sps", "vivatech"})


def at_a_fair(title: str) -> bool:
    """A title about a trade fair or who exhibits there: one of its words is a fair's or an exhibitor's."""
    return _names_a_fair(_TITLE_WORD.findall(unicodedata.normalize("NFKC", title)))


# A matchmaking held at a fair, named in a title: "Kooperationsbörse auf der Agritechnica", "B2B matchmaking at Tire
# Technology Expo", "rendez-vous d'affaires internationaux à Pollutec" (dedup round 75); and the looser words a title
# about meetings at a fair may use instead ("meet German partners", "au rendez-vous", "Branchentreff")
_MATCHMAKING = re.compile(
    r"matchmaking|kooperationsbörse|brokerage|\bb2b|rendez-vous d.affaires|rencontres? (?:d.affaires|b2b)"
    r"|business meetings|partnering|cooperation days|technology cooperation|kooperationstag", re.IGNORECASE)
_MEETING = re.compile(r"\bmatch|meet|rendez-vous|rencontr|treff|partner|gespräch|kontakt|cooperation|kooperation",
                      re.IGNORECASE)


def matchmaking_named(title: str) -> int:
    """2 where a title names a matchmaking or business meetings (at a fair, where `at_a_fair` holds too), 1 where it
    names meetings in looser words or a matchmaking beside a stand ("Hessian pavilion and B2B meetings"), 0 where it
    names none."""
    title = unicodedata.normalize("NFKC", title)
    if _MATCHMAKING.search(title):
        stand = any(word.casefold() in EXHIBITOR_WORDS for word in _TITLE_WORD.findall(title))
        return 1 if stand else 2
    return 1 if _MEETING.search(title) else 0


def _names_a_fair(written: Iterable[str]) -> bool:
    """Whether one of a title's words, as written, is a fair's or an exhibitor's."""
    folded = (word.casefold() for word in written)
    return any(word in EXHIBITOR_WORDS or word in FAIR_WORDS or word.endswith(("messe", "-expo")) for word in folded)


def title_places(title: str, places: PlaceNames | None = None, text: str = "") -> frozenset[str]:
    """The listed cities and regions a title names (`g:it/lombardei`; names.PlaceNames), and a country only as the
    owner of a stand: where its story happens or whose actor it is about. Two titles that each name such a place
    the other text never names report two stories (one cluster's agreements with Lombardy and with Andalusia at
    one fair, round 13; two regions' stands at one fair, rounds 30 and 31). `text`, the item's text: a one-word place
    it writes in small letters after an article ("of cork") is a common word in the title too (`names.name_features`,
    round 83)."""
    title = unicodedata.normalize("NFKC", title)
    written = _TITLE_WORD.findall(title)
    found = name_features(title, places, text)
    # a place that begins a compound names whose it is: "Niedersachsen-Stand", "Bayern-Gemeinschaftsstand", the
    # longest such beginning ("Sachsen-Anhalt-Stand" is Saxony-Anhalt's, not Saxony's; round 30)
    for word in written:
        parts = word.strip("-").split("-")
        if len(parts) > 1 and word[:1].isupper() and not name_features(word, places):
            found |= next((named for size in range(len(parts) - 1, 0, -1)
                           if (named := name_features("-".join(parts[:size]), places, text))), set())
    found = {feature for feature in found if feature.startswith("g:") and "/" in feature}
    # a country's pavilion or stand is that country's, though a country named elsewhere in a title is no actor
    # (France and Germany are named in nearly every item): "Pavillon France", "Pavillon Italie" (round 31)
    for before, word in pairwise(written):
        if before[:1].isupper() and word[:1].isupper():
            for stand, country in ((before, word), (word, before)):
                if stand.casefold() in STAND_WORDS and (feature := country_of(country, places)):
                    found.add(feature)
    # in a title about a fair's exhibitors, a country's adjective says whose they are: "85 exposants français",
    # "Polish clusters on the national stand" (round 32), "French packaging companies return to interpack" (round
    # 33); elsewhere a country's angle on one event ("Euroclusters: plusieurs clusters français retenus") is often the
    # angle of one story
    if _names_a_fair(written):
        found.update(feature for word in written if (feature := country_of_adjective(word, places)))
    return frozenset(found)


def title_numbers(title: str) -> frozenset[str]:
    """Numbers in a title that say which edition of a series it is ("Clusterwoche 2019", "Newsletter 06/2025",
    "Report 101:", "Call 2"): years as `y:`, other numbers as `n:`, ordinals as `o:`. A count or an amount ("20 Jahre",
    "mit 250 Partnern", "€1.1 billion", "Covid-19") says what one text chose to count, and two reports of one event
    count different things (round 12): a number of ten or more is an edition only after a word and not before one."""
    found = set()
    for match in _NUMBER.finditer(title):
        feature = _number_feature(match.group(0))
        if feature is None:  # a small number: "Call 2", "Phase 3", "Newsletter 06/2025"
            found.add("n:" + match.group(0).lstrip("0"))
        elif feature.startswith("y:") or (feature[2:].isdigit() and _EDITION_BEFORE.search(title[:match.start()])
                                          and not _WORD_AFTER.match(title[match.end():])):
            found.add(feature)
    for match in _ORDINAL_WORD.finditer(title):
        value = _word_value(ORDINAL_WORDS, match.group(0))
        if value is not None:
            found.add(f"o:{value}")
    for match in _NUMBERED.finditer(title):
        found.add(f"o:{int(match.group(1))}")
    for match in _ROMAN.finditer(title):
        value = roman_value(match.group(0))
        if value is not None:
            found.add(f"o:{value}")
    return frozenset(found)


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral below 40 ("IV" 4, "XII" 12), None for other letters ("VX")."""
    values = [_ROMAN_VALUES[letter] for letter in numeral]
    following = [*values[1:], 0]
    total = sum(-value if value < after else value for value, after in zip(values, following, strict=True))
    return total if 0 < total < 40 and _roman(total) == numeral else None


def _roman(value: int) -> str:
    tens, units = divmod(value, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[units]


def titles_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two titles name different years, other numbers or rounds ("Zweite Runde" / "third call"): a series,
    not one story.

    Only a clash counts: "Conference 2024" and "Conference, 14 May 2024" agree on the year.
    """
    if not a or not b:  # most titles name no number: nothing can clash
        return False
    for kind in ("y:", "n:", "o:"):
        left = {n for n in a if n.startswith(kind)}
        right = {n for n in b if n.startswith(kind)}
        if left and right and not left & right:
            return True
    return False


def dates(text: str) -> set[str]:
    """ISO dates (YYYY-MM-DD) written in the text in German, English, French or numeric form."""
    return {moment.isoformat() for _, moment in dates_in(text)}


def _number_feature(raw: str) -> str | None:
    digits = raw.replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", digits):  # thousands separators, either convention
        digits = re.sub(r"[.,]", "", digits)
    digits = digits.replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    if value.is_integer() and 1900 < value < 2100:
        return f"y:{int(value)}"
    if value < 10 and value.is_integer():
        return None  # small counts ("3 Partner") are everywhere
    return f"n:{value:g}"


def _url_feature(url: str) -> str:
    url = url.rstrip(".,;:").lower()
    url = re.sub(r"^(https?://)?(www\.)?", "", url)
    return url.rstrip("/")

