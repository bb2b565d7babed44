"""One new entry appended to the right file: `jstevents new participant|venue|unit|deadline|activity`.

What a coordinator would otherwise copy by hand: the entry comes from the same template as the
one `init` writes (each key with its comment in Polish, the optional ones left commented out),
its id is made from the name (Polish letters transliterated), an id already taken is refused,
and the project must still validate with the entry in it, or the file is put back as it was.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jstevents.commands.yaml_edit import append_to_list, root_mapping, section_file, value_of, write_checked
from jstevents.errors import FileConflict, ProjectError, UsageError
from jstevents.load import yamlfile
from jstevents.model import Project
from jstevents.model.project import events_by_id
from jstevents.outputs import skeleton
from jstevents.text.ids import slug

#: Kinds kept in a top-level section of their own, with the section.
SECTIONS = {"participant": "participants", "venue": "venues", "unit": "units"}
#: Kinds kept inside an event, with the event's key that lists them.
EVENT_LISTS = {"deadline": "deadlines", "activity": "activities"}
KINDS = (*SECTIONS, *EVENT_LISTS)


@dataclass
class NewEntry:
    """What `new` wrote, for the message to the user."""

    kind: str
    id: str
    path: Path
    #: The line the entry starts on.
    line: int
    #: The file did not exist and was made for it.
    created: bool = False


def moment(value: dt.datetime) -> str:
    """A date, or a date and time, as the YAML files write them: 2025-03-10 or 2025-03-10 16:00."""
    if value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return value.strftime("%Y-%m-%d %H:%M")


def _taken(project: Project, kind: str, event_id: str | None) -> dict[str, str]:
    """The ids already used for `kind` (in the event, for an event's list), each with a name for the message."""
    if kind in SECTIONS:
        found: dict[str, Any] = getattr(project, SECTIONS[kind])
        return {key: getattr(value, "name", key) for key, value in found.items()}
    assert event_id is not None
    [event] = events_by_id(project, [event_id])
    return {item.id: item.title for item in getattr(event, EVENT_LISTS[kind])}


def _event_mapping(text: str, where: str, path: tuple[str | int, ...]) -> Any:
    node: Any = root_mapping(text, where)
    for step in path:
        node = value_of(node, step) if isinstance(step, str) else node.value[step]
    return node


def _line_of(text: str, new_text: str) -> int:
    """The line (1-based) of the first character that is not white space where `new_text` differs from `text`."""
    index = len(os.path.commonprefix([text, new_text]))
    while index < len(new_text) and new_text[index].isspace():
        index += 1
    return new_text.count("\n", 0, index) + 1


def add_entry(project: Project, kind: str, item: dict[str, Any], *, event_id: str | None = None) -> NewEntry:
    """Append one entry of `kind` made from `item` (its keys are those of the entry's template; a missing
    or empty `id` is made from `name` or `title`). Raises before writing when the id is taken."""
    root = Path(project.root)
    name = item.get("name") or item.get("title") or ""
    entry_id = item.get("id") or slug(name)
    if not entry_id:
        raise UsageError(f"cannot make an id from {name!r}", hint="give one with --id, e.g. --id anna-nowak")
    item = {**item, "id": entry_id}
    if kind == "activity" and not item.get("contact"):
        item["contact"] = project.programme.contacts[0].id
    taken = _taken(project, kind, event_id)
    if entry_id in taken:
        whose = f" of {event_id}" if event_id else ""
        article = "an" if kind[0] in "aeiou" else "a"
        raise FileConflict(
            f"there is already {article} {kind}{whose} with id {entry_id!r} ({taken[entry_id]}); nothing was written",
            hint="give the new one another id with --id, or edit the existing entry",
        )
    block = skeleton.entry(kind, item)
    if kind in SECTIONS:
        section = SECTIONS[kind]
        path = section_file(root, section, skeleton.SECTION_FILES[section][0])
        if not path.exists():
            text, new_text = "", skeleton.section_file(section, [item])
        else:
            text, where = _read(path), path.as_posix()
            new_text = append_to_list(text, root_mapping(text, where), section, [block], where=where)
    else:
        assert event_id is not None
        [event] = events_by_id(project, [event_id])
        origin = project.origin(event)
        if origin is None:
            raise ProjectError(f"cannot tell which file holds {event_id!r}", hint="run `jstevents validate` first")
        path = Path(origin.file)
        text = _read(path)
        where = f"{path.as_posix()} ({event_id})"
        mapping = _event_mapping(text, where, origin.path)
        new_text = append_to_list(text, mapping, EVENT_LISTS[kind], [block], where=where, before="registrations")
    created = not path.exists()
    write_checked(root, path, new_text)
    return NewEntry(kind, entry_id, path, _line_of(text, new_text), created=created)


def _read(path: Path) -> str:
    text, fault = yamlfile.read_text(path)
    if text is None:
        raise ProjectError(
            f"cannot read {path.as_posix()}: {fault.message if fault else 'unreadable'}",
            hint="run `jstevents validate`",
        )
    return text
