"""The register of certificates issued for an event (rejestr wydanych zaświadczeń), as XLSX and CSV:
number, person, JST, event, dates, hours, day of issue, and what the ledger says besides (issued
though not completed, revoked). Every certificate the ledger holds for the event is a row, a revoked
one too: a number once given stays accounted for."""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.model.attendance import completion, event_hours
from jstevents.outputs.certificate_ledger import CertificateState
from jstevents.outputs.certificates.document import issue
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, frame, unit_name
from jstevents.text.dates import numeric, numeric_range
from jstevents.text.numbers import percent, short_decimal

NAME = "register"


def build(project: Project, event: Event, state: CertificateState) -> Roster:
    issue(project, event, state)
    registrations = {r.participant: r for r in event.registrations}
    columns = [
        Column("Lp.", 10, "number"),
        Column("Numer", 40, "keep"),
        Column("Imię i nazwisko", 45),
        Column("JST", 40),
        Column("Wydarzenie", 40),
        Column("Termin", 30, "keep"),
        Column("Godziny", 18, "keep"),
        Column("Data wydania", 22, "keep"),
        Column("Uwagi", 50),
    ]
    rows: list[list[Cell]] = []
    total = event_hours(event)
    entries = sorted(state.ledger.of_event(event.id), key=lambda e: (e.n, e.number))
    for number, entry in enumerate(entries, 1):
        person = project.participants.get(entry.participant)
        registration = registrations.get(entry.participant)
        done = completion(project, event, registration) if registration else None
        notes = []
        if entry.forced:
            share = f" ({percent(done.share)} godzin)" if done else ""
            notes.append(f"wydane mimo nieukończenia{share}")
        if entry.revoked:
            notes.append(f"unieważnione {numeric(entry.revoked)}" + (f": {entry.reason}" if entry.reason else ""))
        rows.append([
            number,
            entry.number,
            person.name if person else entry.participant,
            unit_name(project, person) if person else "",
            event.title,
            numeric_range(event.dates.start, event.dates.end),
            f"{short_decimal(done.hours) if done else '?'} z {short_decimal(total)}",
            numeric(entry.issued),
            "; ".join(notes),
        ])  # fmt: skip
    framing = frame(project, event, NAME, marked=False)
    active = sum(1 for e in entries if e.revoked is None)
    return Roster(
        **framing,
        columns=columns,
        groups=[Group("", rows)],
        footer=[f"Wydane zaświadczenia: {active}; unieważnione: {len(entries) - active}"],
    )
