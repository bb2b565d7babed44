"""The funder's workbook for the whole programme (`jstevents report`): one XLSX, a sheet a question.

- "Wydarzenia": each event with the people registered, present on at least one day, completed, and
  the certificates issued (from the ledger, revoked ones not counted);
- "Obecność dzienna": each day of each event with the number present;
- "Rodzaje JST" and "Województwa": the same counts by the kind of JST and by voivodeship;
- "JST": each unit with its kind and voivodeship, the modules (and other events) it took part in (`attending_units`: the
  recorded attendance when there is one, else the units announced) and how many.

Counts are numbers, so Excel sums them. Before an event's attendance is recorded its "present" and
"completed" cells are empty, not zero. Same data, same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jstevents.model import Event, EventKind, JSTKind, Participant, Project
from jstevents.model.attendance import attending_units, completions, has_recorded_attendance
from jstevents.model.presence import event_days
from jstevents.outputs.certificate_ledger import Ledger
from jstevents.text.collation import polish_key
from jstevents.text.dates import numeric, numeric_range
from jstevents.text.wording import KIND_LABELS

Row = list[Any]


def _counts(project: Project, event: Event, ledger: Ledger, which: Callable[[Participant], bool]) -> Row:
    registered = [
        r for r in dict((r.participant, r) for r in event.registrations if r.role == "participant").values()
        if r.participant in project.participants and which(project.participants[r.participant])
    ]  # fmt: skip
    ids = {r.participant for r in registered}
    issued = sum(1 for e in ledger.of_event(event.id) if e.revoked is None and e.participant in ids)
    if not has_recorded_attendance(event):
        return [len(registered), None, None, issued]
    done = [c for c in completions(project, event) if c.registration.participant in ids]
    return [len(registered), sum(1 for c in done if c.days), sum(1 for c in done if c.completed), issued]


def _anyone(person: Participant) -> bool:
    return True


COUNTS = ["Zarejestrowani", "Obecni (co najmniej 1 dzień)", "Ukończyli", "Zaświadczenia wydane"]


def _event_cells(event: Event) -> Row:
    return [event.id, event.title, KIND_LABELS[event.kind], numeric_range(event.dates.start, event.dates.end)]


def sheets(project: Project, ledger: Ledger) -> dict[str, tuple[list[str], list[Row]]]:
    """Each sheet's header and rows."""
    events = project.sorted_events()
    head = ["Wydarzenie", "Tytuł", "Rodzaj", "Termin"]
    found: dict[str, tuple[list[str], list[Row]]] = {}
    found["Wydarzenia"] = (
        [*head, "Obecność zapisana", *COUNTS],
        [
            [*_event_cells(e), "tak" if has_recorded_attendance(e) else "nie", *_counts(project, e, ledger, _anyone)]
            for e in events
        ],
    )  # fmt: skip
    daily = []
    for event in events:
        done = completions(project, event)
        for day in event_days(event):
            present = sum(1 for c in done if day in c.days) if done else None
            daily.append([event.id, event.title, numeric(day), present])
    found["Obecność dzienna"] = (["Wydarzenie", "Tytuł", "Dzień", "Obecni"], daily)

    def of_kind(kind: JSTKind) -> Callable[[Participant], bool]:
        return lambda person: getattr(project.units.get(person.unit), "kind", None) == kind

    def of_region(region: str) -> Callable[[Participant], bool]:
        return lambda person: getattr(project.units.get(person.unit), "voivodeship", None) == region

    kinds = [k for k in JSTKind if any(u.kind == k for u in project.units.values())]
    found["Rodzaje JST"] = (
        ["Wydarzenie", "Tytuł", "Rodzaj JST", *COUNTS],
        [[e.id, e.title, k.value, *_counts(project, e, ledger, of_kind(k))] for e in events for k in kinds],
    )
    regions = sorted({u.voivodeship for u in project.units.values()}, key=polish_key)
    found["Województwa"] = (
        ["Wydarzenie", "Tytuł", "Województwo", *COUNTS],
        [[e.id, e.title, r, *_counts(project, e, ledger, of_region(r))] for e in events for r in regions],
    )
    took_part = {event.id: {u.id for u in attending_units(project, event)} for event in events}
    units = []
    for unit in sorted(project.units.values(), key=lambda u: (polish_key(u.voivodeship), polish_key(u.name))):
        attended = [e for e in events if unit.id in took_part[e.id]]
        modules = [e for e in attended if e.kind == EventKind.module]
        others = [e for e in attended if e.kind != EventKind.module]
        units.append([
            unit.name, unit.kind.value, unit.voivodeship, len(modules), "; ".join(e.title for e in modules),
            "; ".join(e.title for e in others),
        ])  # fmt: skip
    found["JST"] = (
        ["JST", "Rodzaj JST", "Województwo", "Moduły (liczba)", "Moduły, w których wzięła udział", "Inne wydarzenia"],
        units,
    )
    return found


def report_xlsx(project: Project, ledger: Ledger) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from jstevents.outputs.lists.xlsx_format import FIXED_TIME, _stable_zip

    book = Workbook()
    book.properties.created = book.properties.modified = FIXED_TIME
    book.properties.creator = "jstevents"
    book.properties.title = f"Raport – {project.programme.title}"[:250]
    book.remove(book.active)  # type: ignore[arg-type]
    bold = Font(bold=True)
    for name, (header, rows) in sheets(project, ledger).items():
        sheet = book.create_sheet(name)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text, never a formula
        for index, title in enumerate(header, 1):
            longest = max([len(str(r[index - 1] or "")) for r in rows] + [len(title)])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 8), 60)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue())
