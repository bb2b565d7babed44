"""One project file as written, and the whole project folder merged."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from jstevents.errors import UnknownEvent
from jstevents.model.event import Event
from jstevents.model.people import Expert, Network, Participant, ParticipantSource, Unit
from jstevents.model.places import Venue
from jstevents.model.programme import Contact, Programme
from jstevents.model.values import Strict


class ProjectFile(Strict):
    """What one YAML file in the project may hold: any of these sections."""

    model_config = ConfigDict(extra="forbid", title="jstevents project file")

    programme: Programme | None = None
    venues: list[Venue] = Field(default_factory=list)
    networks: list[Network] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    experts: list[Expert] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    participant_sources: list[ParticipantSource] = Field(default_factory=list)
    event: Event | None = None
    events: list[Event] = Field(default_factory=list)


# --- the whole project ---------------------------------------------------------


class Origin(BaseModel):
    """Where an object was written: file and path of keys inside it."""

    model_config = ConfigDict(frozen=True)

    file: str
    path: tuple[str | int, ...] = ()
    #: Set for rows of a CSV/XLSX export, which have no YAML path.
    line: int | None = None
    col: int | None = None


class Project(BaseModel):
    """Everything under the project folder, merged and cross-checked."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    root: str
    programme: Programme
    venues: dict[str, Venue]
    networks: dict[str, Network]
    units: dict[str, Unit]
    experts: dict[str, Expert]
    participants: dict[str, Participant]
    events: dict[str, Event]
    _origins: dict[int, Origin] = PrivateAttr(default_factory=dict)

    def origin(self, obj: object) -> Origin | None:
        return self._origins.get(id(obj))

    def event(self, event_id: str) -> Event:
        return self.events[event_id]

    def contact(self, contact_id: str) -> Contact:
        return next(c for c in self.programme.contacts if c.id == contact_id)

    def sorted_events(self) -> list[Event]:
        return sorted(self.events.values(), key=lambda e: (e.dates.start, e.schedule.start, e.id))


def events_by_id(project: Project, ids: Iterable[str]) -> list[Event]:
    """The events named by `ids`, in that order; `UnknownEvent` (with a suggestion) for an id not defined."""
    events = []
    for event_id in ids:
        if event_id not in project.events:
            raise UnknownEvent(event_id, list(project.events))
        events.append(project.events[event_id])
    return events
