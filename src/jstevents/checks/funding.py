"""The funding marking: its logos are image files in the project, and a funding text has them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jstevents.checks.registry import CheckInput, check
from jstevents.problems import Problem


@check("E114")
def logos_exist(inputs: CheckInput) -> Iterator[Problem]:
    programme = inputs.project.programme
    if inputs.project.origin(programme) is None:
        return  # the programme itself could not be read: reported as such
    for index, name in enumerate(programme.funding.logos):
        path = Path(inputs.project.root) / name
        if not path.is_file():
            yield inputs.problem(
                programme, ("funding", "logos", index), "E114",
                f"funding logo {path.as_posix()!r} does not exist: programme.funding.logos lists image files "
                "relative to the project folder; fix the path or remove the entry",
            )  # fmt: skip


@check("W121")
def a_funding_text_has_logos(inputs: CheckInput) -> Iterator[Problem]:
    programme = inputs.project.programme
    if inputs.project.origin(programme) is None or not programme.funding.text.strip() or programme.funding.logos:
        return
    yield inputs.problem(
        programme, ("funding", "logos"), "W121",
        "the programme has a funding text but no logos: attendance lists of an EU-funded project must carry the "
        "funding marking; add the logo files under funding.logos (e.g. [logos/fe.png, logos/ue.png])",
    )  # fmt: skip
