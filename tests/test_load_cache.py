"""The load cache: a second load gives exactly the first one's result, and nothing stale."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from jstevents.load import yamlfile
from jstevents.load.project import load_project

TODAY = dt.date(2018, 9, 1)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JSTEVENTS_CACHE_DIR", str(folder))
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "files").glob("*.pickle")) if (cache / "files").is_dir() else []


def _snapshot(root: Path) -> tuple[object, list[str]]:
    result = load_project(root, today=TODAY)
    assert result.project is not None
    return result.project.model_dump(mode="json"), [str(p) for p in result.problems]


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = yamlfile.parse

    def counting(text: str):  # type: ignore[no-untyped-def]
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(yamlfile, "parse", counting)
    return parsed


def test_second_load_is_the_first_one_without_parsing(example: Path, cache: Path, monkeypatch) -> None:
    (example / "participants.yaml").write_text(
        (example / "participants.yaml").read_text(encoding="utf-8")
        + "\n  - id: zepsuty\n    name: Jan Zepsuty\n    email: not-an-address\n",
        encoding="utf-8",
    )
    parsed = _count_parses(monkeypatch)
    first = _snapshot(example)
    files = len(parsed)
    assert any("E" in line for line in first[1])  # the broken participant is reported
    assert _entries(cache)

    parsed.clear()
    second = _snapshot(example)
    assert second == first
    # Only the file with a problem is parsed again: its problems come from a real parse.
    assert len(parsed) == 1 < files
    assert "zepsuty" in parsed[0]


def test_an_edit_of_the_same_size_and_mtime_is_seen(example: Path, cache: Path) -> None:
    venues = example / "venues.yaml"
    text = venues.read_text(encoding="utf-8")
    _snapshot(example)
    before = venues.stat()
    capacity = next(line for line in text.splitlines() if "capacity:" in line)
    digits = capacity.split("capacity:")[1].strip()
    changed = capacity.replace(digits, str(int(digits) + 1).rjust(len(digits), "1")[: len(digits)])
    assert changed != capacity and len(changed) == len(capacity)
    venues.write_text(text.replace(capacity, changed, 1), encoding="utf-8")
    os.utime(venues, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert venues.stat().st_size == before.st_size and venues.stat().st_mtime_ns == before.st_mtime_ns

    project = load_project(example, today=TODAY).project
    assert project is not None
    new = int(changed.split("capacity:")[1])
    assert new in {v.capacity for v in project.venues.values()}


def test_an_edit_is_seen(example: Path, cache: Path) -> None:
    before = _snapshot(example)
    venues = example / "venues.yaml"
    text = venues.read_text(encoding="utf-8")
    assert '"Hotel Holiday Park"' in text
    venues.write_text(text.replace('"Hotel Holiday Park"', '"Hotel Nowy Park"'), encoding="utf-8")
    after = _snapshot(example)
    names = {venue["name"] for venue in after[0]["venues"].values()}  # type: ignore[index]
    assert "Hotel Nowy Park" in names and "Hotel Holiday Park" not in names
    assert after != before


def test_a_corrupt_cache_is_ignored_and_rebuilt(example: Path, cache: Path, monkeypatch) -> None:
    first = _snapshot(example)
    entries = _entries(cache)
    for index, entry in enumerate(entries):
        entry.write_bytes(b"" if index % 3 == 0 else b"\x80\x05garbage" if index % 3 == 1 else entry.read_bytes()[:40])
    parsed = _count_parses(monkeypatch)
    assert _snapshot(example) == first
    assert len(parsed) == len(entries)
    parsed.clear()
    assert _snapshot(example) == first
    assert parsed == []


def test_the_cache_is_private_and_never_inside_the_project(example: Path, tmp_path: Path, monkeypatch) -> None:
    outside = tmp_path / "cache"
    monkeypatch.setenv("JSTEVENTS_CACHE_DIR", str(outside))
    _snapshot(example)
    if os.name != "nt":
        assert stat.S_IMODE(outside.stat().st_mode) == 0o700
        assert stat.S_IMODE((outside / "files").stat().st_mode) == 0o700
        assert all(stat.S_IMODE(e.stat().st_mode) == 0o600 for e in _entries(outside))

    inside = example / "cache"
    monkeypatch.setenv("JSTEVENTS_CACHE_DIR", str(inside))
    parsed = _count_parses(monkeypatch)
    first = _snapshot(example)
    assert not inside.exists()
    assert not list(example.rglob("*.pickle"))
    parsed.clear()
    assert _snapshot(example) == first and parsed  # parsed again: nothing was kept


def test_a_group_writable_entries_folder_is_made_private(example: Path, cache: Path) -> None:
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    (cache / "files").mkdir(parents=True)
    os.chmod(cache, 0o755)
    os.chmod(cache / "files", 0o777)
    _snapshot(example)
    assert stat.S_IMODE((cache / "files").stat().st_mode) == 0o700
    assert stat.S_IMODE(cache.stat().st_mode) == 0o755  # a folder it did not create is left as it was
    assert _entries(cache)


def test_no_cache_env_turns_it_off(example: Path, cache: Path, monkeypatch) -> None:
    monkeypatch.setenv("JSTEVENTS_NO_CACHE", "1")
    first = _snapshot(example)
    assert not cache.exists()
    monkeypatch.delenv("JSTEVENTS_NO_CACHE")
    assert _snapshot(example) == first
    assert _entries(cache)


def test_default_location_follows_xdg(example: Path, tmp_path: Path, monkeypatch) -> None:
    if os.name == "nt":
        pytest.skip("POSIX cache location")
    monkeypatch.delenv("JSTEVENTS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    _snapshot(example)
    assert list((tmp_path / "xdg" / "jstevents" / "files").glob("*.pickle"))


def test_the_cli_gives_the_same_output_twice(example: Path, cache: Path, cli) -> None:
    first = cli("validate", "--project", example, "--today", "2018-09-01")
    second = cli("validate", "--project", example, "--today", "2018-09-01")
    assert (second.exit_code, second.output) == (first.exit_code, first.output)
    assert _entries(cache)


def test_old_entries_are_pruned_and_rebuilt(example: Path, cache: Path, monkeypatch) -> None:
    first = _snapshot(example)
    entries = _entries(cache)
    old = entries[0]
    stale = cache / "files" / ("0" * 40 + ".pickle")  # a file that no longer exists
    stale.write_bytes(b"")
    long_ago = old.stat().st_mtime - 31 * 86400
    for path in (old, stale):
        os.utime(path, (long_ago, long_ago))
    os.utime(cache / "files" / ".pruned", (long_ago, long_ago))
    parsed = _count_parses(monkeypatch)
    assert _snapshot(example) == first
    assert not stale.exists()
    assert len(parsed) == 1 and old.exists()  # read again once, and kept anew


def test_entries_of_other_code_are_not_used(example: Path, cache: Path, monkeypatch) -> None:
    from jstevents.load import cache as load_cache

    first = _snapshot(example)
    real = load_cache._environment
    monkeypatch.setattr(load_cache, "_environment", lambda: real() + "|another checkout")
    parsed = _count_parses(monkeypatch)
    assert _snapshot(example) == first
    assert len(parsed) == len(_entries(cache))


def test_holiday_calendars_are_kept_and_a_bad_entry_is_rebuilt(cache: Path) -> None:
    from jstevents.checks import holidays as checks

    checks.polish_holidays.cache_clear()
    first = checks.polish_holidays(2026)
    assert first[dt.date(2026, 11, 11)] == "Narodowe Święto Niepodległości"
    kept = sorted((cache / "values").glob("*.pickle"))
    assert len(kept) == 1
    checks.polish_holidays.cache_clear()
    assert checks.polish_holidays(2026) == first  # read back, as a new process would
    kept[0].write_bytes(b"not a pickle")
    checks.polish_holidays.cache_clear()
    assert checks.polish_holidays(2026) == first
    assert kept[0].read_bytes() != b"not a pickle"
    checks.polish_holidays.cache_clear()


def test_remembered_problems_follow_the_day(example: Path, cache: Path, cli) -> None:
    late = cli("validate", "--project", example, "--today", "2017-08-20")
    assert "W103" in late.stdout
    assert list((cache / "projects").glob("*.pickle"))
    early = cli("validate", "--project", example, "--today", "2017-08-01")
    assert early.exit_code == 0 and "W103" not in early.stdout
    assert cli("validate", "--project", example, "--today", "2017-08-20").stdout == late.stdout


def test_remembered_problems_follow_the_files_the_yaml_names(example: Path, cache: Path, cli) -> None:
    assert cli("validate", "--project", example, "--today", "2017-08-01").exit_code == 0
    (example / "logos" / "unia-europejska.png").unlink()  # the YAML is unchanged; the file it names is gone
    gone = cli("validate", "--project", example, "--today", "2017-08-01")
    assert gone.exit_code == 1 and "E114" in gone.stdout


def test_remembered_problems_follow_a_form_export(example: Path, cache: Path, cli) -> None:
    (example / "forms.yaml").write_text(
        "participant_sources:\n  - file: form.csv\n    columns: {name: Name, email: Email, unit: JST}\n", "utf-8"
    )
    export = example / "form.csv"
    export.write_text("Name;Email;JST\nJan Testowy;jan.testowy@example.pl;rypin\n", encoding="utf-8")
    assert cli("validate", "--project", example, "--today", "2017-08-01").exit_code == 0
    export.write_text("Name;Email;JST\nJan Testowy;not-an-address;rypin\n", encoding="utf-8")
    changed = cli("validate", "--project", example, "--today", "2017-08-01")
    assert changed.exit_code == 1 and "E022" in changed.stdout
