"""The floor for `validate`: load every YAML file of a project with PyYAML's CSafeLoader, nothing else.

    python benchmarks/yaml_floor.py PROJECT_DIR

Finds the files the way jstevents does (*.yaml and *.yml, hidden folders skipped).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def main(root: Path) -> int:
    files = sorted(
        path
        for pattern in ("*.yaml", "*.yml")
        for path in root.rglob(pattern)
        if not any(part.startswith(".") for part in path.relative_to(root).parts)
    )
    for path in files:
        yaml.load(path.read_text(encoding="utf-8-sig"), Loader=yaml.CSafeLoader)
    print(f"{len(files)} files loaded")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
