"""Dates: partial ISO dates, reading a due date out of a free-text timescale, and UK display."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH_WORD = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY_MONTH_YEAR = re.compile(r"\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?" + _MONTH_WORD + r"\.?,?\s+(\d{4})\b", re.IGNORECASE)
_QUARTER = re.compile(r"\bQ([1-4])\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\b", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"\b(20\d{2})\s*[/-]\s*(\d{2}|20\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b")  # UK order: day/month/year
_BARE_MONTH = re.compile(r"\b" + _MONTH_WORD + r"\b(?=[^\d]*?(\d{4}))", re.IGNORECASE)


def period_end(value: str) -> dt.date:
    """The last day an ISO date, month (YYYY-MM) or year (YYYY) covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(parts[0], 12, 31)


@functools.lru_cache(maxsize=8192)  # the same few thousand report dates, shown hundreds of thousands of times
def show_partial(value: str) -> str:
    """'2014-02-25' -> '25 February 2014'; '2014-02' -> 'February 2014'; '2014' -> '2014'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return show(dt.date(*parts))
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return str(parts[0])


def show(day: dt.date) -> str:
    """GOV.UK style: 22 November 2026."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


# Plans repeat the same few timescales ("March 2014", "Ongoing") across thousands of actions.
@functools.lru_cache(maxsize=65536)
def read_timescale(text: str) -> dt.date | None:
    """The date a free-text timescale commits to, or None where it names none.

    The latest date mentioned wins ("28th Feb March 2014" -> 31 March 2014: the plan moved it; "31/12/13
    28/02/2014" -> 28 February 2014, numeric dates being day/month/year).
    A month means its last day; a financial year 2014/15 means 31 March 2015; Q1 2014/15 means
    30 June 2014. Open-ended wording ("ongoing", "as required", "within 2 months of re-launch")
    gives None, and so does a date outside the years a plan can mean ("December 0000", "Q4 9999/00").
    """
    found: list[dt.date | None] = []
    for match in _ISO.finditer(text):
        found.append(_day(int(match[1]), int(match[2]), int(match[3])))
    for match in _NUMERIC.finditer(text):
        numeric_year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        found.append(_day(numeric_year, int(match[2]), int(match[1])))
    for match in _DAY_MONTH_YEAR.finditer(text):
        day, month_word, year = match.groups()
        month = MONTHS.get(month_word.lower().rstrip("."), MONTHS.get(month_word.lower()[:3]))
        if month is not None:
            found.append(_day(int(year), month, int(day) if day else 31, clamp=True))
    # A bare month ("28th Feb March 2014") borrows the year that follows it.
    for match in _BARE_MONTH.finditer(text):
        month = MONTHS.get(match[1].lower()[:3])
        if month:
            found.append(_day(int(match[2]), month, 31, clamp=True))
    for match in _QUARTER.finditer(text):
        quarter, start = int(match[1]), int(match[2])
        end_month = (3 + 3 * quarter) % 12 or 12
        found.append(_day(start if quarter < 4 else start + 1, end_month, 31, clamp=True))
    if not any(found):
        for match in _FINANCIAL_YEAR.finditer(text):
            start = int(match[1])
            end = int(match[2]) if len(match[2]) == 4 else 2000 + int(match[2])
            if end == start + 1:
                found.append(_day(end, 3, 31))
    days = [day for day in found if day is not None]
    return max(days) if days else None


FIRST_YEAR, LAST_YEAR = 1990, 2100  # the years a date in the data may name


def _day(year: int, month: int, day: int, clamp: bool = False) -> dt.date | None:
    """The date, or None if there is no such day (`clamp`: a day past the month's end is its last day)."""
    if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if clamp:
        day = min(day, last)
    return dt.date(year, month, day) if 1 <= day <= last else None
