"""What a coordinator hands out is in Polish: no "None", no "null", no English word in any list or dashboard."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import openpyxl
import pypdf
import pytest

from helpers import build_example

#: Words that would show a value or a label left untranslated (a leaked Python value, an id,
#: an English label). Checked as whole words, case-insensitively, in the visible text.
ENGLISH = [
    "None", "null", "true", "false", "nan", "undefined",
    "attendance", "rooming", "coach", "catering", "contacts", "activity", "activities",
    "participant", "participants", "trainer", "guest", "staff", "expert",
    "breakfast", "lunch", "dinner", "standard", "vegetarian", "vegan", "gluten",
    "room", "night", "nights", "signature", "name", "phone", "total", "page", "of", "day", "days",
    "yes", "no", "there", "back", "unassigned", "skipped", "files", "deadline", "deadlines",
]  # fmt: skip
_WORDS = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)
#: Addresses and links may hold any word ("…@example.pl", "https://…/join").
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+")


def _visible(path: Path) -> str:
    if path.suffix == ".csv":
        rows = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";")
        return "\n".join(" ".join(row) for row in rows)
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        sheet = book.active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
        parts = [sheet.oddHeader.left.text, sheet.oddHeader.right.text, sheet.oddFooter.left.text,
                 sheet.oddFooter.right.text, sheet.title]  # fmt: skip
        return "\n".join(cells + [p.replace("&P", "1").replace("&N", "2") for p in parts if p])
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"<title>(.*?)</title>", r" \1 ", text)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("polish"), "2017-08-14")


def handed_out(out: Path) -> list[Path]:
    return sorted([*out.glob("*/listy/*"), *out.glob("*/index.html"), out / "index.html"])


def test_lists_and_dashboards_say_nothing_in_english(built: Path) -> None:
    files = handed_out(built)
    assert len(files) > 60
    found = {}
    for path in files:
        words = _WORDS.findall(_ADDRESSES.sub(" ", _visible(path)))
        if words:
            found[path.relative_to(built).as_posix()] = sorted(set(words))
    assert not found, f"English or leaked values in what is handed out: {found}"


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    # The test above must be able to fail: an English label or a leaked None is found.
    leaked = tmp_path / "leak.csv"
    leaked.write_text("\ufeffImię i nazwisko;Room\nJan Kowalczyk;None\n", encoding="utf-8")
    assert _WORDS.findall(_visible(leaked)) == ["Room", "None"]
    mail = tmp_path / "mail.html"
    mail.write_text('<p><a href="mailto:coach@example.pl">coach@example.pl</a> obiad</p>', encoding="utf-8")
    assert not _WORDS.findall(_ADDRESSES.sub(" ", _visible(mail)))
