"""The next module or meeting, written from an earlier one (`jstevents new`).

The new file is the old file's text with values replaced in place, found through
PyYAML's composed nodes: comments, quotes, folded texts and the order of keys stay
as the coordinator wrote them. Every date in the event moves by the same number
of days, whatever field holds it (dates, deadlines, activities, task due dates,
a coach's pickup date, and fields added later), because the scalars are found by
their form (`2017-08-21`, `2017-08-16 16:00`), not by a list of fields.
Registrations and the report are left out; the numbers, id, ordinal and the title's Roman numeral
move on to the next event.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from jstevents.errors import FileConflict, JsteventsError, ProjectError
from jstevents.load import yamlfile
from jstevents.model import Event, Project, ProjectFile
from jstevents.text.numbers import next_ordinal, roman

#: What the new event does not take over from the earlier one.
_PAST = ("registrations", "report")

#: Without --start, the next event starts this many days after the earlier one: the same weekday, 4 weeks on.
DEFAULT_GAP_DAYS = 28

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[Tt ]+)\d{1,2}[:.]\d{2}(?::\d{2})?$")
_DATE_IN_TEXT_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


@functools.lru_cache(maxsize=1)
def _mentions_date_re() -> re.Pattern[str]:
    """Years and Polish month names in both cases ("sierpnia", "sierpień"), from Babel's locale data."""
    from babel.dates import get_month_names

    months = {
        name
        for context in ("format", "stand-alone")
        for name in get_month_names("wide", context=context, locale="pl").values()
    }
    return re.compile(r"\b(?:(?:19|20)\d{2}|" + "|".join(sorted(months)) + r")\b", re.IGNORECASE)


@dataclass
class NextEvent:
    """What `jstevents new` wrote, for the message to the user."""

    path: Path
    text: str
    id: str
    title: str
    start: dt.date
    end: dt.date
    number: int | None
    communique: int | None
    ordinal_unknown: bool
    #: Paths of texts that name a date, month, year or the earlier number: they did not move and need reading.
    review: list[str] = field(default_factory=list)
    #: "path: old → new" for every value changed, for --verbose.
    changes: list[str] = field(default_factory=list)


@dataclass
class _Edit:
    start: int
    end: int
    text: str


def _span(text: str, node: Node) -> tuple[int, int, str]:
    return node.start_mark.index, node.end_mark.index, text[node.start_mark.index : node.end_mark.index]


def _replace_value(text: str, node: ScalarNode, new: str) -> _Edit:
    """Replace a scalar keeping its quotes when the old value is written out literally."""
    start, end, raw = _span(text, node)
    if node.value and node.value in raw and node.style in (None, "", '"', "'"):
        return _Edit(start, end, raw.replace(node.value, new, 1))
    tail = "\n" if raw.endswith("\n") else ""
    return _Edit(start, end, json.dumps(new, ensure_ascii=False) + tail)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _delete_pair(text: str, pairs: list[tuple[Node, Node]], position: int) -> _Edit:
    """Delete the whole lines of one key of a block mapping, up to the next key."""
    key, value = pairs[position]
    start = _line_start(text, key.start_mark.index)
    if position + 1 < len(pairs):
        end = _line_start(text, pairs[position + 1][0].start_mark.index)
    else:
        mark = value.end_mark
        end = mark.index if mark.column == 0 else text.find("\n", mark.index) + 1 or len(text)
    return _Edit(start, end, "")


def _get(mapping: Node, key: str) -> tuple[int, Node] | None:
    if isinstance(mapping, MappingNode):
        for index, (key_node, value_node) in enumerate(mapping.value):
            if isinstance(key_node, ScalarNode) and key_node.value == key:
                return index, value_node
    return None


def _walk_scalars(node: Node, path: tuple[str | int, ...], skip: set[str]):
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            yield from _walk_scalars(child, path + (index,), skip)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            if not path and key in skip:
                continue
            yield from _walk_scalars(value_node, path + (key,), skip)


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def _next_id(old: Event, number: int | None, start: dt.date) -> str | None:
    if old.number is not None and number is not None:
        match = re.search(rf"(?<!\d){old.number}$", old.id)
        if match:
            return old.id[: match.start()] + str(number)
    month = old.dates.start.strftime("%Y-%m")
    if month in old.id and start.strftime("%Y-%m") != month:
        return old.id.replace(month, start.strftime("%Y-%m"))
    return None


