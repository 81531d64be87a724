"""What a screen reader says about a field and a section, in words.

Qt 6.11's QAccessible.State has no "required" or "invalid entry" flag (its `invalid` means a
deleted object), and an accessible interface made in Python loses Qt's own text interface,
so both are said in words, briefly:

- a required field's control(s) end their name with ", required" (the label shows " *"):
  "Child 2, Zofia Łuczak: Seen by an officer: Yes, required";
- while a problem is shown, the description starts with it and keeps the format hint and the
  help: "Invalid: Fill in 'Time seen'. Time as hh:mm."; "Warning: …" for a warning, "Note: …"
  for a flag for the supervisor; back to the hint and help when the problem goes;
- while a returned checklist names the field in a reason, the description says it after the
  problem, as the line beside the field shows it: "Supervisor: <reason>" (ui.return_notes);
- each section's page is named "Section 3 of 7: Adults", and that is announced when a section
  is entered from the keyboard or the list, since the first field's name does not say it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget

from officer_app.definition import Field

REQUIRED = ", required"
PLACEHOLDERS = {"date": "dd/mm/yyyy", "datetime": "dd/mm/yyyy hh:mm", "time": "hh:mm"}
FORMAT_NAMES = {"date": "Date", "datetime": "Date and time", "time": "Time"}
SEVERITY_WORDS = {"error": "Invalid", "warning": "Warning", "flag": "Note"}
SUPERVISOR = "Supervisor"


def control_name(label: str, owner: str = "", required: bool = False, choice: str = "") -> str:
    """A control's name: whose it is, the field's label, the button's choice, ", required"."""
    name = f"{owner}: {label}" if owner else label
    if choice:
        name = f"{name}: {choice}"
    return name + REQUIRED if required else name


def hint(field: Field) -> str:
    """What the screen shows to help answer: the box's example or format, and the help."""
    shown = field.placeholder or (
        f"{FORMAT_NAMES[field.type]} as {PLACEHOLDERS[field.type]}"
        if field.type in PLACEHOLDERS
        else ""
    )
    return " ".join(_sentence(part) for part in (shown, field.help) if part)


def description(field: Field, problem: str = "", severity: str = "error", reason: str = "") -> str:
    """A control's description: its problem first, if one is shown, then the supervisor's
    reason for returning the checklist (already "Supervisor: ..."), then the hint."""
    said = f"{SEVERITY_WORDS.get(severity, SEVERITY_WORDS['error'])}: {problem}" if problem else ""
    reasons = reason.splitlines()  # one reason a line (ui.return_notes), one sentence each
    return " ".join(_sentence(part) for part in (said, *reasons, hint(field)) if part.strip())


def reason_line(reason: str, where: str = "") -> str:
    """The line beside a field a supervisor's reason names: "Supervisor: <reason>"; for a
    part of the field (a risk question, an entry of a list) the part is named too. The
    reason's own line breaks become spaces: each reason is one line, however it wraps."""
    reason = " ".join(reason.split())
    return f"{SUPERVISOR} ({where}): {reason}" if where else f"{SUPERVISOR}: {reason}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def section_name(number: int, count: int, title: str) -> str:
    return f"Section {number} of {count}: {title}"


def name_sections(pages: QStackedWidget, titles: list[str]) -> None:
    """Name each section's page (what a screen reader gives as the context of its fields)."""
    for index, title in enumerate(titles):
        pages.widget(index).setAccessibleName(section_name(index + 1, len(titles), title))
