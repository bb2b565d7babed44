"""The code keeps its shape: stages as folders, imports only downward, no cycles, pages written from the code."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO

DOCS = REPO / "docs"
ARCHITECTURE = DOCS / "architecture.md"
#: The stages from the top down, as docs/architecture.md draws them.
STAGES = [
    "cli",
    "commands",
    "outputs",
    "load",
    "checks",
    "text",
    "model",
    "errors",
    "problems",
    "resources",
    "cache",
    "confined",
]


def _graph():  # type: ignore[no-untyped-def]
    grimp = pytest.importorskip("grimp", reason="grimp comes with import-linter (the test extra)")
    return grimp.build_graph("jstevents")


def test_the_import_contracts_hold() -> None:
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run([lint], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_imports_itself_through_others() -> None:
    graph = _graph()
    modules = sorted(graph.modules)
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in modules}
    # Tarjan's strongly connected components: a component of two or more modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in edges[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in modules:
        if module not in index:
            visit(module)
    assert cycles == []


def stage_drawing() -> str:
    """The stages and which imports which (directly), as a Mermaid graph."""
    graph = _graph()

    def stage(module: str) -> str | None:
        parts = module.split(".")
        return parts[1] if len(parts) > 1 and parts[1] in STAGES else None

    edges = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            a, b = stage(module), stage(imported)
            if a and b and a != b:
                edges.add((a, b))
    counts = {s: sum(1 for m in graph.modules if stage(m) == s and not m.endswith("__init__")) for s in STAGES}
    lines = ["```mermaid", "flowchart TD"]
    for name in STAGES:
        folder = name if counts[name] > 1 or name in ("model", "load", "checks", "text", "outputs", "commands") else ""
        label = f"{name}/" if folder else f"{name}.py"
        lines.append(f'    {name}["{label}"]')
    for a, b in sorted(edges, key=lambda e: (STAGES.index(e[0]), STAGES.index(e[1]))):
        lines.append(f"    {a} --> {b}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def test_the_drawing_of_the_stages_is_true() -> None:
    """After a change of imports, regenerate with JSTEVENTS_UPDATE_GOLDEN=1 and review the difference."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    pattern = re.compile(r"```mermaid\nflowchart TD\n.*?```\n", re.S)
    drawing = stage_drawing()
    if os.environ.get("JSTEVENTS_UPDATE_GOLDEN") == "1":
        ARCHITECTURE.write_text(pattern.sub(lambda m: drawing, text), encoding="utf-8")
        text = ARCHITECTURE.read_text(encoding="utf-8")
    found = pattern.search(text)
    assert found, "docs/architecture.md has no ```mermaid flowchart TD``` block"
    assert found.group(0) == drawing
    # Every edge of the drawing goes downward: a stage imports only stages below it.
    for a, b in re.findall(r"^    (\w+) --> (\w+)$", drawing, re.M):
        assert STAGES.index(a) < STAGES.index(b), f"{a} imports {b}, which is above it"


@pytest.mark.parametrize("page", ["yaml.md", "checks.md"])
def test_generated_reference_pages_match_the_code(page: str) -> None:
    """After a change of the model or the checks: .venv/bin/python -m jstevents.outputs.reference docs"""
    from jstevents.outputs.reference import generated_pages

    path = DOCS / page
    assert path.read_text(encoding="utf-8") == generated_pages(DOCS)[path], (
        f"docs/{page} differs from the code: run `.venv/bin/python -m jstevents.outputs.reference docs`"
    )


def test_the_yaml_reference_names_every_key_of_the_model() -> None:
    from jstevents.outputs.reference import _models_in_order

    text = (DOCS / "yaml.md").read_text(encoding="utf-8")
    for model in _models_in_order():
        for key in model.model_fields:
            assert f"| `{key}` |" in text, f"{model.__name__}.{key} is not in docs/yaml.md"
