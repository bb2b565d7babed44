"""VTIMEZONE components in the rule-based form that every calendar client reads.

Outlook builds a time zone only from yearly RRULEs and the offsets; a zone given
as a list of RDATE transitions (what `icalendar`'s `add_missing_timezones()`
writes) is read wrongly there and by other parsers. So the rule is derived here
from the zone's own transitions (zoneinfo) over the years the calendar covers,
checked against them, and written as STANDARD/DAYLIGHT sub-components with
`RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=…`. Nothing about any zone is hard-coded.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STEP = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Transition:
    """One change of a zone's offset, as zoneinfo reports it."""

    utc: dt.datetime
    offset_from: dt.timedelta
    offset_to: dt.timedelta
    is_dst: bool
    name: str

    @property
    def local(self) -> dt.datetime:
        """The wall-clock time of the change, read in the offset before it (as RFC 5545's DTSTART)."""
        return (self.utc + self.offset_from).replace(tzinfo=None)

    def candidates(self) -> frozenset[tuple[Any, ...]]:
        """The yearly rules this one change fits: n-th or last weekday of the month, or the day of the month."""
        day = self.local.date()
        weekday = _WEEKDAYS[day.weekday()]
        rules: set[tuple[Any, ...]] = {("byday", (day.day - 1) // 7 + 1, weekday), ("bymonthday", day.day)}
        if day.day + 7 > gregorian.monthrange(day.year, day.month)[1]:
            rules.add(("byday", -1, weekday))
        return frozenset(rules)

    def shape(self) -> tuple[Any, ...]:
        """What must stay equal for two changes to belong to one yearly rule."""
        return (self.is_dst, self.offset_from, self.offset_to, self.name, self.local.month, self.local.time())


@dataclass
class _Run:
    """Changes of one shape in consecutive years, all fitting at least one common rule."""

    transitions: list[Transition]
    rules: frozenset[tuple[Any, ...]]
    until: dt.datetime | None = field(default=None)

    @property
    def first(self) -> Transition:
        return self.transitions[0]

    @property
    def last(self) -> Transition:
        return self.transitions[-1]

    def rule(self) -> tuple[Any, ...]:
        # Prefer "last Sunday" over "4th Sunday": it stays right in the years after those checked.
        return sorted(self.rules, key=lambda r: (r[0] != "byday", r[0] == "byday" and r[1] != -1, str(r)))[0]


def zone_transitions(zone: ZoneInfo, first_year: int, last_year: int) -> list[Transition]:
    """Every offset change of `zone` from 1 January of `first_year` to the end of `last_year` (UTC)."""
    start = dt.datetime(first_year, 1, 1, tzinfo=UTC)
    stop = dt.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    found: list[Transition] = []
    moment = start
    state = _state(zone, moment)
    while moment < stop:
        following = min(moment + _STEP, stop)
        next_state = _state(zone, following)
        if next_state != state:
            low, high = moment, following
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if middle <= low:
                    break
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            if next_state[1] != state[1]:
                # A switch of summer time: the later clock is DAYLIGHT, whatever the sign of the zone's
                # "save" (Europe/Dublin's tzdata counts winter as a negative one).
                is_dst = next_state[0] > state[0]
            else:
                is_dst = next_state[1] > dt.timedelta(0)
            found.append(
                Transition(
                    utc=high,
                    offset_from=state[0],
                    offset_to=next_state[0],
                    is_dst=is_dst,
                    name=next_state[2],
                )
            )
        moment, state = following, next_state
    return found


def _state(zone: ZoneInfo, moment: dt.datetime) -> tuple[dt.timedelta, dt.timedelta, str]:
    local = moment.astimezone(zone)
    return local.utcoffset() or dt.timedelta(0), local.dst() or dt.timedelta(0), local.tzname() or ""


def _runs(transitions: list[Transition], last_year: int) -> list[_Run]:
    runs: list[_Run] = []
    for change in transitions:
        for run in runs:
            if (
                run.last.shape() == change.shape()
                and run.last.local.year + 1 == change.local.year
                and run.rules & change.candidates()
            ):
                run.transitions.append(change)
                run.rules = run.rules & change.candidates()
                break
        else:
            runs.append(_Run([change], change.candidates()))
    for run in runs:
        # A rule that stops before the last covered year has ended: it gets an UNTIL; one still
        # in force in the last year is left open, as the zone's best guess for later years.
        # UNTIL is a day after the last change: RFC 5545 wants it in UTC, but some readers (dateutil)
        # compare it with local onset times; a day's margin gives the same changes either way.
        if run.last.local.year < last_year and len(run.transitions) > 1:
            run.until = run.last.utc + dt.timedelta(days=1)
    return runs


def _rule_date(rule: tuple[Any, ...], year: int, month: int) -> dt.date:
    if rule[0] == "bymonthday":
        return dt.date(year, month, rule[1])
    _, ordinal, weekday = rule
    wanted = _WEEKDAYS.index(weekday)
    days = [
        d for d in range(1, gregorian.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == wanted
    ]
    return dt.date(year, month, days[ordinal - 1 if ordinal > 0 else ordinal])


def _expand(run: _Run, last_year: int) -> list[tuple[dt.datetime, dt.timedelta]]:
    """The changes a sub-component describes, as a client would compute them (UTC, new offset)."""
    if len(run.transitions) == 1:
        return [(run.first.utc, run.first.offset_to)]
    rule = run.rule()
    onsets = []
    for year in range(run.first.local.year, last_year + 1):
        local = dt.datetime.combine(_rule_date(rule, year, run.first.local.month), run.first.local.time())
        utc = (local - run.first.offset_from).replace(tzinfo=UTC)
        if run.until is not None and utc > run.until:
            break
        onsets.append((utc, run.first.offset_to))
    return onsets


def _rrule(run: _Run) -> dict[str, Any]:
    rule = run.rule()
    recur: dict[str, Any] = {"freq": "yearly", "bymonth": run.first.local.month}
    if rule[0] == "bymonthday":
        recur["bymonthday"] = rule[1]
    else:
        recur["byday"] = f"{rule[1]}{rule[2]}"
    if run.until is not None:
        recur["until"] = run.until
    return recur


def vtimezone(tzid: str, first_year: int, last_year: int) -> Any:
    """A VTIMEZONE for `tzid` that is exact for every instant from `first_year` to `last_year`."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = ZoneInfo(tzid)
    # The year before the first one is included so that its last change (autumn) is the onset
    # in force on 1 January of the first year: no instant falls before every onset.
    transitions = zone_transitions(zone, first_year - 1, last_year)
    runs = _runs(transitions, last_year)
    expected = [(t.utc, t.offset_to) for t in transitions]
    described = sorted(onset for run in runs for onset in _expand(run, last_year))
    if described != expected:
        # The changes follow no yearly rule that reproduces them (should not happen, as every
        # change also fits a one-off run): describe each change by its own onset, still
        # without RDATE lists.
        runs = [_Run([t], t.candidates()) for t in transitions]

    component = Timezone()
    component.add("tzid", tzid)
    if not runs:
        # No change in the covered years (a zone without summer time): one onset with its offset.
        start = dt.datetime(first_year - 1, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = start.utcoffset() or dt.timedelta(0)
        standard = TimezoneStandard()
        standard.add("dtstart", start.replace(tzinfo=None, month=1, day=1, hour=0, minute=0, second=0))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", start.tzname() or tzid)
        component.add_component(standard)
        return component
    if transitions[0].local.year > first_year - 1:
        # The first change comes after the start of the covered years: an onset for what holds before it.
        before = transitions[0]
        opening = TimezoneStandard()
        opening.add("dtstart", dt.datetime(first_year - 1, 1, 1))
        opening.add("tzoffsetfrom", before.offset_from)
        opening.add("tzoffsetto", before.offset_from)
        opening.add("tzname", dt.datetime(first_year - 1, 1, 1, tzinfo=UTC).astimezone(zone).tzname() or tzid)
        component.add_component(opening)
    for run in sorted(runs, key=lambda r: r.first.utc):
        sub = TimezoneDaylight() if run.first.is_dst else TimezoneStandard()
        sub.add("dtstart", run.first.local)
        sub.add("tzoffsetfrom", run.first.offset_from)
        sub.add("tzoffsetto", run.first.offset_to)
        sub.add("tzname", run.first.name)
        if len(run.transitions) > 1:
            sub.add("rrule", _rrule(run))
        component.add_component(sub)
    return component
