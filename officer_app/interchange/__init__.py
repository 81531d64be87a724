"""The interchange format: one checklist as JSON, and its JSON Schema.

A document looks like this (documented in docs/INTERCHANGE.md):

    {"format": "officer-app/checklist", "format_version": 1, ["demo": true,]
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
Demo data (a document exported from a demo database carries `"demo": true`) is refused with
DemoDataError by a reader told `demo_allowed=False` (importing into a real database).

`values` holds the limits and the one pass over a parsed document; `schema` the JSON Schema.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from officer_app import fields as ft
from officer_app.checklist import Checklist
from officer_app.definition import Definition, DefinitionError, Field, RiskTool
from officer_app.field_path import join_path
from officer_app.interchange.schema import (
    AUDIT_KEY,
    DEMO_KEY,
    FORMAT,
    FORMAT_VERSION,
    json_schema,
    schema_file_name,
)
from officer_app.interchange.values import (
    _TOO_DEEP,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_INTEGER_DIGITS,
    MAX_PROBLEMS,
    _clean_copy,
    _json_object,
    _parse_constant,
    _parse_float,
    _parse_int,
)
from officer_app.states import STATES

if TYPE_CHECKING:
    from officer_app.library import Library


__all__ = [
    "AUDIT_KEY",
    "DEMO_KEY",
    "FORMAT",
    "FORMAT_VERSION",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INTEGER_DIGITS",
    "MAX_PROBLEMS",
    "DemoDataError",
    "InterchangeError",
    "InterchangeFileError",
    "data_problems",
    "from_dict",
    "from_json",
    "json_schema",
    "read_file",
    "schema_file_name",
    "to_dict",
    "to_json",
]


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


class DemoDataError(InterchangeError):
    """A demo document (`"demo": true`) offered where only real checklists belong."""


DEMO_REFUSED = (
    'this file holds demo data ("demo": true), not a real checklist; it can only be '
    "imported into a demo database: choose one with --db, e.g. "
    "`officer-app --db demo.sqlite import FILE`"
)


def to_dict(
    checklist: Checklist, *, demo: bool = False, witness: tuple[int, str] | None = None
) -> dict[str, Any]:
    """The document of a checklist; `demo` (a checklist of a demo database) adds
    `"demo": true` near the top; `witness` (position, head hash of the audit chain, for an
    export) adds `"audit"`."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        **({DEMO_KEY: True} if demo else {}),
        **({AUDIT_KEY: {"position": witness[0], "head": witness[1]}} if witness else {}),
        "uid": checklist.uid,
        "state": checklist.state,
        "created_at": checklist.created_at,
        "updated_at": checklist.updated_at,
        "submitted_at": checklist.submitted_at,
        "definition": {"id": checklist.definition_id, "version": checklist.definition_version},
        "risk_tool": {"id": checklist.risk_tool_id, "version": checklist.risk_tool_version},
        "data": checklist.data,
    }


def to_json(
    checklist: Checklist, *, demo: bool = False, witness: tuple[int, str] | None = None
) -> str:
    document = to_dict(checklist, demo=demo, witness=witness)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def read_file(path: Path, library: Library, *, demo_allowed: bool = True) -> Checklist:
    """Read one checklist document; InterchangeError names the file and every problem
    (InterchangeFileError when the file cannot be opened at all; DemoDataError when it holds
    demo data and `demo_allowed` is False)."""
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
    return from_json(content, library, source=source, demo_allowed=demo_allowed)


def from_json(
    text: str | bytes, library: Library, source: str = "document", *, demo_allowed: bool = True
) -> Checklist:
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
    return from_dict(raw, library, source, demo_allowed=demo_allowed)


def from_dict(
    raw: Any, library: Library, source: str = "document", *, demo_allowed: bool = True
) -> Checklist:
    """A checklist from a parsed document. `raw` is not changed: the checklist gets a copy
    whose strings have "\n" line endings. A demo document (`"demo": true`) is refused with
    DemoDataError unless `demo_allowed`."""
    doc, problems = _clean_copy(raw)
    if problems:
        raise InterchangeError(source, problems)
    if not isinstance(doc, dict):
        raise InterchangeError(source, [("", "must be a JSON object")])
    problems = _envelope_problems(doc)
    if problems:
        raise InterchangeError(source, problems)
    if doc.get(DEMO_KEY) is True and not demo_allowed:
        raise DemoDataError(source, [(DEMO_KEY, DEMO_REFUSED)])
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


def _envelope_problems(raw: dict) -> list[tuple[str, str]]:
    problems = []
    if raw.get("format") != FORMAT:
        problems.append(("format", f"must be '{FORMAT}'"))
    if raw.get("format_version") != FORMAT_VERSION:
        problems.append(("format_version", f"must be {FORMAT_VERSION}"))
    if DEMO_KEY in raw and not isinstance(raw[DEMO_KEY], bool):
        problems.append((DEMO_KEY, "must be true (demo data) or false (a real checklist)"))
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
    message = ft.check_value(f, value, in_file=True)
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
