"""The communiqué states, in every format, every fact of the real "Komunikat nr 3"."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from helpers import EXAMPLE
from jstevents.load.project import require_project
from jstevents.outputs.communique import render_communique

FORMATS = ("md", "txt", "html")


def plain(text: str, fmt: str) -> str:
    """What a reader sees: tags and Markdown emphasis dropped, entities decoded, lines joined."""
    if fmt == "html":
        # Inline elements add no space between words; block elements end a line.
        text = re.sub(r"</?(?:span|strong|em|b|a)\b[^>]*>", "", text)
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    if fmt == "md":
        text = text.replace("**", "")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def project():
    return require_project(EXAMPLE)


@pytest.fixture(scope="module")
def module_iii(project) -> dict[str, str]:
    return {fmt: plain(render_communique(project, project.events["modul-3"], fmt), fmt) for fmt in FORMATS}


AREAS = [
    "Zasoby ludzkie, wiedza (kapitał ludzki)",
    "Infrastruktura",
    "Zasoby społeczne i demograficzne (w tym kapitał społeczny)",
    "Środki finansowe",
    "Instytucje i procedury, uwarunkowania (rozwiązania) organizacyjne",
    "Potrzeby i oczekiwania lokalnej społeczności, potencjał do działania",
    "Dotychczasowe działania i ich rezultaty",
]

#: Each fact of ../shared/seeds/003_b850a6448355e4f1.txt, as the communiqué must state it.
FACTS = {
    "heading": "Komunikat nr 3 – pilotaż dla jednostek samorządu terytorialnego",
    "invitation": "Zapraszamy na trzeci moduł szkolenia",
    "project title": "„Wsparcie kadry jednostek samorządu terytorialnego w zarządzaniu oświatą ukierunkowanym "
    "na rozwój szkół i kompetencji kluczowych uczniów”",
    "organiser and partner": "realizowanego przez Ośrodek Rozwoju Edukacji w partnerstwie ze Związkiem Miast Polskich",
    "task reminder": "Przypominamy o realizacji zadania wdrożeniowego nr 2",
    "task intro": "Prosimy o precyzyjne zaplanowanie czasu prezentacji, aby wszyscy przedstawiciele JST",
    "task heading": "Zadanie wdrożeniowe nr 2",
    "variant 1": "Wariant 1: Dokonajcie diagnozy lokalnych zasobów, które mogą zostać wykorzystane w procesowym "
    "wspomaganiu szkół/placówek w gminie",
    "variant 1 after": "Przygotujcie prezentację zebranych informacji w dowolnej formie (plakat, prezentacja "
    "multimedialna, inne)",
    "variant 2": "Wariant 2: Dokonajcie diagnozy lokalnych zasobów, które mogą zostać wykorzystane przy "
    "opracowywaniu planu strategicznego gminy/miasta/powiatu",
    "variant 2 after": "wybierzcie dane, które będą potrzebne do wyliczenia wskaźników (po dwa dla każdego obszaru)",
    "support intro": "zostaną objęci działaniami doradczymi",
    "support: mentor": "ekspert opiekun – każda jednostka samorządu terytorialnego ma swojego opiekuna",
    "support: visit": "jednorazowa wizyta eksperta w siedzibie jednostki samorządu terytorialnego",
    "support: visit costs": "ponosi koszty podróży eksperta w obie strony",
    "support: networks": "sieci współpracy i samokształcenia dla samorządowców – eksperci/trenerzy moderują",
    "support: network recruitment": "Nabór samorządowców do sieci współpracy planujemy rozpocząć "
    "ok. 5 września 2017 r.",
    "notice": "„Przywództwo – opracowanie modeli kształcenia i wspierania kadry kierowniczej systemu oświaty”",
    "walk": "na zakończenie pierwszego dnia szkoleniowego (poniedziałek, 21 sierpnia 2017 r.) planujemy (dla chętnych) "
    "spacer po warszawskiej Starówce",
    "walk sign-up deadline": "najpóźniej do dnia 16 sierpnia 2017 r.",
    "walk departure": "Wyjazd spod hotelu około godziny 18.20",
    "place heading": "Termin i miejsce szkolenia",
    "dates and hotel": "Trzeci moduł szkolenia odbędzie się w dniach 21–23 sierpnia 2017 r. w Warszawie w hotelu "
    "Holiday Park, ul. Heroldów 1B, 01-991 Warszawa",
    "hotel phone": "tel. +48 511 49 49 49",
    "hotel e-mail": "e-mail: recepcja@hphotel.pl",
    "times heading": "Kiedy zaczynamy i kończymy",
    "check-in": "Od godziny 9.30 – zakwaterowanie uczestników",
    "start": "Rozpoczęcie zajęć szkoleniowych: 21 sierpnia 2017 r. o godzinie 11.30.",
    "end": "Zakończenie modułu: obiad 23 sierpnia 2017 r. o godzinie 14.00.",
    "board heading": "Zakwaterowanie i wyżywienie",
    "board": "noclegi w pokojach 2-osobowych i wyżywienie wszystkim uczestnikom, a także materiały szkoleniowe "
    "oraz opiekę trenerską",
    "travel heading": "Dojazd do hotelu",
    "own car and parking": "Uczestnicy, którzy przyjadą własnym transportem, mają do dyspozycji bezpłatny parking "
    "hotelowy",
    "public transport": "metrem do ostatniej stacji MŁOCINY, a następnie autobusem 114 z pobliskiej pętli "
    "autobusowej, do przystanku MUZEALNA",
    "coach pickup": "oznaczonego autokaru, który zostanie podstawiony pod KINOTEKĘ (Pałac Kultury i Nauki od strony "
    "Alej Jerozolimskich) 21 sierpnia 2017 r. o godzinie 10.30",
    "coach return": "zostaną odwiezione z hotelu pod Dworzec Centralny w Warszawie",
    "coach sign-up": "Uwaga: osoby, które chcą skorzystać z transportu autokarem, prosimy o taką informację na adres "
    "e-mail piotr.matuszak@ore.edu.pl do dnia 16 sierpnia 2017 r. do godziny 16.00.",
    "closing": "Serdecznie zapraszamy!",
    "signature": "Zespół projektu",
    "organiser": "Organizator: Ośrodek Rozwoju Edukacji; partner: Związek Miast Polskich.",
    "funding": "współfinansowany przez Unię Europejską w ramach środków Europejskiego Funduszu Społecznego",
    "funding footer": "Ośrodek Rozwoju Edukacji realizuje projekty dofinansowane z funduszy europejskich w ramach "
    "Programu Operacyjnego Wiedza Edukacja Rozwój oraz Programu Operacyjnego Polska Cyfrowa",
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("fact", list(FACTS))
def test_module_iii_states_each_fact(module_iii: dict[str, str], fact: str, fmt: str) -> None:
    assert FACTS[fact] in module_iii[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("area", AREAS)
def test_both_variants_list_each_area(module_iii: dict[str, str], area: str, fmt: str) -> None:
    assert module_iii[fmt].count(area) == 2


@pytest.mark.parametrize("fmt", FORMATS)
def test_both_variants_state_the_ten_minute_talks(module_iii: dict[str, str], fmt: str) -> None:
    assert module_iii[fmt].count("10-minutowe wystąpienia przedstawicieli poszczególnych samorządów") == 2


def test_points_are_numbered_in_order(project) -> None:
    text = render_communique(project, project.events["modul-3"], "txt")
    starts = [line[:4] for line in text.splitlines() if re.match(r"^ \d\. ", line)]
    assert starts == [" 1. ", " 2. ", " 3. ", " 4. "]
    assert re.search(r"^ 1\. Przypominamy", text, re.M) and re.search(r"^ 4\. Ponadto", text, re.M)


def test_plain_text_is_wrapped_at_72_columns(project) -> None:
    for event_id in project.events:
        text = render_communique(project, project.events[event_id], "txt")
        too_long = [line for line in text.splitlines() if len(line) > 72 and " " in line.strip()]
        assert too_long == [], event_id


def test_meeting_shows_aims_agenda_with_bullets_and_units(project) -> None:
    text = render_communique(project, project.events["siec-2018-10"], "md")
    assert text.startswith("# Komunikat nr 4 – spotkanie sieci dla samorządowców z gmin miejskich i powiatów")
    assert "## Cele spotkania" in text and "- Wsparcie JST w realizacji ww. planów." in text
    assert "2. **Współpraca w ramach pracy w sieci**\n   - co możemy dostać dzięki współpracy w sieci" in text
    assert "   - model GROW w prowadzeniu efektywnej komunikacji" in text
    assert "W spotkaniu wezmą udział przedstawiciele" in text
    for unit in ("Miasto Biała Podlaska", "Miasto Rzeszów", "Powiat Krapkowicki", "Powiat Wołomiński"):
        assert f"- {unit}" in text
    assert "Pierwsze spotkanie sieci odbędzie się w dniach 23–24 października 2018 r. w Sulejówku" in text
    assert "Kolejne spotkanie: styczeń 2019 r." in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_online_event_shows_its_link_and_no_travel(project, fmt: str) -> None:
    text = plain(render_communique(project, project.events["moderatorzy-online-2020-11"], fmt), fmt)
    assert "https://spotkania.example.org/ore-moderatorzy-2020-11" in text
    assert "w dniu 17 listopada 2020 r. online" in text
    assert "Dojazd" not in text and "zakwaterowanie" not in text
    assert "Zgłoszenia na szkolenie on-line: do dnia 10 listopada 2020 r." in text


def _move_module_iii(example: Path) -> None:
    path = example / "modules" / "modul-3.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in {
        "2017-08-21": "2018-03-12",
        "2017-08-22": "2018-03-13",
        "2017-08-23": "2018-03-14",
        "2017-08-16": "2018-03-07",
        "2017-08-01": "2018-03-01",
    }.items():
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


OLD_DATES = re.compile(r"\b(1|16|21|22|23) sierpnia|sierpnia 2017 r\.|sierpniow|2017-08-|20170821|21–23")


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "eml"])
def test_moving_the_module_changes_every_date(example: Path, cli, fmt: str) -> None:
    _move_module_iii(example)
    out = example.parent / f"moved.{fmt}"
    result = cli("communique", "modul-3", "-p", example, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "eml":
        import email
        import email.policy

        message = email.message_from_bytes(out.read_bytes(), policy=email.policy.default)
        assert message["Date"].datetime.date().isoformat() == "2018-03-01"
        text = " ".join(
            plain(part.get_content(), "html" if part.get_content_subtype() == "html" else "txt")
            for part in message.walk()
            if part.get_content_maintype() == "text"
        )
    else:
        text = plain(out.read_text(encoding="utf-8"), fmt)
    assert OLD_DATES.search(text) is None, OLD_DATES.search(text)
    for new in (
        "w dniach 12–14 marca 2018 r.",
        "12 marca 2018 r. o godzinie 11.30",
        "obiad 14 marca 2018 r.",
        "do dnia 7 marca 2018 r. do godziny 16.00",
        "najpóźniej do dnia 7 marca 2018 r.",
        "(poniedziałek, 12 marca 2018 r.)",
        "12 marca 2018 r. o godzinie 10.30",
    ):
        assert new in text, new


def test_html_escapes_every_value(example: Path, cli) -> None:
    venues = example / "venues.yaml"
    venues.write_text(
        venues.read_text(encoding="utf-8").replace(
            'name_locative: "hotelu Holiday Park"', 'name_locative: "hotelu <script>alert(1)</script> & Spa"'
        ),
        encoding="utf-8",
    )
    participants = example / "participants.yaml"
    participants.write_text(
        participants.read_text(encoding="utf-8").replace(
            'name: "Łukasz Żółć"', 'name: "Łukasz <img src=x onerror=alert(1)> Żółć"'
        ),
        encoding="utf-8",
    )
    project = require_project(example)
    for recipient in (None, project.participants["lukasz-zolc"]):
        page = render_communique(project, project.events["modul-3"], "html", recipient=recipient)
        assert "<script>" not in page and "<img" not in page
        assert "hotelu &lt;script&gt;alert(1)&lt;/script&gt; &amp; Spa" in page
    assert "Łukasz &lt;img src=x onerror=alert(1)&gt; Żółć" in page


def test_html_is_a_self_contained_email_body(project) -> None:
    page = render_communique(project, project.events["modul-3"], "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<table role="presentation"' in page
    assert not re.search(r"<(link|script|img|style)\b", page)
    assert not re.search(r"src=|url\(", page)


def test_personalised_communique_names_the_recipient_their_unit_and_mentor(project) -> None:
    text = plain(
        render_communique(project, project.events["modul-3"], "txt", recipient=project.participants["lukasz-zolc"]),
        "txt",
    )
    assert "Dzień dobry, Łukasz Żółć!" in text
    assert "(Miasto Biała Podlaska)" in text
    assert "Ekspert opiekun Państwa JST: Halina Nowicka, e-mail: h.nowicka@example.org, tel. +48 600 100 201." in text
    assert "Mamy Państwa zgłoszenie na przejazd autokarem." in text
    assert "Zgłoszenia na zajęcia dodatkowe: spacer po warszawskiej Starówce." in text
    other = plain(
        render_communique(
            project, project.events["modul-3"], "txt", recipient=project.participants["anna-lewandowska"]
        ),
        "txt",
    )
    assert "Nie mamy Państwa zgłoszenia na przejazd autokarem." in other
    assert "Zgłoszenia na zajęcia dodatkowe" not in other
    # One way only: Teresa Pęczek comes on the 22nd and rides home; Barbara Wróbel rides there.
    for person, says in (
        ("teresa-peczek", "tylko na powrót (bez dojazdu autokarem)"),
        ("barbara-wrobel", "tylko na dojazd (bez powrotu autokarem)"),
    ):
        text = render_communique(project, project.events["modul-3"], "txt", recipient=project.participants[person])
        assert f"Mamy Państwa zgłoszenie na przejazd autokarem {says}." in plain(text, "txt")


def test_generic_communique_holds_no_personal_data(project) -> None:
    text = render_communique(project, project.events["modul-3"], "txt")
    assert "Szanowni Państwo!" in text
    for person in project.participants.values():
        assert person.name not in text and person.email not in text
    for expert in project.experts.values():
        assert expert.name not in text


def test_cli_prints_markdown_and_refuses_an_unknown_event(cli) -> None:
    result = cli("communique", "modul-3", "-p", EXAMPLE)
    assert result.exit_code == 0 and result.stdout.startswith("# Komunikat nr 3 – ")
    wrong = cli("communique", "modul3", "-p", EXAMPLE)
    assert wrong.exit_code == 1
    assert "no event with id 'modul3'" in wrong.stderr and "did you mean 'modul-3'?" in wrong.stderr


@pytest.mark.parametrize("event_id", ["modul-3", "siec-2018-10", "moderatorzy-2020-10", "moderatorzy-online-2020-11"])
def test_html_tags_are_balanced(project, event_id: str) -> None:
    from html.parser import HTMLParser

    class Balance(HTMLParser):
        void = {"meta", "br", "hr", "img", "link", "input"}

        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.errors: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag not in self.void:
                self.stack.append(tag)

        def handle_endtag(self, tag: str) -> None:
            if not self.stack or self.stack.pop() != tag:
                self.errors.append(tag)

    checker = Balance()
    checker.feed(render_communique(project, project.events[event_id], "html"))
    assert checker.errors == [] and checker.stack == []


def test_printing_the_eml_leaves_the_project_folder_as_it_was(cli, example: Path) -> None:
    import hashlib

    def snapshot() -> dict[str, str]:
        return {
            p.relative_to(example).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(example.rglob("*"))
            if p.is_file()
        }

    # A changed event: its calendar entry gets a new SEQUENCE, which must not be saved by a look at the e-mail.
    module = example / "modules" / "modul-3.yaml"
    module.write_text(module.read_text(encoding="utf-8").replace('end: "14:00"', 'end: "15:00"'), encoding="utf-8")
    before = snapshot()
    result = cli("communique", "modul-3", "-p", example, "--format", "eml")
    assert result.exit_code == 0, result.output
    import email

    message = email.message_from_string(result.stdout)
    [calendar] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    assert b"SEQUENCE:1" in calendar.get_payload(decode=True)  # the change is in the e-mail …
    assert snapshot() == before  # … and nothing was written


def test_agenda_times_are_written_like_every_other_time(example: Path) -> None:
    meeting = example / "meetings" / "siec-2018-10.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace(
        '    - title: "Wdrożenie Planów Rozwoju Oświaty w gminach"\n',
        '    - title: "Wdrożenie Planów Rozwoju Oświaty w gminach"\n      time: "10:00"\n',
    )
    meeting.write_text(text, encoding="utf-8")
    project = require_project(example)
    for fmt in FORMATS:
        shown = plain(render_communique(project, project.events["siec-2018-10"], fmt), fmt)
        assert "10.00 – Wdrożenie Planów Rozwoju Oświaty w gminach" in shown, fmt
        assert "10:00" not in shown, fmt


@pytest.mark.parametrize(
    ("written", "problem"),
    [("9:00-10:30", None), ("9.00 – 10.30", None), ("10:30–9:00", "ends before it starts"), ("rano", "not a time")],
)
def test_agenda_time_spans_are_read_or_refused(written: str, problem: str | None) -> None:
    from pydantic import TypeAdapter, ValidationError

    from jstevents.model.values import ClockRange, ClockSpan

    reader = TypeAdapter(ClockRange)
    if problem is None:
        import datetime as dt

        assert reader.validate_python(written) == ClockSpan(dt.time(9), dt.time(10, 30))
    else:
        with pytest.raises(ValidationError, match=problem):
            reader.validate_python(written)


@pytest.mark.parametrize(
    ("provided", "says"),
    [
        ("{provided: false, meals: false}", None),
        ("{provided: false, meals: false, extras: [materiały szkoleniowe]}",
         "Podczas szkolenia zapewniamy wszystkim uczestnikom materiały szkoleniowe."),
        ("{provided: false}", "Podczas szkolenia zapewniamy wyżywienie wszystkim uczestnikom."),
        ("{meals: false, extras: [materiały, opiekę trenerską]}",
         "Podczas szkolenia zapewniamy noclegi w pokojach 2-osobowych wszystkim uczestnikom, a także materiały "
         "oraz opiekę trenerską."),
        ("{room_size: 1}",
         "Podczas szkolenia zapewniamy noclegi w pokojach 1-osobowych i wyżywienie wszystkim uczestnikom."),
    ],
)  # fmt: skip
def test_what_the_letter_promises_is_what_the_lists_order(
    cli, example: Path, tmp_path: Path, provided: str, says: str | None
) -> None:
    training = example / "trainings" / "moderatorzy-2020-10.yaml"
    text = training.read_text(encoding="utf-8")
    text = re.sub(r"  accommodation:\n    room_size: 1\n", f"  accommodation: {provided}\n", text)
    training.write_text(text, encoding="utf-8")
    project = require_project(example)
    for fmt in FORMATS:
        shown = re.sub(r"\s+", " ", plain(render_communique(project, project.events["moderatorzy-2020-10"], fmt), fmt))
        assert "zapewniamy  " not in shown and "zapewniamy wszystkim uczestnikom." not in shown, fmt
        if says is None:
            assert "Zakwaterowanie i wyżywienie" not in shown and "zapewniamy" not in shown, fmt
        else:
            assert says in shown, fmt
    result = cli("build", "moderatorzy-2020-10", "-p", example, "-o", tmp_path, "--today", "2020-10-01")
    assert result.exit_code == 0, result.output
    lists = {p.stem for p in (tmp_path / "moderatorzy-2020-10" / "listy").glob("*.csv")}
    assert ("rooming" in lists) == ("noclegi" in (says or ""))
    assert ("catering" in lists) == ("wyżywienie" in (says or ""))


def test_without_accommodation_the_letter_is_silent_and_no_hotel_or_kitchen_list_is_made(
    cli, example: Path, tmp_path: Path
) -> None:
    training = example / "trainings" / "moderatorzy-2020-10.yaml"
    training.write_text(
        re.sub(r"  accommodation:\n    room_size: 1\n", "", training.read_text(encoding="utf-8")), encoding="utf-8"
    )
    project = require_project(example)
    shown = plain(render_communique(project, project.events["moderatorzy-2020-10"], "txt"), "txt")
    assert "zapewniamy" not in shown and "Zakwaterowanie" not in shown
    result = cli("build", "moderatorzy-2020-10", "-p", example, "-o", tmp_path, "--today", "2020-10-01")
    assert result.exit_code == 0, result.output
    lists = {p.stem for p in (tmp_path / "moderatorzy-2020-10" / "listy").glob("*.csv")}
    assert "rooming" not in lists and "catering" not in lists and "attendance" in lists


def test_a_form_whose_text_opens_a_bracket_takes_no_dash(module_iii) -> None:
    # Before: "… samorządu terytorialnego – (forma wsparcia – np. spotkanie …)".
    for fmt, text in module_iii.items():
        shown = text.replace("\u00a0", " ")
        assert "jednostki samorządu terytorialnego (forma wsparcia – np. spotkanie" in shown, fmt
        assert "terytorialnego – (" not in shown, fmt
