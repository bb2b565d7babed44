"""A change of the event's time or of a deadline after people were told otherwise (W170, W171).

Nothing is wrong with the YAML: plans change. But the people mailed about the event hold the
old time in their calendars, so the change must not go unnoticed: the warning counts them and
says how to tell them (`jstevents mail EVENT --changes`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.model.deadlines import event_deadlines
from jstevents.problems import Problem
from jstevents.text.facts import stated_facts

#: The facts of the event's time, and where each is written.
TIME: dict[str, tuple[str | int, ...]] = {
    "dates": ("dates",),
    "start": ("schedule", "start"),
    "end": ("schedule", "end"),
}


@check("W170", "W171")
@per_event
def told_otherwise(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    told = inputs.told.get(event.id)
    if not told:
        return
    registered = {r.participant: r for r in event.registrations}
    paths = dict(TIME)
    paths.update({f"deadline:{d.id[len(event.id) + 1 :]}": d.path for d in event_deadlines(event)})
    before: dict[str, Counter[str]] = {}
    now: dict[str, str] = {}
    labels: dict[str, str] = {}
    for pid, facts in told.items():
        registration = registered.get(pid)
        if registration is None:
            continue
        current = stated_facts(inputs.project, event, registration)
        for key in paths:
            if key in facts and key in current and facts[key] != current[key].value:
                before.setdefault(key, Counter())[facts[key]] += 1
                now[key], labels[key] = current[key].value, current[key].label
    for key, old in before.items():
        count = sum(old.values())
        code = "W171" if key.startswith("deadline:") else "W170"
        what = f"the deadline {labels[key]!r}" if code == "W171" else f"{event.id}'s {key} ({labels[key]})"
        yield inputs.problem(
            event, paths[key], code,
            f"{what} is now {now[key]!r}, but {count} people mailed about {event.id} were told "
            f"{old.most_common(1)[0][0]!r}: see `jstevents changes {event.id}`, and tell them with "
            f"`jstevents mail {event.id} --changes`",
        )  # fmt: skip
