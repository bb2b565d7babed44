"""Hostile and damaged YAML files: each is reported at its place with its code, never a crash.

Most cases here were first found by tests/test_fuzz.py and are kept as small
explicit examples. Timings (how quickly an alias bomb is refused) are not
asserted; see docs/reliability.md for measured figures.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from jstevents.load import yamlfile
from jstevents.load.project import load_project

TODAY = dt.date(2017, 8, 1)


def problems(root: Path, name: str | None = None) -> list[tuple[str, int, int, str]]:
    """(file relative to the project, line, col, code) of each problem, optionally of one file."""
    result = load_project(root, today=TODAY)
    found = [(Path(p.file).relative_to(root).as_posix(), p.line, p.col, p.code) for p in result.problems]
    return [p for p in found if name is None or p[0] == name]


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def col_of(text: str, needle: str) -> int:
    start = text.index(needle)
    return start - (text.rfind("\n", 0, start) + 1) + 1


def replace_in(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text


# --- the file as a whole --------------------------------------------------------------


def test_billion_laughs_is_refused_with_e006(example: Path) -> None:
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        lines.append(f"lol{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    bomb = example / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = problems(example, "bomb.yaml")
    assert len(found) == 1 and found[0][3] == "E006"
    assert 1 <= found[0][1] <= 9


def test_billion_laughs_through_the_cli(cli, example: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    (example / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("validate", "-p", example, "--today", "2017-08-01")
    assert result.exit_code == 1
    assert "bomb.yaml:" in result.stdout and "error[E006]" in result.stdout


def test_recursive_alias_is_refused_with_e006(example: Path) -> None:
    (example / "loop.yaml").write_text("venues:\n  - &v\n    id: loop\n    rooms: *v\n", encoding="utf-8")
    assert [p[3] for p in problems(example, "loop.yaml")] == ["E006"]
    data, faults = yamlfile.parse("a: &a [*a]\n")
    assert data is None and "itself" in faults[0].message


def test_undefined_alias_is_a_syntax_error_at_its_place(example: Path) -> None:
    text = replace_in(example / "venues.yaml", "capacity: 120", "capacity: *nowhere")
    assert problems(example, "venues.yaml") == [
        ("venues.yaml", line_of(text, "*nowhere"), col_of(text, "*nowhere"), "E001")
    ]


def test_a_10_mb_file_is_read(example: Path) -> None:
    # One long value keeps the test quick; the size limit itself is tested below.
    note = "x" * (10 * 1024 * 1024)
    replace_in(example / "venues.yaml", 'parking: "bezpłatny parking hotelowy"', f'parking: "{note}"')
    assert (example / "venues.yaml").stat().st_size > 10 * 1024 * 1024
    assert problems(example, "venues.yaml") == []


def test_a_file_over_the_size_limit_is_refused(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1024)
    assert ("participants.yaml", 1, 1, "E007") in problems(example)


def test_binary_garbage_is_not_read_as_yaml(example: Path) -> None:
    garbage = random.Random(9).randbytes(4096)
    (example / "garbage.yaml").write_bytes(garbage)
    found = problems(example, "garbage.yaml")
    assert [p[3] for p in found] in (["E007"], ["E004"])
    assert found[0][1] >= 1


def test_png_renamed_to_yaml(example: Path) -> None:
    (example / "logo.yaml").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert [p[3] for p in problems(example, "logo.yaml")] == ["E007"]


def test_truncated_file_reports_a_syntax_error_inside_the_file(example: Path) -> None:
    path = example / "modules" / "modul-3.yaml"
    data = path.read_bytes()
    cut = data.index(b'title: "') + len(b'title: "Modu')
    path.write_bytes(data[:cut])
    found = problems(example, "modules/modul-3.yaml")
    assert [p[3] for p in found] == ["E001"]
    assert 1 <= found[0][1] <= data[:cut].count(b"\n") + 1


def test_truncated_in_the_middle_of_a_multibyte_letter(example: Path) -> None:
    path = example / "participants.yaml"
    data = path.read_bytes()
    cut = data.index("Ł".encode()) + 1
    path.write_bytes(data[:cut])
    found = problems(example, "participants.yaml")
    assert [p[3] for p in found] == ["E004"]
    assert found[0][1] == data[:cut].count(b"\n") + 1


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n", "~\n", "---\n"])
def test_empty_file(example: Path, content: str) -> None:
    (example / "empty.yaml").write_text(content, encoding="utf-8")
    assert problems(example, "empty.yaml") == [("empty.yaml", 1, 1, "E005")]


def test_cp1250_file_gets_the_utf8_hint(cli, example: Path) -> None:
    path = example / "participants.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1250"))
    first = min(i for i, ch in enumerate(text) if ord(ch) > 127)
    expected_line = text[:first].count("\n") + 1
    result = cli("validate", "-p", example, "--format", "json")
    assert result.exit_code == 1
    [problem] = [p for p in json.loads(result.stdout)["problems"] if p["file"].endswith("participants.yaml")]
    assert (problem["code"], problem["line"]) == ("E004", expected_line)
    assert "Windows-1250" in problem["message"] and "UTF-8" in problem["message"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_files_are_named_as_such(example: Path, encoding: str) -> None:
    path = example / "venues.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))
    result = load_project(example, today=TODAY)
    [problem] = [p for p in result.problems if p.file.endswith("venues.yaml")]
    assert problem.code == "E004"
    assert encoding[:6].upper() in problem.message and "UTF-8" in problem.message


def test_utf8_with_bom_is_fine(example: Path) -> None:
    path = example / "venues.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems(example, "venues.yaml") == []


# --- unsafe tags -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object:os.system {{}}",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
    ],
    ids=["object-apply", "object", "object-new", "name", "module", "verbatim-tag"],
)
def test_python_tags_are_refused_and_never_run(example: Path, tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "pwned"
    text = replace_in(example / "venues.yaml", "capacity: 120", "capacity: " + tagged.format(marker=marker))
    found = problems(example, "venues.yaml")
    assert found == [("venues.yaml", line_of(text, "capacity: !"), col_of(text, "!"), "E008")]
    assert not marker.exists()


def test_unknown_local_tag_is_refused(example: Path) -> None:
    replace_in(example / "venues.yaml", "capacity: 120", "capacity: !include secrets.yaml")
    assert [p[3] for p in problems(example, "venues.yaml")] == ["E008"]


# --- values YAML reads as one type but cannot build -----------------------------------------


@pytest.mark.parametrize("bad", ["2017-02-30", "2017-13-01", "2017-02-29"])
def test_impossible_date_is_a_wrong_value_at_its_place(example: Path, bad: str) -> None:
    text = replace_in(example / "modules" / "modul-3.yaml", "start: 2017-08-21", f"start: {bad}")
    found = problems(example, "modules/modul-3.yaml")
    assert ("modules/modul-3.yaml", line_of(text, bad), col_of(text, bad), "E012") in found


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ('"2017-08-16"', dt.date(2017, 8, 16)),
        ('"2017-08-16 16.00"', dt.datetime(2017, 8, 16, 16, 0)),
        ("2017-08-16 9:30", dt.datetime(2017, 8, 16, 9, 30)),
        ("2017-08-16T16:00", dt.datetime(2017, 8, 16, 16, 0)),
    ],
)
def test_a_deadline_is_read_the_same_quoted_or_not_and_with_a_polish_time(
    example: Path, written: str, read: dt.date
) -> None:
    # A quoted date once became midnight instead of the whole day.
    replace_in(example / "modules" / "modul-3.yaml", "deadline: 2017-08-16 16:00", f"deadline: {written}")
    result = load_project(example, today=TODAY)
    assert [p for p in result.problems if p.severity == "error"] == []
    coach = result.project.events["modul-3"].transport.coach
    assert coach.signup.deadline == read and type(coach.signup.deadline) is type(read)


def test_impossible_time_in_a_deadline(example: Path) -> None:
    text = (example / "modules" / "modul-3.yaml").read_text(encoding="utf-8")
    deadline = next(line.split("deadline:")[1].strip() for line in text.splitlines() if "deadline:" in line)
    bad = deadline[:10] + " 25:00"
    text = replace_in(example / "modules" / "modul-3.yaml", f"deadline: {deadline}", f"deadline: {bad}")
    found = problems(example, "modules/modul-3.yaml")
    assert ("modules/modul-3.yaml", line_of(text, bad), col_of(text, bad), "E012") in found


def test_time_zone_offset_out_of_range(example: Path) -> None:
    replace_in(example / "modules" / "modul-3.yaml", "start: 2017-08-21", "start: 2017-08-21 10:00:00+99:00")
    assert "E012" in [p[3] for p in problems(example, "modules/modul-3.yaml")]


@pytest.mark.parametrize("tagged", ["!!int abc", "!!float x", "!!bool maybe"])
def test_explicit_standard_tag_with_a_wrong_value(example: Path, tagged: str) -> None:
    text = replace_in(example / "venues.yaml", "capacity: 120", f"capacity: {tagged}")
    assert problems(example, "venues.yaml") == [("venues.yaml", line_of(text, tagged), col_of(text, tagged), "E012")]


def test_integer_with_thousands_of_digits(example: Path) -> None:
    digits = "9" * 5000  # past Python's limit for converting text to int
    text = replace_in(example / "venues.yaml", "capacity: 120", f"capacity: {digits}")
    assert problems(example, "venues.yaml") == [("venues.yaml", line_of(text, digits), col_of(text, digits), "E012")]


def test_section_holding_text_instead_of_a_list(example: Path) -> None:
    text = (example / "venues.yaml").read_text(encoding="utf-8")
    (example / "venues.yaml").write_text(text.split("venues:")[0] + "venues: Hotel Holiday Park\n", encoding="utf-8")
    found = problems(example)
    assert ("venues.yaml", line_of(text, "venues:"), len("venues: ") + 1, "E012") in found
    assert all(p[3] in ("E012", "E020") for p in found)  # events now name a venue that is not defined


# --- characters --------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x7f", "\ufffe", "\x0b"])
def test_control_character_is_located_exactly(example: Path, char: str) -> None:
    text = replace_in(example / "venues.yaml", "Holiday Park", f"Holiday{char} Park")
    assert problems(example, "venues.yaml") == [("venues.yaml", line_of(text, char), col_of(text, char), "E001")]


def test_nul_byte_means_not_a_text_file(example: Path) -> None:
    text = replace_in(example / "venues.yaml", "Holiday Park", "Holiday\x00 Park")
    assert problems(example, "venues.yaml") == [("venues.yaml", line_of(text, "\x00"), 1, "E007")]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_do_not_shift_line_numbers(example: Path, separator: str) -> None:
    # libyaml breaks lines at these, editors do not: lines must be counted as the editor shows them.
    path = example / "venues.yaml"
    text = replace_in(path, "Holiday Park", f"Holiday{separator}Park")
    text = replace_in(path, "capacity: 120", "capacity: many")
    assert problems(example, "venues.yaml") == [("venues.yaml", line_of(text, "many"), col_of(text, "many"), "E012")]


def test_duplicate_key_after_a_line_separator(example: Path) -> None:
    path = example / "venues.yaml"
    text = replace_in(path, "Holiday Park", "Holiday\u2028Park")
    text = replace_in(path, "    capacity: 120", "    capacity: 120\n    capacity: 130")
    assert ("venues.yaml", line_of(text, "capacity: 130"), 5, "E003") in problems(example, "venues.yaml")


def test_tab_after_a_form_feed_is_on_the_right_line(example: Path) -> None:
    path = example / "venues.yaml"
    text = replace_in(path, "Holiday Park", "Holiday\x0cPark")
    text = replace_in(path, "    capacity: 120", "\tcapacity: 120")
    assert problems(example, "venues.yaml") == [("venues.yaml", line_of(text, "\tcapacity"), 1, "E002")]


@pytest.mark.parametrize("odd", ["\u202e", "\u200b", "\u0301", "\U0001f600", "\ufeff"])
def test_invisible_and_odd_characters_in_a_value_are_plain_text(example: Path, odd: str) -> None:
    replace_in(example / "venues.yaml", "Holiday Park", f"Holiday{odd}Park")
    assert problems(example, "venues.yaml") == []


# --- nesting --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    ["venues: " + "[" * 100_000 + "\n", "venues:\n" + "- " * 100_000 + "x\n", "a: " + "{a: " * 100_000 + "\n"],
    ids=["flow-sequences", "block-sequences", "flow-mappings"],
)
def test_absurd_nesting_is_refused_without_crashing(tmp_path: Path, example: Path, content: str) -> None:
    # In a separate process: without the depth limit libyaml overflows the C stack and the
    # interpreter dies with a segmentation fault, which no exception handler can catch.
    (example / "deep.yaml").write_text(content, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "jstevents", "validate", "-p", str(example), "--today", "2017-08-01"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    assert run.returncode == 1, run.stderr
    assert "deep.yaml:" in run.stdout and "error[E001]" in run.stdout and "nested more than" in run.stdout


def test_moderate_nesting_is_still_read() -> None:
    data, faults = yamlfile.parse("a: " + "[" * 100 + "]" * 100 + "\n")
    assert faults == [] and data is not None


def test_deep_nesting_is_composed_on_a_roomy_stack_even_from_a_small_thread() -> None:
    # 990 levels, within the bound, overflow a 256 KB thread stack if libyaml composes them in place.
    script = (
        "import threading\n"
        "from jstevents.load import yamlfile\n"
        "text = 'venues: ' + '[' * 990 + 'x' + ']' * 990 + '\\n'\n"
        "out = {}\n"
        "threading.stack_size(256 * 1024)\n"
        "t = threading.Thread(target=lambda: out.update(r=yamlfile.parse(text)))\n"
        "t.start(); t.join()\n"
        "data, faults = out['r']\n"
        "print('faults', faults, 'depth-ok', isinstance(data['venues'], list))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "faults [] depth-ok True"


def test_deep_nesting_within_the_bound_is_a_schema_error_at_its_place(example: Path) -> None:
    (example / "deep.yaml").write_text("venues:\n  - " + "[" * 990 + "]" * 990 + "\n", encoding="utf-8")
    assert problems(example, "deep.yaml") == [("deep.yaml", 2, 5, "E012")]


@pytest.mark.parametrize("levels", [1001, 3000])
def test_nesting_past_the_bound_is_refused_at_its_place(levels: int) -> None:
    # The same answer whether or not the installed libyaml has a nesting limit of its own.
    data, faults = yamlfile.parse("venues:\n  - " + "[" * levels + "]" * levels + "\n")
    assert data is None
    # Level 1 is `venues:`, level 2 the list, so level 1,001 is the 999th bracket, at column 1,003.
    assert [(f.code, f.line, f.col) for f in faults] == [("E001", 2, 5 + 998)]
    assert "nested more than 1000 levels" in faults[0].message


def test_terminal_escapes_and_rtl_override_in_values_are_not_printed_raw(cli, example: Path) -> None:
    # YAML's "\e" and "\u202e" escapes put ESC and RTL OVERRIDE into a value; messages quote it.
    replace_in(example / "venues.yaml", "id: holiday-park", 'id: "holiday\\e[2J\\u202epark"')
    result = cli("validate", "-p", example, "--today", "2017-08-01")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b[2J\\u202e" in result.stdout


def test_an_end_date_thousands_of_years_away_is_checked_without_listing_its_days(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `end: 9999-12-31` (a typo, or a placeholder) once made the checks list 3.6 million days.
    from jstevents.model import Dates

    listed = []
    original = Dates.days
    monkeypatch.setattr(Dates, "days", lambda self: listed.append(self) or original(self))
    replace_in(example / "modules" / "modul-3.yaml", "end: 2017-08-23", "end: 9999-12-31")
    result = load_project(example, today=TODAY)
    assert all((d.end - d.start).days <= 31 for d in listed)
    assert "E105" in {p.code for p in result.problems}  # it now overlaps the later events of its networks
    module = {p.code for p in result.problems if p.file.endswith("modul-3.yaml")}
    assert "W112" not in module  # every hotel night now falls inside the event


def test_a_tag_directive_cannot_smuggle_a_python_tag(example: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = example / "venues.yaml"
    text = "%TAG !e! tag:yaml.org,2002:python/\n---\n" + path.read_text(encoding="utf-8").replace(
        "capacity: 120", f"capacity: !e!object/apply:os.system ['touch {marker}']"
    )
    path.write_text(text, encoding="utf-8")
    where = (line_of(text, "!e!object"), col_of(text, "!e!object"))
    assert problems(example, "venues.yaml") == [("venues.yaml", *where, "E008")]
    assert not marker.exists()


def test_deep_nesting_is_read_where_no_roomy_thread_can_be_made(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(size: int = 0) -> int:
        if size:
            raise ValueError("size not valid")
        return 0

    monkeypatch.setattr(yamlfile.threading, "stack_size", refuse)
    data, faults = yamlfile.parse("venues:\n  - " + "[" * 3000 + "]" * 3000 + "\n")
    assert data is None and [(f.code, f.line) for f in faults] == [("E001", 2)]
    assert "nested more than" in faults[0].message
    data, faults = yamlfile.parse("venues:\n  - " + "[" * 600 + "]" * 600 + "\n")
    assert faults == [] and data is not None


def _real_depth(text: str) -> int:
    import yaml

    depth = deepest = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


@pytest.mark.parametrize(
    "text",
    [
        "x: " + "[a: " * 300 + "]" * 300 + "\n",  # a one-pair mapping inside every sequence
        "x: " + "{a: " * 300 + "}" * 300 + "\n",
        "- " * 300 + "x\n",
        "? " * 200 + "x\n",
        "".join(" " * i + "a:\n" for i in range(300)) + " " * 300 + "- x\n",
        "a:\n" + "".join(" " * (2 * i) + "- b:\n" for i in range(150)) + " " * 300 + "- x\n",
        'x: ["]", ["]", ["]", ["]", ["]", ["]", [[[[["x"]]]]]]]]]]]\n',
        "x: [a, b]\ny: [[c, [d]], {e: [f]}]\nz: '[' \n# ]]]]] [[[[[\n",
    ],
    ids=[
        "implicit-pairs",
        "flow-maps",
        "compact-sequences",
        "explicit-keys",
        "indented-maps",
        "sequences-in-maps",
        "quoted-brackets",
        "mixed",
    ],
)
def test_the_cheap_nesting_bound_is_never_below_the_real_depth(text: str) -> None:
    # The bound decides whether a file may be composed directly on the current stack.
    assert yamlfile._depth_bound(text) >= _real_depth(text)
