"""Fuzzing `validate` with damaged copies of the example files.

Each example takes one file of the example project, damages it (lines deleted,
duplicated, swapped or re-indented, values of the wrong type, odd Unicode, other
encodings, truncation) and validates the project, in-process and through the
CLI. Whatever the damage: no exception escapes, the exit code is 0 or 1, and
every problem points at an existing file, at a line inside it and a column ≥ 1,
with a known code.

The ordinary run (and CI) takes 230 examples in all, derandomised so that every run is the
same; the cases marked `slow` take 3,600 (`.venv/bin/python -m pytest -q -m slow`). A long run
with fresh random examples, quick and slow cases alike:

    JSTEVENTS_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest -q -m "slow or not slow" tests/test_fuzz.py

(`JSTEVENTS_FUZZ_EXAMPLES` selects the "long" hypothesis profile; failures are
kept in .hypothesis/ and replayed first on the next run.)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import EXAMPLE
from jstevents.load.project import load_project
from jstevents.problems import CODES

# The `cli` fixture is function-scoped but holds no state, so sharing it between the
# examples of one test is safe; each example makes its own project folder.
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("JSTEVENTS_FUZZ_EXAMPLES") or 0) or 20000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
PROFILE = "long" if os.environ.get("JSTEVENTS_FUZZ_EXAMPLES") else "ci"


def fuzz_settings(examples: int, *, slow: bool = False) -> settings:
    """`examples` examples for this test (the quick ones take seconds; `-m slow` runs the long ones),
    or as many as $JSTEVENTS_FUZZ_EXAMPLES says."""
    profile = settings.get_profile(PROFILE)
    if PROFILE == "long":
        return profile
    return settings(profile, max_examples=examples, deadline=None) if slow else settings(profile, max_examples=examples)


FILES = sorted(path.relative_to(EXAMPLE).as_posix() for path in EXAMPLE.rglob("*.yaml"))
TODAY = dt.date(2017, 8, 1)

# Values of the wrong type or out of range, as a coordinator might type them.
HOSTILE_VALUES = [
    "",
    "~",
    "null",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "- x",
    "0",
    "-1",
    "1.5",
    "1e999",
    ".nan",
    ".inf",
    "99999999999999999999999999999999",
    "1" * 5000,
    "true",
    "no",
    "on",
    "yes",
    "0x1F",
    "0o17",
    "2017-02-30",
    "2017-13-01",
    "2017-08-21 25:00",
    "2017-08-21 10:00:00+99:00",
    "0001-01-01",
    "9999-12-31",
    "11:30",
    "25:99",
    "9.30",
    '"unterminated',
    "'",
    '"\\x00"',
    '"\\uD800"',
    "&anchor value",
    "*missing_alias",
    "!!python/object/apply:os.system ['true']",
    "!!binary ====",
    "!!int abc",
    "!!float x",
    "!!bool maybe",
    "!!timestamp yesterday",
    "!!set {a, b}",
    "!!omap [a]",
    "!custom x",
    "<<: *missing",
    "? [complex]",
    "|",
    ">-",
    "|\n  block\n text",
    "a: b: c",
    "[unclosed",
    "{unclosed",
    "]",
    "}",
    "#",
    "-",
    "---",
    "...",
    "%YAML 1.1",
    "@reserved",
    "`reserved",
    '=HYPERLINK("http://x","y")',
    "<script>alert(1)</script>",
    "x" * 10000,
]
ODD_TEXT = [
    "\u202e",
    "\u202d",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u0301",
    "e\u0301\u0301\u0301",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u0085",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x00",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U000e0041",
    "ł",
    "Ż",
    "\t",
    " ",
]
ODD_BYTES = [b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xff", b"\xc0\xaf", b"\xe2\x82", b"\x80", b"\xf4\x90\x80\x80"]


def _weighted(draw, weights: dict[str, int]) -> str:
    """One of the keys, drawn with the given weights (hypothesis has no weighted choice)."""
    pick = draw(st.integers(0, sum(weights.values()) - 1))
    for name, weight in weights.items():
        if pick < weight:
            return name
        pick -= weight
    raise AssertionError("unreachable")


_KEY_VALUE = re.compile(r"^(\s*(?:- )?)([^:#\s][^:#]*):(.*)$")
#: A scalar inside a line, also inside flow collections: `{ start: 2017-08-21, end: … }`.
_TOKEN = re.compile(r'"[^"\n]*"|[A-Za-z0-9+][^\s,:\[\]{}#]*(?::[0-9]{2})?')
EDITS = {"delete": 2, "duplicate": 2, "swap": 2, "indent": 1, "dedent": 1, "value": 4, "token": 6, "key": 1, "odd": 3}


@st.composite
def line_edit(draw, lines: list[str]) -> list[str]:
    lines = list(lines)
    if not lines:
        return lines
    kind = _weighted(draw, EDITS)
    if kind in ("value", "key", "token"):
        pattern = _TOKEN if kind == "token" else _KEY_VALUE
        candidates = [n for n, line in enumerate(lines) if pattern.search(line)] or list(range(len(lines)))
        i = draw(st.sampled_from(candidates))
    else:
        i = draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "swap":
        j = draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "indent":
        lines[i] = " " * draw(st.integers(1, 9)) + lines[i]
    elif kind == "dedent":
        lines[i] = lines[i][draw(st.integers(1, 9)) :]
    elif kind in ("value", "key", "token"):
        match = _KEY_VALUE.match(lines[i])
        value = draw(st.sampled_from(HOSTILE_VALUES)) if draw(st.integers(0, 4)) else draw(st.text(max_size=20))
        tokens = list(_TOKEN.finditer(lines[i]))
        if kind == "token" and tokens:
            token = draw(st.sampled_from(tokens))
            lines[i] = lines[i][: token.start()] + value + lines[i][token.end() :]
        elif match is None:
            lines[i] = value
        elif kind == "value":
            lines[i] = f"{match.group(1)}{match.group(2)}: {value}"
        else:
            lines[i] = f"{match.group(1)}{value}:{match.group(3)}"
    else:
        at = draw(st.integers(0, len(lines[i])))
        odd = draw(st.sampled_from(ODD_TEXT)) if draw(st.integers(0, 3)) else draw(st.characters(codec="utf-8"))
        lines[i] = lines[i][:at] + odd + lines[i][at:]
    return lines


ENCODINGS = {"utf-8": 30, "utf-8-sig": 2, "cp1250": 2, "utf-16": 1, "utf-16-le": 1, "utf-32": 1}
ENDINGS = {"keep": 16, "truncate": 2, "bytes": 2}


@st.composite
def damaged_file(draw) -> tuple[str, bytes]:
    """One example file, damaged: (its path in the project, its new bytes)."""
    name = draw(st.sampled_from(FILES))
    lines = (EXAMPLE / name).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(line_edit(lines))
    text = "\n".join(lines)
    encoding = _weighted(draw, ENCODINGS)
    data = text.encode(encoding, "replace" if encoding == "cp1250" else "surrogatepass")
    ending = _weighted(draw, ENDINGS)
    if ending == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif ending == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(ODD_BYTES) | st.binary(min_size=1, max_size=8)) + data[at:]
    return name, data


@contextmanager
def damaged_project(name: str, data: bytes):
    """A fresh copy of the example project with one file replaced; removed afterwards.

    pytest's tmp_path is shared by all examples of one test, so each example
    makes its own folder.
    """
    with tempfile.TemporaryDirectory(prefix="jstevents-fuzz-") as scratch:
        root = Path(scratch) / "events"
        shutil.copytree(EXAMPLE, root)
        (root / name).write_bytes(data)
        yield root


def _line_count(path: Path) -> int:
    """Lines as an editor shows them (CRLF, CR or LF); for unreadable files, an upper bound."""
    data = path.read_bytes()
    return len(re.findall(rb"\r\n|\r|\n", data)) + 1


def assert_well_located(problems: list[dict], root: Path) -> None:
    for problem in problems:
        assert problem["code"] in CODES, problem
        path = Path(problem["file"])
        assert path.is_file(), problem
        assert path.resolve().is_relative_to(root.resolve()), problem
        assert 1 <= problem["line"] <= _line_count(path) + 1, problem
        assert problem["col"] >= 1, problem
        assert problem["message"].strip(), problem


def _in_process(case: tuple[str, bytes]) -> None:
    name, data = case
    with damaged_project(name, data) as root:
        result = load_project(root, today=TODAY)
        assert_well_located([p.as_dict() for p in result.problems], root)
        if result.project is None:
            assert result.errors, "no project and no error to say why"


@fuzz_settings(120)
@given(damaged_file())
def test_validate_survives_damaged_files_in_process(case: tuple[str, bytes]) -> None:
    _in_process(case)


@pytest.mark.slow
@fuzz_settings(2000, slow=True)
@given(damaged_file())
def test_validate_survives_damaged_files_in_process_at_length(case: tuple[str, bytes]) -> None:
    _in_process(case)


def _through_the_cli(cli, case: tuple[str, bytes]) -> None:  # type: ignore[no-untyped-def]
    name, data = case
    with damaged_project(name, data) as root:
        result = cli("validate", "--project", root, "--today", TODAY.isoformat(), "--format", "json")
        assert result.exit_code in (0, 1), result.output
        assert "Traceback" not in result.output
        report = json.loads(result.stdout)
        assert report["ok"] is (result.exit_code == 0)
        assert_well_located(report["problems"], root)
        text = cli("validate", "--project", root, "--today", TODAY.isoformat())
        assert text.exit_code == result.exit_code, text.output


@fuzz_settings(50)
@given(damaged_file())
def test_validate_survives_damaged_files_through_the_cli(cli, case: tuple[str, bytes]) -> None:
    _through_the_cli(cli, case)


@pytest.mark.slow
@fuzz_settings(600, slow=True)
@given(damaged_file())
def test_validate_survives_damaged_files_through_the_cli_at_length(cli, case: tuple[str, bytes]) -> None:
    _through_the_cli(cli, case)


# --- registration-form exports (participant_sources) ------------------------------------

SOURCES_YAML = """\
# yaml-language-server: $schema=jstevents.schema.json
participant_sources:
  - file: zgloszenia.csv
    columns: {name: "Imię i nazwisko", email: "E-mail", unit: "JST", phone: "Telefon", diet: "Dieta"}
