"""Turning pydantic's validation errors into problems a coordinator can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from jstevents.problems import Problem

_PASSWORD_WORDS = ("password", "passwd", "haslo", "hasło", "secret")

Locate = Callable[[tuple[str | int, ...], bool], tuple[int, int]]


def _unwrap(annotation: Any) -> list[Any]:
    """The candidate types behind Optional, unions, lists, dicts and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class whose fields are validated at `loc` (a path of keys)."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            candidates = [
                arg for t in _unwrap(current) if typing.get_origin(t) in (list, tuple) for arg in typing.get_args(t)[:1]
            ]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(step)
            if field is None:
                return None
            candidates = _unwrap(field.annotation)
        else:
            candidates = [typing.get_args(t)[1] for t in _unwrap(current) if typing.get_origin(t) is dict]
        if not candidates:
            return None
        models = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        current = models[0] if models else candidates[0]
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _where(loc: tuple[str | int, ...]) -> str:
    named = [str(step) for step in loc if isinstance(step, str)]
    return named[-1] if named else "the document"


def _shorten(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def problems_from_validation(
    exc: ValidationError,
    *,
    file: str,
    model: type[BaseModel],
    locate: Locate,
    loc_map: Callable[[tuple[str | int, ...]], tuple[str | int, ...]] | None = None,
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = _clean_loc(model, tuple(error["loc"]))
        if loc_map is not None:
            loc = loc_map(loc)
        kind = error["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            line, col = locate(loc, True)
            if any(word in key.lower() for word in _PASSWORD_WORDS):
                problems.append(
                    Problem(
                        file,
                        line,
                        col,
                        "E023",
                        f"{key!r}: never write a password in a project file (it is kept in git); "
                        "delete this line and set the environment variable JSTEVENTS_SMTP_PASSWORD, "
                        "or type the password when jstevents asks for it",
                    )
                )
                continue
            parent = _model_at(model, loc[:-1])
            known = list(parent.model_fields) if parent else []
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else (f"allowed keys here: {', '.join(known)}" if known else "remove it")
            )
            problems.append(Problem(file, line, col, "E010", f"unknown key {key!r} in {_where(loc[:-1])}: {hint}"))
        elif kind == "missing":
            line, col = locate(loc[:-1], False)
            problems.append(
                Problem(
                    file,
                    line,
                    col,
                    "E011",
                    f"missing required field {loc[-1]!r} in {_where(loc[:-1])}: add `{loc[-1]}:` here",
                )
            )
        else:
            line, col = locate(loc, False)
            message = error["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, ") :]
            got = error.get("input")
            detail = (
                "" if isinstance(got, (dict, list)) or kind.startswith("value_error") else (f" (got {_shorten(got)})")
            )
            problems.append(Problem(file, line, col, "E012", f"{_where(loc)}: {message}{detail}"))
    return _dedupe(problems)


def _clean_loc(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop the steps pydantic adds for union members ("datetime", "function-after[…]").

    Only a step that is not a key of the data at that point is dropped, so a
    field that happens to be called `date` is kept.
    """
    kept: list[str | int] = []
    for step in loc:
        if isinstance(step, str) and ("[" in step or step in _UNION_TAGS):
            parent = _model_at(model, tuple(kept))
            if parent is None or step not in parent.model_fields:
                continue
        kept.append(step)
    return tuple(kept)


_UNION_TAGS = {"date", "datetime", "str", "int", "float", "bool", "time", "none"}


def _dedupe(problems: list[Problem]) -> list[Problem]:
    """A value that fails every member of a union yields one problem, not one per member."""
    seen: set[tuple[int, int, str]] = set()
    result = []
    for problem in problems:
        key = (problem.line, problem.col, problem.code)
        if key in seen:
            continue
        seen.add(key)
        result.append(problem)
    return result
