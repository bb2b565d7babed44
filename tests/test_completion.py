"""Shell completion offers the project's own values: event ids, participant ids, kinds.

Each test runs typer's completion machinery as a shell would call it (the environment variable
`_JSTEVENTS_COMPLETE` and the words typed so far), in process.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jstevents.cli import app

EVENTS = ["siec-2018-10", "modul-3", "moderatorzy-2020-10", "moderatorzy-online-2020-11"]


def complete(line: str, *, shell: str = "bash", env: dict[str, str] | None = None) -> list[str]:
    """What completion offers for `line` (the cursor at its end), one entry a line as the shell receives it."""
    if shell == "bash":
        words = shlex.split(line) + ([""] if line.endswith(" ") else [])
        variables = {"COMP_WORDS": " ".join(shlex.quote(w) for w in words), "COMP_CWORD": str(len(words) - 1)}
    else:
        # As typer's scripts for zsh, fish and PowerShell pass the line (see `jstevents --show-completion`).
        variables = {"_TYPER_COMPLETE_ARGS": line}
        if shell == "fish":
            variables["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
        if shell == "powershell":
            variables["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = "" if line.endswith(" ") else line.split()[-1]
    result = CliRunner().invoke(
        app, [], env={"_JSTEVENTS_COMPLETE": f"complete_{shell}", **variables, **(env or {})}, prog_name="jstevents"
    )
    assert result.exit_code == 0, result.output
    return [row for row in result.output.splitlines() if row]


def test_event_ids(example: Path) -> None:
    assert sorted(complete(f"jstevents build -p {example} ")) == sorted(EVENTS)
    assert complete(f"jstevents communique -p {example} mod") == [e for e in EVENTS if e.startswith("mod")]
    for command in ("mail", "attendees", "calendar"):
        assert complete(f"jstevents {command} -p {example} si") == ["siec-2018-10"], command
    assert complete(f"jstevents new deadline -p {example} --event modul") == ["modul-3"]


def test_new_module_and_meeting_offer_only_their_kind(example: Path) -> None:
    assert complete(f"jstevents new module -p {example} --from ") == ["modul-3"]
    assert complete(f"jstevents new meeting -p {example} --from ") == ["siec-2018-10"]


def test_participant_ids_with_their_names(example: Path) -> None:
    assert complete(f"jstevents calendar -p {example} --participant lu") == ["lukasz-zolc", "lucja-lis-kowalska"]
    offered = complete(f"jstevents calendar -p {example} --participant luc", shell="zsh")
    assert '"lucja-lis-kowalska":"Łucja Lis-Kowalska"' in "\n".join(offered)


def test_mail_recipients_by_kind_then_id(example: Path) -> None:
    assert complete(f"jstevents mail -p {example} modul-3 --to ") == ["all", "network:", "unit:", "participant:"]
    assert complete(f"jstevents mail -p {example} modul-3 --to network:gminy-m") == [
        "network:gminy-miejsko-wiejskie",
        "network:gminy-miejskie",
    ]
    assert complete(f"jstevents mail -p {example} modul-3 --to participant:ewa") == ["participant:ewa-scibor"]


def test_kinds(example: Path) -> None:
    from jstevents.model.people import JSTKind
    from jstevents.outputs.registry import outputs

    assert complete(f"jstevents attendees -p {example} modul-3 --kind ") == [o.name for o in outputs("lists")]
    assert complete("jstevents new unit --kind ") == [kind.value for kind in JSTKind]
    assert complete("jstevents new participant --diet weg") == ["wegetariańska", "wegańska"]
    assert "gminy-wiejskie" in complete(f"jstevents new unit -p {example} --network ")
    assert complete(f"jstevents new activity -p {example} --contact ") == ["piotr-matuszak"]


def test_the_project_from_the_environment(example: Path) -> None:
    assert complete("jstevents communique si", env={"JSTEVENTS_PROJECT": str(example)}) == ["siec-2018-10"]


def test_a_broken_or_missing_project_completes_what_it_can_and_never_fails(example: Path, tmp_path: Path) -> None:
    (example / "meetings" / "siec-2018-10.yaml").write_text("event: [unclosed\n", encoding="utf-8")
    (example / "participants.yaml").write_bytes("participants: [\xff".encode("utf-16"))
    assert sorted(complete(f"jstevents build -p {example} ")) == sorted(e for e in EVENTS if e != "siec-2018-10")
    assert complete(f"jstevents calendar -p {example} --participant ") == []
    assert complete(f"jstevents build -p {tmp_path / 'none'} ") == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_every_shell_typer_supports_gets_the_ids(example: Path, shell: str) -> None:
    offered = complete(f"jstevents communique -p {example} modul", shell=shell)
    assert len(offered) == 1 and "modul-3" in offered[0] and "moderatorzy" not in offered[0]
    assert "Moduł III szkolenia 2017-08-21" in offered[0] or shell == "bash"  # bash shows no descriptions