def plan_next_event(
    project: Project,
    source: Event,
    *,
    number: int | None = None,
    start: dt.date | None = None,
    new_id: str | None = None,
) -> NextEvent:
    """The text of the event after `source`, and where it goes; raises JsteventsError when it cannot be made."""
    origin = project.origin(source)
    if origin is None or origin.path != ("event",):
        raise ProjectError(
            f"{source.id!r} is one of several events in {origin.file if origin else 'its file'}; "
            "`new` copies a file that holds one `event:`",
            hint="move the event into a file of its own (event: …), then run `new` again",
        )
    source_path = Path(origin.file)
    text, fault = yamlfile.read_text(source_path)
    root = yamlfile.compose(text) if text is not None else None
    if text is None or root is None or _get(root, "event") is None:
        raise ProjectError(f"cannot read {origin.file}", hint="run `jstevents validate` and fix the file first")
    event_index, event_node = _get(root, "event")  # type: ignore[misc]

    start = start or source.dates.start + dt.timedelta(days=DEFAULT_GAP_DAYS)
    shift = start - source.dates.start
    if number is None and source.number is not None:
        number = source.number + 1
    communique = None
    if source.communique is not None:
        communique = max(e.communique or 0 for e in project.events.values()) + 1
    new_id = new_id or _next_id(source, number, start)
    if new_id is None:
        raise ProjectError(
            f"cannot derive the new event's id from {source.id!r}",
            hint="give it with --id, e.g. --id modul-4",
        )
    target = source_path.with_name(f"{new_id}.yaml")
    if target.exists():
        raise FileConflict(
            f"{target.as_posix()} already exists; it is never overwritten",
            hint="delete or rename it first, or give another id with --id",
        )
    if new_id in project.events:
        raise ProjectError(
            f"the project already has an event {new_id!r}",
            hint="give another id with --id, or another --number",
        )

    edits: list[_Edit] = []
    pairs = root.value
    for index in range(len(pairs)):
        if index != event_index:  # other sections (participants, venues…) exist once in a project
            edits.append(_delete_pair(text, pairs, index))
    # Who came and how it went belong to the earlier event: its registrations and the report of it.
    for past in _PAST:
        found = _get(event_node, past)
        if found is not None:
            edits.append(_delete_pair(text, event_node.value, found[0]))

    values: dict[str, ScalarNode] = {}
    review: list[str] = []
    changes: list[str] = []
    old_roman = roman(source.number) if source.number else None
    for path, node in _walk_scalars(event_node, (), set(_PAST)):
        if len(path) == 1 and isinstance(path[0], str):
            values[path[0]] = node
        if _DATE_RE.match(node.value) or _DATETIME_RE.match(node.value):
            begin, end, raw = _span(text, node)
            old_day = dt.date.fromisoformat(node.value[:10])
            edits.append(_Edit(begin, end, _DATE_IN_TEXT_RE.sub((old_day + shift).isoformat(), raw, count=1)))
            changes.append(f"{_dotted(path)}: {node.value} → {(old_day + shift).isoformat()}{node.value[10:]}")
        elif node.style in (">", "|") or " " in node.value:
            mentions_roman = old_roman and re.search(rf"\b{old_roman}\b", node.value) and path != ("title",)
            if _mentions_date_re().search(node.value) or mentions_roman:
                review.append(_dotted(("event", *path)))

    def set_value(key: str, new: str) -> None:
        if key in values and values[key].value != new:
            edits.append(_replace_value(text, values[key], new))
            changes.append(f"{key}: {values[key].value} → {new}")

    set_value("id", new_id)
    if number is not None:
        set_value("number", str(number))
    if communique is not None:
        set_value("communique", str(communique))
    title = source.title
    if old_roman and number is not None:
        title = re.sub(rf"\b{old_roman}\b", roman(number), title, count=1)
        set_value("title", title)
    ordinal_unknown = False
    if source.ordinal and number is not None:
        ordinal = next_ordinal(source.ordinal, number)
        if ordinal is not None:
            set_value("ordinal", ordinal)
        else:
            ordinal_unknown = True
            begin, end, _ = _span(text, values["ordinal"])
            edits.append(_Edit(begin, end, f'null  # TODO: the Polish ordinal of {number}, e.g. "trzynasty"'))
            changes.append(f"ordinal: {source.ordinal} → null (to fill in)")

    newline = "\r\n" if "\r\n" in text else "\n"  # a file saved on Windows stays in its line endings
    header = (
        f"# {title}, {start.isoformat()} – {(source.dates.end + shift).isoformat()}.{newline}"
        f"# Made by `jstevents new` from {source.id}: read every text before sending anything.{newline}"
    )
    first_key = _line_start(text, pairs[0][0].start_mark.index)
    kept = [
        line
        for line in text[:first_key].splitlines(keepends=True)
        if not line.lstrip().startswith("#") or "yaml-language-server" in line
    ]
    edits.append(_Edit(0, first_key, "".join(kept) + header))

    new_text = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        new_text = new_text[: edit.start] + edit.text + new_text[edit.end :]
    _check(new_text, target)
    return NextEvent(
        path=target,
        text=new_text,
        id=new_id,
        title=title,
        start=start,
        end=source.dates.end + shift,
        number=number,
        communique=communique,
        ordinal_unknown=ordinal_unknown,
        review=review,
        changes=sorted(changes),
    )


def _check(text: str, target: Path) -> None:
    """The new text must read back as one valid event; anything else is a bug, not the user's doing."""
    data, faults = yamlfile.parse(text)
    try:
        if faults or not isinstance(data, dict):
            raise ValueError("; ".join(f.message for f in faults))
        ProjectFile.model_validate(data)
    except ValueError as exc:
        raise JsteventsError(
            f"the new event for {target.as_posix()} did not come out valid ({exc})",
            hint="nothing was written; copy the file by hand and report this as a bug",
        ) from None
