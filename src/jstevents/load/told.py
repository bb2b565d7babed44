"""What each person was told: the facts of the last message about an event, per participant.

This module is the format and its reading (`validate` reads it too); `commands.told` writes it.

One file per event, `<project>/.jstevents/told-<event-id>.json`, owner-only (0600), replaced
atomically, in a versioned format:

    {"version": 1, "event": "modul-3", "labels": {"coach.time": ["event", "odjazd autokaru"], …},
     "people": {"lukasz-zolc": {"sent": {...}, "preview": {...}, "update_preview": {...}}}}

Each record holds the person's name and address, the time, the Message-ID (of a sent message)
and the facts (`text.facts`): key → value, each key's group and Polish label once in "labels".
"sent" is the last message the server accepted, "preview" the last dry run of the communiqué,
"update_preview" the last dry run of an update. What a person was told is "sent" when there
is one, else "preview" (so a dry run can be checked before anything leaves); an update's
preview never counts, or previewing an update would make the change it announces disappear.

It sits beside the send journal, not inside it (see docs/changes.md): a journal line means
"never send this again" and is written under the send loop's own rules, while this file is
replaced, also holds previews, and may be refused as a whole (a version it does not know)
without ever stopping a mail-out from resuming.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from jstevents.errors import StateError
from jstevents.model import Participant
from jstevents.text.facts import Fact

#: The project's own state beside its YAML (see `commands.state`, which writes it).
STATE_DIR = ".jstevents"
VERSION = 1
Kind = Literal["sent", "preview", "update_preview"]
KINDS: tuple[Kind, ...] = ("sent", "preview", "update_preview")


def told_path(project_root: str | Path, event_id: str) -> Path:
    return Path(project_root) / STATE_DIR / f"told-{event_id}.json"


@dataclass(frozen=True)
class Told:
    """One message's facts for one person."""

    name: str
    email: str
    time: str
    facts: dict[str, Fact]
    message_id: str | None = None

    def to_json(self, labels: dict[str, list[str]]) -> dict[str, Any]:
        """The record, its facts as key → value; each key's group and label go once into `labels`."""
        data: dict[str, Any] = {"name": self.name, "email": self.email, "time": self.time}
        if self.message_id:
            data["message_id"] = self.message_id
        for key, fact in self.facts.items():
            labels.setdefault(key, [fact.group, fact.label])
        data["facts"] = {key: fact.value for key, fact in self.facts.items()}
        return data

    @classmethod
    def from_json(cls, data: Any, labels: dict[str, Any]) -> Told:
        facts = {}
        for key, value in data["facts"].items():
            group, label = labels[key]
            if group not in ("event", "personal"):
                raise ValueError(group)
            facts[key] = Fact(group, str(label), str(value))
        return cls(str(data["name"]), str(data["email"]), str(data["time"]), facts, data.get("message_id"))


@dataclass
class ToldBook:
    """Everybody's records for one event."""

    event: str
    people: dict[str, dict[Kind, Told]] = field(default_factory=dict)
    changed: bool = False

    def told(self, participant: str) -> Told | None:
        """What the person was told: the last sent message, else the last preview."""
        records = self.people.get(participant, {})
        return records.get("sent") or records.get("preview")

    def record(self, kind: Kind, participant: Participant, told: Told) -> None:
        records = self.people.setdefault(participant.id, {})
        before = records.get(kind)
        if before is not None and (before.name, before.email, before.facts, before.message_id) == (
            told.name,
            told.email,
            told.facts,
            told.message_id,
        ):
            # The same message again (a dry run repeated): the file, and so the load cache that
            # knows it, stay as they are; the time stays that of the first telling.
            return
        records[kind] = told
        self.changed = True

    def to_json(self) -> str:
        labels: dict[str, list[str]] = {}
        people = {
            pid: {kind: records[kind].to_json(labels) for kind in KINDS if kind in records}
            for pid, records in sorted(self.people.items())
        }
        data = {"version": VERSION, "event": self.event, "labels": dict(sorted(labels.items())), "people": people}
        # One line a person: compact, and still readable with `grep`.
        lines = json.dumps({**data, "people": {}}, ensure_ascii=False)[: -len("{}}")]
        rows = [f"{json.dumps(pid)}: {json.dumps(records, ensure_ascii=False)}" for pid, records in people.items()]
        return lines + "{\n" + ",\n".join(rows) + "\n}}\n"


def read_told(project_root: str | Path, event_id: str) -> ToldBook | None:
    """The records of `event_id`, or None when nobody has been told anything about it yet."""
    path = told_path(project_root, event_id)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StateError(
            f"cannot read {path.as_posix()}: {getattr(exc, 'strerror', None) or exc}",
            hint="check the file's permissions; it records what each person was told",
        ) from None
    damaged = StateError(
        f"{path.as_posix()}, the record of what each person was told about {event_id!r}, is damaged",
        hint="restore it from a backup, or delete it: `jstevents changes` then has nothing to compare with "
        "until the next mail-out",
    )
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        raise damaged from None
    if not isinstance(data, dict) or "version" not in data:
        raise damaged
    if data["version"] != VERSION:
        raise StateError(
            f"{path.as_posix()} is in format version {data['version']!r}; this jstevents reads version {VERSION}",
            hint="it was written by another version of jstevents: use that version (or a newer one) for "
            "`changes` and `mail --changes`; the file was left as it was",
        )
    try:
        book = ToldBook(event=str(data["event"]))
        labels = data["labels"]
        for pid, records in data["people"].items():
            book.people[str(pid)] = {kind: Told.from_json(records[kind], labels) for kind in KINDS if kind in records}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise damaged from None
    return book


def told_facts(project_root: str | Path, event_ids: Any) -> dict[str, dict[str, dict[str, str]]]:
    """What each person was told about each of `event_ids`, as fact values (for `validate`).

    A record this version cannot read is left out: `changes` and `mail` say so loudly, and
    `validate` is about the YAML.
    """
    found: dict[str, dict[str, dict[str, str]]] = {}
    for event_id in event_ids:
        if not told_path(project_root, event_id).exists():
            continue
        try:
            book = read_told(project_root, event_id)
        except StateError:
            continue
        if book is None:
            continue
        people = {pid: book.told(pid) for pid in book.people}
        found[event_id] = {pid: {k: f.value for k, f in t.facts.items()} for pid, t in people.items() if t}
    return found
