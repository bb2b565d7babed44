"""`jstevents build`: every document of an event in one folder, reproducible, never half-replaced."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import write

EXPECTED_MODULE_III = sorted(
    ["index.html", "komunikat.md", "komunikat.html", "komunikat.txt", "komunikat.eml", "modul-3.ics"]
    + [
        f"listy/{kind}.{fmt}"
        for kind in ("attendance", "rooming", "coach", "catering", "contacts", "activity", "mentors", "completion")
        for fmt in ("pdf", "xlsx", "csv", "html")
    ]
    + ["zaswiadczenia/zaswiadczenia.pdf", "zaswiadczenia/rejestr.xlsx", "zaswiadczenia/rejestr.csv"]
)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_of_the_example_writes_every_document(cli, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    result = cli("build", "-p", example, "-o", out, "--today", "2017-08-01")
    assert result.exit_code == 0, result.output
    assert sorted(tree(out / "modul-3")) == EXPECTED_MODULE_III
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "kalendarz", "modul-3", "siec-2018-10", "moderatorzy-2020-10", "moderatorzy-online-2020-11"]
    )
    # The online training has no hotel, coach, meals or activities: only the lists that apply.
    online = sorted(tree(out / "moderatorzy-online-2020-11"))
    assert "listy/attendance.pdf" in online and not any("rooming" in f or "coach" in f for f in online)
    index = (out / "modul-3" / "index.html").read_text(encoding="utf-8")
    assert "21–23 sierpnia 2017 r." in index and "Hotel Holiday Park" in index
    assert "Zarejestrowani: 40 osób" in index
    assert "16.08.2017, godz. 16.00" in index
    for name in EXPECTED_MODULE_III:
        if name != "index.html":
            assert f'href="{name}"' in index
    assert f"Open {(out / 'index.html').as_posix()} to see every event at a glance." in result.stderr
    # After the module: its recorded attendance, the summary, the certificates and the register, linked.
    assert "Po wydarzeniu: obecni 39 z 40 osób; ukończyło 34; zaświadczenia: 34." in index
    meeting = (out / "siec-2018-10" / "index.html").read_text(encoding="utf-8")
    assert "brak zapisanej obecności" in meeting and "Po wydarzeniu" not in meeting
    assert not any("zaswiadczenia" in f or "completion" in f for f in tree(out / "siec-2018-10"))


def test_two_builds_of_unchanged_data_are_identical(cli, example: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert cli("build", "modul-3", "-p", example, "-o", first).exit_code == 0
    assert cli("build", "modul-3", "-p", example, "-o", second).exit_code == 0
    assert tree(first) == tree(second)


def test_lists_with_personal_data_are_private(cli, example: Path, tmp_path: Path) -> None:
    import os
    import stat

    if os.name != "posix":
        return
    out = tmp_path / "build"
    assert cli("build", "modul-3", "-p", example, "-o", out).exit_code == 0
    mode = stat.S_IMODE((out / "modul-3" / "listy" / "contacts.csv").stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE((out / "modul-3").stat().st_mode) & 0o077 == 0


def test_a_build_failing_half_way_leaves_the_previous_build_intact(cli, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert cli("build", "modul-3", "-p", example, "-o", out).exit_code == 0
    before = tree(out)
    # A project template with a misspelt variable: the communiqués render, the index fails last.
    write(example, {"templates/index.html.j2": "<p>{{ evnet.title }}</p>\n"})
    result = cli("build", "modul-3", "-p", example, "-o", out)
    assert result.exit_code == 1
    assert "index.html.j2:1" in result.stderr and "evnet" in result.stderr
    assert "Traceback" not in result.output
    assert tree(out) == before
    assert [p.name for p in out.iterdir()] == ["modul-3"]  # no half-built folder left behind


def test_an_invalid_project_builds_nothing(cli, example: Path, tmp_path: Path) -> None:
    path = example / "venues.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("capacity: 120", "capacty: 120"), encoding="utf-8")
    out = tmp_path / "build"
    result = cli("build", "-p", example, "-o", out)
    assert result.exit_code == 1
    assert "capacty" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_unknown_event_is_named_with_a_suggestion(cli, example: Path, tmp_path: Path) -> None:
    result = cli("build", "modul3", "-p", example, "-o", tmp_path / "build")
    assert result.exit_code == 1
    assert "did you mean 'modul-3'?" in result.stderr


def test_a_build_of_several_events_failing_at_the_last_replaces_none_of_them(
    cli, example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "build"
    assert cli("build", "-p", example, "-o", out).exit_code == 0
    before = tree(out)
    module = example / "modules" / "modul-3.yaml"
    module.write_text(
        module.read_text(encoding="utf-8").replace("Moduł III", "Moduł III (zmieniony)"), encoding="utf-8"
    )
    # The events build in the order given: module III completes, the meeting's index fails.
    default = (Path(__file__).resolve().parents[1] / "templates" / "index.html.j2").read_text(encoding="utf-8")
    write(
        example,
        {"templates/index.html.j2": '{% if event.id == "siec-2018-10" %}{{ evnet.title }}{% endif %}\n' + default},
    )
    result = cli("build", "modul-3", "siec-2018-10", "-p", example, "-o", out)
    assert result.exit_code == 1 and "evnet" in result.stderr
    assert tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "kalendarz", "modul-3", "siec-2018-10", "moderatorzy-2020-10", "moderatorzy-online-2020-11"]
    )


@pytest.mark.parametrize("exchange", [False, True], ids=["set-aside-then-rename", "exchange-in-one-step"])
def test_swapping_in_a_second_event_fails_and_the_first_is_put_back(
    cli, example: Path, tmp_path: Path, monkeypatch, exchange: bool
) -> None:
    from jstevents.commands import build

    real_exchange = build._exchange

    def exchange_or_not(a: Path, b: Path) -> bool:
        if not exchange:
            return False  # a system that cannot swap two folders in one step
        if ".siec-2018-10.new-" in a.name:
            raise OSError(13, "Permission denied")
        return real_exchange(a, b)

    monkeypatch.setattr(build, "_exchange", exchange_or_not)
    out = tmp_path / "build"
    assert cli("build", "modul-3", "siec-2018-10", "-p", example, "-o", out).exit_code == 0
    before = tree(out)
    module = example / "modules" / "modul-3.yaml"
    module.write_text(
        module.read_text(encoding="utf-8").replace("Moduł III", "Moduł III (zmieniony)"), encoding="utf-8"
    )
    real = Path.rename

    def rename(self: Path, target):  # noqa: ANN001
        if ".siec-2018-10.new-" in self.name:
            raise OSError(13, "Permission denied")
        return real(self, target)

    monkeypatch.setattr(build.Path, "rename", rename)
    result = cli("build", "modul-3", "siec-2018-10", "-p", example, "-o", out)
    assert result.exit_code == 1 and "cannot put the new build in place" in result.stderr
    assert tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["modul-3", "siec-2018-10"]


def test_an_output_registered_alone_is_built_and_linked(cli, example: Path, tmp_path: Path) -> None:
    from jstevents.outputs import registry

    def render(inputs, event, fmt):  # type: ignore[no-untyped-def]
        return f"{event.id}: {len(event.registrations)} ({fmt})\n".encode()

    def applies(project, event):  # type: ignore[no-untyped-def]
        return None if event.kind.value == "module" else registry.Skip("tylko moduły", "is not a module")

    registry.register(
        registry.Output("dummy", "Próbny dokument", ("txt", "json"), render=render, path="próba/{name}.{fmt}",
                        applies=applies)
    )  # fmt: skip
    try:
        out = tmp_path / "build"
        result = cli("build", "-p", example, "-o", out)
    finally:
        registry.unregister("dummy")
    assert result.exit_code == 0, result.output
    assert (out / "modul-3" / "próba" / "dummy.txt").read_text(encoding="utf-8") == "modul-3: 40 (txt)\n"
    assert (out / "modul-3" / "próba" / "dummy.json").is_file()
    index = (out / "modul-3" / "index.html").read_text(encoding="utf-8")
    assert 'href="próba/dummy.txt"' in index and "Próbny dokument" in index
    assert not (out / "siec-2018-10" / "próba").exists()
    assert "Próbny dokument" in (out / "siec-2018-10" / "index.html").read_text(encoding="utf-8")  # skipped, why


def test_a_build_with_the_problems_remembered_reads_only_its_event(
    cli, example: Path, tmp_path: Path, monkeypatch
) -> None:
    from jstevents.load import yamlfile
    from jstevents.load.cache import LoadCache

    monkeypatch.setenv("JSTEVENTS_NO_CACHE", "1")
    assert cli("build", "modul-3", "-p", example, "-o", tmp_path / "plain").exit_code == 0
    monkeypatch.delenv("JSTEVENTS_NO_CACHE")
    monkeypatch.setenv("JSTEVENTS_CACHE_DIR", str(tmp_path / "cache"))
    assert cli("build", "modul-3", "-p", example, "-o", tmp_path / "first").exit_code == 0  # fills the cache
    read: list[str] = []
    modelled: list[str] = []
    real_read, real_get = yamlfile.read_text, LoadCache.get
    monkeypatch.setattr(yamlfile, "read_text", lambda path, *rest: (read.append(path.name), real_read(path, *rest))[1])
    monkeypatch.setattr(
        LoadCache, "get", lambda self, path, text: (modelled.append(path.name), real_get(self, path, text))[1]
    )
    assert cli("build", "modul-3", "-p", example, "-o", tmp_path / "again").exit_code == 0
    assert tree(tmp_path / "again") == tree(tmp_path / "first") == tree(tmp_path / "plain")
    # Every file is still read (to know nothing changed), but the other events never reach the model.
    assert "siec-2018-10.yaml" in read and "modul-3.yaml" in modelled and "programme.yaml" in modelled
    assert "siec-2018-10.yaml" not in modelled
    result = cli("build", "modul-33", "-p", example, "-o", tmp_path / "x")
    assert result.exit_code == 1 and "did you mean 'modul-3'?" in result.stderr
