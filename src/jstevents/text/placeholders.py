"""Placeholders for an event's own facts inside its free texts.

The prose of a communiqué sometimes names the event itself: "po zakończeniu III modułu",
"w trakcie III modułu (21–23 sierpnia 2017 r.)". Typed out, such a fact goes stale when
the dates move or `new module` copies the text to the next module. Written as `{number}`
or `{dates}`, it is filled in from the data each time a document is made.

| placeholder | becomes |
|---|---|
| `{number}` | the event's number in Roman numerals: "III" |
| `{dates}` | its dates: "21–23 sierpnia 2017 r." |
| `{start}`, `{end}` | its first and last day: "21 sierpnia 2017 r." |

Any other `{…}` (`{numer}`, `{ number }`, `{0}`, `{dates!r}`) is reported by `validate`
(E113), so a misspelt placeholder never reaches a participant; braces meant as text are
doubled (`{{A-12}}`) and printed as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from jstevents.model import Event
from jstevents.text import dates
from jstevents.text.numbers import roman

Path = tuple[str | int, ...]

_PLACEHOLDER_RE = re.compile(r"\{([A-Za-z_]+)\}")
#: Anything in single braces on one line: what a reader takes for a placeholder, however it is
#: spelt. Doubled braces (`{{ sieć }}`) are plainly not one, and are printed as written.
_BRACED_RE = re.compile(r"(?<!\{)\{([^{}\n]*)\}(?!\})")

NAMES: dict[str, Callable[[Event], str]] = {
    "number": lambda event: roman(event.number) if event.number is not None else "",
    "dates": lambda event: dates.date_range(event.dates.start, event.dates.end),
    "start": lambda event: dates.date(event.dates.start),
    "end": lambda event: dates.date(event.dates.end),
}


def free_texts(event: Event) -> Iterator[tuple[Path, str]]:
    """Every free text of the event that may hold placeholders, with its path in the YAML."""
    return ((path, text) for path, text in every_free_text(event) if "{" in text)


def every_free_text(event: Event) -> Iterator[tuple[Path, str]]:
    """Every free text of the event, with its path in the YAML."""
    singles: list[tuple[Path, str | None]] = [
        (("greeting",), event.greeting),
        (("next_meeting",), event.next_meeting),
        (("closing",), event.closing),
    ]
    for index, task in enumerate(event.tasks):
        singles.append((("tasks", index, "intro"), task.intro))
        for v, variant in enumerate(task.variants):
            singles.append((("tasks", index, "variants", v, "text"), variant.text))
            singles.append((("tasks", index, "variants", v, "after"), variant.after))
    if event.support is not None:
        singles.append((("support", "intro"), event.support.intro))
        for f, form in enumerate(event.support.forms):
            singles.append((("support", "forms", f, "text"), form.text))
    singles += [(("notices", i), text) for i, text in enumerate(event.notices)]
    singles += [(("aims", i), text) for i, text in enumerate(event.aims)]
    for b, block in enumerate(event.agenda):
        singles += [(("agenda", b, "items", i), text) for i, text in enumerate(block.items)]
    for path, text in singles:
        if text:
            yield path, text


def problems(event: Event) -> Iterator[tuple[Path, str]]:
    """(path, message) for each placeholder in `event` that cannot be filled in."""
    known = ", ".join(f"{{{n}}}" for n in NAMES)
    for path, text in free_texts(event):
        for match in _BRACED_RE.finditer(text):
            name = match.group(1)
            if name not in NAMES:
                written = match.group(0) if match.group(0).isprintable() else repr(match.group(0))
                if name.strip() in NAMES:
                    yield path, f"{written} is not filled in: write it {{{name.strip()}}}, without spaces"
                else:
                    yield (
                        path,
                        (
                            f"{written} is not a placeholder jstevents knows: use one of {known} "
                            "(for braces meant as text, double them: {{A-12}})"
                        ),
                    )
            elif name == "number" and event.number is None:
                yield path, "{number} needs the event's `number:`; add it, or write the number out"


def filled(event: Event) -> Event:
    """`event` with its placeholders filled in (the same object when it has none)."""
    found = list(free_texts(event))
    if not any(_PLACEHOLDER_RE.search(text) for _, text in found):
        return event
    cached = _filled.get(id(event))
    if cached is not None and cached[0] is event:
        return cached[1]
    copy = event.model_copy(deep=True)
    values = {name: make(event) for name, make in NAMES.items()}
    for path, text in found:
        _set(copy, path, _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text))
    if len(_filled) > 64:
        _filled.clear()
    _filled[id(event)] = (event, copy)
    return copy


#: id(event) → (event, its filled copy): a mail-out renders the same event once per recipient.
_filled: dict[int, tuple[Event, Event]] = {}


def _set(target: Any, path: Path, value: str) -> None:
    for step in path[:-1]:
        target = target[step] if isinstance(step, int) else getattr(target, step)
    last = path[-1]
    if isinstance(last, int):
        target[last] = value
    else:
        setattr(target, last, value)
