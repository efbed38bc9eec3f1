"""Dates written in URLs and texts: where an item's date is when its source gives none.

About a third of real cluster news carries no machine-readable date (republications, regional
portals, Kooperation International copies), yet the date is usually on the page: in the URL
(`/2021/10/`, `20210706_slug.html`, `/eccp-newsletter-may-2024`), in an editorial line ("Redaktion: 18.10.2019
von …"), in the lead ("am 8. März 2017", "on 14 May 2024", "le 3 juin 2022") or, for a newsletter's teaser, in its title
("Newsletter Juli 2021: …"). Pure functions over strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from feeds.process.patterns import first_letters, led_by_class

MONTHS: dict[str, int] = {
    **{m: i for i, m in enumerate(["januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
                                    "september", "oktober", "november", "dezember"], 1)},
    **{m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december"], 1)},
    **{m: i for i, m in enumerate(["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                    "septembre", "octobre", "novembre", "décembre"], 1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "okt": 10, "nov": 11, "dec": 12, "dez": 12, "maerz": 3, "jänner": 1, "fevrier": 2, "aout": 8,
    "decembre": 12,
}
MONTH_NAMES = tuple(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))  # the longest first
MONTH = first_letters(MONTHS) + "(" + "|".join(MONTH_NAMES) + r")\.?"
# `\b{MONTH}` first in a pattern compiled with re.I: led by the class of the first letters (patterns.py)
MONTH_WORD = "(" + led_by_class(MONTH_NAMES, re.I) + r")\.?"
# A pattern that begins with `\b\d` begins with `\d(?<!\w\d)` here (the same matches): `re` then looks for its
# first digit in C (patterns.py)
_DAY_MONTH_YEAR = re.compile(rf"(\d(?<!\w\d)\d?)(?:\.|er|st|nd|rd|th)?\s+{MONTH}\s+(\d{{4}})\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"{MONTH_WORD}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_NUMERIC_DATE = re.compile(r"(\d(?<!\w\d)\d?)[./](\d{1,2})[./](\d{4})\b")
_ISO_DATE = re.compile(r"(\d(?<!\w\d)\d{3})-(\d{2})-(\d{2})\b")
# What every match of a pattern holds, found faster than the pattern: a text without it has no such date. "May 5,
# 2024" ends in a day and a year (a scan over digits, not a try at most letters); "2024-05-12" holds "-05-12" (a
# literal first); nearly no news text writes either (round 8 of the ingest speed)
_DAY_AND_YEAR = re.compile(r"\d(?:st|nd|rd|th)?,?\s+\d{4}\b", re.I)
_MONTH_AND_DAY = re.compile(r"-\d{2}-\d{2}\b")
_TEXT_PATTERNS = (  # (pattern, order of the day, month and year groups, what its matches hold or None)
    (_DAY_MONTH_YEAR, (0, 1, 2), None), (_MONTH_DAY_YEAR, (1, 0, 2), _DAY_AND_YEAR),
    (_NUMERIC_DATE, (0, 1, 2), None), (_ISO_DATE, (2, 1, 0), _MONTH_AND_DAY))
# A date that names when the page was written, wherever it stands in the text.
_EDITORIAL_LINE = re.compile(
    r"\b(?:redaktion|stand|veröffentlicht(?:\s+am)?|published(?:\s+on)?|posted(?:\s+on)?|publié\s+le|"
    r"submitted\s+by\s+.{1,80}?\s+on|date)\s*:?\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", re.I)
_EDITORIAL_WORDED = re.compile(
    rf"\b(?:redaktion|stand|veröffentlicht(?:\s+am)?|published(?:\s+on)?|posted(?:\s+on)?|publié\s+le|"
    rf"submitted\s+by\s+.{{1,80}}?\s+on)\s*:?\s*(\d{{1,2}})\.?\s+{MONTH}\s+(\d{{4}})", re.I)
# Dates in URLs: /2021/10/07/, /2021/10/, 20210706_slug, 2021-07-06-slug, /2021-10/ (a month: its first day).
_URL_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[_-])")
_URL_DASHED = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_URL_PATH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])(?:/(0?[1-9]|[12]\d|3[01]))?(?=/|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)-(0[1-9]|1[0-2])(?=/|$)")  # a newsletter's /2023-12/ folder
# Months a URL names less plainly, read after the text (round 65): a month's folder written with an underscore
# ("/2021/2021_03/"), a page's month before its slug ("/2018-09-swiss-pavilion-micronora"), and a newsletter's issue by
# its month's name ("/eccp-newsletter-may-2024", "/newsletter/maerz-2021", "/lettre-octobre-2023/"). Not an issue's
# number ("newsletter_03_2019": many count quarterly issues), not a month named beside an event ("…-tokyo-octobre-2019")
_URL_MONTH_LED = re.compile(r"/((?:19|20)\d\d)(?:_(0[1-9]|1[0-2])(?=/)|-(0[1-9]|1[0-2])-(?=[a-z]))", re.I)
_URL_NEWSLETTER = re.compile(r"newsletter|lettre|/issues?/", re.I)
_URL_MONTH_NAME = re.compile(r"(?<![a-z])(" + "|".join(MONTH_NAMES) + r")[-_]((?:19|20)\d\d)(?!\d)", re.I)
LEAD_CHARACTERS = 600  # a date further down is more likely a deadline or a past event than the page's own
# A newsletter's issue named in its title by its month: "Newsletter Juli 2021: …", "CLUSTERO newsletter October 2022".
# Not an issue's number ("Newsletter 3/2022", "03/2019"): many count quarterly issues, not months.
_NEWSLETTER_ISSUE = re.compile(
    rf"\b(?:newsletter|infobrief|rundbrief|lettre d'information|lettre d’information)\b[^:–—|\n]{{0,40}}?"
    rf"\b{MONTH_WORD}\s+((?:19|20)\d\d)\b", re.I)


@dataclass(frozen=True)
class FoundDate:
    when: date
    where: str  # "url", "editorial" (a labelled line), "lead" (the first date of the text), "issue" (a newsletter's)


def dates_in(text: str) -> list[tuple[int, date]]:
    """Every date written in `text` (German, English, French or numeric), with its position, in order."""
    found: list[tuple[int, date]] = []
    for pattern, (day, month, year), hint in _TEXT_PATTERNS:
        if hint is not None and not hint.search(text):
            continue
        for match in pattern.finditer(text):
            groups = match.groups()
            moment = valid_date(groups[year], groups[month], groups[day])
            if moment is not None:
                found.append((match.start(), moment))
    return sorted(found)


# Words that put a deadline before the date they lead to: "jusqu'au 30 août 2019", "bis zum 15. Mai", "deadline:
# 3 March", "no later than …" (dedup round 82).
_DEADLINE = re.compile(r"(?:jusqu['’]au|avant le|date limite(?: du| de| :)?|au plus tard le|bis zum|bis spätestens|"
                       r"bis|frist|schluss|deadline(?: is| of|:)?|until|no later than|by)\W{0,3}$", re.I)


def deadline_in(text: str) -> date | None:
    """The earliest day `text` names as a deadline ("les candidatures sont ouvertes jusqu'au 30 août 2019"), or
    None: an announcement's page was written before it (dedup round 82)."""
    found = [moment for start, moment in dates_in(text) if _DEADLINE.search(text[max(0, start - 30):start])]
    return min(found, default=None)


