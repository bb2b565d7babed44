"""The overview page of one built event (`index.html`): dates, place, counts, deadlines, every file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jstevents.model import Event
from jstevents.model.deadlines import event_deadlines
from jstevents.outputs.registry import RenderInputs


@dataclass(frozen=True)
class BuiltFile:
    """One file of a build: its path inside the event folder, what it is, and of which output."""

    path: str
    what: str
    personal: bool
    output: str = ""
    fmt: str = ""


def render_index(inputs: RenderInputs, event: Event, files: list[BuiltFile], skipped: list[tuple[str, str]]) -> bytes:
    """`skipped` holds (title, Polish reason) of each output that does not apply to the event."""
    from jstevents.outputs.templating import render

    project = inputs.project
    venue = project.venues.get(event.venue) if event.venue else None
    registrations = event.registrations
    nights = sorted({night for r in registrations for night in r.nights})
    context = {
        "programme": project.programme,
        "event": event,
        "venue": venue,
        "today": inputs.today,
        "deadlines": event_deadlines(event),
        "counts": {
            "registered": len(registrations),
            "coach": sum(1 for r in registrations if r.coach),
            "activities": [(a, sum(1 for r in registrations if a.id in r.activities)) for a in event.activities],
            "nights": [(night, sum(1 for r in registrations if night in r.nights)) for night in nights],
        },
        "files": files,
        "skipped": skipped,
    }
    return render(Path(project.root), "index.html.j2", context).encode("utf-8")
