"""The report of an event states every fact of the programme's own reports that the data holds.

The facts are those of the programme's published reports of the network meeting of 23–24 October
2018 and of the moderators' training of 21–22 October 2020, copied here sentence by sentence;
each is looked for in the Markdown, the plain text and the HTML page and fragment, read as a
reader sees them (markup dropped, lines joined, non-breaking spaces as spaces).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from jstevents.load.project import require_project
from jstevents.outputs.news import render_news

FORMATS = ("md", "txt", "html", "fragment")

MEETING_OPENING = (
    "W dniach 23–24 października 2018 r. w Centrum Szkoleniowym ORE w Sulejówku odbyło się pierwsze spotkanie "
    "sieci współpracy i samokształcenia dla samorządowców z powiatów i gmin miejskich."
)
MEETING_AIMS = [
    "Monitorowanie realizacji procesu wdrażania planów rozwoju oświaty oraz wspomagania szkół w rozwoju "
    "kompetencji kluczowych uczniów (opracowanych w I etapie projektu).",
    "Wsparcie JST w realizacji ww. planów.",
    "Identyfikacja przykładów dobrych praktyk samorządowych w zakresie wdrażania opracowanych planów.",
]
MEETING_AGENDA = {
    "Wdrożenie Planów Rozwoju Oświaty w gminach:": [
        "monitorowanie procesu wdrożenia, narzędzi, możliwości",
        "zarządzanie ryzykiem w procesie wdrażania planu rozwoju",
        "dobre praktyki i sukcesy w procesie wdrażania",
        "problemy i sposoby radzenia sobie z nimi",
    ],
    "Współpraca w ramach pracy w sieci:": [
        "co możemy dostać dzięki współpracy w sieci",
        "kontrakt na pracę w sieci",
        "warunki wspólnego uczenia się w sieci",
    ],
    "Rozwiązywanie problemów z partnerami realizującymi plan:": [
        "diagnozowanie oporu oraz wymówek w rozmowie i sposoby radzenia sobie z nimi",
        "warsztat praktyczny z komunikacji interpersonalnej",
    ],
    "Coachingowe narzędzia komunikacji:": [
        "jak efektywnie się komunikować z wykorzystaniem narzędzi",
        "model GROW w prowadzeniu efektywnej komunikacji",
        "model GOLD w prowadzeniu efektywnej komunikacji",
    ],
    "Efektywne narady/zebrania/spotkania:": [
        "warunki podstawowe dobrej narady, spotkania",
        "stawianie pytań jako narzędzie do prowadzenia ciekawej dyskusji",
        "dyskusja zogniskowana jako narzędzie do prowadzenia dyskusji",
    ],
}
MEETING_UNITS = (
    "W spotkaniu sieci uczestniczyli przedstawiciele następujących JST: z gmin miejskich – Biała Podlaska, "
    "Braniewo, Brodnica, Rypin, Kalisz, Rzeszów oraz powiatów – Krapkowice i Wołomin."
)
FUNDING = [
    "w ramach projektu „Wsparcie kadry jednostek samorządu terytorialnego w zarządzaniu oświatą ukierunkowanym "
    "na rozwój szkół i kompetencji kluczowych uczniów”",
    "w partnerstwie ze Związkiem Miast Polskich",
    "współfinansowany przez Unię Europejską w ramach środków Europejskiego Funduszu Społecznego",
    "w ramach Osi Priorytetowej II, Działania 2.10, Program Operacyjny Wiedza Edukacja Rozwój na lata 2014–2020.",
]

TRAINING_OPENING = (
    "W dniach 21–22 października 2020 r. w Centrum Szkoleniowym ORE w Sulejówku odbyło się szkolenie dla "
    "samorządowców zainteresowanych moderowaniem ogólnopolskich i lokalnych sieci współpracy i samokształcenia. "
    "Sieci współpracy i samokształcenia to doskonała forma wspólnego poszukiwania rozwiązań"
)
TRAINING_AIM = (
    "Celem szkolenia było efektywne przygotowanie uczestników do moderowania sieci współpracy dla samorządowców – "
    "zarówno za pośrednictwem internetowej platformy, jak i bezpośrednio w trakcie spotkań osobistych."
)
TRAINING_AGENDA = {
    "Wprowadzenie do tematyki organizowania i prowadzenia sieci współpracy i samokształcenia": [],
    "Metody i narzędzia pracy z siecią współpracy i samokształcenia w przestrzeni online": [],
    "Sieci współpracy i samokształcenia w formule blended learning": [],
    "Funkcjonowanie sieci współpracy i samokształcenia": [
        "Cechy charakterystyczne sieci.",
        "Rola koordynatora i moderatora sieci współpracy i samokształcenia.",
        "Efekty pracy sieci. Co to znaczy efektywna sieć?",
        "Media społecznościowe jako narzędzie promocji pracy sieci.",
        "Planowanie i realizacja pracy sieci.",
        "Zarządzanie siecią jako zespołem.",
        "Wypracowanie zasad pracy w ramach sieci i czuwanie nad ich przestrzeganiem.",
        "Budowanie koncepcji pracy sieci.",
    ],
    "Praca z motywacją i zaangażowaniem uczestników (w tym koordynatora i moderatora pracy sieci)": [
        "Metody podtrzymywania zainteresowania naszymi działaniami poprzez zastosowanie technik wpływu społecznego."
    ],
    "Metody i techniki pracy moderatora": [],
    "Trudne sytuacje w pracy koordynatora i moderatora sieci współpracy i samokształcenia": [],
    "Ewaluacja pracy sieci": [],
}


def shown(text: str, fmt: str) -> str:
    """The report as a reader sees it, in one line: markup dropped, spaces single."""
    if fmt in ("html", "fragment"):
        text = re.sub(r"<(style|title)[^>]*>.*?</\1>", "", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    if fmt == "md":
        text = re.sub(r"(?m)^\s*(?:\d+\.|-)\s+", " ", text).replace("**", "")
    if fmt == "txt":
        text = re.sub(r"(?m)^\s*(?:\d+\.|•|-)\s+", " ", text)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def attended(root: Path, event_file: str, absent: tuple[str, ...] = ()) -> None:
    """Record every registered person present on every day of the event, but those `absent`."""
    path = root / event_file
    text = path.read_text(encoding="utf-8")
    days = re.search(r"dates: \{ start: (\S+), end: (\S+) \}", text)
    assert days
    present = f"[{days.group(1)}, {days.group(2)}]"

    def mark(match: re.Match[str]) -> str:
        who = match.group(1)
        return f"{{ participant: {who}, attended: {'[]' if who in absent else present}"

    path.write_text(re.sub(r"\{ participant: ([\w-]+)", mark, text), encoding="utf-8")


@pytest.fixture
def recorded(example: Path, cli) -> Path:
    """The example with attendance recorded at both events and the meeting's evaluation survey imported."""
    attended(example, "meetings/siec-2018-10.yaml")
    attended(example, "trainings/moderatorzy-2020-10.yaml")
    result = cli("survey", "import", "siec-2018-10", example / "ankiety" / "siec-2018-10.csv", "-p", example)
    assert result.exit_code == 0, result.output
    return example


