"""The programme's fixed Polish words: kinds of events, meals, deadlines, the online mode.

One place for each word, so "online" is never "on-line" in another document and a meal
has one name everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from jstevents.model import EventKind, Meal
from jstevents.model.provision import Provision

#: How a place is named when an event has no venue.
ONLINE = "online"

MEALS: dict[Meal, str] = {Meal.breakfast: "śniadanie", Meal.lunch: "obiad", Meal.dinner: "kolacja"}

#: The kind of an event as a category or a label: "Moduł szkoleniowy".
KIND_LABELS: dict[EventKind, str] = {
    EventKind.module: "Moduł szkoleniowy",
    EventKind.meeting: "Spotkanie sieci",
    EventKind.training: "Szkolenie",
}

#: What the communiqué calls the event in each grammatical case.
KIND_WORDS: dict[EventKind, dict[str, str]] = {
    EventKind.module: {
        "noun_locative": "module szkolenia",
        "gender": "masculine",
        "took_place": "odbył się",
        "organised": "organizowany był",
        "noun": "moduł szkolenia",
        "genitive": "modułu",
        "place_heading": "Termin i miejsce szkolenia",
        "activity": "zajęć szkoleniowych",
        "during": "szkolenia",
        "locative": "module szkoleniowym",
    },
    EventKind.meeting: {
        "noun_locative": "spotkaniu sieci",
        "gender": "neuter",
        "took_place": "odbyło się",
        "organised": "organizowane było",
        "noun": "spotkanie sieci",
        "genitive": "spotkania",
        "place_heading": "Termin i miejsce spotkania",
        "activity": "spotkania",
        "during": "spotkania",
        "locative": "spotkaniu",
    },
    EventKind.training: {
        "noun_locative": "szkoleniu",
        "gender": "neuter",
        "took_place": "odbyło się",
        "organised": "organizowane było",
        "noun": "szkolenie",
        "genitive": "szkolenia",
        "place_heading": "Termin i miejsce szkolenia",
        "activity": "zajęć szkoleniowych",
        "during": "szkolenia",
        "locative": "szkoleniu",
    },
}

#: Kinds of deadline (see `model.deadlines`) as a calendar category.
DEADLINE_LABELS: dict[str, str] = {
    "coach": "Zgłoszenie na autokar",
    "activity": "Zgłoszenie na zajęcia dodatkowe",
    "task": "Zadanie wdrożeniowe",
    "other": "Termin",
}


def meal(value: Meal | str) -> str:
    """ "obiad" for lunch: a meal's Polish name."""
    return MEALS[Meal(value)]


def sentence(text: str) -> str:
    """Close a sentence with a full stop unless it already ends with one ("… 2017 r.")."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def joined(items: Iterable[str], last: str = "oraz") -> str:
    """ "A", "A oraz B", "A, B oraz C": items joined the Polish way, commas and a last conjunction."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def stay_heading(offered: Provision) -> str:
    """The heading of the section on the stay: what it is about, nothing it is not."""
    if offered.rooms and offered.meals:
        return "Zakwaterowanie i wyżywienie"
    if offered.rooms:
        return "Zakwaterowanie"
    if offered.meals:
        return "Wyżywienie"
    return "Co zapewniamy"


def stay_offers(offered: Provision) -> list[str]:
    """What the organiser provides for the stay, in the accusative after "zapewniamy": rooms, meals."""
    offers = []
    if offered.rooms:
        offers.append(f"noclegi w pokojach {offered.room_size}-osobowych")
    if offered.meals:
        offers.append("wyżywienie")
    return offers


def joint(text: str) -> str:
    """What stands between a label and its text: " – ", or a space before a text that opens a
    bracket or goes on after a comma ("wizyta eksperta (forma wsparcia – …)", never "– (")."""
    return " " if str(text).lstrip().startswith(("(", ",", ";", ".", ":")) else " – "
