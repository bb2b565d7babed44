"""`jstevents new participant|venue|unit|deadline|activity`: one commented entry appended to the right file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jstevents.load import yamlfile
from jstevents.text.ids import slug


def _data(path: Path) -> dict:
    data, faults = yamlfile.parse(path.read_text(encoding="utf-8"))
    assert not faults
    return data


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Łucja Żółć", "lucja-zolc"),
        ("Zbigniew Źdźbło", "zbigniew-zdzblo"),
        ("Gmina Łękawica", "gmina-lekawica"),
        ("  Ąę  Ćń – Óś!  ", "ae-cn-os"),
        ("Miasto i Gmina Skoczów", "miasto-i-gmina-skoczow"),
    ],
)
def test_ids_from_polish_names(name: str, expected: str) -> None:
    assert slug(name) == expected


PARTICIPANT = ["--name", "Łucja Żółć", "--unit", "kalisz", "--email", "lucja.zolc@example.pl"]


def test_new_participant_appends_a_commented_entry_and_still_validates(cli, example: Path) -> None:
    before = (example / "participants.yaml").read_text(encoding="utf-8")
    done = cli("new", "participant", "-p", example, *PARTICIPANT, "--role", "inspektor ds. oświaty")
    assert done.exit_code == 0, done.output
    after = (example / "participants.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)  # appended: everything written before stays as it was
    added = after[len(before) :]
    assert "  - id: lucja-zolc  # identyfikator osoby" in added
    assert '    name: "Łucja Żółć"' in added and '    role: "inspektor ds. oświaty"' in added
    assert '    # phone: "+48 600 000 000"' in added  # optional and not given: left commented out
    [person] = [p for p in _data(example / "participants.yaml")["participants"] if p["id"] == "lucja-zolc"]
    assert person == {
        "id": "lucja-zolc",
        "name": "Łucja Żółć",
        "unit": "kalisz",
        "email": "lucja.zolc@example.pl",
        "role": "inspektor ds. oświaty",
    }
    line = after[: after.index("- id: lucja-zolc")].count("\n") + 1
    assert f"participants.yaml:{line}" in done.stderr
    checked = cli("validate", "-p", example, "--today", "2017-08-01")
    assert checked.exit_code == 0 and "41 participants" in checked.stdout and "0 warning(s)" in checked.stdout

    again = cli("new", "participant", "-p", example, *PARTICIPANT)
    assert again.exit_code == 1
    assert "there is already a participant with id 'lucja-zolc' (Łucja Żółć); nothing was written" in again.stderr
    assert "--id" in again.stderr
    assert (example / "participants.yaml").read_text(encoding="utf-8") == after


def test_an_entry_that_breaks_the_project_is_taken_back(cli, example: Path) -> None:
    before = (example / "participants.yaml").read_bytes()
    done = cli("new", "participant", "-p", example, "--name", "Anna Nowak", "--unit", "kalisz-x", "--email", "a@x.pl")
    assert done.exit_code == 1
    assert "put back as it was" in done.stderr
    assert "participants.yaml:" in done.stderr and "E020" in done.stderr and "kalisz-x" in done.stderr
    # the same e-mail as somebody else: a check beyond the schema (E119), also taken back
    done = cli("new", "participant", "-p", example, "--name", "Anna Nowak", "--unit", "kalisz", "--email",
               "lukasz.zolc@example.pl")  # fmt: skip
    assert done.exit_code == 1 and "E119" in done.stderr
    assert (example / "participants.yaml").read_bytes() == before


def test_new_venue_and_unit_follow_the_layout_of_their_files(cli, example: Path) -> None:
    venue = cli("new", "venue", "-p", example, "--name", "Hotel Żak", "--street", "ul. Długa 2", "--postcode", "00-950",
                "--city", "Kraków", "--city-locative", "Krakowie", "--capacity", "80")  # fmt: skip
    assert venue.exit_code == 0, venue.output
    text = (example / "venues.yaml").read_text(encoding="utf-8")
    assert "    capacity: 60\n\n  - id: hotel-zak" in text  # entries separated by a blank line, as the others are
    [added] = [v for v in _data(example / "venues.yaml")["venues"] if v["id"] == "hotel-zak"]
    assert added["address"] == {"street": "ul. Długa 2", "postcode": "00-950", "city": "Kraków"}
    assert added["capacity"] == 80

    unit = cli("new", "unit", "-p", example, "--name", "Gmina Łękawica", "--kind", "gmina wiejska",
               "--voivodeship", "śląskie", "--network", "gminy-wiejskie")  # fmt: skip
    assert unit.exit_code == 0, unit.output
    units = _data(example / "units.yaml")["units"]
    assert units[-1] == {
        "id": "gmina-lekawica",
        "name": "Gmina Łękawica",
        "kind": "gmina wiejska",
        "voivodeship": "śląskie",
        "network": "gminy-wiejskie",
    }
    wrong = cli("new", "unit", "-p", example, "--name", "Gmina X", "--kind", "wieś", "--voivodeship", "śląskie")
    assert wrong.exit_code == 1 and "E012" in wrong.stderr and "put back" in wrong.stderr
    assert cli("validate", "-p", example, "--today", "2017-08-01").exit_code == 0


def test_new_deadline_goes_into_the_event_before_its_registrations(cli, example: Path) -> None:
    done = cli("new", "deadline", "-p", example, "--event", "modul-3", "--title", "Ankieta przed modułem",
               "--at", "2017-08-14 16:00", "--contact", "piotr-matuszak")  # fmt: skip
    assert done.exit_code == 0, done.output
    text = (example / "modules" / "modul-3.yaml").read_text(encoding="utf-8")
    assert text.index("  deadlines:\n    - id: ankieta-przed-modulem") < text.index("  registrations:")
    event = _data(example / "modules" / "modul-3.yaml")["event"]
    assert event["deadlines"] == [
        {
            "id": "ankieta-przed-modulem",
            "title": "Ankieta przed modułem",
            "at": "2017-08-14 16:00",
            "contact": "piotr-matuszak",
        }  # fmt: skip
    ]
    communique = cli("communique", "modul-3", "-p", example, "--format", "txt")
    shown = " ".join(communique.stdout.replace("\u00a0", " ").split())
    assert "Ankieta przed modułem: do dnia 14 sierpnia 2017 r. do godziny 16.00" in shown
    # after the event's start: refused by the checks (E102), and the file put back
    late = cli("new", "deadline", "-p", example, "--event", "modul-3", "--title", "Za późno", "--at", "2017-09-01")
    assert late.exit_code == 1 and "E102" in late.stderr
    assert (example / "modules" / "modul-3.yaml").read_text(encoding="utf-8") == text


def test_new_activity_joins_the_event_list_and_refuses_a_second_one(cli, example: Path) -> None:
    args = ["new", "activity", "-p", example, "--event", "siec-2018-10", "--title", "kolacja integracyjna",
            "--date", "2018-10-23", "--time", "19:00", "--deadline", "2018-10-16"]  # fmt: skip
    done = cli(*args)
    assert done.exit_code == 0, done.output
    [activity] = _data(example / "meetings" / "siec-2018-10.yaml")["event"]["activities"]
    assert activity["id"] == "kolacja-integracyjna"
    assert activity["signup"] == {"deadline": dt.date(2018, 10, 16), "contact": "piotr-matuszak"}  # the first contact
    again = cli(*args)
    assert again.exit_code == 1
    assert "there is already an activity of siec-2018-10 with id 'kolacja-integracyjna'" in again.stderr
    unknown = cli("new", "activity", "-p", example, "--event", "modul-9", "--title", "x", "--date", "2018-10-23",
                  "--time", "19:00", "--deadline", "2018-10-16")  # fmt: skip
    assert unknown.exit_code == 1 and "no event with id 'modul-9'" in unknown.stderr


def test_a_section_no_file_holds_gets_its_own_file(cli, tmp_path: Path) -> None:
    assert cli("init", tmp_path / "p").exit_code == 0
    (tmp_path / "p" / "venues.yaml").rename(tmp_path / "p" / "miejsca.yaml")
    done = cli("new", "venue", "-p", tmp_path / "p", "--name", "Dom Kultury", "--street", "ul. Krótka 1",
               "--postcode", "00-001", "--city", "Warszawa")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "miejsca.yaml" in done.stderr  # the file that holds venues:, whatever its name
    (tmp_path / "p" / "participants.yaml").unlink()
    text = (tmp_path / "p" / "modules" / "modul-1.yaml").read_text(encoding="utf-8")
    (tmp_path / "p" / "modules" / "modul-1.yaml").write_text(text.split("  registrations:")[0], encoding="utf-8")
    done = cli("new", "participant", "-p", tmp_path / "p", "--name", "Ewa Kos", "--unit", "miasto-przykladowo",
               "--email", "ewa@example.pl")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "(a new file)" in done.stderr
    assert _data(tmp_path / "p" / "participants.yaml")["participants"][0]["id"] == "ewa-kos"
