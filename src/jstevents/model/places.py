"""Places: the venues where events take place."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from jstevents.model.values import Email, Id, Line, Link, Markdown, Phone, Strict


class Address(Strict):
    """A postal address, printed as "ul. Heroldów 1B, 01-991 Warszawa"."""

    street: Line = Field(description='Street and number, as on an envelope, e.g. "ul. Heroldów 1B".')
    postcode: Annotated[
        str,
        Field(pattern=r"^\d{2}-\d{3}$", description='Polish postal code in the form 00-000, e.g. "01-991".'),
    ]
    city: Line = Field(description='Town or city in the nominative, as on an envelope, e.g. "Warszawa".')

    def one_line(self) -> str:
        return f"{self.street}, {self.postcode} {self.city}"


class Geo(Strict):
    """The position of a venue on the map, so that calendar programs can show it."""

    lat: float = Field(ge=-90, le=90, description="Latitude in decimal degrees (north is positive), e.g. 52.2957.")
    lon: float = Field(ge=-180, le=180, description="Longitude in decimal degrees (east is positive), e.g. 20.9335.")


class Venue(Strict):
    """A hotel, training centre or other place where events take place."""

    id: Id = Field(
        description="A short name you choose for the venue, used in an event's `venue:`. Letters, digits, "
        '"-", "_" or ".", starting with a letter or digit, e.g. "holiday-park".'
    )
    name: Line = Field(
        description='The venue\'s name in the nominative, e.g. "Hotel Holiday Park". Printed with the address '
        "in calendar entries, on lists and on the overview page; in the communiqué only when `name_locative` "
        'is not given, after a colon: "… w Warszawie: Hotel Holiday Park, ul. Heroldów 1B, …".'
    )
    name_locative: Line | None = Field(
        None,
        description='The venue\'s name as it reads after the word "w", in the locative, e.g. "hotelu Holiday '
        'Park" or "Centrum Szkoleniowym ORE": the communiqué says "… odbędzie się … w Warszawie w hotelu '
        'Holiday Park, ul. …" and "Od godziny 9.30 – zakwaterowanie uczestników w hotelu Holiday Park". When '
        'it starts with "hotelu", the travel section is headed "Dojazd do hotelu" and the coach brings people '
        'back "z hotelu". Optional; left out, the communiqué gives `name` after a colon instead.',
    )
    city_locative: Line | None = Field(
        None,
        description='The city as it reads after the word "w", in the locative, e.g. "Warszawie" or "Sulejówku": '
        'the communiqué says "… odbędzie się w dniach … w Warszawie w hotelu …". Optional; left out, the '
        "sentence names no city before the venue (the address still does).",
    )
    address: Address = Field(description="The postal address of the venue.")
    phone: Phone | None = Field(
        None,
        description='The venue\'s phone number, e.g. "+48 511 49 49 49". Optional; when given, the communiqué adds '
        '", tel. …" after the address.',
    )
    email: Email | None = Field(
        None,
        description='The venue\'s e-mail address, e.g. "recepcja@hphotel.pl". Optional; when given, the communiqué '
        'adds ", e-mail: …" after the address.',
    )
    website: Link | None = Field(
        None,
        description="The venue's web page, starting with https:// or http://. Optional; kept for reference, the "
        "standard documents do not print it.",
    )
    parking: str | None = Field(
        None,
        description='Where people arriving by car can park, written to follow "mają do dyspozycji", so in the '
        'accusative and starting with a small letter: "bezpłatny parking hotelowy" gives "Uczestnicy, którzy '
        'przyjadą własnym transportem, mają do dyspozycji bezpłatny parking hotelowy." No full stop at the end. '
        "An event's `transport.parking` replaces it. Optional; left out, the communiqué says that they "
        '"dojeżdżają we własnym zakresie".',
    )
    public_transport: Markdown | None = Field(
        None,
        description='How to get there by public transport, written to follow "mogą dojechać we własnym zakresie '
        '–", so starting with a small letter and naming the means in the instrumental: "metrem do stacji '
        'MŁOCINY, a następnie autobusem 114 do przystanku MUZEALNA". No full stop at the end. Written in '
        "Markdown: **bold** and [links](https://…) are allowed. An event's `transport.public_transport` replaces it. "
        "Optional; left out, the communiqué says nothing about public transport.",
    )
    geo: Geo | None = Field(
        None,
        description="The position on the map (latitude and longitude), added to calendar entries so that "
        "calendar programs can show a map. Optional.",
    )
    capacity: int | None = Field(
        None,
        ge=1,
        description="How many people the venue holds. When an on-site event has more registrations than this, "
        "validation reports it (E107). Optional; left out, nothing is checked.",
    )
    rooms: dict[str, int] = Field(
        default_factory=dict,
        description='Number of hotel rooms of each type, e.g. {"2-osobowy": 50, "1-osobowy": 10}. Optional; kept '
        "for reference, the standard documents do not use it.",
    )
