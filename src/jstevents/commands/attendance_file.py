"""Who was present on which day, read from a file: the attendance sheet jstevents wrote with the
marks filled in, another table named through `--columns`, or a meeting platform's participant report.

- The sheet as written (XLSX or CSV): its header row is found by the column "Imię i nazwisko"; a
  column "Podpis pon. 21.08.2017" (or "Zalogowanie … (godz.)" for an online event) is a day. The
  data rows are those numbered in "Lp."; the trainers' rows and the counts under them are not read.
  A person is known by name and JST.
- A mark of presence: "x", "✓", "v", "+", "1", "tak", "obecny"/"obecna", a time of
  log-in ("9:05"). Of absence: an empty cell, "—", "-", "0", "nie", "nb", "nieobecny"/"nieobecna".
  Anything else is reported (E143): a mark misread is a certificate wrongly given or refused.
- A participant report (Zoom, Teams, Meet …): a row per log-in with join and leave times; a person's
  minutes of a day are the union of their log-ins, and the day counts from the programme's
  `completion.online_minutes` (else the same share of the day's hours as the completion rule).

Every row is checked before anything is written: the problems carry the file, the row and the
column, so that one run shows each of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.errors import InputFileError, UsageError
from jstevents.model import Event, Participant, Project
from jstevents.model.attendance import day_hours
from jstevents.model.presence import event_days
from jstevents.problems import Problem
from jstevents.text.dates import numeric, short_day

PRESENT = {"x", "✓", "✔", "v", "+", "1", "tak", "t", "obecny", "obecna", "obecność", "ob", "true", "podpis"}
ABSENT = {"", "—", "–", "-", "0", "nie", "n", "nb", "nieobecny", "nieobecna", "false"}
_TIME_RE = re.compile(r"^\d{1,2}[:.]\d{2}(:\d{2})?$")
_ISO_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PL_DAY_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")

#: Headers a platform's participant report uses (Zoom, Teams, Meet, in English and Polish), folded.
REPORT_HEADERS = {
    "name": ("name (original name)", "imię i nazwisko (oryginalne imię i nazwisko)", "full name", "name",
             "imię i nazwisko", "uczestnik", "participant", "nazwa użytkownika"),
    "email": ("user email", "email", "e-mail", "adres e-mail", "e-mail użytkownika", "email address"),
    "join": ("join time", "czas dołączenia", "godzina dołączenia", "first join", "first join time",
             "pierwsze dołączenie", "joined"),
    "leave": ("leave time", "czas wyjścia", "godzina wyjścia", "czas opuszczenia", "last leave",
              "last leave time", "ostatnie opuszczenie", "left"),
}  # fmt: skip
_MOMENT_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
    "%m/%d/%Y, %I:%M:%S %p", "%d/%m/%Y, %H:%M:%S", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y, %H:%M:%S",
)  # fmt: skip
#: The fields `--columns` may name, besides days written YYYY-MM-DD.
COLUMN_FIELDS = ("id", "name", "email", "unit", "join", "leave")


@dataclass
class Recorded:
    """What a file says: the days each person (by participant id) was present, and what is wrong in it."""

    file: str
    kind: str  # "sheet" or "report"
    days: dict[str, list[dt.date]] = field(default_factory=dict)
    #: The row each person was read from, for messages.
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Rows of people who are not participants (the trainers, the host of a meeting): not recorded.
    others: int = 0


def parse_columns(spec: str | None) -> dict[str, str]:
    """`--columns "name=Uczestnik,unit=Gmina,2017-08-21=Dzień 1"`: field (or day) → header."""
    found: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        key, sep, header = part.partition("=")
        key, header = key.strip(), header.strip()
        if not sep or not key or not header:
            raise UsageError(
                f"--columns: {part!r} is not FIELD=Header", hint='e.g. --columns "name=Uczestnik,2017-08-21=Dzień 1"'
            )
        if key not in COLUMN_FIELDS and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", key):
            raise UsageError(
                f"--columns: unknown field {key!r}",
                hint=f"the fields are {', '.join(COLUMN_FIELDS)} and the days, written YYYY-MM-DD",
            )
        found[key] = header
    return found


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _grid(path: Path, display: str) -> list[tuple[int, list[str]]]:
    """Every row of the file that is not empty, with its number (the line of a CSV, the row of a sheet)."""
    from jstevents.confined import Refused
    from jstevents.load.form_exports import TableError, read_table_file

    try:
        table = read_table_file(path, display)
    except TableError as exc:
        raise InputFileError(f"{display}:{exc.line}: {exc.message}") from None
    except Refused as exc:
        raise InputFileError(str(exc)) from None
    except OSError as exc:
        raise InputFileError(f"cannot read {display}: {exc.strerror or exc}") from None
    return [(1, table.header), *table.rows]


def _day_of(header: str, days: list[dt.date]) -> dt.date | None | str:
    """The event's day a column header names; "outside" for a day not of the event; None for no day."""
    for day in days:
        if short_day(day).casefold() in header.casefold():
            return day
    match = _ISO_DAY_RE.search(header)
    found = None
    if match:
        found = dt.date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _PL_DAY_RE.search(header):
        found = dt.date(int(match[3]), int(match[2]), int(match[1]))
    if found is None:
        return "outside" if header.casefold().startswith(("podpis ", "zalogowanie ")) else None
    return found if found in days else "outside"


