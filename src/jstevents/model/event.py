"""Events: training modules, network meetings and trainings, with everything a communiqué says of them."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal

from pydantic import Field

from jstevents.model.values import ClockRange, ClockTime, Id, Line, Link, Markdown, Moment, Strict

#: Said of each free text that may hold the placeholders (see text/placeholders.py, `free_texts`).
_PLACEHOLDERS = (
    ' May use the placeholders {number} (the event\'s number in Roman numerals, "III"), {dates} '
    '("21–23 sierpnia 2017 r."), {start} and {end} (its first and last day, "21 sierpnia 2017 r."), filled '
    "in from the event's data."
)
#: Said of each field written in Markdown.
_MARKDOWN = " Written in Markdown: **bold**, *italics* and [links](https://…) are allowed."


class EventKind(str, Enum):
    """What the event is: a training module ("module"), a network meeting ("meeting") or a training
    ("training")."""

    module = "module"
    meeting = "meeting"
    training = "training"


class Meal(str, Enum):
    """A meal: "breakfast" (śniadanie), "lunch" (obiad) or "dinner" (kolacja)."""

    breakfast = "breakfast"
    lunch = "lunch"
    dinner = "dinner"


class Dates(Strict):
    """The first and last day of an event."""

    start: dt.date = Field(description="The first day of the event, written YYYY-MM-DD, e.g. 2017-08-21.")
    end: dt.date = Field(
        description="The last day of the event, written YYYY-MM-DD, e.g. 2017-08-23. For a one-day event, the "
        "same date as `start`. Must not be before `start`."
    )

    def days(self) -> list[dt.date]:
        count = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=i) for i in range(max(count, 0))]


class Schedule(Strict):
    """The hours of an event: when people arrive, when it starts on the first day and ends on the last."""

    check_in: ClockTime | None = Field(
        None,
        description='The time people can arrive on the first day, written "9:30" or "9.30" (in quotes). The '
        'communiqué says "Od godziny 9.30 – zakwaterowanie uczestników …" when rooms are provided, else '
        '"… – rejestracja uczestników." Optional; left out, no such line is printed.',
    )
    start: ClockTime = Field(
        description='The time the event starts on its first day, written "11:30" or "11.30" (in quotes): '
        '"Rozpoczęcie zajęć szkoleniowych: 21 sierpnia 2017 r. o godzinie 11.30."'
    )
    end: ClockTime = Field(
        description='The time the event ends on its last day, written "14:00" or "14.00" (in quotes): '
        '"Zakończenie modułu: … 23 sierpnia 2017 r. o godzinie 14.00."'
    )
    closing_meal: Meal | None = Field(
        None,
        description='The meal that closes the event: "breakfast", "lunch" or "dinner". The communiqué names it '
        'in Polish before the end ("Zakończenie modułu: obiad 23 sierpnia 2017 r. …"), and the catering list '
        "counts that meal on the last day. Optional.",
    )
    day_start: ClockTime | None = Field(
        None,
        description='The usual start of a full day, written "9:00" or "9.00" (in quotes). Used only for calendars '
        "with one entry per day (`calendar --per-day`), for every day but the first. Optional; default 9:00.",
    )
    day_end: ClockTime | None = Field(
        None,
        description='The usual end of a full day, written "17:00" or "17.00" (in quotes). Used only for calendars '
        "with one entry per day (`calendar --per-day`), for every day but the last. Optional; default 17:00.",
    )


class Accommodation(Strict):
    """What the organiser provides for the stay: rooms, meals and anything else. Left out of an event, the
    communiqué has no section on accommodation and meals."""

    provided: bool = Field(
        True,
        description="true (the default) when the organiser provides hotel rooms: the communiqué says "
        '"zapewniamy noclegi w pokojach 2-osobowych …". false when it does not.',
    )
    room_type: str | None = Field(
        None,
        description='How the rooms are described, in the nominative, e.g. "pokój 2-osobowy z łazienką". Printed '
        'in the "Typ pokoju" column of the rooming list and in calendar entries ("nocleg (…)"). Optional; left '
        'out, "pokój 2-osobowy" (with the number of `room_size`) is printed.',
    )
    room_size: int = Field(
        2,
        ge=1,
        le=6,
        description='How many people share a room, from 1 to 6 (default 2): the communiqué says "noclegi w '
        'pokojach 2-osobowych", and the rooming list puts people together up to this number (1: everybody '
        "alone).",
    )
    meals: bool = Field(
        True,
        description='true (the default) when the organiser provides meals: the communiqué says "… i wyżywienie". '
        "false when it does not; then no catering list is made.",
    )
    extras: list[str] = Field(
        default_factory=list,
        description='Anything else the organiser provides, each written to follow "a także" in the accusative, '
        'starting with a small letter: ["materiały szkoleniowe", "opiekę trenerską"] gives "… zapewniamy '
        'noclegi … i wyżywienie wszystkim uczestnikom, a także materiały szkoleniowe oraz opiekę trenerską." '
        'The items are joined with commas and "oraz". Optional.',
    )


class Signup(Strict):
    """A sign-up somebody must send before a deadline."""

    deadline: Moment = Field(
        description="The last moment to sign up: a date, YYYY-MM-DD (the whole day counts), or a date and time, "
        'e.g. 2017-08-16 16:00. The communiqué writes it "do dnia 16 sierpnia 2017 r. do godziny 16.00"; '
        "calendars get an entry with a reminder the day before. Must be before the event starts."
    )
    contact: Id = Field(
        description="The id of the contact (from the programme's `contacts`) who takes the sign-ups; the "
        'communiqué gives their e-mail address ("na adres e-mail …").'
    )
    how: Literal["email", "form", "phone"] = Field(
        "email",
        description='How people sign up: "email" (the default), "form" or "phone". Kept for reference; the '
        "standard communiqué always asks for an e-mail.",
    )


class Coach(Strict):
    """A coach the organiser provides to bring participants to the venue and back."""

    pickup_place: Line = Field(
        description='Where the coach waits, written to follow the word "pod" in the accusative (answering "pod '
        'co?"): "KINOTEKĘ (Pałac Kultury i Nauki od strony Alej Jerozolimskich)" gives "… autokaru, który '
        'zostanie podstawiony pod KINOTEKĘ (Pałac Kultury i Nauki …) 21 sierpnia 2017 r. o godzinie 10.30." '
        'Calendar entries also say "podstawionym pod …"; the coach list prints it as written.'
    )
    pickup_time: ClockTime = Field(description='The time the coach leaves, written "10:30" or "10.30" (in quotes).')
    pickup_date: dt.date | None = Field(
        None,
        description="The day the coach leaves, YYYY-MM-DD. Optional; left out, the first day of the event.",
    )
    return_dropoff: Line = Field(
        description='Where the coach brings people back after the event, written to follow the word "pod" in the '
        'accusative: "Dworzec Centralny w Warszawie" gives "… zostaną odwiezione z hotelu pod Dworzec Centralny '
        'w Warszawie." The coach list prints it after "do:" and calendar entries after "powrót:".'
    )
    marked: bool = Field(
        True,
        description='true (the default) when the coach bears a sign: the communiqué says "oznaczonego autokaru"; '
        'false leaves out "oznaczonego".',
    )
    signup: Signup = Field(
        description="The deadline by which people must say they will take the coach, and the contact who takes "
        "these sign-ups."
    )


class Transport(Strict):
    """How participants get to the venue: by car, by public transport, by the organiser's coach."""

    own_car: bool = Field(
        True,
        description='true (the default) to include the sentence for people who come by car ("Uczestnicy, którzy '
        'przyjadą własnym transportem, …"); false leaves it out.',
    )
    parking: str | None = Field(
        None,
        description='Where people arriving by car can park, for this event only, written to follow "mają do '
        'dyspozycji" in the accusative, starting with a small letter: "bezpłatny parking hotelowy" gives '
        '"… mają do dyspozycji bezpłatny parking hotelowy." No full stop at the end. Replaces the venue\'s '
        "`parking`. Optional; left out, the venue's is used.",
    )
    public_transport: Markdown | None = Field(
        None,
        description='How to get there by public transport, for this event only, written to follow "mogą '
        'dojechać we własnym zakresie –", starting with a small letter and naming the means in the '
        'instrumental: "metrem do stacji MŁOCINY, a następnie autobusem 114". No full stop at the end. '
        "Written in Markdown: **bold** and [links](https://…) are allowed. Replaces the venue's "
        "`public_transport`. "
        "Optional; left out, the venue's is used.",
    )
    coach: Coach | None = Field(
        None,
        description="A coach the organiser provides, with where and when it leaves and the sign-up for it. Optional.",
    )


