"""Reading due dates out of the timescales organisations write."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.dates import read_timescale, show, show_partial

CASES = [
    ("February 2014", dt.date(2014, 2, 28)),
    ("28th Feb March 2014", dt.date(2014, 3, 31)),  # moved from 28 February to March: the later date wins
    ("April 2014 & on going", dt.date(2014, 4, 30)),
    ("March 2014 & on-going assurance monitoring", dt.date(2014, 3, 31)),
    ("By 30 September 2014", dt.date(2014, 9, 30)),
    ("2014/15", dt.date(2015, 3, 31)),
    ("Q1 2014/15", dt.date(2014, 6, 30)),
    ("Q4 2014/15", dt.date(2015, 3, 31)),
    ("2014-06-01", dt.date(2014, 6, 1)),
    ("26/03/13", dt.date(2013, 3, 26)),  # numeric dates are day/month/year
    ("31/12/13 28/02/2014", dt.date(2014, 2, 28)),  # Wigan's revised deadline: the later date
    ("31/02/14", None),  # no such day
    ("Within 2 months of re-launch", None),
    ("As required", None),
    ("To be determined by assurance schemes.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_read_timescale(text: str, expected: dt.date | None) -> None:
    assert read_timescale(text) == expected


def test_dates_are_written_the_gov_uk_way() -> None:
    assert show(dt.date(2026, 11, 22)) == "22 November 2026"
    assert show(dt.date(2014, 2, 5)) == "5 February 2014"
    assert show_partial("2014-02") == "February 2014"
    assert show_partial("2013") == "2013"
