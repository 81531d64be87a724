"""A filled checklist: answers by field path, repeat entries, state and version.

Answers live in `data`, shaped like the definition: {"incident": {...}, "adults": [{...}],
"children": [{...}], ...}. A path names one answer: "incident.reference",
"children[1].spoken_alone_reason", "incident.intel_checks[0].system".
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from officer_app import fields as ft
from officer_app.definition import Definition, Field, Section
from officer_app.field_path import join_path, parse_path
from officer_app.states import DRAFT
from officer_app.wording import is_english


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
    # the account name of the officer who started it ("" before accounts existed)
    owner: str = ""

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
    return compiled(cond)(scope if isinstance(scope, dict) else {}, root)


Predicate = Callable[[dict, dict], bool]
_COMPILED: dict[int, tuple[dict, Predicate]] = {}  # id(cond) -> (cond kept alive, predicate)


def compiled(cond: dict) -> Predicate:
    """A condition turned into a function once (the walk evaluates it for every entry)."""
    found = _COMPILED.get(id(cond))
    if found is None or found[0] is not cond:
        found = (cond, _compile(cond))
        _COMPILED[id(cond)] = found
    return found[1]


def _compile(cond: dict) -> Predicate:
    if "all" in cond:
        every = [_compile(c) for c in cond["all"]]
        return lambda scope, root: all(part(scope, root) for part in every)
    if "any" in cond:
        some = [_compile(c) for c in cond["any"]]
        return lambda scope, root: any(p(scope, root) for p in some)
    if "not" in cond:
        inner = _compile(cond["not"])
        return lambda scope, root: not inner(scope, root)
    ref, test = cond["field"], _tester(cond)
    if ref.startswith("/"):
        absolute = ref[1:]
        return lambda scope, root: test(Checklist("", 0, "", 0, root).get(absolute))
    return lambda scope, root: test(scope.get(ref))


def _tester(cond: dict) -> Callable[[Any], bool]:
    """The test of one condition on one value."""
    if "equals" in cond:
        target = cond["equals"]
        return lambda value: value == target
    if "not_equals" in cond:
        target = cond["not_equals"]
        return lambda value: value != target
    if "in" in cond:
        allowed = cond["in"]
        return lambda value: value in allowed
    if "not_in" in cond:
        refused = cond["not_in"]
        return lambda value: value not in refused
    if "contains" in cond:
        item = cond["contains"]
        return lambda value: isinstance(value, list) and item in value
    if "answered" in cond:
        wanted = bool(cond["answered"])
        return lambda value: (not ft.is_empty(value)) == wanted
    if "english" in cond:  # the one reading of "English" (officer_app.wording.is_english)
        english = bool(cond["english"])
        return lambda value: not ft.is_empty(value) and is_english(value) == english
    if "not_matches" in cond:
        pattern = re.compile(cond["not_matches"], re.I)
        return lambda value: not (isinstance(value, str) and pattern.fullmatch(value.strip()))
    raise ValueError(f"condition {cond} has no test")


# ---------------------------------------------------------------- walking


class Answer(NamedTuple):
    """One field at one path, with its value and whether it applies (its condition holds).
    (A named tuple: the walk makes one for every field of every entry.)"""

    path: str
    field: Field
    value: Any
    applies: bool
    scope: dict
    entry: str = ""  # the repeat entry the field belongs to ("children[1]"), "" outside one


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


_PLANS: dict[int, tuple[tuple, list[tuple[Field, Predicate | None]]]] = {}


def _plan(fields_: tuple[Field, ...]) -> list[tuple[Field, Predicate | None]]:
    """Each field with its compiled condition, made once per tuple of fields."""
    found = _PLANS.get(id(fields_))
    if found is None or found[0] is not fields_:
        found = (fields_, [(f, compiled(f.when) if f.when else None) for f in fields_])
        _PLANS[id(fields_)] = found
    return found[1]


def _walk_fields(
    fields_, prefix, scope, parent_applies, root, only_applicable, entry=""
) -> Iterator[Answer]:
    # A field that does not apply counts as unanswered in the conditions after it, so a stale
    # answer left in a hidden field (spoken_to "yes" for a pre-verbal infant) opens nothing.
    if not isinstance(scope, dict):
        scope = {}
    visible = dict(scope)
    for f, holds in _plan(fields_):
        applies = parent_applies and (holds is None or holds(visible, root))
        if not applies:
            visible.pop(f.id, None)
            if only_applicable:
                continue
        path = f"{prefix}.{f.id}"
        if f.type == "repeat":
            value = scope.get(f.id)
            yield from _walk_repeat(f, path, value, applies, root, only_applicable, scope, entry)
        else:
            yield Answer(path, f, scope.get(f.id), applies, scope, entry)


def _walk_repeat(
    f, path, value, applies, root, only_applicable, scope=None, entry=""
) -> Iterator[Answer]:
    yield Answer(path, f, value, applies, scope if scope is not None else root, entry)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                item_path = join_path(path, i)
                yield from _walk_fields(
                    f.fields, item_path, item, applies, root, only_applicable, item_path
                )


def section_of(definition: Definition, path: str) -> Section:
    return definition.section(str(parse_path(path)[0]))


def indexed_values(data: dict, definition: Definition) -> dict[str, list[str]]:
    """The text of every field the definition marks with `index` ("reference", "name", ...),
    by mark, in form order: what the store's summary columns and search are made of."""
    found: dict[str, list[str]] = {}
    holder = Checklist("", 0, "", 0, data)
    for answer in walk(holder, definition, only_applicable=False):
        mark, value = answer.field.index, answer.value
        if mark and isinstance(value, str) and value.strip():
            found.setdefault(mark, []).append(value.strip())
    return found
