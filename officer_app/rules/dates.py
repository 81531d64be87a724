"""Rule 12: dates and times make sense. What the definition marks `after_call` (arrival,
checks, completion) does not come before the call; nothing lies more than 15 minutes in the
future (a due date may); a child's date of birth is on or before the incident and less than
18 years before it; an unborn child is due after the incident and within 10 months of it; a
call more than 31 days before the checklist is completed or submitted needs an explanation.
Messages show dates as the officer types them (dd/mm/yyyy hh:mm)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from officer_app import fields as ft
from officer_app.rules.problems import Problem, sentence
from officer_app.rules.reading import Reading
from officer_app.rules.registry import rule

CALL = "incident.call_time"
LATE = "officer.late_explanation"
FUTURE_SLACK = timedelta(minutes=15)
MAX_CHILD_AGE_YEARS = 18
MAX_DUE_DAYS = 305  # ten months: a pregnancy known at the incident is due within them


def shown(value: date | datetime) -> str:
    return value.strftime("%d/%m/%Y %H:%M" if isinstance(value, datetime) else "%d/%m/%Y")


def _parsed(value, field_type: str) -> date | datetime | None:
    try:
        if field_type == "datetime":
            return ft.parse_datetime(value)
        if field_type == "date":
            return ft.parse_date(value)
    except (TypeError, ValueError):
        return None
    return None


def _future_problems(r: Reading) -> Iterator[Problem]:
    latest = r.now + FUTURE_SLACK
    for answer in r.applicable:
        if answer.field.type not in ("date", "datetime") or answer.field.future:
            continue
        when = _parsed(answer.value, answer.field.type)
        if when is None:
            continue
        too_late = when > latest if isinstance(when, datetime) else when > latest.date()
        if too_late:
            text = (
                f"{answer.field.label} ({shown(when)}) is in the future: correct it (dates "
                "are typed dd/mm/yyyy, times hh:mm)."
            )
            yield r.problem(answer.path, text, "dates", short="date in the future")


def _before_call_problems(r: Reading) -> Iterator[Problem]:
    call = _parsed(r.value(CALL), "datetime")
    if not isinstance(call, datetime):
        return
    for answer in r.applicable:
        if not answer.field.after_call or answer.field.type != "datetime":
            continue
        when = _parsed(answer.value, "datetime")
        if isinstance(when, datetime) and when < call:
            text = (
                f"{answer.field.label} ({shown(when)}) is before the call ({shown(call)}): "
                "it cannot come before the call. Correct one of them."
            )
            yield r.problem(answer.path, text, "dates", short="before the call")


def _birth_problems(r: Reading) -> Iterator[Problem]:
    on = r.call_date
    if on is None:
        return
    earliest = _years_before(on, MAX_CHILD_AGE_YEARS)
    for e in r.entries("children"):
        born = _parsed(e.value("dob"), "date")
        if not isinstance(born, date):
            continue
        if born > on:
            text = (
                f"the date of birth ({shown(born)}) is after the incident ({shown(on)}). If "
                f"{e.ref} was not yet born, record an unborn child with the expected date."
            )
        elif born <= earliest:
            text = (
                f"the date of birth ({shown(born)}) makes {e.ref} {MAX_CHILD_AGE_YEARS} or "
                "older at the incident: check it (adults are recorded under Adults)."
            )
        else:
            continue
        yield Problem(e.path_of("dob"), sentence(e.who, text), "dates", short="date of birth wrong")
    yield from _due_problems(r, on)


def _due_problems(r: Reading, on: date) -> Iterator[Problem]:
    for e in r.entries("children"):
        due = _parsed(e.value("due_date"), "date")
        if not isinstance(due, date):
            continue
        if due < on:
            text = (
                f"the expected date of birth ({shown(due)}) is before the incident "
                f"({shown(on)}). If the child has been born, record the child as born, with "
                "the date of birth."
            )
        elif (due - on).days > MAX_DUE_DAYS:
            text = (
                f"the expected date of birth ({shown(due)}) is more than ten months after the "
                f"incident ({shown(on)}): check it."
            )
        else:
            continue
        short = "expected date wrong"
        yield Problem(e.path_of("due_date"), sentence(e.who, text), "dates", short=short)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _late_problem(r: Reading, max_days: int) -> Iterator[Problem]:
    on = r.call_date
    if on is None or not r.applies(LATE) or not ft.is_empty(r.value(LATE)):
        return
    completed = _completed(r)
    if (completed - on).days > max_days:
        label = r.by_path[LATE].field.label
        if r.checklist.submitted_at:
            when = f"before this checklist was submitted ({shown(completed)})"
        else:
            when = f"ago (today is {shown(completed)})"
        text = f"the call was on {shown(on)}, more than {max_days} days {when}: fill in '{label}'."
        yield Problem(LATE, text[:1].upper() + text[1:], "dates", short="late: not explained")


def _completed(r: Reading) -> date:
    """The day the checklist was submitted, or today for a draft."""
    submitted = r.checklist.submitted_at
    if submitted:
        try:
            return datetime.fromisoformat(submitted).date()
        except ValueError:
            pass
    return r.now.date()


@rule("dates", reads=(CALL,), optional=("children.dob", "children.due_date", LATE))
def rule_dates(r: Reading, options: dict) -> Iterator[Problem]:
    """Nothing before the call that comes after it; nothing in the future; a child's date of
    birth within 18 years before the incident and a due date within ten months after it; a
    late checklist explained (option `max_days`, default 31)."""
    said: set[str] = set()
    for problem in (
        *_before_call_problems(r),
        *_birth_problems(r),
        *_future_problems(r),
        *_late_problem(r, int(options.get("max_days", 31))),
    ):
        if problem.path not in said:  # one problem for one date
            said.add(problem.path)
            yield problem
