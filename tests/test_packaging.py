"""The built wheel, not the source tree: its metadata, and installs as people make them.

- fast: the wheel unpacked into a folder (`pip install --target`, no dependencies) and run from
  another folder with the test environment's libraries: templates and the skeleton are found, the
  example validates, `init` makes a project;
- marked `install` (a minute or two; left out of the ordinary run, run by CI after it with
  `pytest -m install`): a clean virtual environment (`python -m venv` + `pip install` of the wheel,
  its dependencies from the package registry), then `pipx install` and `uv tool install` of the
  wheel, each running `jstevents init`, `validate` and `build` there. These catch a dependency the
  package uses but does not declare (the test environment has more installed than a user's).
"""

from __future__ import annotations

import email.parser
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import EXAMPLE, REPO

TIMEOUT = 600
#: What a copy of the repository to build the wheel from leaves out.
_NOT_SOURCE = (".git", ".venv*", ".*_cache", ".hypothesis", "build", "dist", "site", "outbox", ".setuptools-build",
               "*.egg-info", "__pycache__", ".work")  # fmt: skip


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    # Built from a copy: pip builds a local folder in place, and two test processes building the same
    # tree at once trip over each other's build folders.
    source = tmp_path_factory.mktemp("source") / "jstevents"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*_NOT_SOURCE))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    [built] = wheels.glob("jstevents-*.whl")
    return built


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHONPATH", "JSTEVENTS_"))}
    return {**env, "NO_COLOR": "1", **extra}


def test_metadata_is_complete(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"))
        names = set(archive.namelist())
    assert metadata["Requires-Python"] == ">=3.10"
    assert metadata["License-Expression"] == "MIT"
    assert "LICENSE" in metadata.get_all("License-File")
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload().startswith("# jstevents")
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert set(urls) >= {"Homepage", "Documentation", "Source", "Issues"}
    assert all(url.startswith("https://") for url in urls.values())
    classifiers = metadata.get_all("Classifier")
    versions = sorted(
        c.rsplit(":: ", 1)[1] for c in classifiers if re.match(r"Programming Language :: Python :: 3\.\d+$", c)
    )
    assert versions[0] == "3.10"  # the same as Requires-Python
    assert {"Operating System :: Microsoft :: Windows", "Natural Language :: Polish", "Typing :: Typed"} <= set(
        classifiers
    )
    requires = {
        re.split(r"[<>=!; ]", r, maxsplit=1)[0].lower()
        for r in metadata.get_all("Requires-Dist")
        if "extra ==" not in r
    }
    assert {"typer", "pydantic", "openpyxl", "pillow", "typst"} <= requires
    assert {"jstevents/skeleton/programme.yaml.j2", "jstevents/skeleton/logos/logo.png", "jstevents/py.typed"} <= names


def test_wheel_installed_elsewhere_validates_the_example_and_starts_a_project(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**_clean_env(), "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import jstevents.resources as r; print(r.__file__); print(r.default_templates_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where), where
    shipped = {p.name for p in (target / "jstevents" / "templates").iterdir()}
    assert {p.name for p in (REPO / "templates").iterdir() if p.is_file()} <= shipped
    result = subprocess.run(
        [sys.executable, "-m", "jstevents", "validate", "--project", str(EXAMPLE), "--today", "2017-08-01"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout
    for args in (["init", "demo"], ["validate", "-p", "demo"]):
        done = subprocess.run(
            [sys.executable, "-m", "jstevents", *args], cwd=elsewhere, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s), 0 warning(s)" in done.stdout


def _init_validate_build(executable: Path, folder: Path, env: dict[str, str]) -> None:
    """`jstevents init demo && jstevents validate -p demo && jstevents build -p demo` in `folder`."""
    folder.mkdir(exist_ok=True)
    for args in (["init", "demo"], ["validate", "-p", "demo"], ["build", "-p", "demo"]):
        done = subprocess.run(
            [str(executable), *args], cwd=folder, env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
        assert done.returncode == 0, f"jstevents {' '.join(args)}:\n{done.stdout}{done.stderr}"
        assert "Traceback" not in done.stderr
    built = folder / "build" / "modul-1"
    for name in ("komunikat.md", "komunikat.eml", "modul-1.ics", "listy/attendance.pdf", "listy/attendance.xlsx"):
        assert (built / name).is_file(), name


def _scripts(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


@pytest.mark.install
def test_clean_virtual_environment_from_the_wheel(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=TIMEOUT)
    python = _scripts(venv) / "python"
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)],
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert installed.returncode == 0, installed.stderr
    # nothing of the test environment leaks in: jstevents comes from the wheel
    origin = subprocess.run(
        [str(python), "-c", "import jstevents; print(jstevents.__file__)"], capture_output=True, text=True, check=True
    ).stdout
    assert origin.startswith(str(venv))
    _init_validate_build(_scripts(venv) / "jstevents", tmp_path / "work", _clean_env())


def _tool(name: str) -> Path:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with the test tools: pip install -e '.[test]')")
    return Path(found)


def _tool_install(command: list[str], env: dict[str, str], bin_dir: Path, tmp_path: Path) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stdout + done.stderr
    _init_validate_build(bin_dir / "jstevents", tmp_path / "work", env)


@pytest.mark.install
def test_pipx_install_from_the_wheel(wheel: Path, tmp_path: Path) -> None:
    pipx = _tool("pipx")
    env = _clean_env(
        PIPX_HOME=str(tmp_path / "pipx"), PIPX_BIN_DIR=str(tmp_path / "bin"), PIPX_MAN_DIR=str(tmp_path / "man")
    )
    _tool_install([str(pipx), "install", "--python", sys.executable, str(wheel)], env, tmp_path / "bin", tmp_path)


@pytest.mark.install
def test_uv_tool_install_from_the_wheel(wheel: Path, tmp_path: Path) -> None:
    uv = _tool("uv")
    env = _clean_env(
        UV_TOOL_DIR=str(tmp_path / "tools"), UV_TOOL_BIN_DIR=str(tmp_path / "bin"), UV_CACHE_DIR=str(tmp_path / "cache")
    )
    _tool_install([str(uv), "tool", "install", "--python", sys.executable, str(wheel)], env, tmp_path / "bin", tmp_path)
