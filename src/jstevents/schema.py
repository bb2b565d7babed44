"""The JSON Schema of a project file, for editors (yaml-language-server)."""

from __future__ import annotations

import json

from .model import ProjectFile


def project_schema() -> str:
    schema = ProjectFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "jstevents.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
