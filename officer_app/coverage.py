"""Per-child coverage: was each child seen, spoken to alone, their words recorded, and who
interpreted — each either done or what is missing, in words.

One reading serves the summary page before submission and the summary table of the PDF
referral, so the officer and the hub see the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from officer_app import fields as ft
from officer_app.checklist import Checklist
from officer_app.definition import Definition, RiskTool
from officer_app.wording import is_english

DONE, MISSING, NOT_APPLICABLE = "done", "missing", "n/a"


@dataclass(frozen=True)
class Item:
    """One cell: its status (done / missing / n/a) and the words a reader sees."""

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
    # What a supervisor must look at for this child (e.g. "Not seen: an adult refused access").
    flags: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[Item, Item, Item, Item]:
        return (self.seen, self.spoken_alone, self.own_words, self.interpreter)

    @property
    def complete(self) -> bool:
        return all(item.status != MISSING for item in self.items)


def child_coverage(
    checklist: Checklist, definition: Definition, tool: RiskTool, problems: list | None = None
) -> list[ChildCoverage]:
    section = definition.section("children")
    incident_day = incident_date(checklist)
    rows = []
    for i, child in enumerate(checklist.items("children")):
        name = (child.get("name") or "").strip() or f"Child {i + 1}"
        rows.append(
            ChildCoverage(
                index=i,
                name=name,
                age=age_text(child, incident_day),
                seen=_seen(child, section),
                spoken_alone=_spoken_alone(child, section),
                own_words=_own_words(child),
                interpreter=_interpreter(child, section),
            )
        )
    return rows


def _label(section, field_id: str, value) -> str:
    f = section.field(field_id)
    return ft.display_value(f, value) if f else str(value)


def incident_date(checklist: Checklist) -> date | None:
    """The date of the call, if it is recorded and valid: the day ages are counted on."""
    try:
        return ft.parse_datetime(checklist.get("incident.call_time")).date()
    except (TypeError, ValueError):
        return None


def whole_years(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_text(child: dict, on: date | None) -> str:
    """'7' from the date of birth at the incident date, 'about 7' when estimated."""
    if child.get("status") == "unborn":
        due = child.get("due_date")
        try:
            return f"unborn, due {ft.parse_date(due):%d/%m/%Y}"
        except (TypeError, ValueError):
            return "unborn"
    try:
        born = ft.parse_date(child.get("dob") or "")
    except ValueError:
        estimated = child.get("estimated_age")
        return f"about {estimated}" if isinstance(estimated, int) else "not known"
    on = on or date.today()
    years = whole_years(born, on)
    return str(years) if years >= 1 else f"{max(0, (on - born).days // 30)} months"


def _seen(child: dict, section) -> Item:
    if child.get("status") == "unborn":
        return Item(NOT_APPLICABLE, "Unborn")
    if child.get("location") == "away":
        if child.get("welfare_verified_by") and child.get("welfare_where"):
            how = _label(section, "welfare_how", child.get("welfare_how")) or "how not recorded"
            return Item(DONE, f"Away: welfare check by {child['welfare_verified_by']} ({how})")
        return Item(MISSING, "Away from home: welfare check not recorded")
    if child.get("seen") == "yes":
        when = child.get("seen_time")
        return Item(DONE, f"Seen at {when}" if when else "Seen (time not recorded)")
    if child.get("seen") == "no":
        reason = _label(section, "not_seen_reason", child.get("not_seen_reason"))
        status = DONE if reason and child.get("not_seen_explanation") else MISSING
        return Item(status, f"Not seen: {reason}" if reason else "Not seen: no reason recorded")
    return Item(MISSING, "Not recorded whether seen")


def _spoken_alone(child: dict, section) -> Item:
    if child.get("status") == "unborn" or child.get("seen") != "yes":
        return Item(NOT_APPLICABLE, "Not applicable")
    if child.get("communication") == "pre_verbal":
        return Item(NOT_APPLICABLE, "Pre-verbal infant: seen, not spoken to")
    if child.get("spoken_to") == "no":
        reason = _label(section, "not_spoken_reason", child.get("not_spoken_reason"))
        status = DONE if reason and child.get("not_spoken_explanation") else MISSING
        return Item(status, f"Not spoken to: {reason}" if reason else "Not spoken to: no reason")
    if child.get("spoken_to") != "yes":
        return Item(MISSING, "Not recorded whether spoken to")
    if child.get("spoken_alone") == "yes":
        return Item(DONE, "Spoken to alone")
    if child.get("spoken_alone") == "no":
        others = (child.get("others_present") or "").strip()
        reason = (child.get("spoken_alone_reason") or "").strip()
        if others and reason:
            return Item(DONE, f"Not alone: with {others}")
        return Item(
            MISSING,
            "Not alone: " + ("who was present not recorded" if reason else "reason not recorded"),
        )
    return Item(MISSING, "Not recorded whether spoken to alone")


def _own_words(child: dict) -> Item:
    if child.get("spoken_to") != "yes" or child.get("seen") != "yes":
        return Item(NOT_APPLICABLE, "Not applicable")
    if child.get("communication") == "pre_verbal":
        return Item(NOT_APPLICABLE, "Not applicable")
    if (child.get("own_words") or "").strip():
        return Item(DONE, "Recorded")
    return Item(MISSING, "Child's own words not recorded")


def _interpreter(child: dict, section) -> Item:
    language = (child.get("first_language") or "").strip()
    if child.get("status") == "unborn" or child.get("spoken_to") != "yes":
        return Item(NOT_APPLICABLE, "Not applicable")
    if not language or is_english(language):
        return Item(NOT_APPLICABLE, "Not needed (English)" if language else "Language not recorded")
    kind = child.get("interpreter_type")
    if not kind:
        return Item(MISSING, f"First language {language}: interpreter not recorded")
    choice = section.field("interpreter_type").choice(kind)
    label = choice.label if choice else kind
    if choice is not None and choice.flag("refused"):
        return Item(MISSING, f"{label}: not acceptable as interpreter")
    name = (child.get("interpreter_name") or "").strip()
    return Item(DONE, f"{label}" + (f" ({name})" if name else ""))
