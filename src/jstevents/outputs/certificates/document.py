"""The certificates of an event: who gets one, and each as an A4 page typeset by Typst.

A certificate goes to each participant who completed the event (`model.attendance`), and to those
named with `--force` though they did not; the ledger gives each a number once (`ledger`). The page
(template `certificate.typ`, overridable in the project's `templates/`) says: "Zaświadczenie nr …",
the organiser, the person (with the personal fields the programme asks for), their JST, the
training's title, the programme, the dates and place, the form, the hours and the person's share of
them, the topics of the agenda, the place and day of issue, the signatory, the EU marking, and a QR
code (segno) with the number and its keyed digest.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jstevents.errors import ProjectError
from jstevents.model import Event, Participant, Project
from jstevents.model.attendance import Completion, completions, event_hours
from jstevents.outputs.certificate_ledger import CertificateState, Entry, digest, qr_text
from jstevents.outputs.lists.table import place, unit_name
from jstevents.text.collation import name_key, polish_key
from jstevents.text.dates import date, date_range
from jstevents.text.numbers import hours, percent

TEMPLATE = "certificate.typ"
PERSONAL_LABELS = {"birth_date": "data urodzenia", "birth_place": "miejsce urodzenia"}


@dataclass(frozen=True)
class Issued:
    """One certificate as issued: its ledger entry, the person and their completion."""

    entry: Entry
    person: Participant
    completion: Completion


@dataclass(frozen=True)
class Refused:
    """A participant given no certificate because they did not complete the event."""

    person: Participant
    completion: Completion


def _settings(project: Project) -> Any:
    settings = project.programme.certificates
    if settings is None:
        raise ProjectError(
            "the programme sets no certificates",
            hint="add `certificates:` to the programme (number pattern, place of issue, signatory); see "
            "docs/after-the-event.md",
        )
    return settings


def issue(project: Project, event: Event, state: CertificateState) -> tuple[list[Issued], list[Refused]]:
    """The event's certificates, numbers given in the ledger to those who have none yet (in the order of
    JST and surname), and the participants refused one. Revoked certificates are not among them."""
    settings = _settings(project)
    found = [(c, project.participants[c.registration.participant]) for c in completions(project, event)]
    found.sort(key=lambda cp: (polish_key(unit_name(project, cp[1])), name_key(cp[1].name)))
    by_person = {person.id: (done, person) for done, person in found}
    refused: list[Refused] = []
    for done, person in found:
        if state.ledger.active(event.id, person.id) is not None:
            continue
        forced = person.id in state.forced and not done.completed
        if not done.completed and not forced:
            refused.append(Refused(person, done))
            continue
        state.ledger.allocate(
            settings.number,
            programme=project.programme.id,
            event_id=event.id,
            year=event.dates.end.year,
            participant=person.id,
            issued=state.issued or event.dates.end,
            forced=forced,
        )
    issued = [
        Issued(entry, by_person[entry.participant][1], by_person[entry.participant][0])
        for entry in sorted(state.ledger.of_event(event.id), key=lambda e: (e.n, e.number))
        if entry.revoked is None and entry.participant in by_person
    ]
    return issued, refused


def _personal_lines(project: Project, person: Participant, state: CertificateState) -> list[str]:
    fields = _settings(project).personal_fields
    if not fields:
        return []
    known = state.personal.get(person.id, {})
    missing = [f for f in fields if not known.get(f)]
    if missing:
        raise ProjectError(
            f"{person.id}: no {', '.join(missing)} in .jstevents/personal.yaml, which the certificates print",
            hint=f"add them (e.g. {person.id}: {{birth_date: 1980-05-01, birth_place: Kraków}}), or remove "
            "them from programme.certificates.personal_fields",
        )
    lines = []
    for name in fields:
        value = known[name]
        text = date(value) if isinstance(value, dt.date) else str(value)
        lines.append(f"{PERSONAL_LABELS[name]}: {text}")
    return lines


def _qr_svg(text: str) -> str:
    import segno

    out = io.BytesIO()
    segno.make(text, error="m", micro=False).save(out, kind="svg", scale=4, border=2, xmldecl=False, nl=False)
    return out.getvalue().decode("ascii")


def certificate_data(project: Project, event: Event, item: Issued, state: CertificateState) -> dict[str, Any]:
    settings = _settings(project)
    done = item.completion
    total = event_hours(event)
    lines = [
        {"label": "Termin:", "text": date_range(event.dates.start, event.dates.end)},
        {"label": "Miejsce:", "text": place(project, event)},
        {"label": "Forma:", "text": "zajęcia online" if event.mode == "online" else "zajęcia stacjonarne"},
        {"label": "Wymiar:", "text": hours(total)},
        {"label": "Obecność:", "text": f"{hours(done.hours)} ({percent(done.share)})"},
        {"label": "Organizator:", "text": project.programme.organiser},
    ]
    return {
        "number": item.entry.number,
        "name": item.person.name,
        "personal": _personal_lines(project, item.person, state),
        "unit": unit_name(project, item.person),
        "statement": "ukończył(a)" if done.completed else "uczestniczył(a) w",
        "event": event.title,
        "lines": lines,
        "topics": [block.title for block in event.agenda],
        "issued": f"{settings.place}, {date(item.entry.issued)}",
        "signatory": settings.signatory,
        "signatory_role": settings.signatory_role,
        "qr": _qr_svg(qr_text(state.key, item.entry)),
        "code": digest(state.key, item.entry),
    }


def render_pdf(project: Project, event: Event, items: list[Issued], state: CertificateState) -> bytes:
    """The certificates `items`, one A4 page each, in one PDF."""
    from jstevents.outputs.lists.pdf_format import typeset

    root = Path(project.root)
    funding = project.programme.funding
    logos = []
    for name in funding.logos:
        path = (root / name).resolve()
        try:
            relative = path.relative_to(root.resolve()).as_posix()
        except ValueError:
            continue  # outside the project: Typst may not read it, and validate says so
        if path.is_file():
            logos.append("/" + relative)
    data = {
        "organiser": project.programme.organiser,
        "programme": project.programme.title,
        "funding": " ".join(filter(None, [funding.text, funding.footer])) or None,
        "logos": logos,
        "certificates": [certificate_data(project, event, item, state) for item in items],
    }
    return typeset(root, TEMPLATE, data)


def file_name(entry: Entry) -> str:
    """ "ORE/2017/modul-3/001" → "ORE-2017-modul-3-001.pdf": the number, safe as a file name."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in entry.number)
    return f"{safe.strip('-.') or 'zaswiadczenie'}.pdf"
