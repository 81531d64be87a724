"""A returned checklist's reasons on the officer's form: a banner, a line beside each field.

A supervisor returns a submitted checklist with reasons, each tied to a field's path or to the
checklist as a whole (officer_app.review.return_reasons). The officer has to find every one
and put it right, so each is said three times, as long as the checklist is returned:
- a banner at the top of the form: who returned it and when, how many reasons, the
  supervisor's note, and the reasons as a list in which Enter (or a click) on one goes to its
  field (ui.form_navigation.go_to), named as the field's control is named ("Child 1, Kacper
  Łuczak: What the child said, in their own words");
- beside the field itself, a line of its own above the box, "Supervisor: <reason>", which is
  also part of the field's accessible description (ui.field_widgets.FieldRow.set_reason); a
  reason on a part of a field that has no line of its own (a risk question, an entry of a
  small list) is shown beside the field that holds it, naming the part;
- on the summary page, the same list (ui.summary_page).
Submitting again clears them (`clear`): the checklist is no longer returned. Every text is
plain text: a supervisor's "<" and "&" are shown as typed, never read as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from officer_app import review, states
from officer_app.field_path import build_path, parse_path
from officer_app.store import PermissionDenied, Review, StoreError
from ui.accessibility import control_name, reason_line
from ui.field_widgets import FieldRow
from ui.review_text import WHOLE, local_time, path_label
from ui.summary_problems import Entry, ProblemList

BANNER_STYLE = "QFrame#returnBanner { border: 2px solid palette(text); }"
BANNER_LINES = 3  # the banner's list shows this many lines, then scrolls: the form keeps room
REASON = "reason"  # the severity of a reason's line in a list (it is neither error nor note)


@dataclass(frozen=True)
class ReturnReason:
    """One reason: the path it names ("" = the whole checklist), the field's name, the text."""

    path: str
    where: str
    reason: str

    @property
    def text(self) -> str:
        return f"{self.where} — {self.reason}"


def count_words(count: int) -> str:
    return "1 reason" if count == 1 else f"{count} reasons"


def heading(decision: Review | None, count: int, editable: bool) -> str:
    """'Returned for changes by sgt.nowak on 12/05/2026 14:03 with 2 reasons. ...'"""
    who = f" by {decision.reviewer}" if decision and decision.reviewer else ""
    when = f" on {local_time(decision.at)}" if decision and decision.at else ""
    text = f"Returned for changes{who}{when} with {count_words(count)}."
    if editable:
        text += " Put each one right, then submit again."
    return text


