"""People and units: experts, networks, JST, participants and the form exports they come from."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field

from jstevents.model.values import Email, Id, Line, Phone, Strict


class JSTKind(str, Enum):
    """The kind of local-government unit: a rural, urban-rural or urban municipality (gmina), or a county
    (powiat)."""

    gmina_wiejska = "gmina wiejska"
    gmina_miejsko_wiejska = "gmina miejsko-wiejska"
    gmina_miejska = "gmina miejska"
    powiat = "powiat"


class Expert(Strict):
    """An expert mentor ("ekspert opiekun") or trainer."""

    id: Id = Field(
        description="A short name you choose for the expert, used in a unit's `mentor:` and an event's "
        '`trainers:`. Letters, digits, "-", "_" or ".", starting with a letter or digit, e.g. "ekspert-nowicka".'
    )
    name: Line = Field(
        description='First name and surname, e.g. "Halina Nowicka". Printed as the mentor in personal '
        'communiqués ("Ekspert opiekun Państwa JST: Halina Nowicka") and on the contacts list, and as the '
        "trainer on the attendance list's signature line."
    )
    email: Email | None = Field(
        None,
        description="E-mail address. Optional; when given, it is printed with the mentor's name in personal "
        "communiqués and on the contacts list.",
    )
    phone: Phone | None = Field(
        None,
        description='Phone number, e.g. "+48 600 100 201". Optional; when given, it is printed with the mentor\'s '
        "name in personal communiqués and on the contacts list.",
    )


class Network(Strict):
    """One of the cooperation networks ("sieci współpracy i samokształcenia")."""

    id: Id = Field(
        description="A short name you choose for the network, used in an event's `networks:` and in a unit's or "
        'participant\'s `network:`, and to pick recipients or calendars by network. Letters, digits, "-", "_" '
        'or ".", starting with a letter or digit, e.g. "powiaty".'
    )
    name: Line = Field(description='The network\'s name, e.g. "JST_POWIATY".')
    jst_kinds: list[JSTKind] = Field(
        min_length=1,
        description='The kinds of unit the network is for, at least one, e.g. ["powiat"]. Kept for reference.',
    )
    moderator: Line = Field(
        description='First name and surname of the network\'s moderator, e.g. "Piotr Matuszak". Kept for reference.'
    )
    moderator_email: Email | None = Field(
        None, description="The moderator's e-mail address. Optional; kept for reference."
    )
    topics: list[str] = Field(
        default_factory=list,
        description="The topics the network works on, one text each. Optional; kept for reference.",
    )
    platform: str | None = Field(
        None,
        description='Where the network works online, e.g. "https://www.doskonaleniewsieci.pl". Optional; kept for '
        "reference.",
    )


class Unit(Strict):
    """A local-government unit (JST)."""

    id: Id = Field(
        description="A short name you choose for the unit, used in a participant's `unit:` and an event's "
        '`units_attending:`. Letters, digits, "-", "_" or ".", starting with a letter or digit, e.g. "kalisz".'
    )
    name: Line = Field(
        description='The unit\'s official name in the nominative, e.g. "Miasto Kalisz". Printed in the JST column '
        "of lists (which are grouped and sorted by it), in the list of units attending an event, and in "
        'personal communiqués ("Ten komunikat przygotowaliśmy dla: Anna Lewandowska (Miasto Braniewo)"). A '
        "form export may name the unit by this name instead of its id."
    )
    short_name: Line | None = Field(
        None,
        description='The name the report of an event gives the unit in its list by kind, e.g. "Krapkowice" for '
        '"Powiat Krapkowicki": "… oraz powiatów – Krapkowice i Wołomin". Optional; left out, the official name '
        'without a leading "Miasto", "Gmina" or "Miasto i Gmina" ("Miasto Kalisz" gives "Kalisz").',
    )
    kind: JSTKind = Field(
        description='The kind of unit: "gmina wiejska", "gmina miejsko-wiejska", "gmina miejska" or "powiat". '
        "The report of an event groups the units that took part by it, in the order of the networks' "
        "`jst_kinds`."
    )
    voivodeship: Line = Field(description='The voivodeship, e.g. "śląskie". Kept for reference.')
    mentor: Id | None = Field(
        None,
        description="The id of the expert (from `experts`) who mentors this unit. Personal communiqués and the "
        "contacts list name this expert with their e-mail and phone. Optional.",
    )
    network: Id | None = Field(
        None,
        description="The id of the network the unit belongs to. When e-mails are sent to one network "
        "(`--to network:…`), a participant without a network of their own counts as a member of their unit's "
        "network. Optional.",
    )


Diet = Literal["standardowa", "wegetariańska", "wegańska", "bezglutenowa", "bez laktozy", "inna"]


class Participant(Strict):
    """A person from a local-government unit who takes part in the programme's events."""

    id: Id = Field(
        description="A short name you choose for the person, used in an event's registrations. Letters, "
        'digits, "-", "_", ".", "@" or "+", starting with a letter or digit, e.g. "anna-lewandowska". In a '
        "form export without an id column, the e-mail address in small letters is used."
    )
    name: Line = Field(
        description='First name and surname, in that order and in the nominative, e.g. "Anna Lewandowska". Lists '
        'are sorted by the last word (the surname). Personal communiqués greet the person with it: "Dzień '
        'dobry, Anna Lewandowska!"'
    )
    unit: Id = Field(
        description="The id of the person's unit (from `units`). In a form export the unit's full name may be "
        "given instead."
    )
    role: Line | None = Field(
        None,
        description='The person\'s job title, e.g. "naczelnik wydziału edukacji". Printed in the "Stanowisko" '
        "column of the contacts list. Optional.",
    )
    email: Email = Field(
        description="The person's e-mail address: their personal communiqué is sent there. Printed on the "
        "contacts list."
    )
    phone: Phone | None = Field(
        None,
        description='Phone number, e.g. "+48 540 706 657". Printed on the contacts, coach and activity lists. '
        "Optional.",
    )
    network: Id | None = Field(
        None,
        description="The id of the network the person belongs to, used when e-mails are sent to one network "
        "(`--to network:…`). Optional; left out, the unit's network counts.",
    )
    diet: Diet = Field(
        "standardowa",
        description='The person\'s diet: "standardowa" (the default), "wegetariańska", "wegańska", '
        '"bezglutenowa", "bez laktozy" or "inna". The catering list counts the meals of each diet.',
    )
    diet_note: Line | None = Field(
        None,
        description='Anything the kitchen must know, e.g. "alergia na orzechy". Printed under the catering list. '
        "Optional.",
    )
    room_with: Id | None = Field(
        None,
        description="The id of the participant this person wishes to share a hotel room with, at every event. "
        "The rooming list places them together when both stay the same night and the room has space. An "
        "event's registration may name someone else for that event. Optional.",
    )


