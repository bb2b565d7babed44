"""A new programme's folder (`jstevents init`): valid at once, every document buildable from it.

The folder gets the programme, one venue, one network, one unit, one participant and one
module with a registration (each key explained in Polish, the optional ones marked), the JSON
Schema for editors, a stand-in logo and a `.gitignore` for the private state and the documents.
The module is placed six weeks or more ahead, on a Monday to Wednesday without a Polish public
holiday, so that `validate` has nothing to say about it. Nothing that exists is overwritten:
a folder that already holds YAML files, or any of the files to write, stops the command first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.commands.files import create_bytes, create_text, write_text
from jstevents.errors import FileConflict, UsageError
from jstevents.outputs import skeleton
from jstevents.text.ids import slug

#: The new module starts at least this many days after today.
LEAD_DAYS = 42
DEFAULT_TITLE = "Program szkoleń dla kadry jednostek samorządu terytorialnego"
DEFAULT_ORGANISER = "Nazwa organizatora"
DEFAULT_TIMEZONE = "Europe/Warsaw"
EVENT_ID = "modul-1"
LOGO = "logos/logo.png"


@dataclass
class NewProject:
    """What `init` wrote, for the message to the user."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    start: dt.date | None = None
    #: "written", "extended" (lines added to the user's own) or "kept" (it had them all).
    gitignore: str = "written"


def check_timezone(name: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"--timezone: {name!r} is not a time zone",
            hint='give a name such as "Europe/Warsaw" (the region, a slash, the city)',
        ) from None
    return name


def first_free_week(today: dt.date) -> dt.date:
    """The first Monday at least `LEAD_DAYS` ahead whose Monday to Wednesday hold no public holiday."""
    from jstevents.checks.holidays import polish_holidays

    start = today + dt.timedelta(days=LEAD_DAYS)
    start += dt.timedelta(days=-start.weekday() % 7)
    while any(polish_holidays(day.year).get(day) for day in (start + dt.timedelta(days=i) for i in range(3))):
        start += dt.timedelta(days=7)
    return start


def _values(folder: Path, title: str, organiser: str, timezone: str, start: dt.date) -> dict[str, object]:
    day = dt.timedelta(days=1)
    network = {
        "id": "gminy-miejskie",
        "name": "JST_GMINA MIEJSKA",
        "kind": "gmina miejska",
        "moderator": "Imię Nazwisko",
    }
    unit = {
        "id": "miasto-przykladowo",
        "name": "Miasto Przykładowo",
        "kind": "gmina miejska",
        "voivodeship": "mazowieckie",
        "network": network["id"],
        "mentor": None,
    }
    venue = {
        "id": "osrodek-szkoleniowy",
        "name": "Ośrodek Szkoleniowy",
        "name_locative": "Ośrodku Szkoleniowym",
        "city_locative": "Warszawie",
        "street": "ul. Przykładowa 1",
        "postcode": "00-001",
        "city": "Warszawa",
        "phone": None,
        "email": None,
        "parking": "bezpłatny parking na terenie ośrodka",
        "public_transport": None,
        "capacity": 60,
    }
    participant = {
        "id": "jan-kowalski",
        "name": "Jan Kowalski",
        "unit": unit["id"],
        "email": "jan.kowalski@example.pl",
        "role": "naczelnik wydziału edukacji",
        "phone": None,
        "network": None,
        "diet": None,
    }
    signup = start - 7 * day
    activity = {
        "id": "spacer",
        "title": "spacer po okolicy",
        "date": start,
        "time": "18:30",
        "when": "na zakończenie pierwszego dnia szkoleniowego",
        "departure": "Wyjście spod ośrodka",
        "deadline": signup,
        "contact": "koordynator",
    }
    deadline = {
        "id": "potwierdzenie",
        "title": "Potwierdzenie udziału",
        "at": start - 14 * day,
        "contact": "koordynator",
    }
    return {
        "folder": folder.as_posix(),
        "programme_id": slug(folder.resolve().name) or "program",
        "title": title,
        "short_title": "szkolenie dla jednostek samorządu terytorialnego",
        "organiser": organiser,
        "timezone": timezone,
        "event_id": EVENT_ID,
        "start": start,
        "end": start + 2 * day,
        "issued": start - 28 * day,
        "signup": signup,
        "nights": [start, start + day],
        "venue": venue,
        "network": network,
        "unit": unit,
        "participant": participant,
        "activity": activity,
        "deadline": deadline,
    }


def _gitignore_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def init_project(folder: Path, *, title: str, organiser: str, timezone: str, today: dt.date) -> NewProject:
    """Write a new programme into `folder` (made if missing); `FileConflict` before writing anything
    if the folder already holds a project or any of the files."""
    from jstevents.load.project import project_files
    from jstevents.outputs.schema import SCHEMA_FILE, project_schema
    from jstevents.resources import skeleton_dir

    check_timezone(timezone)
    if folder.exists() and not folder.is_dir():
        raise FileConflict(f"{folder.as_posix()} is a file, not a folder", hint="choose another name for the programme")
    if folder.is_dir() and project_files(folder):
        raise FileConflict(
            f"{folder.as_posix()} already holds YAML files: it is a project already, and init never overwrites",
            hint="choose a new or empty folder, e.g. `jstevents init my-programme`",
        )
    start = first_free_week(today)
    values = _values(folder, title.strip() or DEFAULT_TITLE, organiser.strip() or DEFAULT_ORGANISER, timezone, start)
    texts: dict[str, str] = {"programme.yaml": skeleton.programme_file(values)}
    for section, (name, kind) in skeleton.SECTION_FILES.items():
        texts[name] = skeleton.section_file(section, [values[kind]])  # type: ignore[list-item]
    texts[f"modules/{EVENT_ID}.yaml"] = skeleton.module_file(values)
    texts[SCHEMA_FILE] = project_schema()
    logo = (skeleton_dir() / LOGO).read_bytes()
    taken = [name for name in [*texts, LOGO] if (folder / name).exists()]
    if taken:
        raise FileConflict(
            f"{folder.as_posix()} already has {', '.join(taken)}; init never overwrites",
            hint="choose a new or empty folder",
        )

    made = NewProject(folder, start=start)
    for name, text in texts.items():
        create_text(folder / name, text)
        made.files.append(folder / name)
    create_bytes(folder / LOGO, logo)
    made.files.append(folder / LOGO)

    ignore = folder / ".gitignore"
    wanted = skeleton.gitignore()
    if not ignore.exists():
        create_text(ignore, wanted)
        made.files.append(ignore)
    else:
        present = set(_gitignore_lines(ignore.read_text(encoding="utf-8", errors="replace")))
        missing = [line for line in _gitignore_lines(wanted) if line not in present]
        made.gitignore = "extended" if missing else "kept"
        if missing:
            old = ignore.read_text(encoding="utf-8", errors="replace")
            lines = ["# jstevents: prywatny stan projektu i dokumenty z niego tworzone", *missing]
            write_text(ignore, old + ("" if old.endswith("\n") or not old else "\n") + "\n".join(lines) + "\n")
    return made
