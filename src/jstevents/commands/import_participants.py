"""Merging a registration-form export (CSV or XLSX) into the roster, `participants.yaml`.

People are matched by e-mail (case-insensitive). A known person gets the fields the
export fills in and that differ; a new person is appended; nobody is ever removed,
and an empty cell never erases a value. The roster file is edited as text — new
entries appended after the last one, changed values replaced where they stand — so
its comments, order and layout survive. The previous version is kept beside it as
`participants.yaml.bak-N`, and the result must validate or the file is put back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jstevents.errors import InputFileError, ProjectError, StateError, UsageError
from jstevents.load.form_exports import TableError, read_table_file, rows_as_participants
from jstevents.model import Participant, Project
from jstevents.problems import Problem
from jstevents.text.ids import free_id, slug

#: Participant field → column header of the registration form (Polish, as forms are).
DEFAULT_COLUMNS = {
    "name": "Imię i nazwisko",
    "email": "E-mail",
    "phone": "Telefon",
    "unit": "JST",
    "role": "Stanowisko",
    "diet": "Dieta",
    "network": "Sieć",
}
REQUIRED = ("name", "email", "unit")
#: The order fields are written in a new roster entry.
_FIELD_ORDER = ("id", "name", "unit", "role", "email", "phone", "network", "diet", "diet_note", "room_with")
_UPDATABLE = ("name", "unit", "role", "phone", "network", "diet", "diet_note", "room_with")


@dataclass
class Change:
    participant: Participant
    #: field → (old value, new value)
    fields: dict[str, tuple[Any, Any]]


@dataclass
class ImportPlan:
    export: str
    roster_file: Path
    added: list[Participant] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: list[Participant] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: The roster file's (size, time of change) when the plan was made: written over only if unchanged.
    roster_signature: tuple[int, int] | None = None


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns)


def parse_columns(spec: str | None) -> dict[str, str]:
    """The column mapping: the defaults, overridden by `field=Header,…` or a YAML file of field: Header."""
    columns = dict(DEFAULT_COLUMNS)
    if not spec:
        return columns
    path = Path(spec)
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise InputFileError(f"cannot read the column mapping {spec}: {exc}") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise InputFileError(
                f"{spec} must be a mapping of field: column header", hint='e.g.  email: "Adres e-mail"'
            )
        pairs = [(str(k), v) for k, v in data.items()]
    else:
        pairs = []
        for part in spec.split(","):
            key, sep, header = part.partition("=")
            if not sep or not key.strip() or not header.strip():
                raise UsageError(
                    f"--columns: {part!r} is not FIELD=Header", hint='e.g. --columns "email=Adres e-mail,unit=Gmina"'
                )
            pairs.append((key.strip(), header.strip()))
    for key, header in pairs:
        if key not in Participant.model_fields:
            raise UsageError(
                f"--columns: unknown field {key!r}", hint=f"the fields are: {', '.join(Participant.model_fields)}"
            )
        columns[key] = header
    return columns


def _new_id(person: Participant, taken: set[str]) -> str:
    return free_id(slug(person.name) or person.email.lower(), taken)


def roster_file(root: Path) -> Path:
    """The file that holds the `participants:` section (a new participants.yaml if none does)."""
    from jstevents.commands.yaml_edit import section_file

    return section_file(root, "participants", "participants.yaml")


def plan_import(project: Project, export: Path, columns: dict[str, str]) -> ImportPlan:
    """What merging the export would do; nothing is written."""
    root = Path(project.root)
    display = export.as_posix()
    plan = ImportPlan(export=display, roster_file=roster_file(root))
    plan.roster_signature = _signature(plan.roster_file)
    from jstevents.confined import Refused

    try:
        table = read_table_file(export, display)
    except TableError as exc:
        raise InputFileError(f"{display}:{exc.line}: {exc.message}") from None
    except Refused as exc:
        raise InputFileError(str(exc)) from None

    present = {h.casefold() for h in table.header}
    mapping = {f: h for f, h in columns.items() if h.casefold() in present or f in REQUIRED}
    unit_ids = {u.id.casefold(): u.id for u in project.units.values()}
    unit_ids.update({u.name.casefold(): u.id for u in project.units.values()})
    unit_col = next((i for i, h in enumerate(table.header) if h.casefold() == mapping["unit"].casefold()), None)
    email_col = next((i for i, h in enumerate(table.header) if h.casefold() == mapping["email"].casefold()), 0)
    known_rows = []
    for line, cells in table.rows:
        unit = cells[unit_col] if unit_col is not None and unit_col < len(cells) else ""
        if unit and unit.casefold() not in unit_ids:
            plan.problems.append(
                Problem(
                    display,
                    line,
                    unit_col + 1 if unit_col is not None else 1,
                    "E022",
                    f"row {line}, unit: unknown JST {unit!r}; give the id or the name of a unit in units.yaml",
                )
            )
        else:
            known_rows.append((line, cells))
    # A placeholder id: new people get one made from their name below, known ones keep theirs.
    provisional = {} if "id" in mapping else {"id": "imported"}
    rows, row_problems = rows_as_participants(replace(table, rows=known_rows), mapping, provisional, unit_ids)
    plan.problems += row_problems
    if any(p.line == 1 for p in plan.problems):
        raise InputFileError(
            plan.problems[0].message,
            hint='map the export\'s headers with --columns "email=Adres e-mail,…" (see docs/lists.md)',
        )

    by_email = {p.email.casefold(): p for p in project.participants.values()}
    taken = set(project.participants)
    seen: dict[str, int] = {}
    for person, origin in rows:
        line = origin.line or 0
        key = person.email.casefold()
        if key in seen:
            plan.problems.append(
                Problem(
                    display,
                    line,
                    email_col + 1,
                    "E022",
                    f"row {line}, email: {person.email} is already on row {seen[key]}; this row is skipped",
                )
            )
            continue
        seen[key] = line
        given = person.model_fields_set - {"id", "email"}
        if "id" in mapping and person.id in taken and by_email.get(key) is None:
            plan.problems.append(
                Problem(
                    display,
                    line,
                    1,
                    "E022",
                    f"row {line}, id: {person.id!r} belongs to another participant",
                )
            )
            continue
        known = by_email.get(key)
        if known is None:
            new = person if "id" in mapping else person.model_copy(update={"id": _new_id(person, taken)})
            taken.add(new.id)
            plan.added.append(new)
            continue
        fields = {
            name: (getattr(known, name), getattr(person, name))
            for name in _UPDATABLE
            if name in given and getattr(person, name) != getattr(known, name)
        }
        if fields:
            plan.changed.append(Change(known, fields))
        else:
            plan.unchanged.append(known)
    plan.problems.sort()
    return plan


# --- editing the roster file as text ------------------------------------------------


def _scalar(value: Any) -> str:
    # A JSON string is a valid YAML double-quoted scalar: nothing in it can break the file.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else json.dumps(value)


def _entry(person: Participant) -> str:
    lines = []
    for index, name in enumerate(_FIELD_ORDER):
        value = getattr(person, name)
        if value is None or (name == "diet" and value == Participant.model_fields["diet"].default):
            continue
        text = value if name in ("id", "unit", "network", "room_with") else _scalar(value)
        lines.append(f"{'- ' if index == 0 else '  '}{name}: {text}")
    return "\n".join(lines)


def edited_text(text: str, plan: ImportPlan) -> str:
    """The roster file's text with the plan applied; everything else is left as written."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from jstevents.commands.yaml_edit import append_to_list, line_end, root_mapping, value_of

    edits: list[tuple[int, int, str]] = []
    where = plan.roster_file.as_posix()
    section = value_of(root_mapping(text, where), "participants")
    items = {}
    if isinstance(section, SequenceNode):
        for item in section.value:
            if isinstance(item, MappingNode):
                for k, v in item.value:
                    if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
                        items[v.value] = item

    for change in plan.changed:
        item = items.get(change.participant.id)
        if item is None:
            raise ProjectError(
                f"participant {change.participant.id!r} is not written in {plan.roster_file.as_posix()}",
                hint="it comes from a participant source (a form export named in participant_sources:); "
                "change it there",
            )
        keys = {k.value: v for k, v in item.value if isinstance(k, ScalarNode)}
        for name, (_, new) in change.fields.items():
            plain = name in ("unit", "network", "room_with")
            value = new if plain else _scalar(new)
            if name in keys:
                start, end = keys[name].start_mark.index, keys[name].end_mark.index
                if text[start:end].endswith("\n"):
                    value += "\n"  # a block scalar (`role: >-`) ends with its line break
                edits.append((start, end, value))
            else:
                last = item.value[-1][1]
                if item.flow_style:
                    edits.append((last.end_mark.index, last.end_mark.index, f", {name}: {value}"))
                else:
                    column = item.value[0][0].start_mark.column
                    at = line_end(text, last.end_mark.index)
                    edits.append((at, at, f"\n{' ' * column}{name}: {value}"))

    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        text = text[:start] + replacement + text[end:]
    if plan.added:
        entries = [_entry(p) for p in plan.added]
        text = append_to_list(text, root_mapping(text, where), "participants", entries, where=where)
    return text


