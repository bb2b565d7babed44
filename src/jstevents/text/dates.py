"""Polish dates, times and deadlines as the communiqués write them.

Month and weekday names come from Babel's CLDR data for `pl`; the rest is the
house style of the programme's documents: "21–23 sierpnia 2017 r." (en dash,
month and year written once when shared), times as "11.30", deadlines as
"do dnia 16 sierpnia 2017 r. do godziny 16.00". Lists and calendars write days in figures
("21.08.2017", "pon. 21.08.2017"). Every output formats dates and clock times through these
functions, so a fact reads the same in every document; templates get them as filters
(see `filters`).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jstevents.model.values import ClockSpan

LOCALE = "pl_PL"
DASH = "–"


@functools.lru_cache(maxsize=4096)
def _babel(day: dt.date, pattern: str) -> str:
    # A mail-out formats the same few dates again for every recipient; Babel is slow at it.
    from babel.dates import format_date

    return format_date(day, pattern, locale=LOCALE)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def date(value: dt.date | dt.datetime) -> str:
    """ "21 sierpnia 2017 r." (the genitive month name, as after a day number)."""
    return _babel(_as_date(value), "d MMMM y") + " r."


def day_month(value: dt.date | dt.datetime) -> str:
    """ "21 sierpnia", without the year."""
    return _babel(_as_date(value), "d MMMM")


def date_range(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> str:
    """ "21–23 sierpnia 2017 r.", "30 sierpnia – 1 września 2017 r.", "29 grudnia 2017 r. – 2 stycznia 2018 r."."""
    start, end = _as_date(start), _as_date(end)
    if start == end:
        return date(start)
    if start.year != end.year:
        return f"{date(start)} {DASH} {date(end)}"
    if start.month != end.month:
        return f"{day_month(start)} {DASH} {date(end)}"
    return f"{start.day}{DASH}{date(end)}"


def time(value: dt.time | dt.datetime) -> str:
    """ "11.30", "9.30": hours without a leading zero, a full stop before the minutes."""
    return f"{value.hour}.{value.minute:02d}"


def at_time(value: dt.time | dt.datetime) -> str:
    """ "o godzinie 11.30"."""
    return f"o godzinie {time(value)}"


def deadline(value: dt.date | dt.datetime) -> str:
    """ "do dnia 16 sierpnia 2017 r. do godziny 16.00"; a date alone: "do dnia 16 sierpnia 2017 r."."""
    text = f"do dnia {date(value)}"
    if isinstance(value, dt.datetime):
        text += f" do godziny {time(value)}"
    return text


def weekday(value: dt.date | dt.datetime) -> str:
    """ "poniedziałek" (the nominative weekday name)."""
    return _babel(_as_date(value), "EEEE")


def month_year(value: dt.date | dt.datetime) -> str:
    """ "sierpień 2017" (the nominative month, as in a heading)."""
    return _babel(_as_date(value), "LLLL y")


def numeric(value: dt.date | dt.datetime) -> str:
    """ "21.08.2017": a day in figures, as lists and calendar texts write it."""
    day = _as_date(value)
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def numeric_range(start: dt.date, end: dt.date) -> str:
    """ "21.08.2017–23.08.2017", or one day."""
    return numeric(start) if start == end else f"{numeric(start)}{DASH}{numeric(end)}"


def day_and_month(value: dt.date | dt.datetime) -> str:
    """ "21.08": a day of a year already given nearby."""
    day = _as_date(value)
    return f"{day.day:02d}.{day.month:02d}"


def short_day(value: dt.date | dt.datetime) -> str:
    """ "pon. 21.08.2017": the heading of a day's column or row."""
    return _babel(_as_date(value), "EEE dd.MM.y")


def night(evening: dt.date) -> str:
    """ "noc 21.08/22.08.2017": a night at the hotel, named by its evening and its morning."""
    return f"noc {day_and_month(evening)}/{numeric(evening + dt.timedelta(days=1))}"


def moment(value: dt.date | dt.datetime) -> str:
    """ "16.08.2017, godz. 16.00"; a date alone: "16.08.2017 (do końca dnia)"."""
    if isinstance(value, dt.datetime):
        return f"{numeric(value)}, godz. {time(value)}"
    return f"{numeric(value)} (do końca dnia)"


def days_from(today: dt.date, day: dt.date | dt.datetime) -> str:
    """ "dziś", "jutro", "za 12 dni", "wczoraj", "5 dni temu": how far a day is from today."""
    from jstevents.text.numbers import counted

    days = (_as_date(day) - today).days
    if days == 0:
        return "dziś"
    if days == 1:
        return "jutro"
    if days == -1:
        return "wczoraj"
    span = counted(abs(days), "dzień", "dni", "dni")
    return f"za {span}" if days > 0 else f"{span} temu"


def clock_span(span: ClockSpan) -> str:
    """ "9.00–10.30", or "9.00" for a time alone: an agenda block's time in the house style."""
    return time(span.start) + (f"{DASH}{time(span.end)}" if span.end else "")
