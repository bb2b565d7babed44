"""Where the files shipped with jstevents live: default templates, fonts and a new programme's skeleton."""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
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
    return _resolved(str(project_root)) / "templates"


@functools.lru_cache(maxsize=64)
def _resolved(path: str) -> Path:
    # Resolving checks every folder on the way; a mail-out renders hundreds of messages.
    return Path(path).resolve()


def font_path(name: str) -> Path:
    """A font shipped in the package (`fonts/`, with its licence in fonts/LICENSE.txt)."""
    return _PACKAGE / "fonts" / name


def skeleton_dir() -> Path:
    """The templates of a new programme's files and entries (`jstevents init`, `jstevents new participant` …)."""
    return _PACKAGE / "skeleton"
