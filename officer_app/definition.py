"""Checklist definitions and risk tools: loading them from JSON and checking they make sense.

A definition is data under resources/checklists/ (id + version): sections, fields, repeats,
conditions and the rules that apply. A risk tool (resources/risk_tools/) is a separate file so
a force can add its own (e.g. DARA) with no code change. Definitions are loaded once and never
change: a saved checklist names the definition id and version it was filled with.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from officer_app import fields as ft
from officer_app.field_path import field_ids

GRADES = ("standard", "medium", "high")
GRADE_LABELS = {"standard": "Standard", "medium": "Medium", "high": "High"}


class DefinitionError(ValueError):
    """A definition or risk tool file that cannot be used, with where and why."""


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    extra: dict[str, Any] = field(default_factory=dict)

    def flag(self, name: str) -> Any:
        return self.extra.get(name)


@dataclass(frozen=True)
class Field:
    """One question. For a repeat, `fields` are the questions asked of each entry."""

    id: str
    type: str
    label: str
    help: str = ""
    required: bool = False
    choices: tuple[Choice, ...] = ()
    when: dict | None = None
    fields: tuple[Field, ...] = ()
    min_items: int = 0
    item_label: str = ""
    title_field: str = ""
    verbatim: bool = False
    observation: bool = False
    opinion: bool = False
    reason: bool = False  # a reason or rationale: must say something (rule stated_reasons)
    pattern: str = ""
    pattern_hint: str = ""
    max_length: int = 0
    minimum: int | None = None
    maximum: int | None = None
    placeholder: str = ""
    default: Any = None  # the value a new repeat entry starts with
    future: bool = False  # a date that may lie in the future (an expected date of birth)
    after_call: bool = False  # a date and time that cannot come before the call
    coverage: str = ""  # the part of a child's coverage it belongs to (officer_app.coverage)
    index: str = ""  # the store's summary column it feeds (officer_app.store)

    def choice_pairs(self) -> list[tuple[str, str]]:
        if self.type == "yesno":
            return list(ft.YES_NO)
        if self.type == "yesnounknown":
            return list(ft.YES_NO_UNKNOWN)
        return [(c.value, c.label) for c in self.choices]

    def choice_values(self) -> list[str]:
        return [value for value, _ in self.choice_pairs()]

    @functools.cached_property
    def allowed_values(self) -> frozenset[str]:
        """The choice values, for a quick membership test."""
        return frozenset(self.choice_values())

    def choice_label(self, value: Any) -> str:
        if not isinstance(value, str):  # not a choice at all (the format check says so)
            return str(value)
        return dict(self.choice_pairs()).get(value, value)

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def subfield(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)


@dataclass(frozen=True)
class Section:
    """A page of the form. A repeat section (adults, children) holds a list of entries."""

    id: str
    title: str
    fields: tuple[Field, ...]
    help: str = ""
    repeat: bool = False
    min_items: int = 0
    item_label: str = ""
    title_field: str = ""

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def as_field(self) -> Field:
        """A repeat section seen as a repeat field (shared walking code)."""
        return Field(
            id=self.id,
            type="repeat",
            label=self.title,
            fields=self.fields,
            min_items=self.min_items,
            item_label=self.item_label,
            title_field=self.title_field,
        )


@dataclass(frozen=True)
class Definition:
    id: str
    version: int
    title: str
    sections: tuple[Section, ...]
    rules: tuple[str, ...]
    rule_options: dict[str, dict]
    source: Path | None = None

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def has_section(self, section_id: str) -> bool:
        return any(s.id == section_id for s in self.sections)

    def field_for_path(self, path: str) -> Field | None:
        """The field a path like 'children[1].spoken_alone_reason' points at (indexes ignored)."""
        names = field_ids(path)
        if not names or not self.has_section(names[0]):
            return None
        section = self.section(names[0])
        if len(names) == 1:
            return section.as_field() if section.repeat else None
        current = section.field(names[1])
        for name in names[2:]:
            if current is None:
                return None
            if current.type == "risk_answers":
                return current
            current = current.subfield(name)
        return current


@dataclass(frozen=True)
class RiskQuestion:
    id: str
    number: int
    text: str
    help: str = ""


@dataclass(frozen=True)
class RiskTool:
    """A configured risk tool: questions, answers, thresholds and strong indicators."""

    id: str
    version: int
    title: str
    questions: tuple[RiskQuestion, ...]
    answers: tuple[Choice, ...]
    sources: tuple[Choice, ...]
    thresholds: tuple[tuple[int, str], ...]  # (minimum yes count, grade), highest first
    strong_indicators: tuple[str, ...]
    counted_answer: str = "yes"
    notes: str = ""
    source: Path | None = None

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def question(self, qid: str) -> RiskQuestion | None:
        return next((q for q in self.questions if q.id == qid), None)

    def answer_label(self, value: str) -> str:
        return next((c.label for c in self.answers if c.value == value), value)

    def source_label(self, value: str) -> str:
        return next((c.label for c in self.sources if c.value == value), value)


# ---------------------------------------------------------------- loading and checking


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DefinitionError(f"{path.name}: cannot be read ({exc})") from exc
    except json.JSONDecodeError as exc:
        raise DefinitionError(
            f"{path.name}: not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from exc
    if not isinstance(data, dict):
        raise DefinitionError(f"{path.name}: must hold a JSON object")
    return data


def _need(raw: dict, key: str, where: str, kind: type | tuple = str) -> Any:
    if key not in raw:
        raise DefinitionError(f"{where}: '{key}' is missing")
    if not isinstance(raw[key], kind):
        raise DefinitionError(f"{where}: '{key}' has the wrong type")
    return raw[key]


def _choices(raw_list: list, where: str) -> tuple[Choice, ...]:
    result = []
    for i, raw in enumerate(raw_list):
        spot = f"{where}.choices[{i}]"
        value, label = _need(raw, "value", spot), _need(raw, "label", spot)
        extra = {k: v for k, v in raw.items() if k not in ("value", "label")}
        result.append(Choice(value, label, extra))
    if len({c.value for c in result}) != len(result):
        raise DefinitionError(f"{where}: two choices share a value")
    return tuple(result)


# fmt: off
_FIELD_KEYS = {
    "help", "required", "when", "min_items", "item_label", "title_field", "verbatim",
    "observation", "opinion", "reason", "pattern", "pattern_hint", "max_length", "minimum",
    "maximum", "placeholder", "default", "future", "after_call", "coverage", "index",
}
# fmt: on


def _field(raw: dict, where: str) -> Field:
    fid = _need(raw, "id", where)
    where = f"{where}({fid})"
    ftype = _need(raw, "type", where)
    if ftype not in ft.FIELD_TYPES:
        raise DefinitionError(f"{where}: unknown field type '{ftype}'")
    unknown = set(raw) - _FIELD_KEYS - {"id", "type", "label", "choices", "fields"}
    if unknown:
        raise DefinitionError(f"{where}: unknown keys {sorted(unknown)}")
    choices = _choices(raw.get("choices", []), where)
    if ftype in ("choice", "multichoice") and not choices:
        raise DefinitionError(f"{where}: a {ftype} field needs choices")
    subfields = _fields(raw.get("fields", []), where)
    if ftype == "repeat" and not subfields:
        raise DefinitionError(f"{where}: a repeat needs fields")
    options = {k: raw[k] for k in _FIELD_KEYS if k in raw}
    return Field(
        id=fid,
        type=ftype,
        label=_need(raw, "label", where),
        choices=choices,
        fields=subfields,
        **options,
    )


def _fields(raw_list: list, where: str) -> tuple[Field, ...]:
    result = tuple(_field(raw, f"{where}.fields[{i}]") for i, raw in enumerate(raw_list))
    ids = [f.id for f in result]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        raise DefinitionError(f"{where}: field ids used twice: {sorted(dup)}")
    return result


def _check_conditions(fields_: tuple[Field, ...], where: str) -> None:
    """Every condition names a sibling field (or an absolute 'section.field') that exists."""
    sibling_ids = {f.id for f in fields_}
    for f in fields_:
        try:
            refs = _condition_refs(f.when)
        except DefinitionError as exc:
            raise DefinitionError(f"{where}.{f.id}: {exc}") from None
        for ref in refs:
            if not ref.startswith("/") and ref not in sibling_ids:
                raise DefinitionError(f"{where}.{f.id}: condition names unknown field '{ref}'")
        if f.fields:
            _check_conditions(f.fields, f"{where}.{f.id}")


def _condition_refs(cond: dict | None) -> list[str]:
    if not cond:
        return []
    if "all" in cond or "any" in cond:
        return [r for sub in cond.get("all", cond.get("any", [])) for r in _condition_refs(sub)]
    if "not" in cond:
        return _condition_refs(cond["not"])
    if "field" not in cond:
        raise DefinitionError(f"condition {cond} needs 'field' (or all/any/not)")
    return [cond["field"]]


def definition_from_dict(raw: dict, source: Path | None = None) -> Definition:
    where = source.name if source else "definition"
    sections = []
    for i, rs in enumerate(_need(raw, "sections", where, list)):
        spot = f"{where}.sections[{i}]"
        repeat = rs.get("repeat", False)
        section = Section(
            id=_need(rs, "id", spot),
            title=_need(rs, "title", spot),
            help=rs.get("help", ""),
            fields=_fields(_need(rs, "fields", spot, list), spot),
            repeat=repeat,
            min_items=rs.get("min_items", 0),
            item_label=rs.get("item_label", ""),
            title_field=rs.get("title_field", ""),
        )
        _check_conditions(section.fields, spot)
        sections.append(section)
    if len({s.id for s in sections}) != len(sections):
        raise DefinitionError(f"{where}: two sections share an id")
    rules_raw = raw.get("rules", [])
    rules = tuple(r if isinstance(r, str) else _need(r, "rule", where) for r in rules_raw)
    options = {
        r["rule"]: {k: v for k, v in r.items() if k != "rule"}
        for r in rules_raw
        if isinstance(r, dict)
    }
    version = _need(raw, "version", where, int)
    return Definition(
        id=_need(raw, "id", where),
        version=version,
        title=_need(raw, "title", where),
        sections=tuple(sections),
        rules=rules,
        rule_options=options,
        source=source,
    )


def risk_tool_from_dict(raw: dict, source: Path | None = None) -> RiskTool:
    where = source.name if source else "risk tool"
    questions = []
    for i, rq in enumerate(_need(raw, "questions", where, list)):
        spot = f"{where}.questions[{i}]"
        questions.append(
            RiskQuestion(_need(rq, "id", spot), i + 1, _need(rq, "text", spot), rq.get("help", ""))
        )
    if len({q.id for q in questions}) != len(questions):
        raise DefinitionError(f"{where}: two questions share an id")
    thresholds = []
    for rt in _need(raw, "thresholds", where, list):
        grade = _need(rt, "grade", where)
        if grade not in GRADES:
            raise DefinitionError(f"{where}: unknown grade '{grade}' (use {', '.join(GRADES)})")
        thresholds.append((_need(rt, "min_yes", where, int), grade))
    thresholds.sort(reverse=True)
    if not thresholds or thresholds[-1][0] != 0:
        raise DefinitionError(f"{where}: thresholds must include one with min_yes 0")
    indicators = tuple(raw.get("strong_indicators", []))
    unknown = [q for q in indicators if q not in {q.id for q in questions}]
    if unknown:
        raise DefinitionError(f"{where}: strong indicators name unknown questions {unknown}")
    answers = _choices(_need(raw, "answers", where, list), f"{where}.answers")
    counted = raw.get("counted_answer", "yes")
    if counted not in {a.value for a in answers}:
        raise DefinitionError(f"{where}: counted_answer '{counted}' is not one of the answers")
    return RiskTool(
        id=_need(raw, "id", where),
        version=_need(raw, "version", where, int),
        title=_need(raw, "title", where),
        questions=tuple(questions),
        answers=answers,
        sources=_choices(raw.get("sources", []), f"{where}.sources"),
        thresholds=tuple(thresholds),
        strong_indicators=indicators,
        counted_answer=counted,
        notes=raw.get("notes", ""),
        source=source,
    )


def read_definition_file(path: Path) -> Definition:
    return definition_from_dict(_read_json(path), path)


def read_risk_tool_file(path: Path) -> RiskTool:
    return risk_tool_from_dict(_read_json(path), path)
