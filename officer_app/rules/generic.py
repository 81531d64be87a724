"""Rules every field takes part in, driven by the definition alone: the form of each value,
required answers, observations that state facts, and reasons that say something."""

from __future__ import annotations

from collections.abc import Iterator

from officer_app import fields as ft
from officer_app import wording
from officer_app.checklist import Answer
from officer_app.definition import Definition, Field
from officer_app.rules.problems import Problem
from officer_app.rules.reading import Reading
from officer_app.rules.registry import rule


@rule("format")
def rule_format(r: Reading, options: dict) -> Iterator[Problem]:
    """Every answered value is of the right form (date, choice, range, pattern, valid text)
    and a child reference names a child still on the checklist."""
    child_uids = {c.get("uid") for c in r.checklist.items("children") if isinstance(c, dict)}
    for answer in r.applicable:
        if ft.is_empty(answer.value):
            continue
        message = ft.check_value(answer.field, answer.value)
        if message is None and answer.field.type == "child_ref" and answer.value not in child_uids:
            message = (
                "does not name a child on this checklist (that child was removed): choose again"
            )
        if message:
            label = answer.field.label
            text = f"{label}: {message}" if message.startswith("'") else f"{label} {message}"
            yield r.problem(answer.path, text, "format")


def _ask(label: str, field_type: str) -> str:
    if field_type in ("yesno", "yesnounknown"):
        return f"answer '{label}'"
    if field_type in ("choice", "multichoice", "child_ref"):
        return f"choose '{label}'"
    if field_type == "risk_answers":
        return f"answer the {label.lower()}"
    return f"fill in '{label}'"


def _too_few(definition: Definition, answer: Answer, minimum: int) -> str:
    item = (answer.field.item_label or "entry").lower()
    count = "one" if minimum == 1 else str(minimum)
    text = f"record at least {count} {item}{'' if minimum == 1 else 's'} in '{answer.field.label}'."
    if definition.has_section(answer.path) and definition.section(answer.path).help:
        text += " " + definition.section(answer.path).help
    return text


def required_need(definition: Definition, answer: Answer) -> str | None:
    """What a required field or a repeat with too few entries needs, or None."""
    f = answer.field
    if f.type == "repeat":
        minimum = max(f.min_items, 1 if f.required else 0)
        count = len(answer.value) if isinstance(answer.value, list) else 0
        return _too_few(definition, answer, minimum) if count < minimum else None
    if f.required and ft.is_empty(answer.value):
        return _ask(f.label, f.type) + "."
    return None


@rule("required")
def rule_required(r: Reading, options: dict) -> Iterator[Problem]:
    """Every applicable required field is answered; every repeat has its minimum entries."""
    for answer in r.applicable:
        text = required_need(r.definition, answer)
        if text:
            short = f"{answer.field.label}: not answered"
            yield r.problem(answer.path, text, "required", short=short)


def _flagged_texts(r: Reading, flagged) -> Iterator[tuple[Answer, str]]:
    for answer in r.applicable:
        if flagged(answer.field) and isinstance(answer.value, str) and answer.value.strip():
            yield answer, answer.value


def _facts_message(f: Field) -> str:
    return (
        f"{f.label}: state the facts you observed (what you saw and heard), not only 'no concerns'."
    )


@rule("observed_facts")
def rule_observed_facts(r: Reading, options: dict) -> Iterator[Problem]:
    """Observation and opinion fields state facts, not only 'no concerns'."""
    extra = tuple(options.get("vacuous_phrases", ()))
    for answer, text in _flagged_texts(r, lambda f: f.observation or f.opinion):
        if wording.states_no_fact(text, extra):
            message = _facts_message(answer.field)
            yield r.problem(answer.path, message, "observed_facts", short="no facts stated")


@rule("stated_reasons")
def rule_stated_reasons(r: Reading, options: dict) -> Iterator[Problem]:
    """A reason or rationale says something: 'n/a', a dash or '...' is not a reason."""
    extra = tuple(options.get("placeholder_phrases", ()))
    for answer, text in _flagged_texts(r, lambda f: f.reason):
        if wording.is_placeholder(text, extra):
            message = (
                f"{answer.field.label}: write the actual reason in words; 'n/a', a dash or a "
                "placeholder is not one."
            )
            yield r.problem(answer.path, message, "stated_reasons", short="no reason in words")
