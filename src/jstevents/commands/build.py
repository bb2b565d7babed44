"""Everything a coordinator hands out for an event, written in one go.

`build_events` writes, for each event, `<out>/<event-id>/`: the communiqué in
every format, the event's calendar, every attendee list that applies in every
format, and an `index.html` linking them. Every event is built in a temporary
folder beside its target, and the folders are swapped in only when all of them
are complete, so a build that fails half-way leaves the previous output of every
event as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.commands.files import write_bytes, write_text
from jstevents.errors import JsteventsError
from jstevents.model import Event, Project

COMMUNIQUE_FORMATS = ("md", "html", "txt", "eml")
LIST_FORMATS = ("pdf", "xlsx", "csv", "html")


@dataclass(frozen=True)
class BuiltFile:
    """One file of a build: its path inside the event folder and what it is."""

    path: str
    what: str
    personal: bool


@dataclass
class EventBuild:
    event: Event
    folder: Path
    files: list[BuiltFile] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


Progress = Callable[[str], None]


def _planned(event: Event) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The lists that apply to `event` (kind, title), and those left out with the reason."""
    from jstevents.outputs.lists.table import TITLES

    reasons = {
        "rooming": None
        if event.mode == "onsite" and (event.accommodation is None or event.accommodation.provided)
        else "no hotel for this event",
        "coach": None if event.transport and event.transport.coach else "no coach for this event",
        "catering": None
        if event.mode == "onsite" and (event.accommodation is None or event.accommodation.meals)
        else "no meals for this event",
        "activity": None if event.activities else "no optional activities",
    }
    kept = [(kind, title) for kind, title in TITLES.items() if reasons.get(kind) is None]
    skipped = [(TITLES[kind], reason) for kind, reason in reasons.items() if reason is not None]
    return kept, skipped


def _write_event(project: Project, event: Event, folder: Path, progress: Progress) -> EventBuild:
    from jstevents.outputs.calendar.ics import event_calendar
    from jstevents.outputs.communique import render_communique
    from jstevents.outputs.lists.formats import render
    from jstevents.outputs.lists.table import build_roster

    result = EventBuild(event=event, folder=folder)

    def put(name: str, data: bytes | str, what: str, *, personal: bool = False) -> None:
        progress(name)
        path = folder / name
        if isinstance(data, str):
            write_text(path, data, private=personal)
        else:
            write_bytes(path, data, private=personal)
        result.files.append(BuiltFile(name, what, personal))

    for fmt in COMMUNIQUE_FORMATS:
        put(f"komunikat.{fmt}", render_communique(project, event, fmt), f"Komunikat ({fmt})")
    put(f"{event.id}.ics", event_calendar(project, event), "Kalendarz (iCalendar)")
    kinds, result.skipped = _planned(event)
    for kind, title in kinds:
        roster = build_roster(project, event, kind)
        for fmt in LIST_FORMATS:
            put(f"listy/{kind}.{fmt}", render(roster, fmt), f"{title} ({fmt})", personal=True)
    put("index.html", _index(project, event, result), "Przegląd")
    return result


def _index(project: Project, event: Event, result: EventBuild) -> str:
    from jstevents.model.deadlines import event_deadlines
    from jstevents.outputs.templating import render

    venue = project.venues.get(event.venue) if event.venue else None
    registrations = event.registrations
    nights = sorted({night for r in registrations for night in r.nights})
    context = {
        "programme": project.programme,
        "event": event,
        "venue": venue,
        "deadlines": event_deadlines(event),
        "counts": {
            "registered": len(registrations),
            "coach": sum(1 for r in registrations if r.coach),
            "activities": [(a, sum(1 for r in registrations if a.id in r.activities)) for a in event.activities],
            "nights": [(night, sum(1 for r in registrations if night in r.nights)) for night in nights],
        },
        "files": result.files,
        "skipped": result.skipped,
    }
    return render(Path(project.root), "index.html.j2", context)


def _set_aside(target: Path) -> Path | None:
    """Move the previous build of an event out of the way; returns where it went."""
    if not target.exists():
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    target.rename(old / target.name)
    return old


def _swap_all(staged: list[tuple[Path, Path]]) -> None:
    """Put every finished build (staging, target) in place, or, on failure, none of them."""
    moved: list[tuple[Path, Path | None]] = []
    try:
        for staging, target in staged:
            moved.append((target, _set_aside(target)))
            staging.rename(target)
    except OSError as exc:
        for target, old in reversed(moved):
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)
            if old is not None:
                (old / target.name).rename(target)
                shutil.rmtree(old, ignore_errors=True)
        raise JsteventsError(
            f"cannot put the new build in place: {exc.strerror or exc}",
            hint="close any program that has a file of the build open, then run again",
        ) from None
    for _, old in moved:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def build_events(
    project: Project, events: Iterable[Event], out: Path, *, progress: Progress | None = None
) -> list[EventBuild]:
    """Build each event into `out/<event-id>/`; returns what was written."""
    progress = progress or (lambda name: None)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JsteventsError(
            f"cannot create the output folder {out.as_posix()}: {exc.strerror or exc}",
            hint="choose another folder with -o",
        ) from None
    unique = list({event.id: event for event in events}.values())
    for event in unique:
        target = out / event.id
        if target.exists() and not target.is_dir():
            raise JsteventsError(
                f"{target.as_posix()} exists and is not a folder",
                hint="move that file away or choose another output folder with -o",
            )
    results: list[EventBuild] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for event in unique:
            try:
                staging = Path(tempfile.mkdtemp(prefix=f".{event.id}.new-", dir=out))
            except OSError as exc:
                raise JsteventsError(
                    f"cannot write into {out.as_posix()}: {exc.strerror or exc}",
                    hint="choose another folder with -o, or check its permissions",
                ) from None
            staged.append((staging, out / event.id))
            results.append(_write_event(project, event, staging, progress))
        _swap_all(staged)
    except BaseException:
        for staging, _ in staged:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    for built, (_, target) in zip(results, staged, strict=True):
        built.folder = target
    return results