class ParticipantSource(Strict):
    """A CSV or XLSX export of an online registration form, read as participants."""

    file: str = Field(
        description='The export file, given relative to the project folder, e.g. "zgloszenia.csv" or '
        '"zgloszenia.xlsx". A CSV may be UTF-8 with or without a BOM, with ";" or "," between values. '
        "The file must be inside the project folder (no absolute path, no '..', no link out of it) and at "
        "most 64 MB, 100,000 rows and 2,000,000 cells (E130)."
    )
    sheet: str | None = Field(
        None,
        description="For an XLSX file: the name of the sheet to read. Optional; left out, the first sheet is "
        "read. Not used for CSV files.",
    )
    columns: dict[str, str] = Field(
        description="Which column of the export holds which participant field: the field name (id, name, unit, "
        "role, email, phone, network, diet, diet_note or room_with), then the column's heading as it appears in "
        'the export, e.g. {name: "Imię i nazwisko", email: "Adres e-mail", unit: "Nazwa JST"}. Headings are '
        "matched ignoring small and capital letters. Without an id column, each person's id is their e-mail "
        "address."
    )
    defaults: dict[str, str] = Field(
        default_factory=dict,
        description="Values for participant fields that the export lacks or leaves empty, e.g. {diet: "
        '"standardowa"}. Optional.',
    )
