"""The SQL of the list: the columns of a row, the order, and the WHERE clause of the filters."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from officer_app.permissions import OFFICER, SUPERVISOR, User
from officer_app.states import APPROVED_STATES, STATES
from officer_app.store.errors import StoreError
from officer_app.text_search import LIKE_ESCAPE, like_pattern, query_terms

ROW_SQL = (
    "SELECT id, uid, reference, incident_time, address, postcode, children_count, risk_grade,"
    " state, version, created_at, updated_at, definition_id || '@' || definition_version, people,"
    " submitted_at, children, adults, officers, coverage, owner FROM checklists"
)
LOAD_SQL = (
    "SELECT id, uid, definition_id, definition_version, risk_tool_id, risk_tool_version, state,"
    " version, created_at, updated_at, submitted_at, data, owner FROM checklists WHERE id = ?"
)
# A checklist with no call time yet (a fresh draft) comes first, then newest incident first.
ORDER_SQL = " ORDER BY incident_time = '' DESC, incident_time DESC, id DESC"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: str) -> date:
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise StoreError(f"'{value}' is not a date written as YYYY-MM-DD.") from None


def filters(
    state: str | None,
    search: str | None,
    date_from: str | None,
    date_to: str | None,
    checklist_id: int | None = None,
    user: User | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE clause and its parameters for the list filters (and one checklist's id),
    narrowed to what `user` may read (permissions.may_read)."""
    clauses: list[str] = []
    params: list[Any] = []
    if user is not None and user.role == OFFICER:
        clauses.append("(owner = ? OR owner = '')")  # '': written before accounts existed
        params.append(user.name)
    elif user is not None and user.role != SUPERVISOR:
        clauses.append(f"state IN ({', '.join('?' * len(APPROVED_STATES))})")
        params += list(APPROVED_STATES)
    if checklist_id is not None:
        clauses.append("id = ?")
        params.append(checklist_id)
    if state is not None:
        if state not in STATES:
            raise StoreError(f"'{state}' is not a checklist state ({', '.join(STATES)}).")
        clauses.append("state = ?")
        params.append(state)
    for term in query_terms(search or ""):
        clauses.append(f"search LIKE ? ESCAPE '{LIKE_ESCAPE}'")
        params.append(like_pattern(term))
    if date_from:
        clauses.append("incident_time >= ?")
        params.append(_day(date_from).isoformat())
    if date_to:  # inclusive: before the next day starts
        clauses.append("incident_time < ?")
        params.append((_day(date_to) + timedelta(days=1)).isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