class _People:
    """The people a row may name: every participant by id, e-mail and name (with JST)."""

    def __init__(self, project: Project, event: Event) -> None:
        self.project, self.event = project, event
        self.registered = {r.participant for r in event.registrations if r.role == "participant"}
        self.staff = {r.participant for r in event.registrations if r.role != "participant"}
        self.by_name: dict[str, list[Participant]] = {}
        self.by_email = {p.email.casefold(): p for p in project.participants.values()}
        for person in project.participants.values():
            self.by_name.setdefault(_fold(person.name), []).append(person)
        self.others = {_fold(e.name) for e in project.experts.values()} | {
            _fold(c.name) for c in project.programme.contacts
        }
        self.others |= {c.email.casefold() for c in project.programme.contacts}

    def unit_matches(self, person: Participant, unit: str) -> bool:
        known = self.project.units.get(person.unit)
        return not unit or _fold(unit) in {_fold(person.unit), _fold(known.name) if known else ""}

    def find(self, *, pid: str = "", email: str = "", name: str = "", unit: str = "") -> Participant | str:
        """The participant a row names, or why none: "unknown", "ambiguous", "other" (a trainer, a contact)."""
        if pid:
            return self.project.participants.get(pid) or "unknown"
        if email and email.casefold() in self.by_email:
            return self.by_email[email.casefold()]
        candidates = [p for p in self.by_name.get(_fold(name), []) if self.unit_matches(p, unit)]
        registered = [p for p in candidates if p.id in self.registered]
        if len(registered) == 1:
            return registered[0]
        if len(registered) > 1:
            return "ambiguous"
        if candidates:
            return candidates[0]
        if _fold(name) in self.others or (email and email.casefold() in self.others):
            return "other"
        return "unknown"


def read_attendance(project: Project, event: Event, path: Path, columns: dict[str, str] | None = None) -> Recorded:
    display = path.as_posix()
    grid = _grid(path, display)
    columns = columns or {}
    folded_columns = {k: _fold(v) for k, v in columns.items()}
    for number, cells in grid[:30]:
        headers = [_fold(c) for c in cells]
        report = {
            f: next((i for i, h in enumerate(headers) if h in names), None) for f, names in REPORT_HEADERS.items()
        }
        for f in ("name", "email", "join", "leave"):
            if f in folded_columns:
                report[f] = headers.index(folded_columns[f]) if folded_columns[f] in headers else None
        if report["join"] is not None and report["leave"] is not None:
            return _report(project, event, display, grid, number, report)
        if "imię i nazwisko" in headers or any(h in headers for h in folded_columns.values()):
            return _sheet(project, event, display, grid, number, cells, folded_columns)
    raise InputFileError(
        f'{display}: no header row with the column "Imię i nazwisko" (an attendance sheet) or with join and '
        "leave times (a participant report)",
        hint="fill in the sheet `jstevents attendees EVENT -k attendance -f xlsx` writes, or name the columns: "
        '--columns "name=Uczestnik,unit=Gmina,2017-08-21=Dzień 1" (see docs/after-the-event.md)',
    )


