"""A bad-input case for every problem code: the code, the file and the line are asserted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import TINY_PNG, write
from jstevents.load.project import load_project
from jstevents.problems import CODES

PROGRAMME = """\
    programme:
      id: test
      title: "Program testowy"
      short_title: "test"
      organiser: "Ośrodek Testowy"
      funding: { text: "Projekt współfinansowany ze środków UE.", logos: [logo.png] }
      contacts:
        - { id: biuro, name: "Biuro Projektu", email: biuro@example.pl }
"""

BASE = {
    "programme.yaml": PROGRAMME,
    "venues.yaml": """\
        venues:
          - id: sala
            name: "Sala Testowa"
            address: { street: "ul. Próbna 1", postcode: "00-001", city: "Warszawa" }
            capacity: 2
    """,
    "units.yaml": """\
        units:
          - { id: gmina-a, name: "Gmina A", kind: gmina wiejska, voivodeship: mazowieckie }
    """,
    "participants.yaml": """\
        participants:
          - { id: p1, name: "Anna Próbna", unit: gmina-a, email: anna@example.pl }
          - { id: p2, name: "Bogdan Testowy", unit: gmina-a, email: bogdan@example.pl }
          - { id: p3, name: "Celina Wzorcowa", unit: gmina-a, email: celina@example.pl }
    """,
    "events/a.yaml": """\
        event:
          id: a
          kind: module
          communique: 1
          title: "Moduł A"
          venue: sala
          networks: [n1]
          dates: { start: 2030-03-05, end: 2030-03-06 }
          schedule: { start: "10:00", end: "15:00" }
          registrations:
            - { participant: p1 }
    """,
    "networks.yaml": """\
        networks:
          - { id: n1, name: "Sieć 1", jst_kinds: [gmina wiejska], moderator: "Moderator Testowy" }
    """,
}
TODAY = dt.date(2030, 1, 1)


def _told(facts: dict[str, list[str]]) -> str:
    """A record that p1 of event a was told these facts (see `load.told`)."""
    import json

    labels = {key: value[:2] for key, value in facts.items()}
    record = {"name": "Anna Próbna", "email": "anna@example.pl", "time": "2030-01-01T00:00:00+00:00"}
    record["facts"] = {key: value[2] for key, value in facts.items()}  # type: ignore[assignment]
    return json.dumps({"version": 1, "event": "a", "labels": labels, "people": {"p1": {"sent": record}}})


def project(tmp_path: Path, changes: dict[str, str | bytes | None]) -> Path:
    root = tmp_path / "events"
    write(root, {k: v for k, v in BASE.items() if k not in changes})
    (root / "logo.png").write_bytes(TINY_PNG)
    for name, content in changes.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            write(root, {name: content})
    return root


def problems_of(root: Path) -> list[tuple[str, str, int]]:
    result = load_project(root, today=TODAY)
    return [(p.code, Path(p.file).relative_to(root).as_posix(), p.line) for p in result.problems]


def test_the_base_project_is_clean(tmp_path: Path) -> None:
    assert problems_of(project(tmp_path, {})) == []


def appended(extra: str) -> str:
    """The base event with more lines, indented like the base so that dedenting keeps the structure."""
    return BASE["events/a.yaml"].rstrip(" ") + extra


CASES: list[tuple[str, dict[str, str | bytes | None], str, int]] = [
    ("E001", {"bad.yaml": "venues: [1, 2\n"}, "bad.yaml", 2),
    ("E002", {"bad.yaml": "venues:\n\t- id: x\n"}, "bad.yaml", 2),
    (
        "E003",
        {
            "units.yaml": """\
        units:
          - id: gmina-a
            name: "Gmina A"
            kind: gmina wiejska
            voivodeship: mazowieckie
            name: "Gmina A bis"
    """
        },
        "units.yaml",
        6,
    ),
    ("E004", {"bad.yaml": 'units:\n  - {id: x, name: "Gmina Łąka"}\n'.encode("cp1250")}, "bad.yaml", 2),
    ("E005", {"bad.yaml": "# nothing yet\n"}, "bad.yaml", 1),
    (
        "E006",
        {
            "bad.yaml": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(8)
            )
        },
        "bad.yaml",
        4,
    ),
    ("E007", {"bad.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"}, "bad.yaml", 3),
    ("E008", {"bad.yaml": "units: !!python/object/apply:os.system [echo]\n"}, "bad.yaml", 1),
    ("E009", {"programme.yaml": None}, "programme.yaml", 1),
    (
        "E010",
        {
            "venues.yaml": """\
        venues:
          - id: sala
            name: "Sala Testowa"
            adress: { street: "ul. Próbna 1", postcode: "00-001", city: "Warszawa" }
    """
        },
        "venues.yaml",
        4,
    ),
    (
        "E011",
        {
            "units.yaml": """\
        units:
          - id: gmina-a
            name: "Gmina A"
            voivodeship: mazowieckie
    """
        },
        "units.yaml",
        2,
    ),
    (
        "E012",
        {
            "participants.yaml": """\
        participants:
          - { id: p1, name: "Anna Próbna", unit: gmina-a, email: anna@example.pl }
          - { id: p2, name: "Bogdan Testowy", unit: gmina-a, email: bogdan(at)example.pl }
          - { id: p3, name: "Celina Wzorcowa", unit: gmina-a, email: celina@example.pl }
    """
        },
        "participants.yaml",
        3,
    ),
    ("E013", {"second.yaml": PROGRAMME}, "second.yaml", 1),
    (
        "E020",
        {"events/a.yaml": BASE["events/a.yaml"].replace("participant: p1", "participant: p9")},
        "events/a.yaml",
        11,
    ),
    (
        "E021",
        {
            "more-units.yaml": """\
        units:
          - { id: gmina-b, name: "Gmina B", kind: powiat, voivodeship: opolskie }
          - { id: gmina-a, name: "Gmina A", kind: powiat, voivodeship: opolskie }
    """
        },
        "units.yaml",
        2,
    ),  # more-units.yaml is read first
    (
        "E022",
        {
            "sources.yaml": """\
            participant_sources:
              - file: zgloszenia.csv
                columns: { name: "Imię i nazwisko", email: "E-mail", unit: "JST" }
        """,
            "zgloszenia.csv": "\ufeffImię i nazwisko;E-mail;JST\nDorota Próbna;dorota@example.pl;Gmina A\n"
            "Eryk Testowy;eryk-at-example.pl;Gmina A\n",
        },
        "zgloszenia.csv",
        3,
    ),
    (
        "E023",
        {"programme.yaml": PROGRAMME + "      mail:\n        smtp_user: biuro\n        password: tajne\n"},
        "programme.yaml",
        11,
    ),
    (
        "E101",
        {"events/a.yaml": BASE["events/a.yaml"].replace("end: 2030-03-06", "end: 2030-03-04")},
        "events/a.yaml",
        8,
    ),
    (
        "E102",
        {
            "events/a.yaml": appended("""\
          deadlines:
            - { id: zgloszenia, title: "Zgłoszenia", at: 2030-03-07 }
    """)
        },
        "events/a.yaml",
        13,
    ),
    (
        "W103",
        {
            "events/a.yaml": appended("""\
          deadlines:
            - { id: zgloszenia, title: "Zgłoszenia", at: 2029-12-01 }
    """)
        },
        "events/a.yaml",
        13,
    ),
    (
        "W104",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "start: 2030-03-05, end: 2030-03-06", "start: 2030-05-01, end: 2030-05-01"
            )
        },
        "events/a.yaml",
        8,
    ),
    (
        "E105",
        {
            "events/b.yaml": BASE["events/a.yaml"]
            .replace("id: a", "id: b")
            .replace("communique: 1", "communique: 2")
            .replace("participant: p1", "participant: p2")
            .replace("start: 2030-03-05", "start: 2030-03-06")
        },
        "events/b.yaml",
        8,
    ),
    (
        "E106",
        {
            "events/b.yaml": BASE["events/a.yaml"]
            .replace("id: a", "id: b")
            .replace("communique: 1", "communique: 2")
            .replace("networks: [n1]", "networks: []")
            .replace("start: 2030-03-05", "start: 2030-03-06")
        },
        "events/b.yaml",
        11,
    ),
    (
        "E107",
        {"events/a.yaml": appended("            - { participant: p2 }\n            - { participant: p3 }\n")},
        "events/a.yaml",
        11,
    ),
    (
        "E108",
        {
            "events/b.yaml": BASE["events/a.yaml"]
            .replace("id: a", "id: b")
            .replace("networks: [n1]", "networks: []")
            .replace("participant: p1", "participant: p2")
            .replace("2030-03-0", "2030-04-0")
        },
        "events/b.yaml",
        4,
    ),
    (
        "E109",
        {"events/a.yaml": BASE["events/a.yaml"].replace("  venue: sala\n", "  mode: onsite\n")},
        "events/a.yaml",
        6,
    ),
    (
        "E110",
        {"events/a.yaml": BASE["events/a.yaml"].replace("  venue: sala\n", "  mode: online\n")},
        "events/a.yaml",
        6,
    ),
    ("E111", {"events/a.yaml": appended("            - { participant: p1 }\n")}, "events/a.yaml", 12),
    (
        "W112",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "{ participant: p1 }", "{ participant: p1, nights: [2030-03-06] }"
            )
        },
        "events/a.yaml",
        11,
    ),
    (
        "E113",
        {
            "events/a.yaml": appended("""\
          notices:
            - "Po zakończeniu {numer} modułu prosimy o ankietę."
    """)
        },
        "events/a.yaml",
        13,
    ),
    (
        "E114",
        {"programme.yaml": PROGRAMME.replace("logos: [logo.png]", "logos: [brak.png]")},
        "programme.yaml",
        6,
    ),
    (
        "E115",
        {
            "events/a.yaml": BASE["events/a.yaml"]
            .replace("{ participant: p1 }", "{ participant: p1, coach: true, days: [2030-03-06] }")
            .rstrip(" ")
            + """\
          transport:
            coach:
              pickup_place: "Dworzec"
              pickup_time: "8:00"
              return_dropoff: "Dworzec"
              signup: { deadline: 2030-03-01, contact: biuro }
    """
        },
        "events/a.yaml",
        11,
    ),
    (
        "E116",
        {
            "events/a.yaml": BASE["events/a.yaml"]
            .replace("{ participant: p1 }", "{ participant: p1, activities: [spacer], days: [2030-03-06] }")
            .rstrip(" ")
            + """\
          activities:
            - id: spacer
              title: "spacer"
              date: 2030-03-05
              time: "19:00"
              signup: { deadline: 2030-03-01, contact: biuro }
    """
        },
        "events/a.yaml",
        11,
    ),
    (
        "W117",
        {
            "events/a.yaml": BASE["events/a.yaml"]
            .replace("end: 2030-03-06", "end: 2030-03-08")
            .replace("{ participant: p1 }", "{ participant: p1, nights: [2030-03-05, 2030-03-07] }")
        },
        "events/a.yaml",
        11,
    ),
    (
        "W118",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "{ participant: p1 }", "{ participant: p1, nights: [2030-03-05], room_with: p2 }"
            )
        },
        "events/a.yaml",
        11,
    ),
    (
        "E119",
        {
            "participants.yaml": BASE["participants.yaml"].replace("celina@example.pl", "Anna@example.pl"),
        },
        "participants.yaml",
        4,
    ),
    (
        "E120",
        {
            "venues.yaml": BASE["venues.yaml"].replace(
                "capacity: 2", 'capacity: 2\n            rooms: { "1-osobowy": 1 }'
            ),
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "{ participant: p1 }",
                "{ participant: p1, nights: [2030-03-05] }\n            - { participant: p2, nights: [2030-03-05] }",
            ),
        },
        "events/a.yaml",
        11,
    ),
    ("W121", {"programme.yaml": PROGRAMME.replace(", logos: [logo.png]", "")}, "programme.yaml", 6),
    (
        "W122",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "{ participant: p1 }", "{ participant: p1, nights: [2030-03-05] }"
            )
        },
        "events/a.yaml",
        11,
    ),
    (
        "E124",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "          registrations:",
                '          notices: ["W załączeniu przesyłamy program."]\n          registrations:',
            )
        },
        "events/a.yaml",
        10,
    ),
    *[
        (
            code,
            {
                "events/a.yaml": BASE["events/a.yaml"].replace(
                    "          registrations:",
                    f"          report:\n            photos:{photos}\n          registrations:",
                ),
                "zdjecia/sala.jpg": TINY_PNG,
                "zdjecia/notatki.txt": "tekst",
                "inne/sala.jpg": TINY_PNG,
            },
            "events/a.yaml",
            line,
        )
        for code, photos, line in (
            ("E160", '\n              - { file: "../sala.jpg", caption: "Sala" }', 12),
            ("E161", '\n              - { file: "zdjecia/brak.jpg", caption: "Sala" }', 12),
            ("E162", '\n              - { file: "zdjecia/notatki.txt", caption: "Notatki" }', 12),
            (
                "E163",
                '\n              - { file: "zdjecia/sala.jpg", caption: "Sala" }'
                '\n              - { file: "inne/sala.jpg", caption: "Sala raz jeszcze" }',
                13,
            ),
        )
    ],
    (
        "E130",
        {
            "sources.yaml": """\
            participant_sources:
              - file: ../../etc/passwd
                columns: { name: "Imię i nazwisko", email: "E-mail", unit: "JST" }
        """,
        },
        "sources.yaml",
        2,
    ),
    (
        "E131",
        {"logo.png": "not an image\n"},
        "programme.yaml",
        6,
    ),
    (
        "E132",
        {
            "more-units.yaml": """\
        units:
          - { id: Gmina-A, name: "Gmina A bis", kind: powiat, voivodeship: opolskie }
    """
        },
        "units.yaml",
        2,
    ),  # more-units.yaml is read first
    (
        "E144",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "{ participant: p1 }", "{ participant: p1, attended: [2030-03-09] }"
            )
        },
        "events/a.yaml",
        11,
    ),
    (
        "E145",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "          registrations:", "          hours: [5]\n          registrations:"
            )
        },
        "events/a.yaml",
        10,
    ),
    (
        "E146",
        {
            "programme.yaml": PROGRAMME
            + '      certificates: { number: "ORE/{year}/{event}", place: "Warszawa", signatory: "Jan Testowy" }\n'
        },
        "programme.yaml",
        9,
    ),
    (
        "W140",
        {
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "{ start: 2030-03-05, end: 2030-03-06 }", "{ start: 2029-12-05, end: 2029-12-06 }"
            )
        },
        "events/a.yaml",
        11,
    ),
    (
        "W160",
        {
            "programme.yaml": PROGRAMME
            + "      survey:\n        scale_max: 10\n        questions: [{ id: q, column: Q, label: q }]\n"
        },
        "programme.yaml",
        10,
    ),
    (
        # p1 was mailed a start at 9.00; the YAML now says 10:00.
        "W170",
        {".jstevents/told-a.json": _told({"start": ["event", "rozpoczęcie", "5 marca 2030 r. o godzinie 9.00"]})},
        "events/a.yaml",
        9,
    ),
    (
        # p1 was mailed the survey's deadline as 28 February; the YAML now says 1 March.
        "W171",
        {
            ".jstevents/told-a.json": _told({"deadline:ankieta": ["event", "Ankieta", "28.02.2030 (do końca dnia)"]}),
            "events/a.yaml": BASE["events/a.yaml"].replace(
                "          registrations:",
                '          deadlines: [{ id: ankieta, title: "Ankieta", at: 2030-03-01 }]\n          registrations:',
            ),
        },
        "events/a.yaml",
        10,
    ),
    (
        # 2:30 on 31 March 2030 does not exist in Europe/Warsaw: the clocks go from 2:00 to 3:00.
        "E123",
        {
            "events/a.yaml": BASE["events/a.yaml"]
            .replace("{ start: 2030-03-05, end: 2030-03-06 }", "{ start: 2030-03-31, end: 2030-03-31 }")
            .replace('start: "10:00"', 'start: "02:30"')
        },
        "events/a.yaml",
        9,
    ),
]


#: Codes of a file read by a command rather than of the project: each has its case in the command's tests.
IMPORT_TIME = {"E164": "test_survey.py", "E165": "test_survey.py"}


def test_every_code_has_a_case() -> None:
    from test_attendance_record import FILE_CODES

    # The codes of an attendance file have their cases where the file is read (test_attendance_record).
    assert sorted(code for code, *_ in CASES) == sorted(set(CODES) - set(FILE_CODES) - set(IMPORT_TIME))
    for code, module in IMPORT_TIME.items():
        assert f"error[{code}]" in (Path(__file__).parent / module).read_text(encoding="utf-8"), code


@pytest.mark.parametrize(("code", "changes", "file", "line"), CASES, ids=[c[0] for c in CASES])
def test_problem_is_reported_with_code_file_and_line(
    tmp_path: Path, code: str, changes: dict[str, str | bytes | None], file: str, line: int
) -> None:
    found = problems_of(project(tmp_path, changes))
    assert (code, file, line) in found, found


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "bad.yaml": "venues: [1, 2\n",
            "venues.yaml": BASE["venues.yaml"].replace("name:", "nazwa:"),
            "events/a.yaml": BASE["events/a.yaml"].replace("participant: p1", "participant: p9"),
        },
    )
    codes = {code for code, *_ in problems_of(root)}
    assert {"E001", "E010", "E020"} <= codes


def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    root = project(tmp_path, {"venues.yaml": BASE["venues.yaml"].replace("capacity:", "capacty:")})
    [problem] = load_project(root, today=TODAY).problems
    assert "did you mean 'capacity'?" in problem.message


def test_one_broken_participant_does_not_make_the_others_dangling(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {"participants.yaml": BASE["participants.yaml"].replace("email: anna@example.pl", "email: not-an-address")},
    )
    codes = [code for code, *_ in problems_of(root)]
    assert codes == ["E012"]  # the registration of p1 is not reported again as dangling


def test_cp1250_message_says_how_to_fix_it(tmp_path: Path) -> None:
    root = project(tmp_path, {"bad.yaml": 'units:\n  - {id: x, name: "Łódź"}\n'.encode("cp1250")})
    [problem] = load_project(root, today=TODAY).problems
    assert "Windows-1250" in problem.message and "UTF-8" in problem.message


def test_times_stay_text_and_norway_stays_no(tmp_path: Path) -> None:
    """`11:30` must not become 690 (YAML 1.1 sexagesimal), `no` must not become False."""
    from jstevents.load import yamlfile

    data, faults = yamlfile.parse("a: 11:30\nb: no\nc: true\nd: 12\ne: 1.5\n")
    assert faults == []
    assert data == {"a": "11:30", "b": "no", "c": True, "d": 12, "e": 1.5}


def test_cli_prints_problems_as_file_line_col(cli, tmp_path: Path) -> None:
    root = project(tmp_path, {"venues.yaml": BASE["venues.yaml"].replace("capacity:", "capacty:")})
    result = cli("validate", "-p", root, "--today", "2030-01-01")
    assert result.exit_code == 1
    assert f"{root.as_posix()}/venues.yaml:5:5: error[E010]: unknown key 'capacty'" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["0", "690", "1.5", "true"])
def test_a_number_is_not_a_time_of_day(tmp_path: Path, value: str) -> None:
    # `start: 0` was once read as midnight UTC, and comparing it with local times crashed the checks.
    root = project(tmp_path, {"events/a.yaml": BASE["events/a.yaml"].replace('start: "10:00"', f"start: {value}")})
    assert problems_of(root) == [("E012", "events/a.yaml", 9)]
