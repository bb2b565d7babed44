"""The ids a project defines, read straight from its YAML files: for shell completion.

Completion runs at every press of Tab, so it reads the files (safely, as everywhere) without
validating them or building the model, and tolerates any file it cannot read: a half-written
project still completes what it can. Participants from form exports are not read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jstevents.load import yamlfile

#: What completes where: the list holding the entries, and the key naming them for the user.
SECTIONS = {
    "participants": "name",
    "venues": "name",
    "networks": "name",
    "units": "name",
    "experts": "name",
}


def _entries(data: dict[Any, Any], section: str) -> list[Any]:
    if section == "events":
        events = data.get("events")
        return ([data["event"]] if isinstance(data.get("event"), dict) else []) + (
            events if isinstance(events, list) else []
        )
    if section == "contacts":
        programme = data.get("programme")
        contacts = programme.get("contacts") if isinstance(programme, dict) else None
        return contacts if isinstance(contacts, list) else []
    found = data.get(section)
    return found if isinstance(found, list) else []


def _describe(entry: dict[Any, Any], section: str) -> str:
    if section == "events":
        dates = entry.get("dates")
        start = dates.get("start") if isinstance(dates, dict) else None
        return " ".join(str(part) for part in (entry.get("title"), start) if part)
    return str(entry.get("name") or "")


def project_ids(root: Path, section: str, *, kind: str | None = None) -> list[tuple[str, str]]:
    """(id, what it is) of every entry of `section` ("events", "contacts" or one of `SECTIONS`), in file order;
    with `kind`, only the events of that kind."""
    from jstevents.load.project import project_files

    found: dict[str, str] = {}
    if not root.is_dir():
        return []
    for path in project_files(root):
        text, fault = yamlfile.read_text(path, root)
        if text is None or fault is not None:
            continue
        data, _ = yamlfile.parse(text)
        if not isinstance(data, dict):
            continue
        for entry in _entries(data, section):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            if kind is not None and entry.get("kind") != kind:
                continue
            found.setdefault(entry["id"], _describe(entry, section))
    return list(found.items())
