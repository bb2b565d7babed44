"""docs/reliability.md names real tests, and the README links to it."""

from __future__ import annotations

import re

import pytest

from helpers import REPO

DOC = REPO / "docs" / "reliability.md"


def collected_tests() -> set[str]:
    """Every test id pytest would collect from the files the document names."""
    names = set()
    for path in sorted((REPO / "tests").glob("test_*.py")):
        for match in re.finditer(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.MULTILINE):
            names.add(f"{path.name}::{match.group(1)}")
    return names


def test_every_test_named_in_the_hazard_table_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"(test_\w+\.py::test_\w+)", text))
    assert named, "the table names no test"
    missing = sorted(named - collected_tests())
    assert not missing, f"docs/reliability.md names tests that do not exist: {missing}"


@pytest.mark.parametrize(
    "hazard",
    [
        "malformed YAML",
        "encodings",
        "alias bombs",
        "unsafe tags",
        "duplicate keys",
        "formula injection",
        "HTML/script injection",
        "e-mail header injection",
        "RTL override",
        "very long values",
        "template sandbox escape",
        "half-written files",
        "read-only output",
        "full disk",
        "personal data readable",
        "duplicate sends",
    ],
)
def test_each_hazard_has_a_row(hazard: str) -> None:
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    row = next((line for line in rows if hazard.lower() in line.lower()), None)
    assert row is not None, f"no row for {hazard!r}"
    covered = row.rstrip(" |").rsplit("|", 1)[-1]
    assert "::test_" in covered or "pending: #" in covered, row


@pytest.mark.parametrize("finding", range(1, 15))
def test_each_finding_of_the_reliability_probe_has_a_row(finding: int) -> None:
    rows = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("| finding ")]
    row = next((line for line in rows if line.startswith(f"| finding {finding}:")), None)
    assert row is not None, f"no row for finding {finding}"
    covered = row.rstrip(" |").rsplit("|", 1)[-1]
    assert "::test_" in covered and "pending" not in row, row


def test_readme_links_the_table() -> None:
    assert "(docs/reliability.md)" in (REPO / "README.md").read_text(encoding="utf-8")
