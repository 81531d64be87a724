"""Rule 12: dates and times make sense. Officers arrive after the call; nothing lies more than
15 minutes in the future (a due date may); a child's date of birth is on or before the
incident and less than 18 years before it; a call more than 31 days before the checklist is
completed or submitted needs an explanation. Messages show dates as the officer types them
(dd/mm/yyyy hh:mm)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from officer_app import fields as ft
from officer_app.rules.problems import Problem, sentence
from officer_app.rules.reading import Reading
from officer_app.rules.registry import rule

CALL, ARRIVAL = "incident.call_time", "incident.arrival_time"
LATE = "officer.late_explanation"
FUTURE_SLACK = timedelta(minutes=15)
MAX_CHILD_AGE_YEARS = 18


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
            yield Problem(
                answer.path,
                sentence(r.owner(answer.path), text),
                "dates",
                short="date in the future",
            )


def _arrival_problem(r: Reading) -> Iterator[Problem]:
    call, arrival = _parsed(r.value(CALL), "datetime"), _parsed(r.value(ARRIVAL), "datetime")
    if isinstance(call, datetime) and isinstance(arrival, datetime) and arrival < call:
        label = r.by_path[ARRIVAL].field.label
        text = (
            f"{label} ({shown(arrival)}) is before the call ({shown(call)}): officers "
            "arrive after the call. Correct one of them."
        )
        yield Problem(ARRIVAL, text, "dates", short="arrival before the call")


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
        text = (
            f"the call was on {shown(on)}, more than {max_days} days before this checklist "
            f"was completed ({shown(completed)}): fill in '{label}'."
        )
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


@rule("dates", reads=(CALL, ARRIVAL), optional=("children.dob", LATE))
def rule_dates(r: Reading, options: dict) -> Iterator[Problem]:
    """Arrival not before the call; nothing in the future; a child's date of birth within 18
    years before the incident; a late checklist explained (option `max_days`, default 31)."""
    said: set[str] = set()
    for problem in (
        *_arrival_problem(r),
        *_birth_problems(r),
        *_future_problems(r),
        *_late_problem(r, int(options.get("max_days", 31))),
    ):
        if problem.path not in said:  # one problem for one date
            said.add(problem.path)
            yield problem
