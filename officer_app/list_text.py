"""A line of the checklist list in words: the address, the times, each child's coverage at a
glance ("Zofia ✓✓✓ · Jakub ✓✗–") and in words. The window's list and the command line's
`list` both print these, from the store's summary columns alone."""

from __future__ import annotations

from datetime import datetime

from officer_app.coverage import MARK_WORDS, MARKS
from officer_app.store import ChecklistRow, ChildMarks
from officer_app.typed_input import show_typed

PARTS = ("seen", "spoken to alone", "own words")
LEGEND = (
    "Each child: seen · spoken to alone · own words (✓ done, ○ not done, reason recorded, "
    "✗ missing, – not applicable)"
)


def address(row: ChecklistRow) -> str:
    text = " ".join((row.address or "").split())
    return f"{text}, {row.postcode}" if row.postcode else text


def incident(row: ChecklistRow) -> str:
    return show_typed("datetime", row.incident_time) if row.incident_time else ""


def submitted(row: ChecklistRow) -> str:
    """The submitted time in local time, dd/mm/yyyy hh:mm; "" while a draft."""
    if not row.submitted_at:
        return ""
    try:
        when = datetime.fromisoformat(row.submitted_at)
    except ValueError:
        return row.submitted_at
    return (when.astimezone() if when.tzinfo else when).strftime("%d/%m/%Y %H:%M")


def _short_name(child: ChildMarks, row: ChecklistRow) -> str:
    """A named child by first name ("Zofia"); an unnamed one as coverage calls it ("Child 2")."""
    return child.name.split()[0] if child.name in row.children and child.name else child.name


def child_marks(child: ChildMarks) -> str:
    return "".join(MARKS.get(item.status, "?") for item in child.items)


def children(row: ChecklistRow) -> str:
    """'Zofia ✓✓✓ · Jakub ✓✗–'; names alone when the coverage is not known."""
    if row.coverage is None:
        return " · ".join(row.children) or f"{row.children_count} (coverage not known)"
    if not row.coverage:
        return "none recorded"
    return " · ".join(f"{_short_name(c, row)} {child_marks(c)}" for c in row.coverage)


def children_words(row: ChecklistRow) -> str:
    """What a screen reader says for the children's cell: each child's coverage in words."""
    if row.coverage is None:
        names = ", ".join(row.children)
        return f"{row.children_count} children{': ' + names if names else ''}; coverage not known"
    if not row.coverage:
        return "No child recorded"
    return ". ".join(
        f"{c.name}: "
        + "; ".join(
            f"{part} {MARK_WORDS.get(item.status, 'not known')} ({item.text})"
            for part, item in zip(PARTS, c.items, strict=True)
        )
        for c in row.coverage
    )


def children_tip(row: ChecklistRow) -> str:
    if not row.coverage:
        return children_words(row)
    lines = [
        f"{c.name}: " + " · ".join(f"{MARKS.get(i.status, '?')} {i.text}" for i in c.items)
        for c in row.coverage
    ]
    return "\n".join([LEGEND, *lines])
