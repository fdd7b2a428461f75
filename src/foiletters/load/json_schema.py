"""The answer file's JSON Schema, for editors: completion, descriptions and inline errors.

It is pydantic's schema of the model, widened to what the loader accepts as an officer
writes it. An editor reads YAML 1.2, where `28` is a number and `true` a boolean, while
the loader reads every value as text and converts it where a field wants a number or a
yes/no; so a text field here also takes a number or a boolean, a yes/no field takes
`yes`/`no` as well, a regime its name in any case, and a table total its short forms.
"""

from __future__ import annotations

import copy
from typing import Any

from foiletters.load.model import AnswerFile

SCHEMA_ID = "https://foiletters.example/answer-file.schema.json"
# The words pydantic reads as yes and no (any case), as the loader accepts them.
YES_NO = ["yes", "no", "y", "n", "true", "false", "on", "off", "t", "f", "1", "0"]
SCALAR_TEXT = {"type": ["string", "number", "boolean"]}


def answer_file_schema() -> dict[str, Any]:
    schema = AnswerFile.model_json_schema(by_alias=True)
    schema = _widen(schema)
    defs = schema["$defs"]
    total = defs["Table"]["properties"]["total"]
    total["anyOf"] = [{"$ref": "#/$defs/TotalRow"}, SCALAR_TEXT,
                      {"type": "array", "items": {"type": ["string", "number", "boolean", "null"]}, "minItems": 1},
                      {"type": "null"}]
    rows = defs["Table"]["properties"]["rows"]["anyOf"][0]
    rows["items"]["items"] = {"type": ["string", "number", "boolean", "null"]}  # an empty cell is blank
    # The response's date, unless only the earlier letters of the request's life have been sent.
    schema["anyOf"] = [{"required": ["date"]}, {"required": ["letters"]}, {"required": ["closed"]}]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "foiletters answer file", **schema}


def _widen(node: Any) -> Any:
    if isinstance(node, list):
        return [_widen(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _widen(value) for key, value in node.items()}
    kind = node.get("type")
    if kind == "string" and "enum" in node:
        names = node["enum"]
        node["enum"] = list(dict.fromkeys([*names, *(n.lower() for n in names), *(n.title() for n in names)]))
    elif kind == "string" and "format" not in node and "pattern" not in node:
        node["type"] = copy.deepcopy(SCALAR_TEXT["type"])
    elif kind == "boolean":
        del node["type"]
        words = [*YES_NO, *(w.upper() for w in YES_NO), *(w.title() for w in YES_NO)]
        node["anyOf"] = [{"type": "boolean"}, {"enum": list(dict.fromkeys(words))}]
    return node
