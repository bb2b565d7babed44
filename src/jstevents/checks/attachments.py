"""A letter that promises an attachment carries it: "W załączeniu przekazujemy wykaz …" needs `attachments:`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.problems import Problem
from jstevents.text.placeholders import every_free_text

#: How a Polish letter says that something is attached.
_PROMISE = re.compile(r"\b(w\s+załącz(eniu|niku)|załączamy|załączon[yaeo]\w*|w\s+zał\.)", re.IGNORECASE)


@check("E124")
@per_event
def promised_attachments_are_attached(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    if event.attachments:
        return
    for path, text in every_free_text(event):
        promise = _PROMISE.search(text)
        if promise:
            yield inputs.problem(
                event, path, "E124",
                f"the letter says {promise.group(0)!r} but its messages carry no attachment: add "
                "`attachments: [mentors]` to the event (the list of JST with their expert mentors, as a PDF), "
                "or reword the sentence",
            )  # fmt: skip
            return
