"""Problems as CI systems show them on the lines of a pull or merge request (`validate --format github|gitlab`).

- GitHub Actions reads workflow commands from a step's output:
  `::error file=events/modules/modul-3.yaml,line=12,col=5,title=E020::unknown unit 'x' …`, one a line,
  `::warning …` for warnings. Values are escaped as GitHub's own toolkit escapes them.
- GitLab reads a Code Quality report: a JSON list of issues, each with a description, the check's
  name (the code), a severity, a fingerprint (the same issue keeps it from run to run, so that a merge
  request shows what it adds and what it fixes) and the place (`location.path`, `location.lines.begin`).

Paths are those `validate` prints, relative to the folder it runs in (run it from the repository's
root); an absolute path inside `base` (that folder) is made relative to it, as both systems want.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath

from jstevents.problems import Problem

#: GitLab's severities: info, minor, major, critical, blocker.
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(file: str, base: Path | None) -> str:
    path = PurePath(file)
    if base is not None and path.is_absolute() and path.is_relative_to(base):
        return path.relative_to(base).as_posix()
    return file


def github(problems: Iterable[Problem], base: Path | None = None) -> str:
    """One workflow command per problem."""
    lines = []
    for problem in problems:
        place = (("file", _path(problem.file, base)), ("line", problem.line), ("col", problem.col))
        where = ",".join(f"{key}={_escape_property(str(value))}" for key, value in (*place, ("title", problem.code)))
        lines.append(f"::{problem.severity} {where}::{_escape_data(problem.message)}")
    return "".join(line + "\n" for line in lines)


def gitlab(problems: Iterable[Problem], base: Path | None = None) -> str:
    """A Code Quality report (JSON)."""
    issues = []
    seen: Counter[tuple[str, str, str]] = Counter()
    for problem in problems:
        path = _path(problem.file, base)
        key = (path, problem.code, problem.message)
        seen[key] += 1
        # Not the line: an issue moved by lines added above it is the same issue.
        identity = json.dumps([*key, seen[key]], ensure_ascii=False)
        issues.append(
            {
                "type": "issue",
                "check_name": problem.code,
                "description": f"{problem.code}: {problem.message}",
                "categories": ["Bug Risk"] if problem.severity == "error" else ["Style"],
                "severity": GITLAB_SEVERITY[problem.severity],
                "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
                "location": {"path": path, "lines": {"begin": problem.line}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
