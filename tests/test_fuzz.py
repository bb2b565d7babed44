"""Fuzzing `validate` with damaged copies of the example files.

Each example takes one file of the example project, damages it (lines deleted,
duplicated, swapped or re-indented, values of the wrong type, odd Unicode, other
encodings, truncation) and validates the project, in-process and through the
CLI. Whatever the damage: no exception escapes, the exit code is 0 or 1, and
every problem points at an existing file, at a line inside it and a column ≥ 1,
with a known code.

CI runs a few hundred examples, derandomised so that every run is the same. A
long run with fresh random examples:

    JSTEVENTS_FUZZ_EXAMPLES=20000 .venv/bin/python -m pytest -q tests/test_fuzz.py

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

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE
from jstevents.problems import CODES
from jstevents.project import load_project

settings.register_profile(
    "ci", max_examples=150, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long", max_examples=int(os.environ.get("JSTEVENTS_FUZZ_EXAMPLES") or 0) or 20000, deadline=None,
    print_blob=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
PROFILE = "long" if os.environ.get("JSTEVENTS_FUZZ_EXAMPLES") else "ci"

FILES = sorted(path.relative_to(EXAMPLE).as_posix() for path in EXAMPLE.rglob("*.yaml"))
TODAY = dt.date(2017, 8, 1)

# Values of the wrong type or out of range, as a coordinator might type them.
HOSTILE_VALUES = [
    "", "~", "null", "[]", "{}", "[a, b]", "{a: 1}", "- x", "0", "-1", "1.5", "1e999", ".nan", ".inf",
    "99999999999999999999999999999999", "1" * 5000, "true", "no", "on", "yes", "0x1F", "0o17",
    "2017-02-30", "2017-13-01", "2017-08-21 25:00", "2017-08-21 10:00:00+99:00", "0001-01-01",
    "9999-12-31", "11:30", "25:99", "9.30", '"unterminated', "'", '"\\x00"', '"\\uD800"',
    "&anchor value", "*missing_alias", "!!python/object/apply:os.system ['true']", "!!binary ====",
    "!!int abc", "!!float x", "!!bool maybe", "!!timestamp yesterday", "!!set {a, b}", "!!omap [a]",
    "!custom x", "<<: *missing", "? [complex]", "|", ">-", "|\n  block\n text", "a: b: c", "[unclosed",
    "{unclosed", "]", "}", "#", "-", "---", "...", "%YAML 1.1", "@reserved", "`reserved",
    "=HYPERLINK(\"http://x\",\"y\")", "<script>alert(1)</script>", "x" * 10000,
]
ODD_TEXT = [
    "\u202e", "\u202d", "\u200b", "\u200d", "\ufeff", "\u0301", "e\u0301\u0301\u0301", "\u00a0", "\u2028",
    "\u2029", "\u0085", "\r", "\r\n", "\x0b", "\x0c", "\x1b", "\x7f", "\x00", "\ufffe", "\uffff",
    "\U0001f600", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U000e0041", "ł", "Ż", "\t", " ",
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
        lines[i] = lines[i][draw(st.integers(1, 9)):]
    elif kind in ("value", "key", "token"):
        match = _KEY_VALUE.match(lines[i])
        value = draw(st.sampled_from(HOSTILE_VALUES)) if draw(st.integers(0, 4)) else draw(st.text(max_size=20))
        tokens = list(_TOKEN.finditer(lines[i]))
        if kind == "token" and tokens:
            token = draw(st.sampled_from(tokens))
            lines[i] = lines[i][: token.start()] + value + lines[i][token.end():]
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


@settings.get_profile(PROFILE)
@given(damaged_file())
def test_validate_survives_damaged_files_in_process(case: tuple[str, bytes]) -> None:
    name, data = case
    with damaged_project(name, data) as root:
        result = load_project(root, today=TODAY)
        assert_well_located([p.as_dict() for p in result.problems], root)
        if result.project is None:
            assert result.errors, "no project and no error to say why"


@settings.get_profile(PROFILE)
@given(damaged_file())
def test_validate_survives_damaged_files_through_the_cli(cli, case: tuple[str, bytes]) -> None:
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
