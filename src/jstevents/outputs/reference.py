"""The manual's reference pages, written from the code so that they cannot drift from it.

- `yaml_reference()`: every section and key a project file may hold, with its type, whether it
  is required (or its default) and its description, from the model's `Field(description=…)`.
- `checks_table()`: every problem code with its severity and what it means, from
  `problems.CODES`, and which part of jstevents reports it (the reader, the schema, the
  references, or a registered check).

`python -m jstevents.outputs.reference` writes both into `docs/` between their markers;
`tests/test_architecture.py` fails when the committed pages differ from what this writes.
"""

from __future__ import annotations

import enum
import re
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from jstevents.model import ProjectFile, values

#: Value types by the validator that defines them (see `model.values`).
_KINDS: dict[Any, str] = {
    values._check_id: "id",
    values._check_email: "e-mail address",
    values._check_phone: "phone number",
    values._one_line: "one line of text",
    values._check_link: "web address (https://…)",
    values._parse_clock: 'time of day ("11:30")',
    values._parse_moment: 'date, or date and time ("2017-08-16 16:00")',
}
_PLAIN: dict[Any, str] = {
    str: "text",
    int: "whole number",
    float: "number",
    bool: "`true` or `false`",
}


def _anchor(model: type[BaseModel]) -> str:
    return model.__name__.lower()


def _validator_kind(metadata: list[Any]) -> str | None:
    for item in metadata:
        function = getattr(item, "func", None)
        if function in _KINDS:
            return _KINDS[function]
    return None


def _type_name(annotation: Any, metadata: list[Any] | None = None) -> str:
    kind = _validator_kind(metadata or [])
    if kind:
        return kind
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extra = typing.get_args(annotation)
        return _type_name(inner, list(extra))
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(_type_name(m) for m in members)
    if origin is list:
        return f"list of {_type_name(typing.get_args(annotation)[0])}"
    if origin is dict:
        key, value = typing.get_args(annotation)
        return f"mapping of {_type_name(key)} to {_type_name(value)}"
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{v}`" for v in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{_anchor(annotation)})"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return "one of " + ", ".join(f"`{m.value}`" for m in annotation)
    import datetime as dt

    if annotation is dt.date:
        return "date (YYYY-MM-DD)"
    if annotation is dt.time:
        return _KINDS[values._parse_clock]
    return _PLAIN.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _nested_models(arg)]


def _default(field: FieldInfo) -> str:
    if field.is_required():
        return "required"
    if field.default_factory is not None:
        made = field.default_factory()  # type: ignore[call-arg]
        return "optional" if made in ([], {}) or isinstance(made, BaseModel) else f"default `{made}`"
    value = field.default
    if value is None:
        return "optional"
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"default `{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _models_in_order() -> list[type[BaseModel]]:
    """Every model reachable from a project file, depth-first in the order of their fields."""
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            for nested in _nested_models(field.annotation):
                visit(nested)

    visit(ProjectFile)
    return seen


def yaml_reference() -> str:
    """The Markdown reference of every section and key (a heading per model, a table of its keys)."""
    out: list[str] = []
    for model in _models_in_order():
        name = "Project file" if model is ProjectFile else model.__name__
        out += [f"### {name}", "", _cell(model.__doc__ or ""), ""]
        out += ["| key | type | | meaning |", "|---|---|---|---|"]
        for key, field in model.model_fields.items():
            kind = _type_name(field.annotation, list(field.metadata))
            out.append(f"| `{key}` | {kind} | {_default(field)} | {_cell(field.description or '')} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _reported_by() -> dict[str, str]:
    from jstevents.checks.registry import registered

    where = {code: "reading the files" for code in ("E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008")}
    where |= {"E009": "loading", "E010": "the schema", "E011": "the schema", "E012": "the schema"}
    where |= {"E013": "loading", "E020": "references", "E021": "loading", "E022": "form exports", "E023": "the schema"}
    where |= {"E132": "loading"}
    where |= {code: "`attendance record`" for code in ("E140", "E141", "E142", "E143")}
    where |= {"E164": "survey import", "E165": "survey import"}
    for check in registered():
        for code in check.codes:
            where[code] = f"check `{check.name}`"
    return where


def checks_table() -> str:
    """The table of problem codes: code, severity, what it means."""
    from jstevents.problems import CODES

    by = _reported_by()
    missing = sorted(set(CODES) - set(by))
    if missing:
        raise ValueError(f"codes no part of jstevents reports: {missing}")
    lines = ["| code | severity | check |", "|---|---|---|"]
    lines += [f"| {c.code} | {c.severity} | {_markdown_code(c.summary)} |" for c in CODES.values()]
    return "\n".join(lines) + "\n"


def _markdown_code(text: str) -> str:
    # Placeholders in a summary read as code: {numer} → `{numer}`.
    return re.sub(r"(?<!`)(\{\w+\})(?!`)", r"`\1`", text)


# --- the pages ----------------------------------------------------------------------------

SECTIONS = {
    "yaml.md": ("yaml-reference", yaml_reference),
    "checks.md": ("check-codes", checks_table),
}


def _marked(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- generated: {name} .*?-->\n)(.*?)(<!-- end of generated: {name} -->)", re.S)


def page_with_generated(text: str, name: str, content: str) -> str:
    """`text` with the part between the markers of `name` replaced by `content`."""
    pattern = _marked(name)
    if not pattern.search(text):
        raise ValueError(f"no markers for {name!r}")
    return pattern.sub(lambda m: m.group(1) + "\n" + content + "\n" + m.group(3), text)


def generated_pages(docs: Path) -> dict[Path, str]:
    """Each page of `docs` with a generated part, as it should read now."""
    pages = {}
    for page, (name, make) in SECTIONS.items():
        path = docs / page
        pages[path] = page_with_generated(path.read_text(encoding="utf-8"), name, make())
    return pages


if __name__ == "__main__":  # pragma: no cover - run by hand after a change to the model or the checks
    import sys

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    for path, text in generated_pages(folder).items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
