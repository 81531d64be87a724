"""What a row of the checklists table holds besides the answers: the summary columns (from
the fields the definition marks `index`, and each child's coverage as `officer_app.coverage`
reads it), and the plain rows the list and the audit log give.

Coverage is worked out once, when a checklist is saved (the rules' verdict, then
`coverage.child_coverage`), and kept as JSON in the `coverage` column, so listing a thousand
checklists never loads or checks an answer."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from officer_app import rules
from officer_app.checklist import Checklist, walk
from officer_app.coverage import CHILDREN, Item, child_coverage
from officer_app.definition import Definition, DefinitionError, RiskTool
from officer_app.library import default_library
from officer_app.states import STATES
from officer_app.store.errors import StoreError
from officer_app.text_search import found_in, query_terms, search_text


@dataclass(frozen=True)
class ChildMarks:
    """One child at a glance: seen, spoken to alone, own words (each done / missing / n/a,
    with the words of `officer_app.coverage`)."""

    name: str
    seen: Item
    spoken_alone: Item
    own_words: Item

    @property
    def items(self) -> tuple[Item, Item, Item]:
        return (self.seen, self.spoken_alone, self.own_words)


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
    submitted_at: str = ""
    children: tuple[str, ...] = ()  # the children's names as typed (unnamed ones left out)
    adults: tuple[str, ...] = ()
    officers: tuple[str, ...] = ()
    # each child's coverage; None when it could not be worked out (the checklist's
    # definition or risk tool is not installed)
    coverage: tuple[ChildMarks, ...] | None = ()
    # for a search: what matched, e.g. ("Child: Kacper Łuczak", "Postcode: CV1 5FB")
    matched: tuple[str, ...] = ()
    owner: str = ""  # the account name of the officer who started it


@dataclass(frozen=True)
class AuditEntry:
    """One audit log row: who (actor) did what (action) to which checklist, and when."""

    id: int
    at: str
    actor: str
    action: str
    checklist_id: int | None
    detail: str
    content_hash: str = ""
    record_hash: str = ""
    subject: str = ""
    prev_hash: str = ""
    hash: str = ""


# ---------------------------------------------------------------- summaries


def _as_list(value: Any) -> list:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _marked(data: dict, definition: Definition) -> dict[str, list[tuple[str, str]]]:
    """(path, text) of every field the definition marks with `index`, by mark, in form
    order: what the summary columns and the search are made of."""
    found: dict[str, list[tuple[str, str]]] = {}
    holder = Checklist("", 0, "", 0, data)
    for answer in walk(holder, definition, only_applicable=False):
        mark, value = answer.field.index, answer.value
        if mark and isinstance(value, str) and value.strip():
            found.setdefault(mark, []).append((answer.path, value.strip()))
    return found


def _search_parts(
    reference: str,
    address: str,
    postcode: str,
    children: Iterable[str],
    adults: Iterable[str],
    officers: Iterable[str],
) -> list[tuple[str, str, str]]:
    """(label, value as shown, text searched) of everything a search matches: one list for
    the `search` column and for what a row shows as matched."""
    parts = [
        ("Reference", reference, reference),
        ("Address", address, address),
        ("Postcode", postcode, postcode),
        ("Postcode", postcode, postcode.replace(" ", "")),
    ]
    parts += [("Child", name, name) for name in children]
    parts += [("Adult", name, name) for name in adults]
    parts += [("Officer", name, name) for name in officers]
    return [p for p in parts if p[2]]


def _summary(data: dict, definition: Definition) -> dict[str, Any]:
    """The summary columns, from the fields the definition marks with `index`. Names in the
    children's section are the children's; every other marked name is an adult's."""
    marked = _marked(data, definition)

    def first(mark: str) -> str:
        return next((text for _, text in marked.get(mark, [])), "")

    names = marked.get("name", [])
    children = [text for path, text in names if path.startswith(f"{CHILDREN}[")]
    adults = [text for path, text in names if not path.startswith(f"{CHILDREN}[")]
    officers = [text for _, text in marked.get("officer", [])]
    reference, address, postcode = first("reference"), first("address"), first("postcode")
    parts = _search_parts(reference, address, postcode, children, adults, officers)
    return {
        "reference": reference,
        "incident_time": first("incident_time"),
        "address": address,
        "postcode": postcode,
        "children_count": len(_as_list(data.get("children"))),
        "risk_grade": first("risk_grade"),
        "people": ", ".join(text for _, text in names),
        "search": search_text(text for _, _, text in parts),
        "children": _json(children),
        "adults": _json(adults),
        "officers": _json(officers),
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def coverage_text(checklist: Checklist, definition: Definition, tool: RiskTool | None) -> str:
    """Each child's seen / spoken to alone / own words, as the rules' verdict and
    `coverage.child_coverage` give it (the one reading), as JSON; "null" without a tool."""
    if tool is None:
        return "null"
    problems = rules.check(checklist, definition, tool)
    return _json(
        [
            {
                "name": child.name,
                "seen": [child.seen.status, child.seen.text],
                "spoken_alone": [child.spoken_alone.status, child.spoken_alone.text],
                "own_words": [child.own_words.status, child.own_words.text],
            }
            for child in child_coverage(checklist, definition, tool, problems)
        ]
    )


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


def coverage_of_row(
    data: dict, definition_id: str, version: int, tool_id: str, tool_version: int
) -> str:
    """The coverage column of a stored row (migrations): "null" when the definition or the
    risk tool it was filled with is no longer installed (another one would read it wrongly)."""
    library = default_library()
    try:
        definition = library.definition(definition_id, version)
        tool = library.risk_tool(tool_id, tool_version)
    except DefinitionError:
        return "null"
    holder = Checklist(definition_id, version, tool_id, tool_version, data)
    return coverage_text(holder, definition, tool)


def columns(
    checklist: Checklist, definition: Definition, tool: RiskTool | None, updated_at: str
) -> dict[str, Any]:
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
        "owner": checklist.owner,
        **_summary(checklist.data, definition),
        "coverage": coverage_text(checklist, definition, tool),
        "data": data,
    }


