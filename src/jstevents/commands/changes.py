"""`jstevents changes EVENT`: for each person told about the event, what is different now.

The record of what each person was told (`commands.told`) is compared with what the
YAML says now, fact by fact (`text.facts`). A person told about the event who is no longer
registered has withdrawn; everybody told about an event now `status: cancelled` is told it is
called off.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from jstevents.commands.state import state_dir
from jstevents.commands.told import ToldBook, read_told, told_path
from jstevents.errors import StateError, UnknownEvent
from jstevents.model import Event, Participant, Project
from jstevents.text.facts import Change, Fact, differences, stated_facts


@dataclass(frozen=True)
class PersonChanges:
    participant: str
    name: str
    email: str
    changes: list[Change]
    #: Told about the event, no longer registered for it: gets a cancellation.
    withdrawn: bool = False
    #: The facts the person would be told now (empty for a withdrawn person).
    facts: dict[str, Fact] = field(default_factory=dict)

    @property
    def shared(self) -> list[Change]:
        return [c for c in self.changes if c.group == "event"]

    @property
    def personal(self) -> list[Change]:
        return [c for c in self.changes if c.group == "personal"]


@dataclass
class ChangeReport:
    event: Event
    #: The event id the records were kept under (another one after `--was`).
    told_as: str
    told: int
    affected: list[PersonChanges]
    #: Registered now, never told anything: they need the communiqué itself, not an update.
    never_told: list[str]

    @property
    def cancelled(self) -> bool:
        return self.event.status == "cancelled"


def _renamed_candidates(project: Project) -> list[str]:
    """Event ids with a record of what people were told but no event in the YAML any more."""
    folder = state_dir(project.root)
    ids = [p.name[len("told-") : -len(".json")] for p in sorted(folder.glob("told-*.json"))]
    return [i for i in ids if i not in project.events]


def told_book(project: Project, event_id: str, was: str | None = None) -> ToldBook:
    """The records of `event_id` (or of `was`, its id at the time of the mail-out)."""
    if event_id not in project.events:
        raise UnknownEvent(event_id, sorted(project.events))
    source = was or event_id
    book = read_told(project.root, source)
    if book is not None:
        return book
    where = told_path(project.root, source).as_posix()
    if was is not None:
        candidates = _renamed_candidates(project)
        close = difflib.get_close_matches(was, candidates, n=1)
        hint = (
            f"did you mean --was {close[0]}?"
            if close
            else (
                f"records are kept for: {', '.join(candidates)}"
                if candidates
                else "no event has records under another id"
            )
        )
        raise StateError(f"nothing was ever mailed about {was!r} (there is no {where})", hint=hint)
    candidates = _renamed_candidates(project)
    if candidates:
        raise StateError(
            f"nothing was ever mailed about {event_id!r} (there is no {where}), but there are records for "
            f"{', '.join(repr(c) for c in candidates)}, which the YAML no longer has",
            hint=f"if the event was renamed, link the two: jstevents changes {event_id} --was {candidates[0]}",
        )
    raise StateError(
        f"nothing was ever mailed about {event_id!r}: there is no record of what anybody was told ({where})",
        hint=f"the record is written by `jstevents mail {event_id}` (the dry run too); changes are what differs "
        "from it",
    )


def compare(project: Project, event_id: str, *, was: str | None = None) -> ChangeReport:
    book = told_book(project, event_id, was)
    event = project.events[event_id]
    registered = {r.participant: r for r in event.registrations}
    affected: list[PersonChanges] = []
    told_ids = [pid for pid in book.people if book.told(pid) is not None]
    order = {pid: i for i, pid in enumerate(registered)}
    for pid in sorted(told_ids, key=lambda p: (order.get(p, len(order)), p)):
        record = book.told(pid)
        assert record is not None
        person = project.participants.get(pid)
        name = person.name if person is not None else record.name
        email = person.email if person is not None else record.email
        registration = registered.get(pid)
        if registration is None:
            affected.append(PersonChanges(pid, name, email, [], withdrawn=True))
            continue
        now = stated_facts(project, event, registration)
        found = differences(record.facts, now)
        if found:
            affected.append(PersonChanges(pid, name, email, found, facts=now))
    never = [pid for pid in registered if pid not in told_ids]
    return ChangeReport(event, book.event, len(told_ids), affected, never)


def recipient(project: Project, person: PersonChanges) -> Participant:
    """The participant to write to: as in the YAML, or as recorded when they are gone from it."""
    found = project.participants.get(person.participant)
    if found is not None:
        return found
    return Participant.model_construct(id=person.participant, name=person.name, email=person.email, unit="")


def report_json(report: ChangeReport) -> dict[str, object]:
    def change(c: Change) -> dict[str, str]:
        return {"key": c.key, "label": c.label, "old": c.old, "new": c.new}

    return {
        "event": report.event.id,
        "told_as": report.told_as,
        "cancelled": report.cancelled,
        "told": report.told,
        "affected": [
            {
                "participant": p.participant,
                "name": p.name,
                "email": p.email,
                "withdrawn": p.withdrawn,
                "event": [change(c) for c in p.shared],
                "personal": [change(c) for c in p.personal],
            }
            for p in report.affected
        ],
        "never_told": report.never_told,
    }


def changes_path(project_root: str | Path, event_id: str) -> Path:
    """The journal of update campaigns: apart from the mail-out's, so each resumes on its own."""
    return state_dir(project_root) / f"sent-{event_id}.changes.jsonl"
