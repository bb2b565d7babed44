"""The communiqué and the event's calendar as registered outputs (see `registry`)."""

from __future__ import annotations

from jstevents.model import Event
from jstevents.outputs.registry import RenderInputs


def communique(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    """The generic communiqué (no personal data): Markdown, HTML, text, or a whole e-mail with the `.ics`."""
    if fmt == "eml":
        from jstevents.outputs.calendar.ics import event_calendar
        from jstevents.outputs.email import build_message

        ics = event_calendar(inputs.project, event, inputs.sequences)
        return build_message(inputs.project, event, calendar=ics).as_bytes()
    from jstevents.outputs.communique import render_communique

    return render_communique(inputs.project, event, fmt).encode("utf-8")  # type: ignore[arg-type]


def calendar(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    """The event and its deadlines as iCalendar."""
    from jstevents.outputs.calendar.ics import event_calendar

    return event_calendar(inputs.project, event, inputs.sequences)
