"""A filled checklist: answers by field path, repeat entries, state and version.

Answers live in `data`, shaped like the definition: {"incident": {...}, "adults": [{...}],
"children": [{...}], ...}. A path names one answer: "incident.reference",
"children[1].spoken_alone_reason", "incident.intel_checks[0].system".
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from officer_app import fields as ft
from officer_app.definition import Definition, Field, Section
from officer_app.field_path import join_path, parse_path
from officer_app.states import DRAFT


def new_uid() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass
class Checklist:
    """One checklist as filled, with the definition (id, version) it was filled with.

    `version` counts saves: the store refuses a save whose version is not the stored one, so a
    stale copy never overwrites a newer one.
    """

    definition_id: str
    definition_version: int
    risk_tool_id: str
    risk_tool_version: int
    data: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
    uid: str = field(default_factory=new_uid)
    state: str = DRAFT
    version: int = 0
    created_at: str = field(default_factory=now_iso)
    updated_at: str = ""
    submitted_at: str = ""

    def get(self, path: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in parse_path(path):
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    return default
            elif not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def set(self, path: str, value: Any) -> None:
        """Set one answer, creating the section dict on the way. Repeat entries must exist."""
        parts = parse_path(path)
        node: Any = self.data
        for part, nxt in zip(parts, parts[1:], strict=False):
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    raise KeyError(f"{path}: there is no entry {part + 1}")
                node = node[part]
            else:
                if part not in node or node[part] is None:
                    node[part] = [] if isinstance(nxt, int) else {}
                node = node[part]
        last = parts[-1]
        if isinstance(last, int):
            node[last] = value
        else:
            node[last] = value

    def items(self, repeat_path: str) -> list[dict]:
        value = self.get(repeat_path)
        return value if isinstance(value, list) else []

    def add_item(self, repeat_path: str, values: dict | None = None) -> int:
        """Append an entry to a repeat (a child, an adult, an officer); returns its index."""
        entries = self.get(repeat_path)
        if not isinstance(entries, list):
            entries = []
            self.set(repeat_path, entries)
        entries.append({"uid": new_uid(), **(values or {})})
        return len(entries) - 1

    def remove_item(self, repeat_path: str, index: int) -> dict:
        return self.items(repeat_path).pop(index)

    def move_item(self, repeat_path: str, index: int, new_index: int) -> None:
        entries = self.items(repeat_path)
        entries.insert(new_index, entries.pop(index))

    def child_names(self) -> dict[str, str]:
        """Child uid -> name (or 'Child N'), for child_ref answers."""
        names = {}
        for i, child in enumerate(self.items("children")):
            names[child.get("uid", "")] = (child.get("name") or "").strip() or f"Child {i + 1}"
        return names

    def copy(self) -> Checklist:
        return copy.deepcopy(self)


def new_checklist(definition: Definition, risk_tool_id: str, risk_tool_version: int) -> Checklist:
    """An empty draft for the given definition: each section present, repeats empty."""
    data: dict[str, Any] = {}
    for section in definition.sections:
        data[section.id] = [] if section.repeat else {}
    return Checklist(definition.id, definition.version, risk_tool_id, risk_tool_version, data)


# ---------------------------------------------------------------- conditions


def condition_holds(cond: dict | None, scope: dict, root: dict) -> bool:
    """Evaluate a field's `when` against its sibling answers (`scope`) or, for a name
    starting with '/', an absolute path in the whole checklist (`root`)."""
    if not cond:
        return True
    if "all" in cond:
        return all(condition_holds(c, scope, root) for c in cond["all"])
    if "any" in cond:
        return any(condition_holds(c, scope, root) for c in cond["any"])
    if "not" in cond:
        return not condition_holds(cond["not"], scope, root)
    ref = cond["field"]
    if ref.startswith("/"):
        value = Checklist("", 0, "", 0, root).get(ref[1:])
    else:
        value = scope.get(ref) if isinstance(scope, dict) else None
    return _test(cond, value)


def _test(cond: dict, value: Any) -> bool:
    if "equals" in cond:
        return value == cond["equals"]
    if "not_equals" in cond:
        return value != cond["not_equals"]
    if "in" in cond:
        return value in cond["in"]
    if "not_in" in cond:
        return value not in cond["not_in"]
    if "contains" in cond:
        return isinstance(value, list) and cond["contains"] in value
    if "answered" in cond:
        return (not ft.is_empty(value)) == bool(cond["answered"])
    if "not_matches" in cond:
        return not (
            isinstance(value, str) and re.fullmatch(cond["not_matches"], value.strip(), re.I)
        )
    raise ValueError(f"condition {cond} has no test")


# ---------------------------------------------------------------- walking


@dataclass(frozen=True)
class Answer:
    """One field at one path, with its value and whether it applies (its condition holds)."""

    path: str
    field: Field
    value: Any
    applies: bool
    scope: dict


def walk(
    checklist: Checklist, definition: Definition, only_applicable: bool = True
) -> Iterator[Answer]:
    """Every field of the checklist in definition order, repeats expanded entry by entry.
    A field inside a repeat entry or group that does not apply never applies either."""
    root = checklist.data
    for section in definition.sections:
        value = root.get(section.id)
        if section.repeat:
            yield from _walk_repeat(
                section.as_field(), section.id, value, True, root, only_applicable
            )
        else:
            scope = value if isinstance(value, dict) else {}
            yield from _walk_fields(section.fields, section.id, scope, True, root, only_applicable)


def _walk_fields(fields_, prefix, scope, parent_applies, root, only_applicable) -> Iterator[Answer]:
    # A field that does not apply counts as unanswered in the conditions after it, so a stale
    # answer left in a hidden field (spoken_to "yes" for a pre-verbal infant) opens nothing.
    visible = dict(scope) if isinstance(scope, dict) else {}
    for f in fields_:
        applies = parent_applies and condition_holds(f.when, visible, root)
        if not applies:
            visible.pop(f.id, None)
        if only_applicable and not applies:
            continue
        path = join_path(prefix, f.id)
        value = scope.get(f.id)
        if f.type == "repeat":
            yield from _walk_repeat(f, path, value, applies, root, only_applicable, scope)
        else:
            yield Answer(path, f, value, applies, scope)


def _walk_repeat(f, path, value, applies, root, only_applicable, scope=None) -> Iterator[Answer]:
    yield Answer(path, f, value, applies, scope if scope is not None else root)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield from _walk_fields(
                    f.fields, join_path(path, i), item, applies, root, only_applicable
                )


def section_of(definition: Definition, path: str) -> Section:
    return definition.section(str(parse_path(path)[0]))
