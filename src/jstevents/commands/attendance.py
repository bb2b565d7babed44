"""`jstevents attendance record`: the days each person was present, from a file into the event's YAML.

The event's file is edited as text (see `yaml_edit`): each registration gets `attended: [2017-08-21,
…]` in flow style, replacing the value it had or added as the registration's last key. Everything
else in the file — comments, blank lines, quotes, the order of keys and of registrations — stays as
written. What is replaced is the old `attended:` value only (with any comment inside a block list of
it). The participants registered but not in the file are recorded absent (`attended: []`); those
whose row is invalid are left as they were. Nothing is written unless every row is valid (or
`--skip-invalid`), and the file must validate afterwards, else it is put back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jstevents.commands.attendance_file import Recorded, read_attendance
from jstevents.errors import ProjectError
from jstevents.model import Event, Project
from jstevents.model.project import events_by_id
from jstevents.problems import Problem


@dataclass(frozen=True)
class Change:
    index: int
    participant: str
    before: list[dt.date] | None
    after: list[dt.date]

    def describe(self) -> str:
        """ "lukasz-zolc: — → 21.08.2017, 22.08.2017" for the dry run."""
        from jstevents.text.dates import numeric

        def days(values: list[dt.date] | None) -> str:
            return "—" if values is None else ("absent" if not values else ", ".join(numeric(d) for d in values))

        return f"{self.participant}: {days(self.before)} → {days(self.after)}"


@dataclass
class AttendancePlan:
    event: Event
    file: Path
    recorded: Recorded
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    #: Registered participants the file does not name: recorded absent.
    missing: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return self.recorded.problems


def plan_attendance(
    project: Project, event_id: str, source: Path, columns: dict[str, str] | None = None
) -> AttendancePlan:
    """What recording the file would change; nothing is written."""
    (event,) = events_by_id(project, [event_id])
    origin = project.origin(event)
    if origin is None:
        raise ProjectError(f"cannot tell which file holds {event_id!r}", hint="run `jstevents validate` first")
    recorded = read_attendance(project, event, source, columns)
    plan = AttendancePlan(event, Path(origin.file), recorded)
    invalid = {p.line for p in recorded.problems}
    spoiled = {pid for pid, row in recorded.rows.items() if row in invalid}
    seen: set[str] = set()
    for index, registration in enumerate(event.registrations):
        pid = registration.participant
        if registration.role != "participant" or pid in seen or pid in spoiled:
            continue
        seen.add(pid)
        if pid in recorded.days:
            after = sorted(set(recorded.days[pid]))
        else:
            after = []
            plan.missing.append(pid)
        if registration.attended is not None and sorted(set(registration.attended)) == after:
            plan.unchanged += 1
        else:
            plan.changes.append(Change(index, pid, registration.attended, after))
    plan.problems.sort()
    return plan


def flow_days(days: list[dt.date]) -> str:
    return "[" + ", ".join(d.isoformat() for d in days) + "]"


def edited_text(text: str, where: str, event_path: tuple[str | int, ...], changes: list[Change]) -> str:
    """The event file's text with each change's `attended:` written; the rest as it was."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from jstevents.commands.yaml_edit import _end_of, line_end, root_mapping, value_of

    node: Any = root_mapping(text, where)
    for step in event_path:
        node = value_of(node, step) if isinstance(step, str) else node.value[step]
    registrations = value_of(node, "registrations")
    if not isinstance(registrations, SequenceNode):
        raise ProjectError(f"{where}: the event's `registrations` is not a list", hint="run `jstevents validate`")
    edits: list[tuple[int, int, str]] = []
    for change in changes:
        item = registrations.value[change.index]
        if not isinstance(item, MappingNode):
            raise ProjectError(
                f"{where}: registration {change.index + 1} is not a mapping", hint="run `jstevents validate`"
            )
        value = flow_days(change.after)
        pairs = [(k, v) for k, v in item.value if isinstance(k, ScalarNode)]
        current = next((v for k, v in pairs if k.value == "attended"), None)
        if current is not None:
            key = next(k for k, v in pairs if v is current)
            colon = text.index(":", key.end_mark.index)
            end = (
                _end_of(current)
                if isinstance(current, SequenceNode) and not current.flow_style
                else current.end_mark.index
            )
            if text[colon + 1 : end].endswith("\n"):
                end -= 1
            edits.append((colon + 1, end, " " + value))
        elif item.flow_style:
            last = item.value[-1][1]
            edits.append((last.end_mark.index, last.end_mark.index, f", attended: {value}"))
        else:
            column = item.value[0][0].start_mark.column
            at = line_end(text, _end_of(item) - (1 if text[_end_of(item) - 1 : _end_of(item)] == "\n" else 0))
            edits.append((at, at, f"\n{' ' * column}attended: {value}"))
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def apply_attendance(project: Project, plan: AttendancePlan) -> None:
    """Write the plan's changes into the event's file (checked: put back if it no longer validates)."""
    from jstevents.commands.yaml_edit import write_checked
    from jstevents.load import yamlfile

    if not plan.changes:
        return
    text, fault = yamlfile.read_text(plan.file)
    if text is None:
        raise ProjectError(f"cannot read {plan.file.as_posix()}: {fault.message if fault else 'unreadable'}")
    origin = project.origin(plan.event)
    assert origin is not None
    new_text = edited_text(text, plan.file.as_posix(), origin.path, plan.changes)
    wanted = {c.participant: c.after for c in plan.changes}
    event_id = plan.event.id

    def lost(loaded: Project | None) -> str | None:
        if loaded is None or event_id not in loaded.events:
            return f"{event_id} went missing"
        for registration in loaded.events[event_id].registrations:
            days = wanted.pop(registration.participant, None)
            if days is not None and sorted(set(registration.attended or [])) != days:
                return f"the attendance of {registration.participant} did not read back as written"
        return None

    write_checked(Path(project.root), plan.file, new_text, also=lost, checks=False)
