"""Places: the venues where events take place."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jstevents.model.values import Email, Id, Line, Link, Markdown, Phone, Strict


class Address(Strict):
    street: Line
    postcode: Annotated[str, Field(pattern=r"^\d{2}-\d{3}$")]
    city: Line

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class Geo(Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Venue(Strict):
    id: Id
    name: Line
    #: How the venue reads after "w": "hotelu Holiday Park", "Centrum Szkoleniowym ORE".
    name_locative: Line | None = None
    #: The city after "w": "Warszawie", "Sulejówku".
    city_locative: Line | None = None
    address: Address
    phone: Phone | None = None
    email: Email | None = None
    website: Link | None = None
    parking: str | None = None
    public_transport: Markdown | None = None
    geo: Geo | None = None
    capacity: int | None = Field(None, ge=1)
    rooms: dict[str, int] = Field(default_factory=dict, description="Room type → number of rooms.")
