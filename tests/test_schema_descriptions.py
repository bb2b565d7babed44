"""Every key of a project file is explained in the JSON Schema, in words a coordinator reads in the editor.

The descriptions come from the model's `Field(description=...)`. Where a value is dropped into
a Polish sentence of the communiqué, its description says which word it follows and in which
grammatical case to write it; where a free text may hold placeholders or Markdown, it says so.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from jstevents.model import Event
from jstevents.outputs.schema import project_schema
from jstevents.text import placeholders

Schema = dict[str, Any]


def _schema() -> Schema:
    return json.loads(project_schema())


def _properties(node: Any, path: str = "#") -> Iterator[tuple[str, Any]]:
    """(path, schema) of every property anywhere in `node`: in `$defs`, nested `properties`,
    `items`, `anyOf`/`oneOf`/`allOf`, `additionalProperties` and anything else that holds a schema."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, value in properties.items():
                yield f"{path}/properties/{name}", value
        for key, value in node.items():
            yield from _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{path}/{index}")


def _undescribed(schema: Schema) -> list[str]:
    return [
        path
        for path, value in _properties(schema)
        if not (isinstance(value, dict) and isinstance(value.get("description"), str) and value["description"].strip())
    ]


def _description(schema: Schema, model: str, field: str) -> str:
    return str(schema["$defs"][model]["properties"][field]["description"])


def test_every_property_has_a_description() -> None:
    schema = _schema()
    found = list(_properties(schema))
    assert len(found) > 150, "the walk found too few properties: is the schema still nested as expected?"
    assert _undescribed(schema) == []


def test_the_walk_reaches_every_model_and_the_top_level() -> None:
    schema = _schema()
    visited = {path.split("/properties/")[0] for path, _ in _properties(schema)}
    models = {f"#/$defs/{name}" for name, node in schema["$defs"].items() if "properties" in node}
    assert models <= visited
    assert "#" in visited  # the sections of a file: programme, venues, events …


@pytest.mark.parametrize(
    "where",
    [
        ("$defs", "Coach", "properties", "pickup_place"),
        ("$defs", "Registration", "properties", "nights"),
        ("properties", "events"),
    ],
)
def test_a_removed_description_is_noticed(where: tuple[str, ...]) -> None:
    schema = copy.deepcopy(_schema())
    node = schema
    for step in where:
        node = node[step]
    del node["description"]
    assert _undescribed(schema) == ["#/" + "/".join(where)]


def test_nested_schemas_are_walked() -> None:
    """A property inside `items`, `anyOf` or `additionalProperties` counts as well."""
    schema: Schema = {
        "properties": {
            "a": {
                "description": "x",
                "items": {"properties": {"b": {"type": "string"}}},
                "anyOf": [{"properties": {"c": {"description": " "}}}],
                "additionalProperties": {"properties": {"d": {"description": "y"}}},
            }
        }
    }
    assert _undescribed(schema) == [
        "#/properties/a/items/properties/b",
        "#/properties/a/anyOf/0/properties/c",
    ]


def test_every_model_says_what_it_is() -> None:
    schema = _schema()
    assert schema.get("description")
    assert [name for name, node in schema["$defs"].items() if not str(node.get("description", "")).strip()] == []


