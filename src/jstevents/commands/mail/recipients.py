"""Who gets the communiqué: the participants registered for an event that `--to` selects."""

from __future__ import annotations

import difflib

from jstevents.errors import ProjectError, UnknownId, UsageError
from jstevents.model import Event, Participant, Project

SELECTORS = ("all", "network:ID", "unit:ID", "participant:ID")


def _suggest(value: str, known: list[str], what: str) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    shown = ", ".join(sorted(known)[:8]) + (" …" if len(known) > 8 else "")
    return f"the {what} ids are: {shown}" if known else f"the project defines no {what}"


def select_recipients(project: Project, event: Event, to: str = "all") -> list[Participant]:
    """The participants registered for `event` that `to` selects, in registration order.

    `to` is `all`, `network:ID`, `unit:ID` or `participant:ID`.
    """
    registered = [project.participants[pid] for pid in dict.fromkeys(r.participant for r in event.registrations)]
    kind, _, wanted = to.strip().partition(":")
    kind, wanted = kind.strip(), wanted.strip()
    if kind == "all" and not wanted:
        chosen = registered
    elif kind == "network" and wanted:
        if wanted not in project.networks:
            hint = _suggest(wanted, list(project.networks), "network")
            raise UnknownId(f"no network with id {wanted!r}", hint=hint)

        def network_of(p: Participant) -> str | None:
            unit = project.units.get(p.unit)
            return p.network or (unit.network if unit else None)

        chosen = [p for p in registered if network_of(p) == wanted]
    elif kind == "unit" and wanted:
        if wanted not in project.units:
            hint = _suggest(wanted, list(project.units), "unit")
            raise UnknownId(f"no unit (JST) with id {wanted!r}", hint=hint)
        chosen = [p for p in registered if p.unit == wanted]
    elif kind == "participant" and wanted:
        ids = [p.id for p in registered]
        if wanted not in ids:
            where = "is not registered for" if wanted in project.participants else "no participant registered for"
            message = (
                f"participant {wanted!r} {where} {event.id!r}"
                if wanted in project.participants
                else f"{where} {event.id!r} has the id {wanted!r}"
            )
            raise UnknownId(message, hint=_suggest(wanted, ids, "registered participant"))
        chosen = [p for p in registered if p.id == wanted]
    else:
        raise UsageError(
            f"cannot read the recipient selection {to!r}",
            hint=f"use one of: {', '.join(SELECTORS)} (for example network:powiaty)",
        )
    if not chosen:
        raise ProjectError(
            f"nobody registered for {event.id!r} matches {to!r}",
            hint="check the event's registrations, or choose other recipients with --to",
        )
    return chosen