def report(root: Path, event_id: str, fmt: str) -> str:
    """The report as `news` writes it (with the survey the project keeps), as a reader sees it."""
    from jstevents.commands.news import write_news

    written = write_news(require_project(root), event_id, fmt, None, today=dt.date(2021, 1, 1))
    return shown(written.data.decode("utf-8"), fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_meeting_report_states_every_fact_of_the_published_one(recorded: Path, fmt: str) -> None:
    text = report(recorded, "siec-2018-10", fmt)
    if fmt != "fragment":  # the CMS has a title field of its own
        assert "Monitorujemy i wspieramy realizację planów strategicznych opracowanych przez JST" in text
    assert MEETING_OPENING in text
    assert "Uczestnikami spotkania byli przedstawiciele jednostek samorządu terytorialnego (JST)" in text
    assert "Celem spotkania było:" in text
    for aim in MEETING_AIMS:
        assert aim in text
    assert "Poruszano następujące zagadnienia:" in text
    for title, points in MEETING_AGENDA.items():
        assert " ".join([title, *points]) in text, title
    assert MEETING_UNITS in text
    # "… oceny dotyczące prowadzącego spotkanie oraz realizacji oczekiwań uczestników uzyskane w ankiecie
    # ewaluacyjnej były bardzo wysokie", with the figures of the (fictitious) export.
    assert "Oceny uzyskane w ankiecie ewaluacyjnej były bardzo wysokie: średnio 4,8 w skali 1–5" in text
    assert "prowadzący spotkanie: 4,9" in text and "realizacja oczekiwań uczestników: 4,7" in text
    assert "Termin kolejnego spotkania: styczeń 2019 r." in text
    assert "Spotkanie sieci organizowane było w ramach projektu" in text
    for part in FUNDING:
        assert part in text
    # In the order of the published report.
    order = [MEETING_OPENING, "Celem spotkania było:", "Poruszano", MEETING_UNITS, "Termin kolejnego", FUNDING[0]]
    assert [text.index(part) for part in order] == sorted(text.index(part) for part in order)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_training_report_states_every_fact_of_the_published_one(recorded: Path, fmt: str) -> None:
    text = report(recorded, "moderatorzy-2020-10", fmt)
    if fmt != "fragment":
        assert "Szkolenie dla moderatorów sieci współpracy dla samorządowców" in text
    assert TRAINING_OPENING in text
    assert TRAINING_AIM in text
    assert "Szkolenie miało charakter warsztatowy i obejmowało następujące zagadnienia:" in text
    for title, points in TRAINING_AGENDA.items():
        assert " ".join([title + (":" if points else ""), *points]) in text, title
    assert "planujemy w projekcie uruchomić sieci współpracy dla samorządowców" in text
    assert "tj. listopad i grudzień, uruchomić dodatkowe grupy szkoleniowe" in text
    assert "Szkolenie organizowane było w ramach projektu" in text
    for part in FUNDING:
        assert part in text
    # The people trained came from three JST, of two kinds.
    assert "W szkoleniu uczestniczyli przedstawiciele następujących JST: z gmin miejsko-wiejskich – " in text


def test_the_units_come_from_the_recorded_attendance(example: Path) -> None:
    attended(example, "meetings/siec-2018-10.yaml", absent=("ewa-scibor", "zofia-sadowska"))
    project = require_project(example)
    text = shown(render_news(project, project.events["siec-2018-10"], "txt"), "txt")
    assert "z gmin miejskich – Biała Podlaska, Braniewo, Brodnica, Rypin, Rzeszów oraz powiatu – Krapkowice." in text


def test_before_attendance_is_recorded_the_announced_units_are_named(example: Path) -> None:
    project = require_project(example)
    text = shown(render_news(project, project.events["siec-2018-10"], "md"), "md")
    assert MEETING_UNITS in text


def test_the_counts_are_there_for_a_template(recorded: Path) -> None:
    from jstevents.outputs.news import news_context

    project = require_project(recorded)
    context = news_context(project, project.events["siec-2018-10"])
    assert (context["people_count"], context["units_count"]) == (8, 8)
    # Nothing recorded: no count of people present, the units announced.
    module = project.events["siec-2018-10"]
    unrecorded = module.model_copy(
        update={"registrations": [r.model_copy(update={"attended": None}) for r in module.registrations]}
    )
    before = news_context(project, unrecorded)
    assert before["people_count"] is None and before["units_count"] == len(set(module.units_attending)) > 0


def test_a_project_template_replaces_the_default(example: Path) -> None:
    (example / "templates").mkdir()
    (example / "templates" / "news.txt.j2").write_text(
        "{{ heading }}: {{ units_count }} JST, {{ units_text }}\n", encoding="utf-8"
    )
    project = require_project(example)
    assert render_news(project, project.events["siec-2018-10"], "txt").startswith(
        "Monitorujemy i wspieramy realizację planów strategicznych opracowanych przez JST: 8 JST, z gmin miejskich"
    )


def test_the_ordinal_follows_the_number_in_the_gender_of_the_kind(example: Path) -> None:
    project = require_project(example)
    meeting = project.events["siec-2018-10"].model_copy(update={"ordinal": None, "number": 2, "report": None})
    assert "odbyło się drugie spotkanie sieci." in shown(render_news(project, meeting, "txt"), "txt")
    module = project.events["modul-3"].model_copy(update={"ordinal": None})
    assert "odbył się trzeci moduł szkolenia." in shown(render_news(project, module, "txt"), "txt")


def test_an_online_day_is_said_as_such(example: Path) -> None:
    project = require_project(example)
    text = shown(render_news(project, project.events["moderatorzy-online-2020-11"], "md"), "md")
    assert "W dniu 17 listopada 2020 r. odbyło się szkolenie w formie online." in text
    assert "Szkolenie organizowane było w ramach projektu" in text


def test_every_template_variable_is_documented(example: Path) -> None:
    from helpers import REPO
    from jstevents.outputs.news import news_context

    project = require_project(example)
    manual = (REPO / "docs" / "news.md").read_text(encoding="utf-8")
    table = manual.split("### Template variables", 1)[1]
    documented = {name for cell in re.findall(r"^\| ([^|]+) \|", table, re.M) for name in re.findall(r"`(\w+)`", cell)}
    assert set(news_context(project, project.events["siec-2018-10"])) <= documented
