"""People and units: experts, networks, JST, participants and the form exports they come from."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field

from jstevents.model.values import Email, Id, Line, Phone, Strict


class JSTKind(str, Enum):
    gmina_wiejska = "gmina wiejska"
    gmina_miejsko_wiejska = "gmina miejsko-wiejska"
    gmina_miejska = "gmina miejska"
    powiat = "powiat"


class Expert(Strict):
    """An expert mentor ("ekspert opiekun") or trainer."""

    id: Id
    name: Line
    email: Email | None = None
    phone: Phone | None = None


class Network(Strict):
    """One of the cooperation networks ("sieci współpracy i samokształcenia")."""

    id: Id
    name: Line
    jst_kinds: list[JSTKind] = Field(min_length=1)
    moderator: Line
    moderator_email: Email | None = None
    topics: list[str] = Field(default_factory=list)
    platform: str | None = None


class Unit(Strict):
    """A local-government unit (JST)."""

    id: Id
    name: Line
    kind: JSTKind
    voivodeship: Line
    mentor: Id | None = Field(None, description="Expert id of the assigned mentor.")
    network: Id | None = None


Diet = Literal["standardowa", "wegetariańska", "wegańska", "bezglutenowa", "bez laktozy", "inna"]


class Participant(Strict):
    id: Id
    name: Line
    unit: Id
    role: Line | None = None
    email: Email
    phone: Phone | None = None
    network: Id | None = None
    diet: Diet = "standardowa"
    diet_note: Line | None = None
    room_with: Id | None = Field(None, description="Participant id this person wishes to share a room with.")


class ParticipantSource(Strict):
    """A CSV or XLSX export of an online registration form, read as participants."""

    file: str
    sheet: str | None = None
    #: Participant field → column header in the export.
    columns: dict[str, str]
    defaults: dict[str, str] = Field(default_factory=dict)
