"""Nobody can be in two places at once: a network's events, and each person's, do not overlap."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check
from jstevents.model import Event
from jstevents.problems import Problem

Span = tuple[dt.datetime, dt.datetime, Event]


def _overlaps(items: list[Span]) -> list[tuple[Event, Event]]:
    """Pairs of overlapping intervals (each reported against the latest one still running)."""
    pairs = []
    items = sorted(items, key=lambda item: (item[0], item[2].id))
    running: Span | None = None
    for item in items:
        if running is not None and item[0] < running[1]:
            pairs.append((running[2], item[2]))
        if running is None or item[1] > running[1]:
            running = item
    return pairs


def _span(event: Event) -> Span:
    return event.starts_at(), event.ends_at(), event


@check("E105")
def networks_meet_one_at_a_time(inputs: CheckInput) -> Iterator[Problem]:
    by_network: dict[str, list[Span]] = defaultdict(list)
    for event in inputs.events():
        for network in dict.fromkeys(event.networks):
            by_network[network].append(_span(event))
    for network, spans in by_network.items():
        for first, second in _overlaps(spans):
            yield inputs.problem(
                second, ("dates", "start"), "E105",
                f"{second.id} overlaps {first.id}, both for network {network!r}: change one of the dates",
            )  # fmt: skip


@check("E106")
def people_attend_one_event_at_a_time(inputs: CheckInput) -> Iterator[Problem]:
    by_participant: dict[str, list[Span]] = defaultdict(list)
    for event in inputs.events():
        span = _span(event)
        for participant in dict.fromkeys(r.participant for r in event.registrations):
            by_participant[participant].append(span)
    for participant, spans in by_participant.items():
        if len(spans) < 2:
            continue
        for first, second in _overlaps(spans):
            index = next(i for i, r in enumerate(second.registrations) if r.participant == participant)
            yield inputs.problem(
                second, ("registrations", index, "participant"), "E106",
                f"{participant} is registered for {second.id} and for {first.id}, which overlap: "
                "remove one registration",
            )  # fmt: skip