#: Values written into a sentence of templates/_communique.j2 (or a heading), with what their
#: description must say: the words they follow or precede there, and the grammatical case.
IN_A_SENTENCE: dict[tuple[str, str], list[str]] = {
    ("Coach", "pickup_place"): [r'"pod"', "accusative", "podstawiony pod KINOTEKĘ"],
    ("Coach", "return_dropoff"): [r'"pod"', "accusative", "odwiezione"],
    ("Venue", "name_locative"): [r'"w"', "locative", "w hotelu Holiday Park"],
    ("Venue", "city_locative"): [r'"w"', "locative", "w Warszawie"],
    ("Venue", "name"): ["nominative", "w Warszawie: Hotel Holiday Park"],
    ("Venue", "parking"): ["mają do dyspozycji", "accusative"],
    ("Transport", "parking"): ["mają do dyspozycji", "accusative"],
    ("Venue", "public_transport"): ["mogą dojechać we własnym zakresie", "instrumental"],
    ("Transport", "public_transport"): ["mogą dojechać we własnym zakresie", "instrumental"],
    ("Event", "ordinal"): ["trzeci moduł", "Masculine", "neuter", "pierwsze. spotkanie"],
    ("Event", "greeting"): ["Szanowni Państwo!", "Zapraszamy na"],
    ("Event", "communique_title"): ["Komunikat nr 3 – ", "nominative"],
    ("Event", "next_meeting"): ["Kolejne spotkanie: ", "nominative"],
    ("Event", "closing"): ["signature", "Serdecznie zapraszamy!"],
    ("Activity", "title"): [re.escape("planujemy (dla chętnych)"), "accusative"],
    ("Activity", "when"): ["Ponadto w III module szkoleniowym", "Ponadto podczas spotkania", r"\(poniedziałek"],
    ("Activity", "departure"): ["około godziny", "nominative"],
    ("Accommodation", "extras"): ["a także", "accusative", "oraz"],
    ("Programme", "title"): ["w ramach projektu", "nominative"],
    ("Programme", "organiser"): ["realizowanego przez", "accusative", "Organizator:"],
    ("Programme", "partnership"): ["w partnerstwie ze Związkiem Miast Polskich", "realizowanego przez", "instrumental"],
    ("Programme", "partners"): ["partner:", "nominative"],
    ("Programme", "short_title"): ["Komunikat nr 3 – ", "nominative"],
    ("Programme", "signature"): ["nominative", "closing words"],
    ("Task", "title"): ["Zadanie wdrożeniowe nr 2: ", "nominative"],
    ("Task", "intro"): ["Przypominamy o realizacji zadania wdrożeniowego nr 2."],
    ("TaskVariant", "text"): ["Wariant 1: "],
    ("TaskVariant", "after"): ["Będą to 10-minutowe wystąpienia", "small letter"],
    ("SupportForm", "name"): ["nominative", "ekspert opiekun – "],
    ("SupportForm", "text"): ["name – ", "small letter"],
    ("Deadline", "title"): ["nominative", "Zgłoszenia na szkolenie on-line: do dnia"],
    ("AgendaBlock", "time"): ["before the title"],
    ("Participant", "name"): ["nominative", "Dzień dobry, Anna Lewandowska!"],
    ("Unit", "name"): ["nominative", "przygotowaliśmy dla"],
    ("Expert", "name"): ["Ekspert opiekun Państwa JST: "],
}


@pytest.mark.parametrize(("model", "field"), list(IN_A_SENTENCE))
def test_a_value_in_a_sentence_says_how_to_write_it(model: str, field: str) -> None:
    text = _description(_schema(), model, field)
    for pattern in IN_A_SENTENCE[(model, field)]:
        assert re.search(pattern, text), f"{model}.{field}: {pattern!r} not in {text!r}"


def test_the_words_quoted_from_the_communique_are_in_the_template() -> None:
    """The sentences the descriptions quote are still those of the default template."""
    from jstevents.resources import default_templates_dir as templates_dir

    template = (templates_dir() / "_communique.j2").read_text(encoding="utf-8")
    for words in [
        "podstawiony pod",
        "odwiezione",
        "mają do dyspozycji",
        "mogą dojechać we własnym zakresie –",
        "planujemy",
        "(dla chętnych)",
        "około godziny",
        "realizowanego przez",
        "w ramach projektu",
        ", a także",
        "provision.extras|joined",  # "A, B oraz C": see text.wording.joined
        "Zadanie wdrożeniowe nr",
        "Przypominamy o realizacji zadania wdrożeniowego nr",
        "Wariant",
        "Będą to",
        "Ponadto",
        "Organizator:",
        "Ekspert opiekun Państwa JST:",
        "Ten komunikat przygotowaliśmy dla:",
        "Dzień dobry,",
        "Szanowni Państwo!",
        "Zapraszamy na",
    ]:
        assert words in template, words
    assert re.search(r"venue\.city_locative %\} w \{\{ venue\.city_locative \}\}", template)
    assert re.search(r" w \{\{ venue\.name_locative \}\}", template)
    assert "{{ event.ordinal }} {% endif %}{{ words.noun }}" in template
    for name in ("md", "txt", "html"):
        text = (templates_dir() / f"communique.{name}.j2").read_text(encoding="utf-8")
        assert "Kolejne spotkanie: " in text, name