def _backup_path(path: Path) -> Path:
    n = 1
    while (candidate := path.with_name(f"{path.name}.bak-{n}")).exists():
        n += 1
    return candidate


def apply_import(project: Project, plan: ImportPlan) -> Path | None:
    """Write the merged roster; returns the backup of the previous file (None if there was none)."""
    from jstevents.commands.lock import project_lock

    with project_lock(project.root, "import-participants"):
        if _signature(plan.roster_file) != plan.roster_signature:
            # Another import (or an editor) wrote the roster since it was read: merging into the old
            # text would drop what that wrote.
            raise StateError(
                f"{plan.roster_file.as_posix()} changed while the import was being prepared; nothing was written",
                hint="run the import again: it merges into the roster as it is now",
            )
        return _apply_import(project, plan)


def _apply_import(project: Project, plan: ImportPlan) -> Path | None:
    from jstevents.commands.yaml_edit import write_checked

    path = plan.roster_file
    if not plan.added and not plan.changed:
        return None
    original = path.read_bytes() if path.exists() else None
    new_text = edited_text(original.decode("utf-8-sig") if original is not None else "", plan)
    backup = _backup_path(path) if original is not None else None
    before = set(project.participants)

    def lost(loaded: Any) -> str | None:
        after = set(loaded.participants) if loaded else set()
        if before - after or len(after) != len(before) + len(plan.added):
            return "participants went missing"
        return None

    write_checked(Path(project.root), path, new_text, backup=backup, also=lost, checks=False)
    return backup
