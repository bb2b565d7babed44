"""The rooming list for the hotel: room by room, who arrives and leaves when.

Rooms come from the wishes first (`room_with`, mutual ones before one-sided ones, each while
the room has space and the two share a night); the people left are paired as a proposal inside
one JST, with someone whose nights overlap and whose first name reads as the same gender (a
proposal the coordinator confirms: the list says so); whoever is still alone is listed to be
assigned. The counts per night say how many rooms the hotel must hold.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from jstevents.model import Event, Participant, Project
from jstevents.model.presence import Presence
from jstevents.model.provision import provision
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Cell, Column, Group, Roster, frame, people, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import name_key
from jstevents.text.dates import day_and_month, numeric
from jstevents.text.dates import night as night_label
from jstevents.text.numbers import counted, persons

NAME = "rooming"
#: Polish first names ending in -a that are men's: the gender a proposal pairs by.
_MEN_ENDING_IN_A = {"kuba", "barnaba", "bonawentura", "kosma", "jarema", "zawisza", "boryna"}


def applies(project: Project, event: Event) -> Skip | None:
    if provision(event).rooms:
        return None
    return Skip(
        "brak noclegów",
        "has no hotel: it is online, has no accommodation, or its accommodation says provided: false",
    )


def _woman(name: str) -> bool:
    first = name.split()[0].casefold() if name.split() else ""
    return first.endswith("a") and first not in _MEN_ENDING_IN_A


Staying = dict[str, tuple[Presence, Participant]]


def _wished_rooms(project: Project, staying: Staying, size: int) -> tuple[list[list[str]], list[str]]:
    """Rooms from the wishes (mutual first, then one-sided), and each wish that cannot be met, why."""

    def wish(pid: str) -> str | None:
        presence, person = staying[pid]
        return presence.registration.room_with or person.room_with

    room_of: dict[str, list[str]] = {}
    refused: list[str] = []
    ordered = sorted(staying, key=lambda pid: name_key(staying[pid][1].name))
    mutual = [pid for pid in ordered if (w := wish(pid)) and w in staying and wish(w) == pid]
    one_sided = [pid for pid in ordered if wish(pid) and pid not in mutual]

    def name(pid: str) -> str:
        return (
            staying[pid][1].name
            if pid in staying
            else (project.participants[pid].name if pid in project.participants else pid)
        )

    for pid in mutual + one_sided:
        other = wish(pid)
        assert other is not None
        if other in room_of.get(pid, []):
            continue  # the mutual partner already placed them together
        reason = None
        if other == pid:
            reason = "życzenie wskazuje tę samą osobę"
        elif other not in staying:
            reason = "ta osoba nie nocuje w hotelu podczas tego wydarzenia"
        elif not set(staying[pid][0].nights) & set(staying[other][0].nights):
            reason = "brak wspólnych nocy"
        elif size < 2:
            reason = "pokoje 1-osobowe"
        else:
            merged = sorted(set(room_of.get(pid, [pid]) + room_of.get(other, [other])))
            if len(merged) > size:
                reason = f"pokój {size}-osobowy jest już pełny"
        if reason:
            refused.append(f"{name(pid)} → {name(other)}: {reason}")
            continue
        room = sorted(set(room_of.get(pid, [pid]) + room_of.get(other, [other])), key=lambda m: name_key(name(m)))
        for member in room:
            room_of[member] = room
    rooms: list[list[str]] = []
    for room in room_of.values():
        if room not in rooms:
            rooms.append(room)
    rooms.sort(key=lambda room: name_key(name(room[0])))
    return rooms, refused


def _proposed_rooms(
    project: Project, staying: Staying, alone: list[str], size: int
) -> tuple[list[list[str]], list[str]]:
    """Pairs (or larger rooms) inside one JST among those alone, whose nights overlap; the rest alone."""
    rooms: list[list[str]] = []
    left = list(alone)
    while left:
        first = left.pop(0)
        presence, person = staying[first]
        room = [first]
        for other in list(left):
            if len(room) >= size:
                break
            o_presence, o_person = staying[other]
            if (
                o_person.unit == person.unit
                and _woman(o_person.name) == _woman(person.name)
                and set(o_presence.nights) & set(presence.nights)
            ):
                room.append(other)
                left.remove(other)
        rooms.append(room)
    return [r for r in rooms if len(r) > 1], [r[0] for r in rooms if len(r) == 1]


@dataclass(frozen=True)
class RoomPlan:
    """Who sleeps in which room: rooms from wishes, proposed rooms, the people still alone."""

    staying: Staying
    wished: list[list[str]]
    proposed: list[list[str]]
    alone: list[str]
    #: Each wish that cannot be met: "who → whom: why".
    refused: list[str]
    size: int
    room_type: str


def plan(project: Project, event: Event) -> RoomPlan:
    offered = provision(event)
    size = offered.room_size
    room_type = offered.room_type or f"pokój {size}-osobowy"
    staying: Staying = {p.id: (who, p) for who, p in people(project, event, only=lambda w: bool(w.nights))}
    wished, refused = _wished_rooms(project, staying, size)
    placed = {m for room in wished for m in room}
    by_unit = sorted(
        (pid for pid in staying if pid not in placed),
        key=lambda pid: (unit_name(project, staying[pid][1]), name_key(staying[pid][1].name)),
    )
    proposed: list[list[str]]
    alone: list[str]
    if size == 1:
        proposed, alone = [], []
        wished = wished + [[pid] for pid in by_unit]
    else:
        proposed, alone = _proposed_rooms(project, staying, by_unit, size)
    return RoomPlan(staying, wished, proposed, alone, refused, size, room_type)


def build(project: Project, event: Event) -> Roster:
    chosen = plan(project, event)
    staying, wished, proposed, alone = chosen.staying, chosen.wished, chosen.proposed, chosen.alone
    size, room_type, refused = chosen.size, chosen.room_type, chosen.refused
    columns = [
        # 188 mm printed (the room is the group's heading): portrait A4.
        Column("Pokój", 14, "number", grouping=True),
        Column("Imię i nazwisko", 44),
        Column("JST", 38),
        Column("Przyjazd", 22, "keep"),
        Column("Wyjazd", 22, "keep"),
        Column("Noce", 10, "number"),
        Column("Noclegi", 24),
        Column("Uwagi", 28),
    ]

    def row(number: int | None, pid: str, remark: str = "") -> list[Cell]:
        presence, person = staying[pid]
        nights = presence.nights
        return [
            number,
            person.name,
            unit_name(project, person),
            numeric(nights[0]),
            numeric(nights[-1] + dt.timedelta(days=1)),
            len(nights),
            ", ".join(day_and_month(n) for n in nights),
            remark,
        ]

    groups: list[Group] = []
    for room in wished:
        number = len(groups) + 1
        groups.append(Group(f"Pokój {number} – {room_type}", [row(number, pid) for pid in room]))
    for room in proposed:
        number = len(groups) + 1
        rows = [row(number, pid, "propozycja: ta sama JST, do potwierdzenia") for pid in room]
        groups.append(Group(f"Pokój {number} – {room_type} (propozycja)", rows))
    if alone:
        groups.append(Group("Bez pary – do przydziału", [row(None, pid, "do przydziału") for pid in alone]))

    footer = []
    for night in sorted({n for who, _ in staying.values() for n in who.nights}):
        sleeping = {pid for pid, (who, _) in staying.items() if night in who.nights}
        assigned = sum(1 for room in wished if sleeping & set(room))
        suggested = sum(1 for room in proposed if sleeping & set(room))
        loose = sum(1 for pid in alone if pid in sleeping)
        rooms = assigned + suggested + math.ceil(loose / size)
        parts = [counted(assigned, "przydzielony", "przydzielone", "przydzielonych")]
        if suggested:
            parts.append(counted(suggested, "proponowany", "proponowane", "proponowanych"))
        if loose:
            parts.append(f"do przydziału: {persons(loose)}")
        footer.append(
            f"{night_label(night)}: {persons(len(sleeping))}, {counted(rooms, 'pokój', 'pokoje', 'pokoi')} "
            f"({', '.join(parts)})"
        )
    notes = [f"Życzenie niemożliwe do spełnienia: {line}" for line in refused]
    return Roster(**frame(project, event, NAME), columns=columns, groups=groups, footer=footer, notes=notes)


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
