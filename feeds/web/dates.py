"""Dates as readers see them: in the display time zone (CLUSTERFEEDS_DISPLAY_TIMEZONE) and their language's format.

Feeds carry UTC instants; a page shows the same instant as a calendar day where the readers are, so
an item published at 00:30 in Berlin shows that day, not the UTC day before.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date
from flask import Flask

LOCALES = {"de": "de_DE", "en": "en_GB"}  # 14.05.2024 and 14 May 2024


def local_date(when: datetime, hl: str, zone: str) -> str:
    """`when` as a day in `zone`, e.g. 14.05.2024 (de) or 14 May 2024 (en)."""
    return str(format_date(when.astimezone(ZoneInfo(zone)).date(), "medium", locale=LOCALES.get(hl, "en_GB")))


def local_datetime(when: datetime, hl: str, zone: str) -> str:
    """`when` as a day and time in `zone` with the zone's abbreviation, e.g. 14.05.2024, 00:30 CEST."""
    local = when.astimezone(ZoneInfo(zone))
    return f"{local_date(when, hl, zone)}, {local:%H:%M %Z}"


def install(app: Flask, zone: str) -> None:
    """Template filters `day(hl)` and `moment(hl)` in the app's display zone."""
    app.add_template_filter(lambda when, hl: local_date(when, hl, zone), "day")
    app.add_template_filter(lambda when, hl: local_datetime(when, hl, zone), "moment")