class Activity(Strict):
    """An optional activity, e.g. the evening walk in the Old Town."""

    id: Id = Field(
        description="A short name you choose for the activity, used in registrations' `activities:`. Letters, "
        'digits, "-", "_" or ".", starting with a letter or digit, e.g. "spacer-starowka".'
    )
    title: Line = Field(
        description='What the activity is, written to follow "planujemy (dla chętnych)" in the accusative and '
        'starting with a small letter: "spacer po warszawskiej Starówce" gives "… planujemy (dla chętnych) '
        'spacer po warszawskiej Starówce." Also printed as written on the activity list, in calendar entries '
        "(with a capital first letter) and in personal communiqués."
    )
    date: dt.date = Field(description="The day of the activity, YYYY-MM-DD, e.g. 2017-08-21.")
    time: ClockTime = Field(
        description='The time the activity starts (or people leave for it), written "18:20" or "18.20" (in '
        'quotes): "… około godziny 18.20." after `departure`, else "Początek o godzinie 18.20."'
    )
    when: str | None = Field(
        None,
        description="When the activity takes place in the course of the event, as a phrase that reads after "
        '"Ponadto w III module szkoleniowym" (for a meeting "Ponadto podczas spotkania") and before the date in '
        'brackets: "na zakończenie pierwszego dnia szkoleniowego" gives "Ponadto w III module szkoleniowym na '
        'zakończenie pierwszego dnia szkoleniowego (poniedziałek, 21 sierpnia 2017 r.) planujemy …". Optional; '
        "left out, only the date is given.",
    )
    departure: str | None = Field(
        None,
        description='Where people set off from, as the start of a sentence that goes on "około godziny 18.20.": a '
        'phrase in the nominative with a capital first letter, e.g. "Wyjazd spod hotelu" gives "Wyjazd spod hotelu '
        'około godziny 18.20." Calendar entries show it in brackets. Optional; left out, the communiqué says '
        '"Początek o godzinie 18.20."',
    )
    optional: bool = Field(
        True,
        description='true (the default) for an activity people may choose to join: the communiqué adds "(dla '
        'chętnych)". false leaves that out.',
    )
    signup: Signup = Field(
        description="The deadline by which people must sign up for the activity, and the contact who takes "
        "the sign-ups."
    )


