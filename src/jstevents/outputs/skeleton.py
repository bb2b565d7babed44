"""A new programme's files (`jstevents init`) and single entries (`jstevents new participant` …), as text.

The files are Jinja2 templates shipped in the package (`skeleton/`), with a comment in Polish
above each key saying what it means and whether it may be left out. One template per kind of
entry (`skeleton/items/`) serves both: `init` writes one entry of each kind into its file, and
`new` appends one to the file that holds the section, so the two never describe a key twice.
Every value a user gives is written as a YAML double-quoted (JSON) string, or plain when it
cannot be read as anything but itself, so no value can break the file.
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from jstevents.resources import skeleton_dir

#: Section files of a new programme, with the entry kind each holds.
SECTION_FILES = {
    "venues": ("venues.yaml", "venue"),
    "networks": ("networks.yaml", "network"),
    "units": ("units.yaml", "unit"),
    "participants": ("participants.yaml", "participant"),
}
#: Plain scalars that YAML would read as something else than a string.
_SPECIAL = re.compile(r"^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9._]+(?:e[-+]?[0-9]+)?|0x.*|0o.*)$", re.I)
_PLAIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+\-]*$")


def quoted(value: Any) -> str:
    """`value` as a YAML double-quoted scalar (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else json.dumps(value)


def plain(value: Any) -> str:
    """`value` unquoted when YAML reads it back as the same string (an id, a keyword), else quoted."""
    text = str(value)
    if isinstance(value, str) and _PLAIN.match(text) and not _SPECIAL.match(text) and ": " not in text:
        return text
    return quoted(value) if isinstance(value, str) else text


def _optional(key: str, value: Any, example: Any, plain_value: bool = False) -> str:
    """`key: value`, or the key commented out with an example when there is no value."""
    if value is None or value == "":
        return f"# {key}: {plain(example) if plain_value else quoted(example)}"
    return f"{key}: {plain(value) if plain_value else quoted(value)}"


@functools.cache
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(skeleton_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["q"] = quoted
    env.filters["plain"] = plain
    env.globals["opt"] = lambda key, value, example, plain=False: _optional(key, value, example, plain)
    return env


def _render(name: str, values: dict[str, Any]) -> str:
    text = _environment().get_template(name).render(**values)
    return text.rstrip("\n") + "\n"


def entry(kind: str, item: dict[str, Any]) -> str:
    """One entry of `kind` (participant, venue, unit, network, deadline, activity) as written at column 0."""
    return _render(f"items/{kind}.yaml.j2", {"item": item})


def section_file(section: str, items: list[dict[str, Any]]) -> str:
    """A whole file holding `section` (e.g. participants.yaml) with `items`."""
    name, _ = SECTION_FILES[section]
    return _render(f"{name}.j2", {"items": items})


def programme_file(values: dict[str, Any]) -> str:
    return _render("programme.yaml.j2", values)


def module_file(values: dict[str, Any]) -> str:
    return _render("modules/module.yaml.j2", values)


def gitignore() -> str:
    return _render("gitignore.j2", {})
