"""What a row of the checklists table holds besides the answers: the summary columns (from
the fields the definition marks `index`), and the plain rows the list and the audit log give."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from officer_app.checklist import Checklist, indexed_values
from officer_app.definition import Definition, DefinitionError
from officer_app.library import default_library
from officer_app.states import STATES
from officer_app.store.errors import StoreError
from officer_app.text_search import search_text


@dataclass(frozen=True)
class ChecklistRow:
    """One line of a checklist list: the summary columns, never the answers themselves."""

    id: int
    uid: str
    reference: str
    incident_time: str
    address: str
    postcode: str
    children_count: int
    risk_grade: str
    state: str
    version: int
    created_at: str
    updated_at: str
    definition: str  # "id@version"
    people: str  # children's and adults' names (in form order), comma-separated


@dataclass(frozen=True)
class AuditEntry:
    """One audit log row: who (actor) did what (action) to which checklist, and when."""

    id: int
    at: str
    actor: str
    action: str
    checklist_id: int | None
    detail: str


# ---------------------------------------------------------------- summaries


def _as_dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _summary(data: dict, definition: Definition) -> dict[str, Any]:
    """The summary columns, from the fields the definition marks with `index`."""
    marked = indexed_values(data, definition)

    def first(mark: str) -> str:
        return next(iter(marked.get(mark, [])), "")

    postcode, names = first("postcode"), marked.get("name", [])
    parts = [first("reference"), first("address"), postcode, postcode.replace(" ", "")]
    return {
        "reference": first("reference"),
        "incident_time": first("incident_time"),
        "address": first("address"),
        "postcode": postcode,
        "children_count": len(_as_list(data.get("children"))),
        "risk_grade": first("risk_grade"),
        "people": ", ".join(names),
        "search": search_text([*parts, *names, *marked.get("officer", [])]),
    }


def summary_of_row(data: dict, definition_id: str, version: int) -> dict[str, Any]:
    """The summary of a stored row, with the definition it was filled with (migrations); a
    row whose definition is no longer installed is summarised with the newest installed one
    (its marked fields are the usual reference, address, postcode and names), never refused."""
    library = default_library()
    try:
        definition = library.definition(definition_id, version)
    except DefinitionError:
        definition = library.latest_definition()
    return _summary(data, definition)


def columns(checklist: Checklist, definition: Definition, updated_at: str) -> dict[str, Any]:
    """The stored values of a checklist about to be saved (as its next version)."""
    if checklist.state not in STATES:
        raise StoreError(f"'{checklist.state}' is not a checklist state ({', '.join(STATES)}).")
    try:
        data = json.dumps(checklist.data, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"The checklist cannot be saved: an answer is not plain data ({exc})."
        ) from None
    return {
        "uid": checklist.uid,
        "definition_id": checklist.definition_id,
        "definition_version": checklist.definition_version,
        "risk_tool_id": checklist.risk_tool_id,
        "risk_tool_version": checklist.risk_tool_version,
        "state": checklist.state,
        "version": checklist.version + 1,
        "created_at": checklist.created_at,
        "updated_at": updated_at,
        "submitted_at": checklist.submitted_at,
        **_summary(checklist.data, definition),
        "data": data,
    }