class TaskVariant(Strict):
    """One variant of an implementation task, of which the teams choose one."""

    number: int = Field(ge=1, description='The variant\'s number, 1 or more: "Wariant 1: …".')
    text: Markdown = Field(
        description='What the variant asks, printed after "Wariant 1: " and before the list of the task\'s '
        "`areas`." + _MARKDOWN + _PLACEHOLDERS
    )
    areas_intro: str | None = Field(
        None,
        description="A line introducing the list of areas. Optional; kept for reference, the standard "
        "communiqué does not print it.",
    )
    after: Markdown | None = Field(
        None,
        description="Text printed after the list of areas. It may go on with the sentence that `text` began "
        '(then start it with a small letter); the communiqué adds "Będą to 10-minutowe wystąpienia …" after it '
        "when the task has `presentation_minutes`. Optional." + _MARKDOWN + _PLACEHOLDERS,
    )


class Task(Strict):
    """An implementation task ("zadanie wdrożeniowe") the JST teams present."""

    number: int = Field(
        ge=1,
        description='The task\'s number, 1 or more: "Przypominamy o realizacji zadania wdrożeniowego nr 2."',
    )
    title: Line | None = Field(
        None,
        description='The task\'s title in the nominative, printed after "Zadanie wdrożeniowe nr 2: ". Optional; '
        'left out, the heading is just "Zadanie wdrożeniowe nr 2".',
    )
    intro: Markdown | None = Field(
        None,
        description='One or more whole sentences printed after "Przypominamy o realizacji zadania '
        'wdrożeniowego nr 2." Optional.' + _MARKDOWN + _PLACEHOLDERS,
    )
    variants: list[TaskVariant] = Field(
        default_factory=list, description="The variants of the task, each printed with the list of areas. Optional."
    )
    areas: list[str] = Field(
        default_factory=list,
        description="The areas the teams choose from, printed as a numbered list under each variant, each one "
        "as written. Optional.",
    )
    presentation_minutes: int | None = Field(
        None,
        ge=1,
        description='How many minutes each team presents for: 10 gives "Będą to 10-minutowe wystąpienia '
        'przedstawicieli poszczególnych samorządów." after each variant. Optional.',
    )
    due: Moment | None = Field(
        None,
        description="When the task's results are due: a date, YYYY-MM-DD (the whole day counts), or a date and "
        'time, e.g. 2017-08-16 16:00. The communiqué adds "Termin: do dnia …"; calendars get an entry with a '
        "reminder. Must be before the event starts. Optional.",
    )
    submit_to: Id | None = Field(
        None,
        description="The id of the contact (from the programme's `contacts`) the results go to, named in the "
        "deadline's calendar entry and in `jstevents deadlines`. Optional.",
    )


