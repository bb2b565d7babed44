"""The report's photographs are image files of the project, found inside its folder only; the words
for the survey's ratings fit its scale.

A report is published on the programme's website with its photographs copied beside it: a path
that leads out of the project (absolute, with "..", or through a link pointing elsewhere) could
publish any file of the computer, so such a path is refused, and the command that copies the
photographs finds them through `photo_path` as the check did.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from jstevents.checks.registry import CheckInput, check, per_event
from jstevents.model import Event
from jstevents.problems import Problem

#: The kinds of image a web page shows, by the file's extension.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")


class PhotoRefused(Exception):
    """A photograph's path that cannot be used, with the code and the message saying why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def photo_path(project_root: str | Path, name: str) -> Path:
    """The regular file `name` inside the project folder; `PhotoRefused` (E160–E162) when it is not one.

    Found as every file the project names is (`confined.resolve`: no absolute path, no "..", no
    link leading out), so a photograph is refused for the same reasons as an export or a logo.
    """
    from jstevents.confined import Missing, Refused, resolve

    try:
        resolved = resolve(Path(project_root), name)
    except Missing:
        raise PhotoRefused(
            "E161", f"photo {name!r} does not exist: fix the path, relative to the project folder, or remove the photo"
        ) from None
    except Refused as refused:
        raise PhotoRefused("E160", f"photo {refused}") from None
    if not resolved.is_file():
        what = "is a folder" if resolved.is_dir() else "is not a file"
        raise PhotoRefused(
            "E161",
            f"photo {name!r} {what} (looked for {resolved.as_posix()}): fix the path, relative to the project "
            "folder, or remove the photo",
        )
    if resolved.suffix.lower() not in IMAGE_SUFFIXES:
        raise PhotoRefused(
            "E162",
            f"photo {name!r} is not an image a web page shows: use a {', '.join(s[1:] for s in IMAGE_SUFFIXES)} file",
        )
    return resolved


def copied_name(name: str) -> str:
    """The photograph's file name beside the report: its own name, in `zdjecia/`."""
    return f"zdjecia/{PurePosixPath(name.replace(chr(92), '/')).name}"


@check("E160", "E161", "E162", "E163")
@per_event
def photos_are_project_images(inputs: CheckInput, event: Event) -> Iterator[Problem]:
    if event.report is None:
        return
    seen: dict[str, str] = {}
    for index, photo in enumerate(event.report.photos):
        where = ("report", "photos", index, "file")
        try:
            photo_path(inputs.project.root, photo.file)
        except PhotoRefused as refused:
            yield inputs.problem(event, where, refused.code, refused.message)
            continue
        name = copied_name(photo.file)
        if name in seen:
            yield inputs.problem(
                event, where, "E163",
                f"photos {seen[name]!r} and {photo.file!r} would both be copied as {name} beside the report: "
                "rename one of the files",
            )  # fmt: skip
        seen.setdefault(name, photo.file)


@check("W160")
def survey_words_fit_the_scale(inputs: CheckInput) -> Iterator[Problem]:
    """The default words are set for a scale of 1 to 5: on another scale "bardzo wysokie" from 4.5 misleads."""
    programme = inputs.project.programme
    settings = programme.survey
    if settings is None or inputs.project.origin(programme) is None:
        return
    if "ratings" not in settings.model_fields_set and (settings.scale_min, settings.scale_max) != (1, 5):
        yield inputs.problem(
            programme, ("survey", "scale_max"), "W160",
            f"the survey's scale is {settings.scale_min}–{settings.scale_max} but its rating words are the "
            "defaults for a scale of 1–5: write `ratings:` with thresholds on your scale",
        )  # fmt: skip
        return
    for index, rating in enumerate(settings.ratings):
        if rating.above > settings.scale_max:
            yield inputs.problem(
                programme, ("survey", "ratings", index, "above"), "W160",
                f"no mean reaches {rating.above} on a scale of {settings.scale_min}–{settings.scale_max}: "
                f"{rating.word!r} is never said; lower the threshold or fix the scale",
            )  # fmt: skip