def _resolve(schema: Schema, node: Schema) -> Schema:
    """The object schema behind a `$ref`, an `anyOf` with null, or a list's `items`."""
    while True:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        elif "anyOf" in node:
            node = next(option for option in node["anyOf"] if option.get("type") != "null")
        elif "items" in node:
            node = node["items"]
        else:
            return node


def _property_at(schema: Schema, model: str, path: tuple[str | int, ...]) -> tuple[str, str]:
    """(model, field) of the property a YAML path inside an object of `model` ends in."""
    node: Schema = schema["$defs"][model]
    owner, field = model, ""
    for step in path:
        if isinstance(step, int):
            continue
        node = _resolve(schema, node)
        owner = next(name for name, value in schema["$defs"].items() if value is node)
        field = step
        node = node["properties"][step]
    return owner, field


def _event_with_every_free_text() -> Event:
    text = "w trakcie {number} modułu ({dates})"
    return Event.model_validate(
        {
            "id": "e",
            "kind": "module",
            "number": 1,
            "title": "t",
            "dates": {"start": "2017-08-21", "end": "2017-08-23"},
            "schedule": {"start": "11:30", "end": "14:00"},
            "greeting": text,
            "next_meeting": text,
            "closing": text,
            "tasks": [{"number": 1, "intro": text, "variants": [{"number": 1, "text": text, "after": text}]}],
            "support": {"intro": text, "forms": [{"name": "n", "text": text}]},
            "notices": [text],
            "aims": [text],
            "agenda": [{"title": "t", "items": [text]}],
        }
    )


PLACEHOLDERS = ("{number}", "{dates}", "{start}", "{end}")


def test_the_texts_that_take_placeholders_say_so_and_no_others() -> None:
    schema = _schema()
    takes = {_property_at(schema, "Event", path) for path, _ in placeholders.free_texts(_event_with_every_free_text())}
    assert len(takes) == 11, takes
    for model, field in takes:
        text = _description(schema, model, field)
        assert all(name in text for name in PLACEHOLDERS), f"{model}.{field} does not name the placeholders"
    claims = {
        (path.split("/")[2], path.rsplit("/", 1)[1])
        for path, value in _properties(schema)
        if path.startswith("#/$defs/") and "the placeholders {number}" in str(value.get("description", ""))
    }
    assert claims == takes


#: The fields written in Markdown (the `Markdown` type of the model; README, "Communiqués and templates").
MARKDOWN = {
    ("Event", "greeting"),
    ("Event", "notices"),
    ("Task", "intro"),
    ("TaskVariant", "text"),
    ("TaskVariant", "after"),
    ("AdvisorySupport", "intro"),
    ("SupportForm", "text"),
    ("Venue", "public_transport"),
    ("Transport", "public_transport"),
    ("Report", "opening"),
    ("Report", "agenda_intro"),
    ("Report", "closing"),
}


def test_the_markdown_fields_say_so_and_no_others() -> None:
    schema = _schema()
    claims = {
        (path.split("/")[2], path.rsplit("/", 1)[1])
        for path, value in _properties(schema)
        if path.startswith("#/$defs/") and "Markdown" in str(value.get("description", ""))
    }
    assert claims == MARKDOWN


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("Dates", "start"),
        ("Dates", "end"),
        ("Activity", "date"),
        ("Coach", "pickup_date"),
        ("Event", "issued"),
        ("Registration", "nights"),
        ("Signup", "deadline"),
        ("Task", "due"),
        ("Deadline", "at"),
    ],
)
def test_a_date_says_how_it_is_written(model: str, field: str) -> None:
    assert "YYYY-MM-DD" in _description(_schema(), model, field)


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("Schedule", "check_in"),
        ("Schedule", "start"),
        ("Schedule", "end"),
        ("Schedule", "day_start"),
        ("Schedule", "day_end"),
        ("Coach", "pickup_time"),
        ("Activity", "time"),
    ],
)
def test_a_time_of_day_says_how_it_is_written(model: str, field: str) -> None:
    assert re.search(r'"\d{1,2}:\d\d" or "\d{1,2}\.\d\d"', _description(_schema(), model, field))


def test_a_night_is_named_by_its_evening() -> None:
    assert "date of its evening" in _description(_schema(), "Registration", "nights")