class SupportForm(Strict):
    """One form of advisory support, printed as "name – text"."""

    name: Line = Field(
        description="The form of support in the nominative, starting with a small letter, printed in bold "
        'before a dash: "ekspert opiekun – …".'
    )
    text: Markdown = Field(
        description='What it is, continuing after "name – ", so starting with a small letter: "każda jednostka '
        'samorządu terytorialnego ma swojego opiekuna, …".' + _MARKDOWN + _PLACEHOLDERS
    )


class AdvisorySupport(Strict):
    """The advisory support offered to the units, a numbered point of the communiqué."""

    intro: Markdown = Field(
        description='The paragraph that introduces the forms of support, e.g. "… Doradztwo realizowane będzie '
        'przez ekspertów/trenerów m.in. w następujących formach:".' + _MARKDOWN + _PLACEHOLDERS
    )
    forms: list[SupportForm] = Field(
        default_factory=list,
        description="The forms of support, printed as a bulleted list under the introduction. Optional.",
    )


class AgendaBlock(Strict):
    """One block of an event's programme ("Program spotkania")."""

    title: Line = Field(
        description='The block\'s title, e.g. "Współpraca w ramach pracy w sieci", printed as a numbered item.'
    )
    time: ClockRange | None = Field(
        None,
        description='When the block takes place: a time, "9:00", or a span, "9:00–10:30" (in quotes; "9.00" '
        'and "-" are read too). Printed before the title in the house style of times: "9.00–10.30 – '
        'Współpraca w ramach pracy w sieci". Optional.',
    )
    items: list[str] = Field(
        default_factory=list,
        description="The points of the block, printed as a bulleted list under its title. Optional." + _PLACEHOLDERS,
    )


class Deadline(Strict):
    """A deadline written out in the event, e.g. sending a task's results."""

    id: Id = Field(
        description="A short name you choose for the deadline, part of its calendar entry's identifier. "
        'Letters, digits, "-", "_" or ".", starting with a letter or digit, e.g. "zgloszenia".'
    )
    title: Line = Field(
        description='What is due, in the nominative, printed before a colon and the date in the "Terminy" '
        'section: "Zgłoszenia na szkolenie on-line" gives "Zgłoszenia na szkolenie on-line: do dnia 10 '
        'listopada 2020 r." Calendar entries read "Termin: Zgłoszenia na szkolenie on-line – <event title>".'
    )
    at: Moment = Field(
        description="The deadline: a date, YYYY-MM-DD (the whole day counts), or a date and time, e.g. "
        "2020-11-10 12:00. Must be before the event starts."
    )
    contact: Id | None = Field(
        None,
        description="The id of the contact (from the programme's `contacts`) to write to; the communiqué adds "
        '"(e-mail: …)". Optional.',
    )


