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

    programme: Programme | None = Field(
        None,
        description="The programme: its names, organiser, partners, funding marking and contacts. Written in "
        "exactly one file of the project (usually programme.yaml).",
    )
    venues: list[Venue] = Field(
        default_factory=list, description="Hotels, training centres and other places where events take place."
    )
    networks: list[Network] = Field(
        default_factory=list, description='The cooperation networks ("sieci współpracy i samokształcenia").'
    )
    units: list[Unit] = Field(default_factory=list, description="The local-government units (JST) taking part.")
    experts: list[Expert] = Field(default_factory=list, description="Expert mentors and trainers.")
    participants: list[Participant] = Field(
        default_factory=list, description="The people taking part, written out one by one."
    )
    participant_sources: list[ParticipantSource] = Field(
        default_factory=list,
        description="Exports (CSV or XLSX) of online registration forms, read as participants in addition to "
        "`participants`.",
    )
    event: Event | None = Field(None, description="One event (a module, meeting or training) described in this file.")
    events: list[Event] = Field(default_factory=list, description="Several events described in this file.")


# --- the whole project ---------------------------------------------------------


class Origin(BaseModel):
    """Where an object was written: file and path of keys inside it."""

    model_config = ConfigDict(frozen=True)

    file: str = Field(description="The file the object was read from.")
    path: tuple[str | int, ...] = Field((), description="The keys and list positions leading to it in a YAML file.")
    line: int | None = Field(None, description="The line of a CSV/XLSX export row, which has no YAML path.")
    col: int | None = Field(None, description="The column of a CSV/XLSX export row, which has no YAML path.")


class Project(BaseModel):
    """Everything under the project folder, merged and cross-checked."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    root: str = Field(description="The project folder.")
    programme: Programme = Field(description="The programme.")
    venues: dict[str, Venue] = Field(description="Every venue, by id.")
    networks: dict[str, Network] = Field(description="Every network, by id.")
    units: dict[str, Unit] = Field(description="Every unit (JST), by id.")
    experts: dict[str, Expert] = Field(description="Every expert, by id.")
    participants: dict[str, Participant] = Field(
        description="Every participant, by id, from the YAML files and the form exports."
    )
    events: dict[str, Event] = Field(description="Every event, by id.")
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
