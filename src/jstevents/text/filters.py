"""The Polish wording functions as template filters, by the name templates use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jstevents.text import dates, numbers, wording

FILTERS: dict[str, Callable[..., Any]] = {
    "date": dates.date,
    "day_month": dates.day_month,
    "date_range": dates.date_range,
    "time": dates.time,
    "clock_span": dates.clock_span,
    "at_time": dates.at_time,
    "deadline": dates.deadline,
    "weekday": dates.weekday,
    "month_year": dates.month_year,
    "numeric_date": dates.numeric,
    "short_day": dates.short_day,
    "moment": dates.moment,
    "roman": numbers.roman,
    "persons": numbers.persons,
    "meal": wording.meal,
    "sentence": wording.sentence,
    "joined": wording.joined,
    "joint": wording.joint,
}