class Registration(Strict):
    """One person registered for an event, with what they signed up for."""

    participant: Id = Field(
        description="The id of the registered person (from `participants`). Each person once per event."
    )
    coach: bool | Literal["there", "back"] = Field(
        False,
        description='Whether the person travels on the event\'s coach: true for both ways, "there" for the ride '
        'to the event only, "back" for the ride home only, false (the default) for none. They are on the coach '
        "list for those rides, and their personal communiqué says so. The ride there is on the pickup day, the "
        "ride back on the last day: `validate` says when the person is not at the event on that day (E115).",
    )
    activities: list[Id] = Field(
        default_factory=list,
        description="The ids of this event's activities the person signed up for, e.g. [spacer-starowka]. Optional.",
    )
    nights: list[dt.date] = Field(
        default_factory=list,
        description="The nights the person stays at the hotel, each named by the date of its evening, "
        "YYYY-MM-DD: the night from 21 to 22 August 2017 is 2017-08-21. From the first day of the event to the "
        "day before its last. Used for the rooming list and for breakfasts and dinners on the catering list. "
        "Optional; none means no hotel.",
    )
    room_with: Id | None = Field(
        None,
        description="The id of the participant this person wishes to share a room with at this event; replaces "
        "the participant's own `room_with` for this event. Optional.",
    )
    days: list[dt.date] = Field(
        default_factory=list,
        description="The days the person takes part, YYYY-MM-DD, when not every day they are there for: for "
        "someone who comes on the second day only, or who sleeps at home one night. Left out, the days follow "
        "from `nights` (the day of each night's evening and the morning after), or are every day of the event "
        "for someone with no nights. The attendance list, the meals ordered and the checks of coach rides and "
        "activities follow these days.",
    )
    attended: list[dt.date] | None = Field(
        None,
        description="The days the person was recorded present, YYYY-MM-DD, after the event: written by "
        "`jstevents attendance record` from the signed attendance sheet, or by hand. Left out, nothing is "
        "recorded yet; an empty list records that the person did not come. Used for completion, certificates "
        "and the report of who took part.",
    )
    role: Literal["participant", "trainer", "moderator", "expert", "guest"] = Field(
        "participant",
        description='The person\'s role at this event: "participant" (the default), "trainer", "moderator", '
        '"expert" or "guest". Only participants are on the attendance list and get the task deadlines in '
        "their calendars.",
    )


class Photo(Strict):
    """A photograph shown in the report of an event, with its caption."""

    file: str = Field(
        description="The image file (JPEG, PNG, WebP or GIF), given relative to the project folder, e.g. "
        '"zdjecia/siec-2018-10/powiaty.jpg": no absolute path and no "..". It is copied next to the report, into '
        "its folder `zdjecia/`, so the file names of one report's photos must differ."
    )
    caption: Line = Field(
        description='What the photograph shows, a phrase or sentence printed under it, e.g. "Świetna współpraca '
        "Powiatów Krapkowickiego i Wołomińskiego\". Also the image's text for those who cannot see it."
    )


class Report(Strict):
    """What only a person can write in the report published after an event (`jstevents news`); the rest comes
    from the event's data."""

    title: Line | None = Field(
        None,
        description='The headline of the report, e.g. "Monitorujemy i wspieramy realizację planów strategicznych '
        "opracowanych przez JST\". Optional; left out, the event's `title`.",
    )
    what: Line | None = Field(
        None,
        description="What took place, in the nominative and starting with a small letter, as it reads after the "
        'ordinal in "W dniach 23–24 października 2018 r. w Centrum Szkoleniowym ORE w Sulejówku odbyło się '
        'pierwsze …": "spotkanie sieci współpracy i samokształcenia dla samorządowców z powiatów i gmin '
        'miejskich". Name the event with the noun of its kind (moduł, spotkanie, szkolenie): the verb agrees '
        'with it. Optional; left out, "spotkanie sieci", "szkolenie" or "moduł szkolenia".',
    )
    opening: Markdown | None = Field(
        None,
        description="Whole sentences that go on from the first sentence of the report, in the same paragraph: "
        "who the participants were, how the network works. Optional." + _MARKDOWN,
    )
    agenda_intro: Markdown | None = Field(
        None,
        description='The sentence or sentences that lead into the list of the agenda, ending with a colon: "W '
        "ramach spotkania uczestnicy mieli możliwość wymiany doświadczeń … Poruszano następujące "
        'zagadnienia:". Optional; left out, "Poruszano następujące zagadnienia:".' + _MARKDOWN,
    )
    closing: Markdown | None = Field(
        None,
        description="A closing remark in whole sentences, a paragraph of its own after the next meeting and "
        "before the funding sentence: plans, an invitation. Optional." + _MARKDOWN,
    )
    photos: list[Photo] = Field(
        default_factory=list,
        description="Photographs shown at the end of the report, each with its caption. Optional.",
    )


