"""Events on a Polish public holiday or a Sunday are probably a mistake."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.problems import Problem
from jstevents.text.dates import date


@functools.cache
def polish_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays of one year, by date.

    Importing `holidays` and building a year take longer than all the other checks of a
    national programme together, so the result is kept in the user's cache, keyed by the
    installed files of the package (an upgrade changes them).
    """
    from jstevents.cache import remembered

    def build() -> dict[dt.date, str]:
        import holidays

        return dict(holidays.country_holidays("PL", years=[year], language="pl"))

    return remembered(f"holidays-PL-pl-{year}", _holidays_installed(), build)


def _holidays_installed() -> tuple[object, ...]:
    import importlib.util
    import os

    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return (None,)
    package = os.path.dirname(spec.origin)
    stamps: list[object] = [package]
    for part in ("__init__.py", "version.py", "holiday_base.py", os.path.join("countries", "poland.py")):
        try:
            info = os.stat(os.path.join(package, part))
        except OSError:
            stamps.append(None)
            continue
        stamps.append((info.st_size, info.st_mtime_ns))
    return tuple(stamps)


@check("W104")
@per_event
def not_on_a_holiday_or_sunday(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    # Checked before listing the days: a typo such as `end: 9999-12-31` would list millions.
    if not 0 <= (event.dates.end - event.dates.start).days < 31:
        return
    for day in event.dates.days():
        name = polish_holidays(day.year).get(day)
        if name:
            reason = f"a public holiday ({name})"
        elif day.weekday() == 6:
            reason = "a Sunday"
        else:
            continue
        yield inputs.problem(
            event, ("dates", "start"), "W104", f"{event.id} takes place on {date(day)}, {reason}: is that intended?"
        )