"""
EXPORT_ROWS = [
    ["Imię i nazwisko", "E-mail", "JST", "Telefon", "Dieta"],
    ["Jadwiga Przykładowa", "jadwiga.przykladowa@example.pl", "Miasto Kalisz", "+48 500 100 200", "standardowa"],
    ["Zenon Testowy", "zenon.testowy@example.pl", "rypin", "500 100 201", "wegańska"],
    ["Łucja Zmyślona", "lucja.zmyslona@example.pl", "Powiat Wołomiński", "", "bezglutenowa"],
]
CELL_VALUES = HOSTILE_VALUES + ['"', '""', ";", ",", "\n", "\r\n", "a\nb", "=1+1", "+48", "-", "@x", "\t=cmd"]


@st.composite
def damaged_export(draw) -> bytes:
    rows = [list(row) for row in EXPORT_ROWS]
    for _ in range(draw(st.integers(1, 4))):
        kind = _weighted(draw, {"cell": 6, "delete": 1, "duplicate": 2, "swap": 1, "short": 1, "long": 1})
        r = draw(st.integers(0, len(rows) - 1)) if rows else 0
        if not rows:
            break
        if kind == "cell":
            c = draw(st.integers(0, len(rows[r]) - 1)) if rows[r] else 0
            value = draw(st.sampled_from(CELL_VALUES)) if draw(st.integers(0, 3)) else draw(st.text(max_size=12))
            if rows[r]:
                rows[r][c] = value
        elif kind == "delete":
            del rows[r]
        elif kind == "duplicate":
            rows.insert(r, list(rows[r]))
        elif kind == "swap":
            s = draw(st.integers(0, len(rows) - 1))
            rows[r], rows[s] = rows[s], rows[r]
        elif kind == "short":
            rows[r] = rows[r][: draw(st.integers(0, len(rows[r])))]
        else:
            rows[r] = rows[r] + ["extra"] * draw(st.integers(1, 3))
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    quote = draw(st.booleans())

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    text = "\r\n".join(delimiter.join(cell(v) for v in row) for row in rows) + "\r\n"
    encoding = _weighted(draw, {"utf-8": 8, "utf-8-sig": 4, "cp1250": 1, "utf-16": 1})
    data = text.encode(encoding, "replace" if encoding == "cp1250" else "surrogatepass")
    ending = _weighted(draw, ENDINGS)
    if ending == "truncate":
        data = data[: draw(st.integers(0, len(data)))]
    elif ending == "bytes":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(ODD_BYTES + [b"\x00"]) | st.binary(min_size=1, max_size=4)) + data[at:]
    return data


def _form_export(data: bytes) -> None:
    with damaged_project("zgloszenia.yaml", SOURCES_YAML.encode("utf-8")) as root:
        (root / "zgloszenia.csv").write_bytes(data)
        result = load_project(root, today=TODAY)
        assert_well_located([p.as_dict() for p in result.problems], root)
        assert all(p.code in ("E021", "E022", "E020") or not p.file.endswith(".csv") for p in result.problems)


@fuzz_settings(60)
@given(damaged_export())
def test_validate_survives_damaged_form_exports(data: bytes) -> None:
    _form_export(data)


@pytest.mark.slow
@fuzz_settings(1000, slow=True)
@given(damaged_export())
def test_validate_survives_damaged_form_exports_at_length(data: bytes) -> None:
    _form_export(data)
