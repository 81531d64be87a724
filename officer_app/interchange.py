"""The interchange format: one checklist as JSON, and its JSON Schema.

A document looks like this (documented in docs/INTERCHANGE.md):

    {"format": "officer-app/checklist", "format_version": 1,
     "uid": "...", "state": "submitted", "created_at": "...", "updated_at": "...",
     "submitted_at": "...",
     "definition": {"id": "child-da-attendance", "version": 1},
     "risk_tool": {"id": "dash-topics", "version": 1},
     "data": {"incident": {...}, "adults": [...], "children": [...], ...}}

Reading a document checks its shape against the definition it names and reports every
problem with the field path; it never returns a half-read checklist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from officer_app import fields as ft
from officer_app.checklist import Checklist
from officer_app.definition import Definition, DefinitionError, Field, Library, RiskTool
from officer_app.field_path import join_path
from officer_app.states import STATES

FORMAT = "officer-app/checklist"
FORMAT_VERSION = 1


class InterchangeError(ValueError):
    """A document that cannot be read as a checklist; `problems` lists (path, message)."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        self.source = source
        self.problems = problems
        listed = "; ".join(f"{p}: {m}" if p else m for p, m in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{source}: {listed}{more}")


def to_dict(checklist: Checklist) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "uid": checklist.uid,
        "state": checklist.state,
        "created_at": checklist.created_at,
        "updated_at": checklist.updated_at,
        "submitted_at": checklist.submitted_at,
        "definition": {"id": checklist.definition_id, "version": checklist.definition_version},
        "risk_tool": {"id": checklist.risk_tool_id, "version": checklist.risk_tool_version},
        "data": checklist.data,
    }


def to_json(checklist: Checklist) -> str:
    return json.dumps(to_dict(checklist), ensure_ascii=False, indent=2) + "\n"


def read_file(path: Path, library: Library) -> Checklist:
    """Read one checklist document; InterchangeError names the file and every problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InterchangeError(str(path), [("", "file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InterchangeError(str(path), [("", f"cannot be read ({exc})")]) from None
    return from_json(text, library, source=str(path))


def from_json(text: str, library: Library, source: str = "document") -> Checklist:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = ("", f"not valid JSON (line {exc.lineno}: {exc.msg})")
        raise InterchangeError(source, [problem]) from None
    return from_dict(raw, library, source)


def from_dict(raw: Any, library: Library, source: str = "document") -> Checklist:
    if not isinstance(raw, dict):
        raise InterchangeError(source, [("", "must be a JSON object")])
    problems = _envelope_problems(raw)
    if problems:
        raise InterchangeError(source, problems)
    try:
        definition = library.definition(raw["definition"]["id"], raw["definition"]["version"])
        tool = library.risk_tool(raw["risk_tool"]["id"], raw["risk_tool"]["version"])
    except DefinitionError as exc:
        raise InterchangeError(source, [("definition", str(exc))]) from None
    problems = data_problems(raw["data"], definition, tool)
    if problems:
        raise InterchangeError(source, problems)
    return Checklist(
        definition_id=definition.id,
        definition_version=definition.version,
        risk_tool_id=tool.id,
        risk_tool_version=tool.version,
        data=raw["data"],
        uid=raw["uid"],
        state=raw["state"],
        created_at=raw.get("created_at") or "",
        updated_at=raw.get("updated_at") or "",
        submitted_at=raw.get("submitted_at") or "",
    )


def _envelope_problems(raw: dict) -> list[tuple[str, str]]:
    problems = []
    if raw.get("format") != FORMAT:
        problems.append(("format", f"must be '{FORMAT}'"))
    if raw.get("format_version") != FORMAT_VERSION:
        problems.append(("format_version", f"must be {FORMAT_VERSION}"))
    if not isinstance(raw.get("uid"), str) or not raw.get("uid", "").strip():
        problems.append(("uid", "must be a non-empty identifier"))
    if raw.get("state") not in STATES:
        problems.append(("state", f"must be one of {', '.join(STATES)}"))
    for key in ("definition", "risk_tool"):
        ref = raw.get(key)
        if not (
            isinstance(ref, dict)
            and isinstance(ref.get("id"), str)
            and isinstance(ref.get("version"), int)
        ):
            problems.append((key, 'must give the id and version, e.g. {"id": ..., "version": 1}'))
    if not isinstance(raw.get("data"), dict):
        problems.append(("data", "must be an object holding the answers"))
    for key in ("created_at", "updated_at", "submitted_at"):
        if key in raw and not isinstance(raw[key], str):
            problems.append((key, "must be a date-time text"))
    return problems


def data_problems(data: dict, definition: Definition, tool: RiskTool) -> list[tuple[str, str]]:
    """Shape and type problems of the answers against the definition (not the rules)."""
    problems: list[tuple[str, str]] = []
    unknown = set(data) - {s.id for s in definition.sections}
    problems += [(key, "is not a section of this checklist") for key in sorted(unknown)]
    for section in definition.sections:
        value = data.get(section.id)
        if value is None:
            continue
        if section.repeat:
            _check_field(section.as_field(), section.id, value, tool, problems)
        elif not isinstance(value, dict):
            problems.append((section.id, "must be an object of answers"))
        else:
            _check_scope(section.fields, section.id, value, tool, problems)
    return problems


def _check_scope(fields_, prefix: str, scope: dict, tool, problems: list) -> None:
    known = {f.id for f in fields_}
    for key in sorted(set(scope) - known - {"uid"}):
        problems.append((join_path(prefix, key), "is not a field of this checklist"))
    for f in fields_:
        if f.id in scope:
            _check_field(f, join_path(prefix, f.id), scope[f.id], tool, problems)


def _check_field(f: Field, path: str, value: Any, tool: RiskTool, problems: list) -> None:
    message = ft.check_value(f, value)
    if message:
        problems.append((path, message))
        return
    if f.type == "repeat" and isinstance(value, list):
        uids = [item.get("uid") for item in value]
        for i, item in enumerate(value):
            if not isinstance(item.get("uid"), str) or not item["uid"]:
                problems.append((join_path(path, i), "needs a uid"))
            elif uids.count(item["uid"]) > 1:
                problems.append((join_path(path, i), "has the same uid as another entry"))
            _check_scope(f.fields, join_path(path, i), item, tool, problems)
    elif f.type == "risk_answers" and isinstance(value, dict):
        _check_risk_answers(path, value, tool, problems)


def _check_risk_answers(path: str, value: dict, tool: RiskTool, problems: list) -> None:
    answers = {a.value for a in tool.answers}
    sources = {s.value for s in tool.sources}
    for qid, entry in value.items():
        spot = join_path(path, qid)
        if tool.question(qid) is None:
            problems.append((spot, f"is not a question of {tool.title}"))
            continue
        for key in ("answer", "source"):
            if not isinstance(entry.get(key, ""), str | None):
                problems.append((f"{spot}.{key}", "must be text"))
        if not isinstance(entry.get("answer"), str | None) or not isinstance(
            entry.get("source"), str | None
        ):
            continue
        if entry.get("answer") not in answers | {None, ""}:
            problems.append((spot + ".answer", f"must be one of {', '.join(sorted(answers))}"))
        if entry.get("source") not in sources | {None, ""}:
            problems.append((spot + ".source", f"must be one of {', '.join(sorted(sources))}"))
        if not isinstance(entry.get("comment", ""), str):
            problems.append((spot + ".comment", "must be text"))
        for key in set(entry) - {"answer", "comment", "source"}:
            problems.append((f"{spot}.{key}", "is not part of a risk answer"))


# ---------------------------------------------------------------- JSON Schema

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
