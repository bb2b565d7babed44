"""The Polish plain text of calendar entries: DESCRIPTION, LOCATION, alarm texts.

Calendar clients show DESCRIPTION as plain text, so the Markdown some YAML
fields allow is reduced to its words (links keep their address).
"""

from __future__ import annotations

from jstevents.model import Event, Project
from jstevents.model.deadlines import Due
from jstevents.model.provision import provision
from jstevents.text.dates import moment, numeric, numeric_range
from jstevents.text.dates import time as clock
from jstevents.text.wording import ONLINE, meal


def location(project: Project, event: Event) -> str:
    if event.mode == "online":
        return ONLINE
    venue = project.venues[event.venue] if event.venue else None
    if venue is None:
        return ""
    return f"{venue.name}, {venue.address.one_line()}"


def _contact(project: Project, contact_id: str | None) -> str | None:
    if contact_id is None:
        return None
    for contact in project.programme.contacts:
        if contact.id == contact_id:
            return ", ".join(part for part in (contact.name, contact.email, contact.phone) if part)
    expert = project.experts.get(contact_id)
    if expert is not None:
        return ", ".join(part for part in (expert.name, expert.email, expert.phone) if part)
    return contact_id


def event_description(project: Project, event: Event) -> str:
    """Schedule, place, accommodation and directions of one event."""
    schedule = event.schedule
    lines: list[str] = []
    if event.communique is not None:
        heading = f"Komunikat nr {event.communique}"
        if event.communique_title:
            heading += f" – {event.communique_title}"
        lines += [heading, ""]

    span = numeric_range(event.dates.start, event.dates.end)
    lines.append(f"Termin: {span}")
    if schedule.check_in is not None:
        lines.append(f"Zakwaterowanie uczestników: od godz. {clock(schedule.check_in)} ({numeric(event.dates.start)})")
    lines.append(f"Rozpoczęcie: {numeric(event.dates.start)}, godz. {clock(schedule.start)}")
    closing = f"{meal(schedule.closing_meal)} " if schedule.closing_meal else ""
    lines.append(f"Zakończenie: {closing}{numeric(event.dates.end)}, godz. {clock(schedule.end)}")
    lines.append("")

    if event.mode == "online":
        lines.append(f"Spotkanie {ONLINE}: {event.online_link}")
    else:
        lines.append(f"Miejsce: {location(project, event)}")
    lines.append("")

    offered = provision(event)
    provided: list[str] = []
    if offered.rooms:
        provided.append(
            f"nocleg ({offered.room_type})" if offered.room_type else f"nocleg w pokojach {offered.room_size}-osobowych"
        )
    if offered.meals:
        provided.append("wyżywienie")
    provided += offered.extras
    if provided:
        lines += [f"Organizator zapewnia: {', '.join(provided)}.", ""]

    directions = _directions(project, event)
    if directions:
        lines += ["Dojazd:", *directions, ""]

    for activity in event.activities:
        text = (
            f"{activity.title[:1].upper()}{activity.title[1:]}: {numeric(activity.date)}, godz. {clock(activity.time)}"
        )
        if activity.departure:
            text += f" ({activity.departure})"
        text += f". Zgłoszenia do {moment(activity.signup.deadline)}"
        contact = _contact(project, activity.signup.contact)
        lines += [text + (f": {contact}." if contact else "."), ""]

    contacts = [_contact(project, c.id) for c in project.programme.contacts]
    if contacts:
        lines.append("Kontakt: " + "; ".join(c for c in contacts if c))
    return "\n".join(lines).strip()


def _directions(project: Project, event: Event) -> list[str]:
    if event.mode != "onsite":
        return []
    venue = project.venues[event.venue] if event.venue else None
    transport = event.transport
    lines: list[str] = []
    parking = (transport.parking if transport else None) or (venue.parking if venue else None)
    if transport is None or transport.own_car:
        lines.append(f"- samochodem: {parking}" if parking else "- samochodem")
    public = (transport.public_transport if transport else None) or (venue.public_transport if venue else None)
    if public:
        from jstevents.text.markdown import to_text

        lines.append(f"- komunikacją publiczną: {to_text(public, inline=True)}")
    coach = transport.coach if transport else None
    if coach is not None:
        when = f"o godz. {clock(coach.pickup_time)}"
        if coach.pickup_date is not None:
            when = f"{numeric(coach.pickup_date)} {when}"
        text = f"- {'oznakowanym ' if coach.marked else ''}autokarem podstawionym pod {coach.pickup_place} {when}; "
        text += f"powrót: {coach.return_dropoff}. Zgłoszenia do {moment(coach.signup.deadline)}"
        contact = _contact(project, coach.signup.contact)
        lines.append(text + (f": {contact}." if contact else "."))
    return lines


def deadline_description(project: Project, due: Due) -> str:
    lines = [due.title, f"Termin: {moment(due.at)}"]
    contact = _contact(project, due.contact)
    if contact:
        lines.append(f"Kontakt: {contact}")
    return "\n".join(lines)


def alarm_text(due: Due) -> str:
    return f"Jutro mija termin: {due.title} – {moment(due.at)}"
