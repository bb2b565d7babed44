"""The funding marking: its logos are image files in the project, and a funding text has them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from jstevents.checks.registry import CheckInput, check
from jstevents.problems import Problem

#: A logo is printed a few centimetres wide: anything larger is not the logo meant.
MAX_LOGO_BYTES = 16 * 1024 * 1024
#: What Typst (PDF), Pillow (XLSX) and browsers (HTML) all draw.
_IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF"}


@check("E114", "E130", "E131")
def logos_exist(inputs: CheckInput) -> Iterator[Problem]:
    from jstevents.confined import Missing, Refused, read_named

    programme = inputs.project.programme
    if inputs.project.origin(programme) is None:
        return  # the programme itself could not be read: reported as such
    root = Path(inputs.project.root)
    for index, name in enumerate(programme.funding.logos):
        place = ("funding", "logos", index)
        try:
            data = read_named(root, name, MAX_LOGO_BYTES)
        except Missing:
            yield inputs.problem(
                programme, place, "E114",
                f"funding logo {(root / name).as_posix()!r} does not exist: programme.funding.logos lists image "
                "files relative to the project folder; fix the path or remove the entry",
            )  # fmt: skip
            continue
        except Refused as exc:
            yield inputs.problem(programme, place, "E130", f"funding logo: {exc}")
            continue
        if _image_format(data) is None:
            yield inputs.problem(
                programme, place, "E131",
                f"funding logo {name!r} is not a PNG, JPEG or GIF image (or the image is damaged): "
                "save the logo as PNG and name that file",
            )  # fmt: skip


def _image_format(data: bytes) -> str | None:
    """The format of an image the outputs can draw, or None (not an image, another kind, damaged)."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a decompression-bomb warning: the size is checked below
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()
    except Exception:  # Pillow raises many kinds for a file that is not an image it knows
        return None
    return _IMAGE_FORMATS.get(kind or "")


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