# ---------------------------------------------------------------- reading rows back


def _names(text: str) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _item(value: Any) -> Item:
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return Item(value[0], value[1])
    return Item("", "")


def _coverage(text: str) -> tuple[ChildMarks, ...] | None:
    try:
        value = json.loads(text or "null")
    except ValueError:
        return None
    if not isinstance(value, list):
        return None
    return tuple(
        ChildMarks(
            str(child.get("name", "")),
            _item(child.get("seen")),
            _item(child.get("spoken_alone")),
            _item(child.get("own_words")),
        )
        for child in value
        if isinstance(child, dict)
    )


_PLAIN = (
    "id", "uid", "reference", "incident_time", "address", "postcode", "children_count",
    "risk_grade", "state", "version", "created_at", "updated_at", "definition", "people",
    "submitted_at",
)  # fmt: skip


def row_of(values: tuple) -> ChecklistRow:
    """A ChecklistRow from the columns of `queries.ROW_SQL`, in its order."""
    plain: dict[str, Any] = dict(zip(_PLAIN, values, strict=False))
    children, adults, officers, coverage, owner = values[len(_PLAIN) :]
    return ChecklistRow(
        **plain,
        children=_names(children),
        adults=_names(adults),
        officers=_names(officers),
        coverage=_coverage(coverage),
        owner=owner,
    )


def with_matches(row: ChecklistRow, search: str | None) -> ChecklistRow:
    """The row with what a search matched in it ("Child: Kacper Łuczak"), as the search
    itself folds text (case and accents ignored); the row as it is without a search."""
    terms = query_terms(search or "")
    if not terms:
        return row
    parts = _search_parts(
        row.reference, row.address, row.postcode, row.children, row.adults, row.officers
    )
    shown = [f"{label}: {value}" for label, value, text in parts if found_in(terms, text)]
    return replace(row, matched=tuple(dict.fromkeys(shown)))