class ReasonList(ProblemList):
    """The reasons as links: Enter or a click on one emits `go_to(path)`."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reasonList")
        self.name = name

    def show_reasons(self, reasons: list[ReturnReason]) -> None:
        self.show_entries([Entry(r.text, r.path, REASON) for r in reasons])
        for index, reason in enumerate(reasons):
            if not reason.path:
                self.item(index).setToolTip("About the checklist as a whole")
        self.setAccessibleName(
            f"{self.name}, {count_words(len(reasons))}: Enter on one goes to its field"
        )

    def texts(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]


class ReturnBanner(QFrame):
    """The top of a returned checklist's form: who returned it, when, and the reasons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("returnBanner")
        self.setStyleSheet(BANNER_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        self.heading = _plain_label("returnHeading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.note = _plain_label("returnNote")
        # first in the Tab order, and a returned checklist opens on it (ui.form_navigation)
        self.list = ReasonList("Reasons the supervisor returned this checklist")
        self.list.setToolTip("Enter or a click goes to the field")
        for widget in (self.heading, self.note, self.list):
            layout.addWidget(widget)
        self.hide()

    def show_reasons(self, text: str, note: str, reasons: list[ReturnReason]) -> None:
        self.heading.setText(text)
        self.note.setText(f"Note from the supervisor: {note}" if note else "")
        self.note.setVisible(bool(note))
        self.list.show_reasons(reasons)
        self.list.setAccessibleDescription(text)
        line = self.list.fontMetrics().lineSpacing()
        frame = 2 * self.list.frameWidth() + 4
        rows = sum(max(self.list.sizeHintForRow(i), line) for i in range(self.list.count()))
        self.list.setMinimumHeight(min(rows, 2 * line) + frame)
        self.list.setMaximumHeight(min(rows, BANNER_LINES * line) + frame)
        self.setVisible(bool(reasons))


class ReturnNotes(QObject):
    """The reasons of one form's returned checklist: read once when the form opens, shown in
    the banner, beside their fields and (through `reasons`) on the summary page."""

    def __init__(self, form) -> None:
        super().__init__(form)
        self.form = form
        self.given: list[dict[str, str]] = []
        self.decision: Review | None = None
        checklist = form.checklist
        if checklist.id is not None and checklist.state == states.RETURNED:
            try:
                self.given = review.return_reasons(form.store, checklist)
                self.decision = review.last_decision(form.store, checklist.id)
            except (StoreError, PermissionDenied):
                self.given = []  # the form still opens; the reasons are in the review window
        self.reasons: list[ReturnReason] = []
        self.marked: dict[FieldRow, str] = {}  # the rows showing a reason, and what
        self.banner = ReturnBanner()
        self.banner.list.go_to.connect(form.go_to)

    def tab_stops(self) -> list[QWidget]:
        return [self.banner.list]

    def focus(self) -> bool:
        """Put the focus on the first reason (a returned checklist opens there); False when
        there is none."""
        if not self.reasons:
            return False
        self.banner.list.setCurrentRow(0)
        self.banner.list.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def update(self) -> None:
        """Name each reason's field as the form now names it (a child renamed, an entry
        rebuilt) and show it beside that field; called on every refresh of the form."""
        reasons = [
            ReturnReason(g.get("path", ""), self.where(g.get("path", "")), g.get("reason", ""))
            for g in self.given
        ]
        if reasons != self.reasons:
            self.reasons = reasons
            editable = not self.form.read_only
            text = heading(self.decision, len(reasons), editable)
            note = self.decision.note if self.decision else ""
            self.banner.show_reasons(text, note, reasons)
        self._mark_rows()

    def clear(self) -> None:
        """Submitted again: the reasons are answered, and go from every place they showed."""
        self.given = []
        self.update()

    def where(self, path: str) -> str:
        """The field's name as its control has it ("Child 1, Kacper Łuczak: Full name")."""
        if not path:
            return WHOLE
        row = self.form.rows.get(path)
        if isinstance(row, FieldRow):
            return control_name(row.field.label, row.owner)
        try:
            parts = parse_path(path)
        except ValueError:
            return path
        form, index = self.form, parts[-1]
        repeat = form.repeats.get(build_path(parts[:-1])) if len(parts) > 1 else None
        if repeat is not None and isinstance(index, int) and 0 <= index < len(repeat.entries()):
            return repeat.owner(index)  # an entry: "Child 2, Zofia Łuczak"
        return path_label(path, form.checklist, form.definition, form.tool)

    def _holder(self, path: str) -> tuple[FieldRow | None, bool]:
        """The row that shows a reason on `path`: its own, else the nearest that holds it
        (and True when it is its own)."""
        try:
            parts = parse_path(path) if path else []
        except ValueError:
            return None, False
        for depth in range(len(parts), 0, -1):
            row = self.form.rows.get(build_path(parts[:depth]))
            if isinstance(row, FieldRow):
                return row, depth == len(parts)
        return None, False

    def _mark_rows(self) -> None:
        lines: dict[FieldRow, list[str]] = {}
        for reason in self.reasons:
            row, own = self._holder(reason.path)
            if row is not None:  # a part of the row's field is named
                part = "" if own else reason.where
                lines.setdefault(row, []).append(reason_line(reason.reason, part))
        wanted = {row: "\n".join(texts) for row, texts in lines.items()}
        for row in self.marked:
            if row not in wanted and shiboken6.isValid(row):
                row.set_reason("")
        for row, text in wanted.items():
            row.set_reason(text)
        self.marked = wanted


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a reviewer's name or note as typed
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
