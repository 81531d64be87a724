"""Field types: what a value of each type looks like, when it is empty, and how it reads.

Values are plain JSON: text is a str, a date "YYYY-MM-DD", a datetime "YYYY-MM-DDTHH:MM",
a time "HH:MM", an integer an int, a choice the choice's value, a multichoice a list of
values, a repeat a list of item dicts (each with a "uid"), a child_ref the uid of a child,
risk_answers a dict of question id -> {"answer", "comment", "source"}.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from officer_app.text_input import text_problem

YES_NO = (("yes", "Yes"), ("no", "No"))
YES_NO_UNKNOWN = (("yes", "Yes"), ("no", "No"), ("unknown", "Not known"))

SCALAR_TYPES = {
    "text",
    "multiline",
    "date",
    "datetime",
    "time",
    "integer",
    "choice",
    "multichoice",
    "yesno",
    "yesnounknown",
    "child_ref",
}
CONTAINER_TYPES = {"repeat", "risk_answers"}
FIELD_TYPES = SCALAR_TYPES | CONTAINER_TYPES


def is_empty(value: Any) -> bool:
    """True for an unanswered value: None, blank text, an empty list or dict."""
    if value is None:
        return True
    kind = type(value)  # exact types first: this runs for every answer after every pause
    if kind is str:
        return not value.strip()
    if kind is list or kind is dict:
        return not value
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict):
        return len(value) == 0
    return False


def parse_date(value: str) -> date:
    return date.fromisoformat(value)


def parse_datetime(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M")


def parse_time(value: str) -> time:
    return datetime.strptime(value, "%H:%M").time()


def _check_text(field, value) -> str | None:
    if not isinstance(value, str):
        return "must be text"
    invalid = text_problem(value)
    if invalid:
        return invalid
    if field.max_length and len(value) > field.max_length:
        return f"is too long ({len(value)} characters; at most {field.max_length})"
    if field.pattern and value.strip() and not re.fullmatch(field.pattern, value.strip()):
        return field.pattern_hint or "is not in the expected form"
    return None


def _check_parsed(parser: Callable[[str], Any], expected: str) -> Callable:
    def check(field, value) -> str | None:
        if not isinstance(value, str):
            return f"must be {expected}"
        try:
            parser(value)
        except ValueError:
            return f"'{value}' is not {expected}"
        return None

    return check


def _check_integer(field, value) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be a whole number"
    if field.minimum is not None and value < field.minimum:
        return f"must be at least {field.minimum}"
    if field.maximum is not None and value > field.maximum:
        return f"must be at most {field.maximum}"
    return None


def _check_choice(field, value) -> str | None:
    if not isinstance(value, str) or value not in field.allowed_values:
        allowed = ", ".join(label for _, label in field.choice_pairs())
        return f"'{value}' is not one of the choices ({allowed})"
    return None


def _check_multichoice(field, value) -> str | None:
    if not isinstance(value, list):
        return "must be a list of choices"
    for item in value:
        problem = _check_choice(field, item)
        if problem:
            return problem
    if len(set(value)) != len(value):
        return "lists a choice twice"
    return None


def _check_child_ref(field, value) -> str | None:
    if not isinstance(value, str):
        return "must name one of the children"
    return None


def _check_repeat(field, value) -> str | None:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        return "must be a list of entries"
    return None


def _check_risk_answers(field, value) -> str | None:
    if not isinstance(value, dict):
        return "must map each risk question to its answer"
    for qid, answer in value.items():
        if not isinstance(answer, dict):
            return f"the answer to '{qid}' must be an object with answer, comment and source"
    return None


_CHECKS: dict[str, Callable] = {
    "text": _check_text,
    "multiline": _check_text,
    "date": _check_parsed(parse_date, "a date (dd/mm/yyyy)"),
    "datetime": _check_parsed(parse_datetime, "a date and time (dd/mm/yyyy hh:mm)"),
    "time": _check_parsed(parse_time, "a time (hh:mm)"),
    "integer": _check_integer,
    "choice": _check_choice,
    "yesno": _check_choice,
    "yesnounknown": _check_choice,
    "multichoice": _check_multichoice,
    "child_ref": _check_child_ref,
    "repeat": _check_repeat,
    "risk_answers": _check_risk_answers,
}


# How dates and times are written in a file (the officer types dd/mm/yyyy hh:mm instead).
_IN_FILE = {
    "date": "a date written YYYY-MM-DD",
    "datetime": "a date and time written YYYY-MM-DDTHH:MM",
    "time": "a time written HH:MM",
}


def check_value(field, value: Any, in_file: bool = False) -> str | None:
    """The problem with a non-empty value for this field, in words, or None if it is fine.
    `in_file`: the value was read from a file, so a date's form is the file's, not the one
    the officer types."""
    if is_empty(value):
        return None
    problem = _CHECKS[field.type](field, value)
    if problem and in_file and field.type in _IN_FILE:
        shown = f"'{value}'" if isinstance(value, str) else "it"
        return f"{shown} is not {_IN_FILE[field.type]}"
    return problem


def display_value(field, value: Any, child_names: dict[str, str] | None = None) -> str:
    """A value as a person reads it (for the PDF, summaries and lists)."""
    if is_empty(value):
        return ""
    if field.type in ("choice", "yesno", "yesnounknown"):
        return field.choice_label(value)
    if field.type == "multichoice":
        return ", ".join(field.choice_label(v) for v in value)
    if field.type == "date":
        try:
            return parse_date(value).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if field.type == "datetime":
        try:
            return parse_datetime(value).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            return str(value)
    if field.type == "child_ref":
        return (child_names or {}).get(value, "(a child no longer on this checklist)")
    return str(value)
