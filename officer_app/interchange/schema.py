"""The JSON Schema (2020-12) of the interchange format, generated from a definition and a risk
tool. It checks shape and types; the safeguarding rules are checked by `officer-app validate`."""

from __future__ import annotations

from typing import Any

from officer_app.definition import Definition, Field, RiskTool
from officer_app.states import STATES

FORMAT = "officer-app/checklist"
FORMAT_VERSION = 1
DEMO_KEY = "demo"  # true: demo data exported from a demo database, never a real checklist
AUDIT_KEY = "audit"  # {"position", "head"}: the audit chain's head when the file was exported

_SCHEMA_PATTERNS = {
    "date": r"^(\d{4}-\d{2}-\d{2})?$",
    "datetime": r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})?$",
    "time": r"^(\d{2}:\d{2})?$",
}


def json_schema(definition: Definition, tool: RiskTool) -> dict[str, Any]:
    """The JSON Schema (2020-12) of a document filled with this definition and risk tool.
    It checks shape and types; the safeguarding rules are checked by `officer-app validate`."""
    sections = {}
    for section in definition.sections:
        if section.repeat:
            sections[section.id] = _field_schema(section.as_field(), tool)
        else:
            sections[section.id] = _object_schema(section.fields, tool, section.title)
    ref = {"type": "object", "required": ["id", "version"], "additionalProperties": False}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"officer-app:checklist:{definition.id}:v{definition.version}:{tool.key}",
        "title": f"{definition.title} (version {definition.version}; risk tool {tool.title})",
        "type": "object",
        "required": ["format", "format_version", "uid", "state", "definition", "risk_tool", "data"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            DEMO_KEY: {
                "type": "boolean",
                "description": "true: demo data from a demo database, not a real checklist; "
                "only a demo database imports it",
            },
            AUDIT_KEY: {
                "type": "object",
                "description": "the head of the exporting database's audit chain when this "
                "file was exported (`officer-app audit verify --witness FILE` checks it)",
                "required": ["position", "head"],
                "additionalProperties": False,
                "properties": {
                    "position": {"type": "integer", "minimum": 0},
                    "head": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                },
            },
            "uid": {"type": "string", "minLength": 1},
            "state": {"enum": list(STATES)},
            "created_at": {"type": "string"},
            "updated_at": {"type": "string"},
            "submitted_at": {"type": "string"},
            "definition": {
                **ref,
                "properties": {
                    "id": {"const": definition.id},
                    "version": {"const": definition.version},
                },
            },
            "risk_tool": {
                **ref,
                "properties": {"id": {"const": tool.id}, "version": {"const": tool.version}},
            },
            "data": {"type": "object", "additionalProperties": False, "properties": sections},
        },
    }


def _object_schema(fields_, tool: RiskTool, title: str, with_uid: bool = False) -> dict:
    properties = {f.id: _field_schema(f, tool) for f in fields_}
    schema: dict[str, Any] = {"type": "object", "title": title, "additionalProperties": False}
    if with_uid:
        properties = {"uid": {"type": "string", "minLength": 1}, **properties}
        schema["required"] = ["uid"]
    schema["properties"] = properties
    return schema


def _field_schema(f: Field, tool: RiskTool) -> dict[str, Any]:
    schema = _type_schema(f, tool)
    schema["title"] = f.label
    if f.help:
        schema["description"] = f.help
    return schema


def _type_schema(f: Field, tool: RiskTool) -> dict[str, Any]:
    if f.type in ("text", "multiline", "child_ref"):
        schema: dict[str, Any] = {"type": ["string", "null"]}
        if f.max_length:
            schema["maxLength"] = f.max_length
        return schema
    if f.type in _SCHEMA_PATTERNS:
        return {"type": ["string", "null"], "pattern": _SCHEMA_PATTERNS[f.type]}
    if f.type == "integer":
        bounds = {"minimum": f.minimum, "maximum": f.maximum}
        return {"type": ["integer", "null"], **{k: v for k, v in bounds.items() if v is not None}}
    if f.type in ("choice", "yesno", "yesnounknown"):
        return {"enum": [*f.choice_values(), "", None]}
    if f.type == "multichoice":
        return {"type": "array", "uniqueItems": True, "items": {"enum": f.choice_values()}}
    if f.type == "repeat":
        item = _object_schema(f.fields, tool, f.item_label or f.label, with_uid=True)
        return {"type": "array", "items": item}
    return _risk_schema(tool)


def _risk_schema(tool: RiskTool) -> dict[str, Any]:
    answer = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "answer": {"enum": [a.value for a in tool.answers] + ["", None]},
            "comment": {"type": "string"},
            "source": {"enum": [s.value for s in tool.sources] + ["", None]},
        },
    }
    return {
        "type": "object",
        "propertyNames": {"enum": [q.id for q in tool.questions]},
        "additionalProperties": answer,
        "description": "; ".join(f"{q.id}: {q.number}. {q.text}" for q in tool.questions),
    }


def schema_file_name(definition: Definition) -> str:
    return f"{definition.id}-v{definition.version}.schema.json"
