"""Polish dates, times and deadlines as the communiqués write them.

Month and weekday names come from Babel's CLDR data for `pl`; the rest is the
house style of the programme's documents: "21–23 sierpnia 2017 r." (en dash,
month and year written once when shared), times as "11.30", deadlines as
"do dnia 16 sierpnia 2017 r. do godziny 16.00". Each function is also a template
filter of the same name (see templating.py).
"""

from __future__ import annotations

import datetime as dt
import functools

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


def roman(value: int) -> str:
    """3 → "III": module numbers as the programme writes them ("w III module")."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    number, out = int(value), ""
    for size, letters in numerals:
        count, number = divmod(number, size)
        out += letters * count
    return out


def sentence(text: str) -> str:
    """Close a sentence with a full stop unless it already ends with one ("… 2017 r.")."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


#: The filters templates get, by name.
FILTERS = {
    "date": date,
    "day_month": day_month,
    "date_range": date_range,
    "time": time,
    "at_time": at_time,
    "deadline": deadline,
    "weekday": weekday,
    "month_year": month_year,
    "roman": roman,
    "sentence": sentence,
}
