"""The rooming list for the hotel: who arrives and leaves when, who shares with whom."""

from __future__ import annotations

import datetime as dt
import math

from jstevents.model import Event, Participant, Project, Registration
from jstevents.outputs.lists.formats import render_roster
from jstevents.outputs.lists.table import Column, Roster, frame, people, title, unit_name
from jstevents.outputs.registry import RenderInputs, Skip
from jstevents.text.collation import name_key
from jstevents.text.dates import day_and_month, numeric
from jstevents.text.dates import night as night_label
from jstevents.text.numbers import persons

NAME = "rooming"


def applies(project: Project, event: Event) -> Skip | None:
    if event.mode == "onsite" and (event.accommodation is None or event.accommodation.provided):
        return None
    return Skip("brak noclegów", "has no hotel: it is online or its accommodation says provided: false")


def _room_groups(
    event: Event,
    people: dict[str, tuple[Registration, Participant]],
    size: int,
) -> tuple[list[list[str]], list[str]]:
    """Who shares with whom: mutual wishes first, then one-sided ones, each while the room has space.

    Returns the rooms (lists of participant ids) and, for each wish that cannot be honoured,
    a line saying why.
    """

    def wish(pid: str) -> str | None:
        registration, person = people[pid]
        return registration.room_with or person.room_with

    room_of: dict[str, list[str]] = {}
    rooms: list[list[str]] = []
    refused: list[str] = []
    ordered = sorted(people, key=lambda pid: name_key(people[pid][1].name))
    mutual = [pid for pid in ordered if (w := wish(pid)) and w in people and wish(w) == pid]
    one_sided = [pid for pid in ordered if wish(pid) and pid not in mutual]

    def name(pid: str) -> str:
        return people[pid][1].name if pid in people else pid

    for pid in mutual + one_sided:
        other = wish(pid)
        assert other is not None
        if room_of.get(pid) is not None and other in room_of[pid]:
            continue  # the mutual partner already placed them together
        reason = None
        if other == pid:
            reason = "życzenie wskazuje tę samą osobę"
        elif other not in people:
            reason = "ta osoba nie nocuje w hotelu podczas tego wydarzenia"
        elif not set(people[pid][0].nights) & set(people[other][0].nights):
            reason = "brak wspólnych nocy"
        elif size < 2:
            reason = "pokoje 1-osobowe"
        else:
            merged = room_of.get(pid, [pid]) + [m for m in room_of.get(other, [other]) if m not in room_of.get(pid, [])]
            if len(merged) > size:
                reason = f"pokój {size}-osobowy jest już pełny"
        if reason:
            refused.append(f"{name(pid)} → {name(other)}: {reason}")
            continue
        old = [room_of[m] for m in (pid, other) if m in room_of]
        for room in old:
            if room in rooms:
                rooms.remove(room)
        merged_room = sorted(
            set(room_of.get(pid, [pid]) + room_of.get(other, [other])), key=lambda m: name_key(people[m][1].name)
        )
        rooms.append(merged_room)
        for member in merged_room:
            room_of[member] = merged_room
    rooms.sort(key=lambda room: (0 if any(m in mutual for m in room) else 1, name_key(people[room[0]][1].name)))
    return rooms, refused


def build(project: Project, event: Event) -> Roster:
    """For the hotel: arrival and departure per person, who shares with whom, counts per night."""
    accommodation = event.accommodation
    size = accommodation.room_size if accommodation else 2
    room_type = (accommodation.room_type if accommodation else None) or f"pokój {size}-osobowy"
    sleeping = {p.id: (r, p) for r, p in people(project, event, only=lambda r: bool(r.nights))}
    rooms, refused = _room_groups(event, sleeping, size)
    placed = {m for room in rooms for m in room}
    waiting = sorted((pid for pid in sleeping if pid not in placed), key=lambda pid: name_key(sleeping[pid][1].name))
    if size == 1:
        # Single rooms: nobody waits for a room-mate.
        rooms, waiting = rooms + [[pid] for pid in waiting], []

    columns = [
        Column("Pokój", 22),
        Column("Imię i nazwisko", 45),
        Column("JST", 45),
        Column("Przyjazd", 22),
        Column("Wyjazd", 22),
        Column("Noce", 30),
        Column("Typ pokoju", 30),
        Column("Razem z", 45),
    ]
    rows: list[list[str]] = []

    def row(label: str, pid: str, mates: list[str]) -> list[str]:
        registration, person = sleeping[pid]
        nights = sorted(registration.nights)
        return [
            label,
            person.name,
            unit_name(project, person),
            numeric(nights[0]),
            numeric(nights[-1] + dt.timedelta(days=1)),
            ", ".join(day_and_month(n) for n in nights),
            room_type,
            ", ".join(sleeping[m][1].name for m in mates),
        ]

    for number, room in enumerate(rooms, 1):
        for pid in room:
            rows.append(row(str(number), pid, [m for m in room if m != pid]))
    for pid in waiting:
        rows.append(row("do przydziału", pid, []))

    footer = []
    for night in sorted({n for r, _ in sleeping.values() for n in r.nights}):
        staying = {pid for pid, (r, _) in sleeping.items() if night in r.nights}
        shared = sum(1 for room in rooms if staying & set(room))
        loose = len([pid for pid in waiting if pid in staying])
        footer.append(
            f"{night_label(night)}: {persons(len(staying))}, pokoje: {shared + math.ceil(loose / size)} "
            f"({shared} przydzielone, {loose} os. do przydziału)"
        )
    footer += [f"Życzenie niemożliwe do spełnienia: {line}" for line in refused]
    return Roster(
        kind="rooming",
        title=title(NAME),
        **frame(project, event),
        columns=columns,
        rows=rows,
        footer=footer,
    )


def render(inputs: RenderInputs, event: Event, fmt: str) -> bytes:
    return render_roster(build(inputs.project, event), fmt)
