"""Per-child coverage: was each child seen, spoken to alone, their words recorded, who
interpreted, and is the rest of their record complete — each done, not done with its reason
recorded, missing or not applicable, in words.

It is read from the rules' verdict, never a second reading of the answers: a part of a child's
record is missing exactly when a blocking problem falls on one of its fields, and applies
exactly when one of its fields applies (the definition's conditions). Which part a field
belongs to is marked in the definition (`"coverage": "seen" | "spoken" | "words" |
"interpreter"`; unmarked fields are the child's other details). So the summary page, the
referral's summary and the list can never call a record done that submission refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from officer_app import fields as ft
from officer_app import rules
from officer_app.checklist import Checklist
from officer_app.definition import Definition, DefinitionError, RiskTool
from officer_app.rules.reading import Entry, Reading, whole_years

DONE, EXPLAINED, MISSING, NOT_APPLICABLE = "done", "explained", "missing", "n/a"
# how each status is shown at a glance (summary page, list, command line) and said in words
MARKS = {DONE: "✓", EXPLAINED: "○", MISSING: "✗", NOT_APPLICABLE: "–"}
MARK_WORDS = {
    DONE: "done",
    EXPLAINED: "not done, reason recorded",
    MISSING: "missing",
    NOT_APPLICABLE: "not applicable",
}
# The child fields whose answers the words of each cell quote (the status comes from the
# rules). officer_app.library refuses a definition with children that lacks one.
READS = (
    "status", "seen", "seen_time", "not_seen_reason", "welfare_where", "welfare_verified_by",
    "welfare_how", "communication", "spoken_to", "not_spoken_reason", "spoken_alone",
    "others_present", "own_words", "first_language", "interpreter_type", "interpreter_name",
)  # fmt: skip
PARTS = ("seen", "spoken", "words", "interpreter", "details")
CHILDREN = "children"


@dataclass(frozen=True)
class Item:
    """One cell: its status (done / explained / missing / n/a) and the words a reader sees."""

    status: str
    text: str


@dataclass(frozen=True)
class ChildCoverage:
    index: int
    name: str
    age: str
    seen: Item
    spoken_alone: Item
    own_words: Item
    interpreter: Item
    details: Item = Item(DONE, "Complete")  # every other answer about the child
    # What a supervisor must look at for this child (e.g. "Reason not seen: An adult refused
    # access"): the rules' flags on the child's fields.
    flags: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[Item, Item, Item, Item]:
        return (self.seen, self.spoken_alone, self.own_words, self.interpreter)

    @property
    def complete(self) -> bool:
        return all(item.status != MISSING for item in (*self.items, self.details))


def child_coverage(
    checklist: Checklist,
    definition: Definition,
    tool: RiskTool,
    problems: list[rules.Problem] | None = None,
    now: datetime | None = None,
) -> list[ChildCoverage]:
    """Each child's coverage, from `problems` (the result of rules.check on this checklist;
    checked here when not given)."""
    if problems is None:
        problems = rules.check(checklist, definition, tool, now)
    reading = Reading(checklist, definition, tool, now or datetime.now())
    by_child = _problems_by_child(problems)
    rows = []
    for e in reading.entries(CHILDREN):
        found = by_child.get(e.index, [])
        rows.append(_row(e, found, reading.call_date))
    return rows


def _problems_by_child(problems: list[rules.Problem]) -> dict[int, list[rules.Problem]]:
    prefix = f"{CHILDREN}["
    result: dict[int, list[rules.Problem]] = {}
    for p in problems:
        if p.path.startswith(prefix):
            index = p.path[len(prefix) :].split("]", 1)[0]
            if index.isdigit():
                result.setdefault(int(index), []).append(p)
    return result


def _part_of(e: Entry, problem: rules.Problem) -> str:
    field_id = problem.path[len(e.path) + 1 :].split(".", 1)[0].split("[", 1)[0]
    answer = e.answers.get(field_id)
    part = answer.field.coverage if answer else ""
    return part if part in PARTS else "details"


def _row(e: Entry, problems: list[rules.Problem], on: date | None) -> ChildCoverage:
    blocking: dict[str, list[rules.Problem]] = {part: [] for part in PARTS}
    for p in problems:
        if p.severity == rules.ERROR:
            blocking[_part_of(e, p)].append(p)
    flags = tuple(p.short or p.message for p in problems if p.severity == rules.FLAG)
    items = {part: _item(e, part, blocking[part]) for part in PARTS}
    return ChildCoverage(
        index=e.index,
        name=e.who,
        age=age_text(e.item, on),
        seen=items["seen"],
        spoken_alone=items["spoken"],
        own_words=items["words"],
        interpreter=items["interpreter"],
        details=items["details"],
        flags=flags,
    )


def _applies(e: Entry, part: str) -> bool:
    return any(a.field.coverage == part for a in e.answers.values())


def _item(e: Entry, part: str, blocking: list[rules.Problem]) -> Item:
    if part == "details":
        if not blocking:
            return Item(DONE, "Complete")
        return Item(MISSING, f"{len(blocking)} other answer(s) needed")
    text = DESCRIBE[part](e) if _applies(e, part) else None
    if not blocking:
        if text:
            return Item(DONE if _was_done(e, part) else EXPLAINED, text)
        why_not = _not_done(e, part)
        if why_not:
            return Item(EXPLAINED, why_not)
        return Item(NOT_APPLICABLE, _not_applicable(e, part))
    text = text or DESCRIBE[part](e) or _not_done(e, part) or _not_applicable(e, part)
    short = blocking[0].short or "to be completed"
    return Item(MISSING, f"{text}; {short}" if short not in text else text)


# ---------------------------------------------------------------- the words for each part


def _shown(e: Entry, field_id: str) -> str:
    answer = e.answers.get(field_id)
    return ft.display_value(answer.field, answer.value) if answer else ""


def _was_done(e: Entry, part: str) -> bool:
    """Whether the part was done, not merely explained (a welfare check by someone else is
    not the officer seeing the child)."""
    if part == "seen":
        return e.value("seen") == "yes" and not e.applies("welfare_where")
    if part == "spoken":
        return e.value("spoken_to") == "yes" and e.value("spoken_alone") == "yes"
    if part == "words":
        return bool(e.text("own_words"))
    return True  # interpreter: an interpreter recorded, or none needed


def _not_done(e: Entry, part: str) -> str | None:
    """A part that does not apply because an earlier step was not done (not seen, so not
    spoken to; not spoken to, so no words): what was not done, in words."""
    if e.value("status") == "unborn" or e.item.get("status") == "unborn":
        return None
    if part in ("spoken", "words") and e.choice_flag("communication", "pre_verbal"):
        return None
    if part == "spoken" and e.value("seen") == "no":
        return "Not spoken to (not seen)"
    if part == "words" and e.value("spoken_to") == "no":
        return "No words recorded (not spoken to)"
    if part == "words" and e.value("seen") == "no":
        return "No words recorded (not seen)"
    return None


def _not_applicable(e: Entry, part: str) -> str:
    if e.value("status") == "unborn" or e.item.get("status") == "unborn":
        return "Unborn"
    if part in ("spoken", "words") and e.choice_flag("communication", "pre_verbal"):
        return "Pre-verbal infant: seen, not spoken to"
    if part == "interpreter" and e.value("spoken_to") == "yes":
        return "Not needed (English)"
    return "Not applicable"


def _seen_text(e: Entry) -> str | None:
    if e.applies("welfare_where"):
        by, how = e.text("welfare_verified_by"), _shown(e, "welfare_how")
        if by:
            return f"Away: welfare check by {by}" + (f" ({how})" if how else "")
        return "Away from home: welfare check"
    if e.value("seen") == "yes":
        when = e.text("seen_time")
        return f"Seen at {when}" if when else "Seen"
    if e.value("seen") == "no":
        reason = _shown(e, "not_seen_reason")
        return f"Not seen: {reason}" if reason else "Not seen"
    return "Not recorded whether seen"


def _spoken_text(e: Entry) -> str | None:
    if not e.applies("spoken_to"):
        return None  # not seen, or pre-verbal: nobody asks to speak with the child
    if e.value("spoken_to") == "no":
        reason = _shown(e, "not_spoken_reason")
        return f"Not spoken to: {reason}" if reason else "Not spoken to"
    if e.value("spoken_to") != "yes":
        return "Not recorded whether spoken to"
    if e.value("spoken_alone") == "yes":
        return "Spoken to alone"
    if e.value("spoken_alone") == "no":
        others = e.text("others_present")
        return f"Not alone: with {others}" if others else "Not alone"
    return "Not recorded whether spoken to alone"


def _words_text(e: Entry) -> str | None:
    return "Recorded" if e.text("own_words") else "Child's own words not recorded"


def _interpreter_text(e: Entry) -> str | None:
    language = e.text("first_language")
    if not e.applies("interpreter_type"):
        if e.value("spoken_to") != "yes":
            return None  # nobody was interpreted for: not applicable
        return "Not needed (English)" if language else "Language not recorded"
    label, name = _shown(e, "interpreter_type"), e.text("interpreter_name")
    if not label:
        return f"First language {language}: interpreter not recorded"
    return label + (f" ({name})" if name else "")


DESCRIBE = {
    "seen": _seen_text,
    "spoken": _spoken_text,
    "words": _words_text,
    "interpreter": _interpreter_text,
}


def age_text(child: dict, on: date | None) -> str:
    """'7' from the date of birth at the incident date, 'about 7' when estimated; 'not known'
    when there is no usable date (or it lies after the incident)."""
    if child.get("status") == "unborn":
        due = child.get("due_date")
        try:
            return f"unborn, due {ft.parse_date(str(due)):%d/%m/%Y}"
        except (TypeError, ValueError):
            return "unborn"
    on = on or date.today()
    try:
        born = ft.parse_date(child.get("dob") or "")
    except (TypeError, ValueError):
        born = None
    if born is None or born > on:
        estimated = child.get("estimated_age")
        if isinstance(estimated, int) and not isinstance(estimated, bool) and born is None:
            return f"about {estimated}"
        return "not known"
    years = whole_years(born, on)
    return str(years) if years >= 1 else f"{max(0, (on - born).days // 30)} months"


def check_definition(definition: Definition) -> None:
    """DefinitionError if a definition with children lacks a field the coverage quotes."""
    if not definition.has_section(CHILDREN):
        return
    missing = [f for f in READS if definition.section(CHILDREN).field(f) is None]
    if missing:
        where = definition.source.name if definition.source else definition.key
        raise DefinitionError(
            f"{where}: the children have no field {', '.join(missing)} (read by the coverage "
            "summary)"
        )


__all__ = [
    "DONE",
    "EXPLAINED",
    "MISSING",
    "NOT_APPLICABLE",
    "ChildCoverage",
    "Item",
    "child_coverage",
    "age_text",
]
