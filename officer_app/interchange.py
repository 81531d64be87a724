"""The interchange format: one checklist as JSON, and its JSON Schema.

A document looks like this (documented in docs/INTERCHANGE.md):

    {"format": "officer-app/checklist", "format_version": 1,
     "uid": "...", "state": "submitted", "created_at": "...", "updated_at": "...",
     "submitted_at": "...",
     "definition": {"id": "child-da-attendance", "version": 1},
     "risk_tool": {"id": "dash-topics", "version": 1},
     "data": {"incident": {...}, "adults": [...], "children": [...], ...}}

Reading a document checks its shape against the definition it names and reports every
problem with the field path; it never returns a half-read checklist. Whatever the input, a
reader raises nothing but InterchangeError: the file size, the nesting depth and numbers are
bounded, text that cannot be stored (lone surrogates, control characters) is refused with its
path, line endings are made "\n", and every check is linear in the size of the document.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from officer_app import fields as ft
from officer_app.checklist import Checklist
from officer_app.definition import Definition, DefinitionError, Field, RiskTool
from officer_app.field_path import Part, build_path, join_path
from officer_app.states import STATES
from officer_app.text_input import key_problem, normalise_text, text_problem

if TYPE_CHECKING:
    from officer_app.library import Library

FORMAT = "officer-app/checklist"
FORMAT_VERSION = 1

# Limits on what a reader accepts. A real checklist is a few tens of kilobytes, six
# levels deep, and its numbers are ages and counts.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 64  # lists and objects inside one another, the document itself counting as one
MAX_INTEGER_DIGITS = 15  # below 2**53: every reader of JSON keeps such an integer exact
MAX_PROBLEMS = 1000  # listed; beyond this one line says how many more there are

_INTEGER_LIMIT = 10**MAX_INTEGER_DIGITS
_TOO_DEEP = f"is nested too deeply (more than {MAX_DEPTH} levels of lists and objects)"
_TOO_LONG = f"is a number with more than {MAX_INTEGER_DIGITS} digits"
_NOT_WHOLE = "is a number with a fraction or an exponent (only whole numbers are accepted)"
_NOT_A_NUMBER = "is NaN or Infinity, which JSON does not allow"
_KEY_NOT_TEXT = "has a field name that is not text"


class InterchangeError(ValueError):
    """A document that cannot be read as a checklist; `problems` lists (path, message)."""

    def __init__(self, source: str, problems: list[tuple[str, str]]):
        if len(problems) > MAX_PROBLEMS:
            unlisted = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], ("", f"and {unlisted} more problem(s)")]
        self.source = source
        self.problems = problems
        listed = "; ".join(f"{p}: {m}" if p else m for p, m in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{source}: {listed}{more}")


class InterchangeFileError(InterchangeError):
    """The file itself could not be opened or read: missing, a folder, no permission."""


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
    """Read one checklist document; InterchangeError names the file and every problem
    (InterchangeFileError when the file cannot be opened at all)."""
    source = str(path)
    try:
        with open(path, "rb") as file:
            content = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InterchangeFileError(source, [("", "file not found")]) from None
    except IsADirectoryError:
        raise InterchangeFileError(source, [("", "is a folder, not a file")]) from None
    except PermissionError:
        raise InterchangeFileError(source, [("", "cannot be read: permission denied")]) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InterchangeFileError(source, [("", f"cannot be read ({reason})")]) from None
    return from_json(content, library, source=source)


def from_json(text: str | bytes, library: Library, source: str = "document") -> Checklist:
    """A checklist from the text of a document (bytes are read as UTF-8)."""
    if len(text) > MAX_FILE_BYTES:
        raise InterchangeError(source, [("", _too_large())])
    if isinstance(text, bytes | bytearray):
        text = _decode(bytes(text), source)
    try:
        raw = json.loads(
            text.removeprefix("\ufeff"),
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
            object_pairs_hook=_json_object,
        )
    except json.JSONDecodeError as exc:
        problem = f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        raise InterchangeError(source, [("", problem)]) from None
    except RecursionError:  # json.loads recurses once per level: ~1,000 levels end here
        raise InterchangeError(source, [("", _TOO_DEEP)]) from None
    except ValueError as exc:  # e.g. Python's limit on the digits of an integer
        problem = f"contains a value that cannot be read ({type(exc).__name__})"
        raise InterchangeError(source, [("", problem)]) from None
    return from_dict(raw, library, source)


def from_dict(raw: Any, library: Library, source: str = "document") -> Checklist:
    """A checklist from a parsed document. `raw` is not changed: the checklist gets a copy
    whose strings have "\n" line endings."""
    doc, problems = _clean_copy(raw)
    if problems:
        raise InterchangeError(source, problems)
    if not isinstance(doc, dict):
        raise InterchangeError(source, [("", "must be a JSON object")])
    problems = _envelope_problems(doc)
    if problems:
        raise InterchangeError(source, problems)
    try:
        definition = library.definition(doc["definition"]["id"], doc["definition"]["version"])
        tool = library.risk_tool(doc["risk_tool"]["id"], doc["risk_tool"]["version"])
    except DefinitionError as exc:
        raise InterchangeError(source, [("definition", str(exc))]) from None
    problems = data_problems(doc["data"], definition, tool)
    if problems:
        raise InterchangeError(source, problems)
    return Checklist(
        definition_id=definition.id,
        definition_version=definition.version,
        risk_tool_id=tool.id,
        risk_tool_version=tool.version,
        data=doc["data"],
        uid=doc["uid"],
        state=doc["state"],
        created_at=doc.get("created_at") or "",
        updated_at=doc.get("updated_at") or "",
        submitted_at=doc.get("submitted_at") or "",
    )


def _decode(content: bytes, source: str) -> str:
    try:
        return content.decode("utf-8-sig")  # a byte order mark (Windows Notepad) is allowed
    except UnicodeDecodeError as exc:
        problem = (
            f"cannot be read as text: it is not UTF-8 (byte 0x{content[exc.start]:02X} at "
            f"position {exc.start}); save it as UTF-8"
        )
        raise InterchangeError(source, [("", problem)]) from None


def _too_large() -> str:
    return (
        f"is too large (more than {MAX_FILE_BYTES // (1024 * 1024)} MB); a checklist is far smaller"
    )


# ---------------------------------------------------------------- values from outside


class _Refused:
    """Stands in for a value that is refused (a number json.loads was not allowed to convert,
    a field name) until its turn comes to be reported with its path."""

    __slots__ = ("problem",)

    def __init__(self, problem: str):
        self.problem = problem


class _Twins(dict):
    """A JSON object that gave the same name more than once (json.loads keeps the last)."""

    twins: list[str]


def _parse_int(digits: str) -> int | _Refused:
    if len(digits) - digits.startswith("-") > MAX_INTEGER_DIGITS:
        return _Refused(_TOO_LONG)  # never int(): Python refuses strings over 4,300 digits
    return int(digits)


def _parse_float(_text: str) -> _Refused:
    return _Refused(_NOT_WHOLE)


def _parse_constant(_name: str) -> _Refused:
    return _Refused(_NOT_A_NUMBER)


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    twins = _Twins(obj)
    twins.twins = sorted(name for name, n in Counter(k for k, _ in pairs).items() if n > 1)
    return twins


_Chain = tuple[Any, Part] | None


def _document_path(chain: _Chain) -> str:
    """The path of a place in the document as problems name it: the answers without the
    leading 'data.' ("children[0].name"), the envelope by its key ("uid")."""
    parts: list[Part] = []
    while chain is not None:
        chain, part = chain
        parts.append(part)
    parts.reverse()
    if len(parts) > 1 and parts[0] == "data":
        parts = parts[1:]
    return build_path(parts)


def _clean_copy(raw: Any) -> tuple[Any, list[tuple[str, str]]]:
    """A copy of a document with its line endings made one, and the problems of its values
    that no definition allows: text that cannot be stored, numbers out of bounds, nesting too
    deep, names given twice, values that are not JSON. One pass, no recursion."""
    found: list[tuple[_Chain, str]] = []
    result: list[Any] = [None]
    # (value, where its copy goes, the slot there, its path as a chain, containers around it)
    stack: list[tuple[Any, Any, Any, _Chain, int]] = [(raw, result, 0, None, 0)]
    while stack:
        value, target, slot, chain, depth = stack.pop()
        if isinstance(value, str):
            value = normalise_text(value)
            problem = text_problem(value)
            if problem:
                found.append((chain, problem))
            target[slot] = value
        elif value is None or isinstance(value, bool):
            target[slot] = value
        elif isinstance(value, int):
            if not -_INTEGER_LIMIT < value < _INTEGER_LIMIT:
                found.append((chain, _TOO_LONG))
            target[slot] = value
        elif isinstance(value, float):
            found.append((chain, _NOT_WHOLE if math.isfinite(value) else _NOT_A_NUMBER))
        elif isinstance(value, _Refused):
            found.append((chain, value.problem))
        elif isinstance(value, dict | list) and depth >= MAX_DEPTH:
            found.append((chain, _TOO_DEEP))
        elif isinstance(value, dict):
            copy: dict[str, Any] = {}
            target[slot] = copy
            for name in getattr(value, "twins", ()):
                if text_problem(normalise_text(name)) is None:
                    found.append((chain, f"gives the field '{name}' more than once"))
            children: list[tuple[Any, Any, Any, _Chain, int]] = []
            for key, child in value.items():
                if not isinstance(key, str):
                    children.append((_Refused(_KEY_NOT_TEXT), None, None, chain, depth))
                    continue
                key = normalise_text(key)
                problem = text_problem(key)
                if problem:  # reported in its turn, as the values around it are
                    children.append((_Refused(key_problem(problem)), None, None, chain, depth))
                    continue
                copy[key] = None
                children.append((child, copy, key, (chain, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(value, list):
            copied: list[Any] = [None] * len(value)
            target[slot] = copied
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], copied, i, (chain, i), depth + 1))
        else:
            found.append((chain, f"is not a JSON value ({type(value).__name__})"))
    return result[0], [(_document_path(chain), problem) for chain, problem in found]


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
            and not isinstance(ref.get("version"), bool)
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
        entries = [item for item in value if isinstance(item, dict)]
        uids = Counter(item["uid"] for item in entries if isinstance(item.get("uid"), str))
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                problems.append((join_path(path, i), "must be an entry (an object of answers)"))
                continue
            if not isinstance(item.get("uid"), str) or not item["uid"]:
                problems.append((join_path(path, i), "needs a uid"))
            elif uids[item["uid"]] > 1:
                problems.append((join_path(path, i), "has the same uid as another entry"))
            _check_scope(f.fields, join_path(path, i), item, tool, problems)
    elif f.type == "risk_answers" and isinstance(value, dict):
        _check_risk_answers(path, value, tool, problems)


def _check_risk_answers(path: str, value: dict, tool: RiskTool, problems: list) -> None:
    answers = {a.value for a in tool.answers}
    sources = {s.value for s in tool.sources}
    questions = {q.id for q in tool.questions}
    for qid, entry in value.items():
        spot = join_path(path, qid)
        if qid not in questions:
            problems.append((spot, f"is not a question of {tool.title}"))
            continue
        if not isinstance(entry, dict):
            problems.append((spot, "must be an object with answer, comment and source"))
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
        for key in sorted(set(entry) - {"answer", "comment", "source"}):
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
