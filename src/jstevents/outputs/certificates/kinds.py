"""The certificates and their register as kinds of document of the registry (see `outputs.registry`):
`build` writes them for an event with recorded attendance when the programme sets certificates."""

from __future__ import annotations

from jstevents.errors import ProjectError
from jstevents.model import Event, Project
from jstevents.model.attendance import has_recorded_attendance
from jstevents.outputs.certificate_ledger import CertificateState
from jstevents.outputs.registry import RenderInputs, Skip


def applies(project: Project, event: Event) -> Skip | None:
    if project.programme.certificates is None:
        return Skip(
            "program nie przewiduje zaświadczeń",
            "gives no certificates: the programme sets none",
            hint="add `certificates:` to the programme (see docs/after-the-event.md)",
        )
    if not has_recorded_attendance(event):
        return Skip(
            "brak zapisanej obecności",
            "has no recorded attendance",
            hint=f"record it first: jstevents attendance record {event.id} --from FILE",
        )
    return None


def _state(inputs: RenderInputs) -> CertificateState:
    if inputs.certificates is None:
        raise ProjectError("certificates need the project's ledger of numbers", hint="use `jstevents certificates`")
    return inputs.certificates


def render_certificates(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    """Every certificate of the event in one PDF, for printing."""
    from jstevents.outputs.certificates.document import issue, render_pdf

    state = _state(inputs)
    issued, _ = issue(inputs.project, event, state)
    return render_pdf(inputs.project, event, issued, state)


def render_register(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    from jstevents.outputs.certificates.register import build
    from jstevents.outputs.lists.formats import render_roster

    return render_roster(build(inputs.project, event, _state(inputs)), fmt)