class Event(Strict):
    """A training module, network meeting or training."""

    id: Id = Field(
        description="A short name you choose for the event, used in commands (`jstevents communique modul-3`) "
        'and file names. Letters, digits, "-", "_" or ".", starting with a letter or digit, e.g. "modul-3". '
        "It becomes part of calendar entries' identifiers, so keep it unchanged once calendars have been sent."
    )
    kind: EventKind = Field(
        description='What the event is: "module" (a training module), "meeting" (a network meeting) or '
        '"training". It decides the wording of the communiqué ("moduł szkolenia", "spotkanie sieci", '
        '"szkolenie").'
    )
    number: int | None = Field(
        None,
        ge=1,
        description="The event's number in its series, 1 or more, e.g. 3. Printed in Roman numerals "
        '("w III module szkoleniowym") and filled in for {number}. Optional.',
    )
    communique: int | None = Field(
        None,
        ge=1,
        description='The number of the event\'s communiqué, 1 or more: 3 gives "Komunikat nr 3". Each event needs '
        'its own number. Optional; left out, the heading is just "Komunikat".',
    )
    title: Line = Field(
        description='The event\'s name, e.g. "Moduł III szkolenia". Shown in calendar entries, on lists, on the '
        "overview page and in the names of its deadlines."
    )
    communique_title: Line | None = Field(
        None,
        description="The subtitle of this event's communiqué, starting with a small letter, read after "
        '"Komunikat nr 3 – " in the heading and the e-mail subject (nominative): "Komunikat nr 3 – pilotaż dla '
        "jednostek samorządu terytorialnego\". Optional; left out, the programme's `short_title` is used.",
    )
    ordinal: Line | None = Field(
        None,
        description="The event's number as a Polish ordinal word, in small letters, placed before the name of "
        'the event: "Zapraszamy na trzeci moduł szkolenia …" and "Trzeci moduł szkolenia odbędzie się …". '
        'Masculine for a module ("trzeci" moduł), neuter for a meeting or training ("pierwsze" spotkanie, '
        '"drugie" szkolenie). Optional; left out, the sentences name the event without it.',
    )
    greeting: Markdown | None = Field(
        None,
        description='Your own opening paragraph, in whole sentences, printed after "Szanowni Państwo!" (in a '
        'personal communiqué "Dzień dobry, …!") in place of the standard invitation "Zapraszamy na trzeci moduł '
        "szkolenia organizowanego w ramach projektu „…”, realizowanego przez … . Prosimy o uważne przeczytanie "
        'poniższych informacji …". Optional; left out, the standard invitation is printed.' + _MARKDOWN + _PLACEHOLDERS,
    )
    issued: dt.date | None = Field(
        None,
        description="The day the communiqué is issued, YYYY-MM-DD; its e-mail is dated that day at 09:00. "
        "Optional; left out, the e-mail is dated when it is made.",
    )
    mode: Literal["onsite", "online"] = Field(
        "onsite",
        description='"onsite" (the default) for an event at a venue, which then needs `venue`; "online" for one '
        "held on the internet, which then needs `online_link` and has no travel section.",
    )
    online_link: Link | None = Field(
        None,
        description="The address of the online meeting, starting with https:// or http://. Needed when `mode` is "
        '"online"; the communiqué says "… odbędzie się … online, pod adresem …".',
    )
    venue: Id | None = Field(
        None,
        description='The id of the venue (from `venues`). Needed when `mode` is "onsite".',
    )
    networks: list[Id] = Field(
        default_factory=list,
        description="The ids of the networks the event is for. Two events of the same network must not overlap; "
        "`calendar --network` picks events by it. Optional.",
    )
    status: Literal["confirmed", "cancelled"] = Field(
        "confirmed",
        description='"confirmed" (the default), or "cancelled" for an event called off after it was announced: '
        "its calendar entries become STATUS:CANCELLED, and `jstevents mail EVENT --changes` sends everybody who "
        "was told about it a cancellation (METHOD:CANCEL), which removes it from their calendars. Keep the "
        "event in the YAML rather than deleting it, so that its calendars can still be updated.",
    )
    dates: Dates = Field(description="The first and last day of the event.")
    schedule: Schedule = Field(description="The hours: arrival, start on the first day, end on the last day.")
    accommodation: Accommodation | None = Field(
        None,
        description="Rooms, meals and anything else the organiser provides. Optional; left out, the communiqué "
        "has no section on accommodation and meals.",
    )
    transport: Transport | None = Field(
        None,
        description="How to get there: by car, by public transport, by coach. Optional; left out, the "
        "communiqué gives the venue's parking and public-transport directions.",
    )
    tasks: list[Task] = Field(
        default_factory=list,
        description="Implementation tasks to remind people of; each is a numbered point of the communiqué, "
        "before the other points. Optional.",
    )
    support: AdvisorySupport | None = Field(
        None,
        description="The advisory support offered, a numbered point after the tasks. Optional.",
    )
    notices: list[Markdown] = Field(
        default_factory=list,
        description="Other announcements, each a numbered point of the communiqué after the tasks and the "
        "support, in whole sentences. Optional." + _MARKDOWN + _PLACEHOLDERS,
    )
    activities: list[Activity] = Field(
        default_factory=list,
        description="Extra activities such as an evening walk, each a numbered point after the other points. Optional.",
    )
    aims: list[str] = Field(
        default_factory=list,
        description='The aims of the event, printed as a bulleted list under "Cele modułu" (or "Cele '
        'spotkania", "Cele szkolenia"). Optional.' + _PLACEHOLDERS,
    )
    agenda: list[AgendaBlock] = Field(
        default_factory=list,
        description='The programme of the event, printed as numbered blocks under "Program modułu" (or '
        '"Program spotkania", "Program szkolenia"). Optional.',
    )
    units_attending: list[Id] = Field(
        default_factory=list,
        description='The ids of the units (JST) taking part, listed by name in the communiqué after "W '
        'spotkaniu wezmą udział przedstawiciele następujących jednostek samorządu terytorialnego:". Optional.',
    )
    next_meeting: str | None = Field(
        None,
        description='When the next meeting is, written to follow "Kolejne spotkanie: " near the end of the '
        'communiqué, in the nominative: "styczeń 2019 r." gives "Kolejne spotkanie: styczeń 2019 r." '
        "Optional; left out, the line is not printed." + _PLACEHOLDERS,
    )
    deadlines: list[Deadline] = Field(
        default_factory=list,
        description='Other deadlines of the event, listed under "Terminy" in the communiqué and added to '
        "calendars. The deadlines of the coach, of activities and of tasks are written with them (in their "
        "`signup` or `due`), not here. Optional.",
    )
    closing: str = Field(
        "Serdecznie zapraszamy!",
        description="The closing words, a paragraph of their own before the signature, a whole sentence: "
        '"Serdecznie zapraszamy!" (the default).' + _PLACEHOLDERS,
    )
    trainers: list[Id] = Field(
        default_factory=list,
        description="The ids of the experts (from `experts`) who train at the event; the attendance list has a "
        "row for each, to sign on every day. Optional.",
    )
    attachments: list[Literal["mentors"]] = Field(
        default_factory=list,
        description='Documents attached to every message of the communiqué: "mentors" attaches the list of '
        'the event\'s JST with their expert mentors as a PDF ("wykaz-jst-i-opiekunow.pdf"). A letter that says '
        '"W załączeniu …" must declare what it attaches (E124). Optional.',
    )
    hours: list[float] = Field(
        default_factory=list,
        description="The hours of training of each day, in the order of the days, e.g. [5, 8, 4.5]: what "
        "completion and the certificates count. Optional; left out, each day's hours run from the start to "
        "the end of the schedule (`day_start` and `day_end`, default 9:00 and 17:00, on the days between).",
    )
    staff: int = Field(
        0,
        ge=0,
        description="How many people of the organiser's team (besides those registered) eat with the participants "
        "at every meal served on each day: added to the catering list. Registered trainers and guests are counted "
        "from their registrations. Default 0.",
    )
    registrations: list[Registration] = Field(
        default_factory=list,
        description="The people registered for the event, with their coach, activities, nights and room-mate. "
        "Optional.",
    )

    report: Report | None = Field(
        None,
        description="What only a person can write in the report published after the event (`jstevents news`): "
        "its headline, an opening, a closing remark, photographs with captions. Optional; the report is written "
        "from the event's data without it.",
    )

    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.dates.start, self.schedule.start)

    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.dates.end, self.schedule.end)
