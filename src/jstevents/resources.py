"""Where the files shipped with jstevents live: default templates and fonts."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def default_templates_dir() -> Path:
    """The default templates: inside the installed package, or `templates/` of a checkout."""
    installed = _PACKAGE / "templates"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"default templates not found next to {_PACKAGE}")


def project_templates_dir(project_root: Path) -> Path:
    """A project's own templates: the folder `templates/` inside the project folder (`events/templates/`)."""
    return project_root.resolve() / "templates"


def font_path(name: str) -> Path:
    """A font shipped in the package (`fonts/`, with its licence in fonts/LICENSE.txt)."""
    return _PACKAGE / "fonts" / name