def _sheet(
    project: Project,
    event: Event,
    display: str,
    grid: list[tuple[int, list[str]]],
    header_row: int,
    header: list[str],
    columns: dict[str, str],
) -> Recorded:
    found = Recorded(display, "sheet")
    days = event_days(event)
    folded = [_fold(h) for h in header]

    def column(field_name: str, default: str) -> int | None:
        wanted = columns.get(field_name, default)
        return folded.index(wanted) if wanted in folded else None

    where = {
        f: column(f, d) for f, d in (("id", "id"), ("name", "imię i nazwisko"), ("email", "e-mail"), ("unit", "jst"))
    }
    day_columns: dict[int, dt.date] = {}
    by_header = {v: k for k, v in columns.items() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", k)}
    for index, title in enumerate(header):
        if _fold(title) in by_header:
            day = dt.date.fromisoformat(by_header[_fold(title)])
        else:
            day = _day_of(title, days)  # type: ignore[assignment]
        if day == "outside" or (isinstance(day, dt.date) and day not in days):
            found.problems.append(
                Problem(display, header_row, index + 1, "E144",
                        f"row {header_row}: the column {title!r} is not a day of {event.id} "
                        f"({numeric(event.dates.start)}–{numeric(event.dates.end)}); is this the sheet of "
                        "another event?")
            )  # fmt: skip
        elif isinstance(day, dt.date):
            day_columns[index] = day
    if not day_columns and not found.problems:
        raise InputFileError(
            f"{display}:{header_row}: the header row has no column for a day of {event.id}",
            hint='the sheet\'s columns are "Podpis pon. 21.08.2017" …; for other headers: '
            '--columns "2017-08-21=Dzień 1,…"',
        )
    numbered = _fold(header[0]) == "lp." if header else False
    people = _People(project, event)
    for number, cells in grid:
        if number <= header_row:
            continue
        cells = cells + [""] * (len(header) - len(cells))
        if numbered and not cells[0].strip().isdigit():
            break  # the trainers' rows and the counts under the table
        values = {f: cells[i].strip() if i is not None else "" for f, i in where.items()}
        if not any(values.values()):
            continue
        person = people.find(pid=values["id"], email=values["email"], name=values["name"], unit=values["unit"])
        col = (where["name"] if where["name"] is not None else where["id"] or 0) + 1
        label = values["name"] or values["id"] or values["email"]
        if not _known(found, person, people, event, number, col, label):
            continue
        assert isinstance(person, Participant)
        present = []
        for index, day in sorted(day_columns.items()):
            mark = _mark(cells[index], time_ok=True)
            if mark is None:
                found.problems.append(
                    Problem(display, number, index + 1, "E143",
                            f"row {number}, {header[index]!r}: {cells[index]!r} is not a mark: write x (present) "
                            "or leave the cell empty (absent)")
                )  # fmt: skip
            elif mark:
                present.append(day)
        _record(found, person, present, number, col)
    return found


def _known(
    found: Recorded, person: Participant | str, people: _People, event: Event, number: int, col: int, label: str
) -> bool:
    """Whether a row names a participant of the event; a problem (or a row of staff) if not."""
    if person == "other" or (isinstance(person, Participant) and person.id in people.staff):
        found.others += 1
        return False
    if isinstance(person, str):
        what = (
            "two registered people have this name; add the JST or the e-mail"
            if person == "ambiguous"
            else (
                "nobody of this name (and JST) is among the participants; correct the name or add the person first "
                "(`jstevents new participant`)"
            )
        )
        found.problems.append(Problem(found.file, number, col, "E140", f"row {number}: {label!r}: {what}"))
        return False
    if person.id not in people.registered:
        found.problems.append(
            Problem(found.file, number, col, "E141",
                    f"row {number}: {person.name} ({person.id}) is not registered for {event.id}: add the "
                    "registration to the event first, or remove the row")
        )  # fmt: skip
        return False
    return True


def _record(found: Recorded, person: Participant, present: list[dt.date], number: int, col: int) -> None:
    if person.id in found.rows:
        found.problems.append(
            Problem(found.file, number, col, "E142",
                    f"row {number}: {person.name} is already on row {found.rows[person.id]}: keep one row a person")
        )  # fmt: skip
        return
    found.rows[person.id] = number
    found.days[person.id] = present


def _mark(value: str, *, time_ok: bool) -> bool | None:
    """True for a mark of presence, False for absence, None for a value that is neither."""
    text = _fold(value)
    if text in ABSENT:
        return False
    if text in PRESENT or (time_ok and _TIME_RE.match(text)):
        return True
    return None


def _moment(text: str) -> dt.datetime | None:
    text = " ".join(text.split())
    for pattern in _MOMENT_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _report(
    project: Project,
    event: Event,
    display: str,
    grid: list[tuple[int, list[str]]],
    header_row: int,
    where: dict[str, int | None],
) -> Recorded:
    found = Recorded(display, "report")
    days = event_days(event)
    people = _People(project, event)
    spans: dict[str, list[tuple[dt.datetime, dt.datetime]]] = {}
    first_row: dict[str, int] = {}
    join_col, leave_col = where["join"], where["leave"]
    assert join_col is not None and leave_col is not None
    for number, cells in grid:
        if number <= header_row:
            continue
        cells = cells + [""] * (max(c for c in where.values() if c is not None) + 1 - len(cells))
        name = cells[where["name"]] if where["name"] is not None else ""
        email = cells[where["email"]] if where["email"] is not None else ""
        col = (where["name"] if where["name"] is not None else where["email"] or 0) + 1
        person = people.find(email=email.strip(), name=name.strip())
        if not _known(found, person, people, event, number, col, name or email):
            continue
        assert isinstance(person, Participant)
        join, leave = _moment(cells[join_col]), _moment(cells[leave_col])
        bad = [(c, t) for c, t in ((join_col, join), (leave_col, leave)) if t is None]
        for c, _ in bad:
            found.problems.append(
                Problem(display, number, c + 1, "E143",
                        f"row {number}: {cells[c]!r} is not a date and time (e.g. 2020-11-17 09:58:12)")
            )  # fmt: skip
        if bad:
            continue
        assert join is not None and leave is not None
        if leave < join:
            found.problems.append(
                Problem(display, number, leave_col + 1, "E143", f"row {number}: the leave time is before the join time")
            )
            continue
        if join.date() not in days:
            found.problems.append(
                Problem(display, number, join_col + 1, "E144",
                        f"row {number}: {numeric(join.date())} is not a day of {event.id}; is this the report of "
                        "another meeting?")
            )  # fmt: skip
            continue
        first_row.setdefault(person.id, number)
        spans.setdefault(person.id, []).append((join, leave))
    for pid, taken in spans.items():
        present = [day for day in days if _minutes(taken, day) >= _needed(project, event, day)]
        found.days[pid] = present
        found.rows[pid] = first_row[pid]
    return found


def _needed(project: Project, event: Event, day: dt.date) -> float:
    rule = project.programme.completion
    if rule.online_minutes is not None:
        return rule.online_minutes
    return day_hours(event, day) * 60 * rule.share / 100


def _minutes(spans: Iterable[tuple[dt.datetime, dt.datetime]], day: dt.date) -> float:
    """Minutes logged in on `day`: the union of the log-ins (one person on two devices counts once)."""
    start_of_day = dt.datetime.combine(day, dt.time())
    end_of_day = start_of_day + dt.timedelta(days=1)
    clipped = sorted(
        (max(a, start_of_day), min(b, end_of_day)) for a, b in spans if a < end_of_day and b > start_of_day
    )
    total, current = 0.0, None
    for a, b in clipped:
        if current is None or a > current[1]:
            if current is not None:
                total += (current[1] - current[0]).total_seconds()
            current = [a, b]
        else:
            current[1] = max(current[1], b)
    if current is not None:
        total += (current[1] - current[0]).total_seconds()
    return total / 60