# A day before a month name that a date follows: the first day of "22.–26. April 2024", "3 and 4 June".
_DAY_BEFORE_MONTH = re.compile(rf"\d(?<!\w\d)\d?(?:\.|er|st|nd|rd|th)?(?=[^\n]{{0,10}}?\b{MONTH})", re.I)


def without_dates(text: str) -> str:
    """`text` with its dates and the days of date ranges blanked out: their numbers are dates, not figures."""
    text = _DAY_BEFORE_MONTH.sub(" ", text)  # first: the date after it still names the month
    for pattern, _, hint in _TEXT_PATTERNS:
        if hint is None or hint.search(text):
            text = pattern.sub(" ", text)
    return text


def valid_date(year: str | int, month: str | int, day: str | int) -> date | None:
    """The date if it exists and lies in 1900..2099; month names are accepted."""
    if isinstance(month, str) and not month.isdigit():
        number = MONTHS.get(month.lower().rstrip("."))
        if number is None:
            return None
        month = number
    try:
        moment = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return moment if 1900 < moment.year < 2100 else None


def date_in_url(url: str) -> date | None:
    """A publication date written in the URL's path, the most specific form first."""
    path = url.split("?", 1)[0]
    for pattern in (_URL_COMPACT, _URL_DASHED):
        match = pattern.search(path)
        if match:
            return valid_date(*match.groups())
    match = _URL_PATH.search(path)
    if match:
        year, month, day = match.groups()
        return valid_date(year, month, day or 1)
    match = _URL_MONTH.search(path)
    if match:
        year, month = match.groups()
        return valid_date(year, month, 1)
    return None


def month_in_url(url: str) -> date | None:
    """The first day of a month the URL's path names in a form less plain than `date_in_url`'s: an underscored month
    folder, a month before the slug, a newsletter's issue by the month's name (round 65)."""
    path = url.split("?", 1)[0]
    match = _URL_MONTH_LED.search(path)
    if match:
        year, folder, led = match.groups()
        return valid_date(year, folder or led, 1)
    if _URL_NEWSLETTER.search(path):
        named = _URL_MONTH_NAME.search(path)
        if named:
            month, year = named.groups()
            return valid_date(year, month, 1)
    return None


def date_in_text(text: str) -> FoundDate | None:
    """The page's own date in its text: an editorial line anywhere, else the first date of the lead."""
    for pattern in (_EDITORIAL_LINE, _EDITORIAL_WORDED):
        for match in pattern.finditer(text):
            day, month, year = match.groups()
            moment = valid_date(year, month, day)
            if moment is not None:
                return FoundDate(moment, "editorial")
    lead = dates_in(text[:LEAD_CHARACTERS])
    return FoundDate(lead[0][1], "lead") if lead else None


def date_in_title(title: str) -> date | None:
    """The first day of the month of a newsletter's issue its title names ("Newsletter Juli 2021: …"): when the
    issue, and its teasers, were written (round 64)."""
    match = _NEWSLETTER_ISSUE.search(title)
    if match is None:
        return None
    month, year = match.groups()
    return valid_date(year, month, 1)


def infer_published(url: str, text: str, title: str = "") -> FoundDate | None:
    """Where an undated item's date is written: the URL, an editorial line, the lead, a month the URL names less
    plainly, then a newsletter's issue in its title."""
    in_url = date_in_url(url)
    if in_url is not None:
        return FoundDate(in_url, "url")
    in_text = date_in_text(text)
    if in_text is not None:
        return in_text
    month = month_in_url(url)
    if month is not None:
        return FoundDate(month, "url")
    issue = date_in_title(title)
    return FoundDate(issue, "issue") if issue is not None else None


def as_datetime(moment: date) -> datetime:
    """Midday UTC of `moment`: a day without a time is the same day in every European zone."""
    return datetime(moment.year, moment.month, moment.day, 12, tzinfo=UTC)
