"""Polish dates, times and deadlines as the communiqués print them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jstevents.text import dates as polish
from jstevents.text import numbers, wording


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2017, 8, 21), dt.date(2017, 8, 23), "21–23 sierpnia 2017 r."),
        (dt.date(2017, 8, 30), dt.date(2017, 9, 1), "30 sierpnia – 1 września 2017 r."),
        (dt.date(2017, 12, 29), dt.date(2018, 1, 2), "29 grudnia 2017 r. – 2 stycznia 2018 r."),
        (dt.date(2020, 11, 17), dt.date(2020, 11, 17), "17 listopada 2020 r."),
        (dt.date(2018, 10, 23), dt.date(2018, 10, 24), "23–24 października 2018 r."),
        (dt.date(2019, 2, 28), dt.date(2019, 3, 1), "28 lutego – 1 marca 2019 r."),
    ],
)
def test_date_ranges(start: dt.date, end: dt.date, expected: str) -> None:
    assert polish.date_range(start, end) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2017, 8, 21), "21 sierpnia 2017 r."),
        (dt.date(2018, 1, 2), "2 stycznia 2018 r."),
        (dt.date(2020, 5, 1), "1 maja 2020 r."),
        (dt.datetime(2017, 8, 16, 16, 0), "16 sierpnia 2017 r."),
    ],
)
def test_single_dates_use_the_genitive_month(day: dt.date, expected: str) -> None:
    assert polish.date(day) == expected


@pytest.mark.parametrize(
    ("clock", "plain", "spoken"),
    [
        (dt.time(11, 30), "11.30", "o godzinie 11.30"),
        (dt.time(9, 30), "9.30", "o godzinie 9.30"),
        (dt.time(18, 5), "18.05", "o godzinie 18.05"),
        (dt.time(0, 0), "0.00", "o godzinie 0.00"),
    ],
)
def test_times(clock: dt.time, plain: str, spoken: str) -> None:
    assert polish.time(clock) == plain
    assert polish.at_time(clock) == spoken


def test_deadline_with_an_hour() -> None:
    assert polish.deadline(dt.datetime(2017, 8, 16, 16, 0)) == "do dnia 16 sierpnia 2017 r. do godziny 16.00"


def test_deadline_given_as_a_date_has_no_hour() -> None:
    assert polish.deadline(dt.date(2017, 8, 16)) == "do dnia 16 sierpnia 2017 r."


@pytest.mark.parametrize(
    ("day", "name"),
    [(dt.date(2017, 8, 21), "poniedziałek"), (dt.date(2017, 8, 23), "środa"), (dt.date(2017, 8, 27), "niedziela")],
)
def test_weekday_names(day: dt.date, name: str) -> None:
    assert polish.weekday(day) == name


def test_month_year_is_nominative() -> None:
    assert polish.month_year(dt.date(2017, 9, 5)) == "wrzesień 2017"
    assert polish.day_month(dt.date(2017, 9, 5)) == "5 września"


@pytest.mark.parametrize(("number", "numeral"), [(1, "I"), (3, "III"), (4, "IV"), (9, "IX"), (14, "XIV")])
def test_roman_numerals(number: int, numeral: str) -> None:
    assert numbers.roman(number) == numeral


def test_sentence_never_doubles_the_full_stop() -> None:
    assert wording.sentence("do dnia 16 sierpnia 2017 r.") == "do dnia 16 sierpnia 2017 r."
    assert wording.sentence("do godziny 16.00") == "do godziny 16.00."


@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 1)),
    length=st.integers(min_value=0, max_value=400),
)
def test_date_range_names_each_year_once_and_ends_with_the_end_date(start: dt.date, length: int) -> None:
    end = start + dt.timedelta(days=length)
    text = polish.date_range(start, end)
    assert text.endswith(polish.date(end))
    assert text.count(str(end.year)) == 1
    assert text.count(str(start.year)) == 1
    assert text.count(" r.") == (1 if start.year == end.year else 2)
    assert "  " not in text and "-" not in text
    if start.month == end.month and start.year == end.year and start != end:
        assert text == f"{start.day}–{polish.date(end)}"
