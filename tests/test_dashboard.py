"""The dashboards `build` writes: each event's index.html and the page across events, as read."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest


def shown(path: Path) -> str:
    """The page's text as a browser shows it."""
    text = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def rows(path: Path) -> list[list[str]]:
    """Every table row of the page, as the texts of its cells."""
    page = path.read_text(encoding="utf-8")
    found = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, flags=re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S)
        found.append([re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", c))).strip() for c in cells])
    return found


def build(cli, project: Path, out: Path, today: str, *events: str) -> None:
    result = cli("build", *events, "-p", project, "-o", out, "--today", today)
    assert result.exit_code == 0, result.output


def test_days_left_deadlines_and_alerts(cli, example: Path, tmp_path: Path) -> None:
    build(cli, example, tmp_path, "2017-08-14")
    page = tmp_path / "modul-3" / "index.html"
    text = shown(page)
    assert "rozpoczęcie za 7 dni" in text and "stan na 14 sierpnia 2017 r." in text
    # Both sign-ups close on the 16th: two days left, urgent.
    assert "Zgłoszenia na autokar: 16.08.2017, godz. 16.00 – za 2 dni." in text
    assert ["16.08.2017, godz. 16.00", "za 2 dni", "Zgłoszenia na autokar"] in rows(page)
    # The ten people the rooming list leaves without a room-mate, by name.
    assert "Bez pary w pokoju: 10 osób (Jan Fijałkowski, Wojciech Mazur," in text

    build(cli, example, tmp_path, "2017-08-18")
    text = shown(page)
    assert "rozpoczęcie za 3 dni" in text
    assert "Zgłoszenia na autokar: 16.08.2017, godz. 16.00 – termin minął 2 dni temu." in text
    build(cli, example, tmp_path, "2017-08-22")
    assert "trwa" in shown(page)
    build(cli, example, tmp_path, "2017-09-01")
    text = shown(page)
    assert "zakończone 9 dni temu" in text and "Nic nie wymaga uwagi." in text


def test_counts_per_day_match_the_lists(cli, tmp_path: Path) -> None:
    # As the catering, rooming and coach lists count them (see test_attendees.py): 38 there on
    # the 21st (Wąsik and Pęczek come on the 22nd), 40 on the 22nd, 37 on the 23rd; nights 38
    # and 37; the coach there for 13 (not Pęczek) and back for 13 (not Wróbel).
    build(cli, Path("events"), tmp_path, "2017-08-01")
    table = rows(tmp_path / "modul-3" / "index.html")
    header = table.index(
        ["Dzień", "Uczestnicy", "Trenerzy, goście, obsługa", "Nocleg", "śniadanie", "obiad", "kolacja", "Autokar",
         "Zajęcia"]
    )  # fmt: skip
    assert table[header + 1 : header + 4] == [
        [
            "pon. 21.08.2017",
            "38",
            "0",
            "38",
            "—",
            "38",
            "38",
            "tam: 13",
            "spacer po warszawskiej Starówce, 18.20: 15 osób",
        ],
        ["wt. 22.08.2017", "40", "0", "37", "38", "40", "37", "—", "—"],
        ["śr. 23.08.2017", "37", "0", "—", "37", "37", "—", "powrót: 13", "—"],
    ]
    text = shown(tmp_path / "modul-3" / "index.html")
    assert "Diety: standardowa 18, wegetariańska 12, wegańska 6, bezglutenowa 4." in text


def test_one_row_per_document_with_a_link_per_format(cli, tmp_path: Path) -> None:
    build(cli, Path("events"), tmp_path, "2017-08-01")
    page = tmp_path / "modul-3" / "index.html"
    source = page.read_text(encoding="utf-8")
    table = rows(page)
    assert ["Lista obecności (dane osobowe)", "PDF · Excel (XLSX) · CSV · strona (HTML)"] in table
    assert ["Komunikat", "Markdown · strona (HTML) · tekst · e-mail (EML)"] in table
    for name in ("listy/attendance.pdf", "listy/attendance.xlsx", "listy/attendance.csv", "listy/attendance.html"):
        assert f'href="{name}"' in source and (page.parent / name).is_file()
    # An event without a coach says why its coach list is missing, in Polish.
    meeting = shown(tmp_path / "siec-2018-10" / "index.html")
    assert "Lista pasażerów autokaru (brak autokaru)" in meeting
    # The online link is a link.
    online = (tmp_path / "moderatorzy-online-2020-11" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'Spotkanie online: <a href="(https://[^"]+)">\1</a>', online)
    assert link is not None


def test_warnings_about_the_event_and_missing_logos(cli, example: Path, tmp_path: Path) -> None:
    programme = example / "programme.yaml"
    programme.write_text(re.sub(r"logos: \[.*\]", "logos: []", programme.read_text(encoding="utf-8")), "utf-8")
    module = example / "modules" / "modul-3.yaml"
    # Krzysztof Wąsik sleeps only the night of the 22nd; Barbara Wróbel only the 21st.
    text = module.read_text(encoding="utf-8")
    text = text.replace("      room_with: krzysztof-wasik\n", "", 1)
    text = text.replace(
        "    - participant: krzysztof-wasik\n", "    - participant: krzysztof-wasik\n      room_with: barbara-wrobel\n"
    )
    module.write_text(text, encoding="utf-8")
    build(cli, example, tmp_path, "2017-08-01")
    module_page = shown(tmp_path / "modul-3" / "index.html")
    assert "W121" in module_page and "logos" in module_page  # the programme's warning, on every event
    assert "W118" in module_page and "modul-3.yaml, wiersz" in module_page
    assert "W121" in shown(tmp_path / "siec-2018-10" / "index.html")
    assert "W118" not in shown(tmp_path / "siec-2018-10" / "index.html")


def test_the_page_across_events(cli, tmp_path: Path) -> None:
    build(cli, Path("events"), tmp_path, "2017-08-14")
    overview = tmp_path / "index.html"
    table = rows(overview)
    assert table[0] == ["Wydarzenie", "Termin", "Kiedy", "Osoby", "Najbliższy termin", "Do zrobienia"]
    titles = [row[0] for row in table[1:]]
    assert titles[0].startswith("Moduł III szkolenia") and len(titles) == 4
    first = table[1]
    assert first[1:4] == ["21–23 sierpnia 2017 r.", "rozpoczęcie za 7 dni", "40"]
    assert first[4] == "Zgłoszenia na autokar – 16.08.2017, godz. 16.00, za 2 dni"
    assert first[5] == "3"  # two deadlines within three days, ten people without a room-mate
    source = overview.read_text(encoding="utf-8")
    for event in ("modul-3", "siec-2018-10", "moderatorzy-2020-10", "moderatorzy-online-2020-11"):
        assert f'href="{event}/index.html"' in source
    assert 'href="../index.html"' in (tmp_path / "modul-3" / "index.html").read_text(encoding="utf-8")


def test_a_build_of_some_events_leaves_the_page_across_events(cli, tmp_path: Path) -> None:
    build(cli, Path("events"), tmp_path, "2017-08-01", "modul-3")
    assert not (tmp_path / "index.html").exists()
    assert 'href="../index.html"' not in (tmp_path / "modul-3" / "index.html").read_text(encoding="utf-8")
    build(cli, Path("events"), tmp_path, "2017-08-01")
    before = (tmp_path / "index.html").read_bytes()
    build(cli, Path("events"), tmp_path, "2017-08-14", "modul-3")
    assert (tmp_path / "index.html").read_bytes() == before


def test_a_page_the_user_wrote_is_not_replaced(cli, tmp_path: Path) -> None:
    mine = tmp_path / "index.html"
    mine.write_text("<!DOCTYPE html>\n<p>moja strona</p>\n", encoding="utf-8")
    result = cli("build", "-p", "events", "-o", tmp_path, "--today", "2017-08-01")
    assert result.exit_code == 1
    assert "was not written by jstevents" in result.stderr and "-o" in result.stderr
    assert mine.read_text(encoding="utf-8") == "<!DOCTYPE html>\n<p>moja strona</p>\n"
    assert (tmp_path / "modul-3" / "index.html").is_file()  # the events themselves are built


@pytest.mark.parametrize("page", ["index.html", "modul-3/index.html", "moderatorzy-online-2020-11/index.html"])
def test_dashboards_are_identical_from_build_to_build(cli, tmp_path: Path, page: str) -> None:
    build(cli, Path("events"), tmp_path / "a", "2017-08-14")
    build(cli, Path("events"), tmp_path / "b", "2017-08-14")
    assert (tmp_path / "a" / page).read_bytes() == (tmp_path / "b" / page).read_bytes()
