"""PDF lists page by page, read back with pypdf: each page traceable, page breaks where a reader wants them."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from helpers import build_example
from jstevents.outputs.lists.pdf_format import roster_pdf
from jstevents.outputs.lists.table import Column, Group, Roster


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("pdf"), "2017-08-01")


def test_every_page_of_every_list_says_what_it_is(built: Path) -> None:
    from jstevents.load.project import load_project

    project = load_project(Path("events")).project
    assert project is not None
    pdfs = sorted(built.glob("*/listy/*.pdf"))
    assert len(pdfs) >= 15
    for path in pdfs:
        event = project.events[path.parent.parent.name]
        pages = [page.extract_text() for page in pypdf.PdfReader(path).pages]
        for number, text in enumerate(pages, 1):
            where = f"{path.relative_to(built).as_posix()}, page {number}"
            head = re.sub(r"\s+", " ", " ".join(text.splitlines()[:3]))  # the header may take two lines
            assert event.title in head, where  # "Lista obecności · Moduł III szkolenia   21–23 sierpnia 2017 r."
            assert str(event.dates.start.year) in head, where
            assert f"strona {number} z {len(pages)}" in text, where


def _roster(groups: list[tuple[str, int]], *, first: int = 1) -> Roster:
    columns = [Column("Lp.", 10, "number"), Column("Imię i nazwisko", 80), Column("Podpis", 40, "signature")]
    made, number = [], first
    for heading, size in groups:
        rows = []
        for _ in range(size):
            rows.append([number, f"Osoba {number:03d}", ""])
            number += 1
        made.append(Group(heading, rows))
    return Roster(
        kind="attendance",
        title="Lista obecności",
        columns=columns,
        groups=made,
        event="Spotkanie próbne",
        dates="1–2 marca 2027 r.",
        footer=[f"Liczba uczestników: {number - first}"],
        root=Path.cwd(),
    )


def _pages(roster: Roster) -> list[list[str]]:
    reader = pypdf.PdfReader(io.BytesIO(roster_pdf(roster)))
    return [page.extract_text().splitlines() for page in reader.pages]


@pytest.mark.parametrize("people", range(12, 72, 3))
def test_the_last_page_never_holds_a_single_row(people: int) -> None:
    pages = _pages(_roster([("Gmina Alfa", people // 2), ("Gmina Beta", people - people // 2)]))
    rows = [line for line in pages[-1] if re.match(r"\d+ Osoba \d{3}$", line)]
    assert len(rows) >= 2, f"{people} people over {len(pages)} pages: the last page has {len(rows)} row(s)"
    assert "Liczba uczestników" in "\n".join(pages[-1])


@pytest.mark.parametrize("sizes", [(5, 9, 14), (3, 17, 4, 11), (12, 12, 12, 12), (2, 2, 30, 6)])
def test_a_heading_stands_with_its_rows_and_says_cd_where_its_group_goes_on(sizes: tuple[int, ...]) -> None:
    names = [f"Gmina {chr(ord('A') + i)}" for i in range(len(sizes))]
    pages = _pages(_roster(list(zip(names, sizes, strict=True))))
    assert len(pages) > 1
    seen = set()
    for number, lines in enumerate(pages, 1):
        for i, line in enumerate(lines):
            heading = line.removesuffix(" (cd.)")
            if heading not in names:
                continue
            # A heading never ends a page: the next line is one of its rows.
            assert i + 1 < len(lines) and re.match(r"\d+ Osoba", lines[i + 1]), f"page {number}: {line} alone"
            # "(cd.)" exactly when the group began on an earlier page.
            assert line.endswith(" (cd.)") == (heading in seen), f"page {number}: {line}"
            seen.add(heading)
    assert seen == set(names)


def test_a_group_longer_than_a_page_goes_on_with_cd() -> None:
    pages = _pages(_roster([("Gmina Długa", 45), ("Gmina Krótka", 3)]))
    texts = ["\n".join(lines) for lines in pages]
    assert "Gmina Długa\n" in texts[0] and "(cd.)" not in texts[0]
    assert "Gmina Długa (cd.)" in texts[1]
    numbers = [int(n) for text in texts for n in re.findall(r"^(\d+) Osoba", text, re.M)]
    assert numbers == list(range(1, 49))  # every row once, in order
