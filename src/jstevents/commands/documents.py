"""One document of one event, rendered for stdout or a file of the user's choosing."""

from __future__ import annotations

from jstevents.commands.state import read_sequences
from jstevents.errors import UsageError
from jstevents.model import Project
from jstevents.model.project import events_by_id
from jstevents.outputs.registry import OUTPUTS, RenderInputs


def render_document(project: Project, event_id: str, output: str, fmt: str) -> bytes:
    """The `output` (e.g. "communique") of an event in `fmt`.

    The calendar ledger is read, never written: a document printed for a look leaves the
    project folder as it was (a `.ics` inside it uses the SEQUENCE the ledger gives).
    """
    (event,) = events_by_id(project, [event_id])
    kind = OUTPUTS[output]
    if fmt not in kind.formats:
        raise UsageError(f"{output} has no format {fmt!r}", hint=f"use one of: {', '.join(kind.formats)}")
    return kind.render(RenderInputs(project, read_sequences(project)), event, fmt)
