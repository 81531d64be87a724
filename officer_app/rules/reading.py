"""One reading of a checklist that every rule shares: a single walk of the definition, the
answers by path, the repeat entries with their applicable answers, who is who, and the form
order. Built once per check, so every rule is linear in the size of the checklist."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Any

from officer_app import fields as ft
from officer_app import wording
from officer_app.checklist import Answer, Checklist, walk
from officer_app.definition import Definition, Field, RiskTool
from officer_app.field_path import build_path, join_path, parse_path
from officer_app.rules.problems import Problem, sentence


@dataclass(frozen=True)
class Entry:
    """One entry of a repeat (a child, an adult, a check) with its applicable answers."""

    path: str  # "children[1]"
    index: int
    item: dict
    answers: dict[str, Answer]  # field id -> answer, only fields whose condition holds
    who: str  # "Amelia Krężołek", or "Child 2" when there is no name
    ref: str  # "Amelia", or "this child": how the message body names the entry

    def applies(self, field_id: str) -> bool:
        return field_id in self.answers

    def value(self, field_id: str) -> Any:
        answer = self.answers.get(field_id)
        return answer.value if answer else None

    def text(self, field_id: str) -> str:
        return text_of(self.value(field_id))

    def missing(self, field_id: str) -> bool:
        """The field applies and is unanswered."""
        return self.applies(field_id) and ft.is_empty(self.value(field_id))

    def path_of(self, field_id: str) -> str:
        return join_path(self.path, field_id)

    def choice_flag(self, field_id: str, flag: str) -> Any:
        """A flag the definition sets on the chosen answer (e.g. 'supervisor')."""
        answer = self.answers.get(field_id)
        if answer is None or not isinstance(answer.value, str):
            return None
        choice = answer.field.choice(answer.value)
        return choice.flag(flag) if choice else None


def text_of(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def entry_name(repeat: Field, item: Any) -> str:
    """The name a repeat entry goes by: its title field's text ('Kacper Łuczak'), or '' when
    the title is not typed text (a chosen system, a child reference) or not filled in."""
    title = repeat.subfield(repeat.title_field) if repeat.title_field else None
    if title is None or title.type != "text" or not isinstance(item, dict):
        return ""
    return text_of(item.get(title.id))


@dataclass
class Reading:
    """A checklist as the rules read it. `now` is when the check runs (dates in the future)."""

    checklist: Checklist
    definition: Definition
    tool: RiskTool
    now: datetime
    applicable: list[Answer] = field(init=False)  # the fields that apply, in form order
    by_path: dict[str, Answer] = field(init=False)
    order: dict[str, int] = field(init=False)
    _entries: dict[str, list[Entry]] = field(init=False)

    def __post_init__(self) -> None:
        self.applicable = list(walk(self.checklist, self.definition))
        self.by_path = {a.path: a for a in self.applicable}
        # problems fall on fields that apply (or inside one: risk.answers.<question>)
        self.order = {path: n for n, path in enumerate(self.by_path)}
        self._entries = self._group_entries()

    def _group_entries(self) -> dict[str, list[Entry]]:
        grouped: dict[str, dict[str, Answer]] = {}
        for answer in self.applicable:
            if answer.entry:  # a field of a repeat entry: its path is entry + "." + field id
                grouped.setdefault(answer.entry, {})[answer.field.id] = answer
        result: dict[str, list[Entry]] = {}
        for answer in self.applicable:
            if answer.field.type != "repeat" or not isinstance(answer.value, list):
                continue
            result[answer.path] = [
                self._entry(answer, i, item, grouped.get(join_path(answer.path, i), {}))
                for i, item in enumerate(answer.value)
                if isinstance(item, dict)
            ]
        return result

    @staticmethod
    def _entry(repeat: Answer, index: int, item: dict, answers: dict[str, Answer]) -> Entry:
        item_label = repeat.field.item_label or "Entry"
        name = entry_name(repeat.field, item)
        who = name or f"{item_label} {index + 1}"
        ref = name.split()[0] if name else f"this {item_label.lower()}"
        return Entry(join_path(repeat.path, index), index, item, answers, who, ref)

    def entries(self, repeat_path: str) -> list[Entry]:
        """The entries of a repeat ("children", "incident.intel_checks"); [] if it does not
        apply or the definition has no such repeat."""
        return self._entries.get(repeat_path, [])

    def value(self, path: str) -> Any:
        answer = self.by_path.get(path)
        return answer.value if answer else None

    def applies(self, path: str) -> bool:
        return path in self.by_path

    @cached_property
    def voices(self) -> wording.Voices:
        """Everyone named on the checklist, for the wording checks (built once)."""
        adults = [
            wording.Person(e.who, "adult", text_of(e.item.get("role")))
            for e in self.entries("adults")
            if text_of(e.item.get("name"))
        ]
        children = [
            wording.Person(e.who, "child")
            for e in self.entries("children")
            if text_of(e.item.get("name"))
        ]
        return wording.Voices.of(adults + children)

    @cached_property
    def call_date(self) -> date | None:
        """The date of the call, if recorded and valid: the day ages are counted on."""
        return incident_date(self.checklist)

    def owner(self, path: str) -> str:
        """Who or what a path belongs to: 'Kacper Łuczak', 'Child 2', 'Officer 1',
        'Anna Łuczak, relationship 2'; '' for a field outside any repeat entry."""
        try:
            parts = parse_path(path)
        except ValueError:
            return ""
        labels = []
        for k, part in enumerate(parts):
            if not isinstance(part, int):
                continue
            repeat = self.definition.field_for_path(build_path(parts[:k]))
            item = self.checklist.get(build_path(parts[: k + 1]))
            item_label = (repeat.item_label if repeat else "") or "Entry"
            name = entry_name(repeat, item) if repeat else ""
            if k == 1 and name:
                labels.append(name)
            else:
                labels.append(f"{item_label if not labels else item_label.lower()} {part + 1}")
        return ", ".join(labels)

    def problem(self, path: str, text: str, rule: str, **kwargs: Any) -> Problem:
        """A problem at a path, its message starting with whose answer it is."""
        return Problem(path, sentence(self.owner(path), text), rule, **kwargs)

    def position(self, path: str) -> int:
        """The form position of a path, or of its nearest ancestor ('risk.answers.x')."""
        try:
            parts = parse_path(path)
        except ValueError:
            return len(self.order)
        for n in range(len(parts), 0, -1):
            position = self.order.get(build_path(parts[:n]))
            if position is not None:
                return position
        return len(self.order)


def incident_date(checklist: Checklist) -> date | None:
    """The date of the call, if it is recorded and valid."""
    try:
        return ft.parse_datetime(checklist.get("incident.call_time")).date()
    except (TypeError, ValueError):
        return None


def whole_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def child_age(values: dict, on: date | None) -> int | None:
    """Age in whole years on a date, from the date of birth, else the estimated age."""
    dob = values.get("dob")
    if on is not None and isinstance(dob, str):
        try:
            born = ft.parse_date(dob)
        except ValueError:
            born = None
        if born is not None and born <= on:
            return whole_years(born, on)
    estimate = values.get("estimated_age")
    return estimate if isinstance(estimate, int) and not isinstance(estimate, bool) else None
