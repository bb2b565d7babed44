"""The JSON Schema of a project file, for editors (yaml-language-server)."""

from __future__ import annotations

import json

from jstevents.model import ProjectFile

#: The name the example files give the schema in their `# yaml-language-server: $schema=…` line.
SCHEMA_FILE = "jstevents.schema.json"


def project_schema() -> str:
    schema = ProjectFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_FILE
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
