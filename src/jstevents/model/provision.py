"""What the organiser provides at an event: rooms, meals, anything else — decided once.

The communiqué's "Zakwaterowanie i wyżywienie", the rooming and catering lists, the meals of
the presence model, the dashboard and the calendar text all ask this one place, so that what
the letter promises is what the lists order:

- an online event provides nothing;
- an on-site event without `accommodation:` provides nothing either (no section in the
  communiqué, no rooming or catering list): write `accommodation:` to provide rooms or meals;
- `accommodation:` provides rooms unless `provided: false`, meals unless `meals: false`, and
  its `extras`.
"""

from __future__ import annotations

from dataclasses import dataclass

from jstevents.model.event import Event


@dataclass(frozen=True)
class Provision:
    rooms: bool
    meals: bool
    extras: tuple[str, ...] = ()
    room_size: int = 2
    room_type: str | None = None

    @property
    def anything(self) -> bool:
        return self.rooms or self.meals or bool(self.extras)


NOTHING = Provision(rooms=False, meals=False)


def provision(event: Event) -> Provision:
    stay = event.accommodation
    if event.mode != "onsite" or stay is None:
        return NOTHING
    return Provision(
        rooms=stay.provided,
        meals=stay.meals,
        extras=tuple(stay.extras),
        room_size=stay.room_size,
        room_type=stay.room_type,
    )
