"""The audit window's filters: who, action, checklist number, dates from and to.

`who` is typed or picked from the names present (accents and case optional: "krezolek"
finds pc.krężołek); `action` is a drop-down of the actions present; the dates are typed as
dd/mm/yyyy as in the main list. A box that cannot be read is named, with what to type,
on the line below the boxes, and the log is left as it was until it can be read: nothing
typed is thrown away.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from officer_app.text_search import normalise
from ui.checklist_list import read_date_range
from ui.notices import announce

TYPING_DELAY_MS = 250
ALL_ACTIONS = "All actions"


@dataclass(frozen=True)
class AuditFilter:
    """What the boxes ask for; empty means no filter."""

    who: str = ""
    action: str | None = None
    checklist_id: int | None = None
    date_from: str | None = None
    date_to: str | None = None

    @property
    def empty(self) -> bool:
        return self == AuditFilter()

    def store_filters(self) -> dict:
        """The arguments of Store.audit_log (who is matched by the window)."""
        return {
            "checklist_id": self.checklist_id,
            "action": self.action,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


def matching_names(typed: str, names: Iterable[str]) -> list[str]:
    """The names that contain what was typed, accents and case aside."""
    wanted = normalise(typed)
    return [name for name in names if wanted in normalise(name)]


class AuditFilters(QWidget):
    """Emits `changed` when the filters may have changed (after a pause while typing)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self.timer.timeout.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        layout.addLayout(row)
        self.who = self._who_box()
        self.action = QComboBox()
        self.action.setAccessibleName("Action")
        self.action.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.action.setMinimumContentsLength(8)
        self.action.addItem(ALL_ACTIONS, None)
        self.action.currentIndexChanged.connect(lambda _: self.now())
        self.checklist = self._line_box("Checklist number", "number", 6)
        self.date_from = self._line_box("From (dd/mm/yyyy)", "dd/mm/yyyy", 9)
        self.date_to = self._line_box("To (dd/mm/yyyy)", "dd/mm/yyyy", 9)
        for text, widget, stretch in (
            ("&Who:", self.who, 2),
            ("&Action:", self.action, 1),
            ("Chec&klist:", self.checklist, 0),
            ("&From:", self.date_from, 0),
            ("&To:", self.date_to, 0),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, stretch)
        self.problem = QLabel()
        self.problem.setObjectName("fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.problem.setMinimumWidth(1)
        self.problem.hide()
        layout.addWidget(self.problem)
        chain = (self.who, self.action, self.checklist, self.date_from, self.date_to)
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _who_box(self) -> QComboBox:
        box = QComboBox()
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.setCompleter(None)  # an inline completion would narrow to the first name typed
        box.setAccessibleName("Who (a name, or part of one)")
        box.lineEdit().setPlaceholderText("anyone")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(9)
        box.currentTextChanged.connect(lambda _: self.timer.start())
        box.lineEdit().returnPressed.connect(self.now)
        return box

    def _line_box(self, name: str, hint: str, width: int) -> QLineEdit:
        box = QLineEdit()
        box.setAccessibleName(name)
        box.setPlaceholderText(hint)
        box.setMaxLength(12)
        box.ensurePolished()
        box.setFixedWidth(box.fontMetrics().horizontalAdvance("0" * width) + 28)
        box.textEdited.connect(lambda _: self.timer.start())
        box.editingFinished.connect(self.now)
        return box

    @Slot()
    def now(self) -> None:
        """Apply what is typed now rather than after the pause."""
        self.timer.stop()
        self.changed.emit()

    # ------------------------------------------------------------ choices

    def set_choices(self, names: Iterable[str], actions: Iterable[str]) -> None:
        """The names and actions present in the log; what is typed or chosen stays."""
        typed, chosen = self.who.currentText(), self.action.currentData()
        for box in (self.who, self.action):
            box.blockSignals(True)
        self.who.clear()
        self.who.addItems(sorted(set(names), key=normalise))
        self.who.setCurrentIndex(-1)
        self.who.setEditText(typed)
        self.action.clear()
        self.action.addItem(ALL_ACTIONS, None)
        for action in sorted(set(actions)):
            self.action.addItem(action, action)
        if chosen is not None and self.action.findData(chosen) < 0:
            self.action.addItem(chosen, chosen)  # no entry has it now: say so, keep it
        self.action.setCurrentIndex(max(0, self.action.findData(chosen)))
        for box in (self.who, self.action):
            box.blockSignals(False)

    def clear(self) -> None:
        """No filter at all (without emitting `changed`)."""
        for box in (self.who, self.action, self.checklist, self.date_from, self.date_to):
            box.blockSignals(True)
        self.who.setEditText("")
        self.action.setCurrentIndex(0)
        for box in (self.checklist, self.date_from, self.date_to):
            box.clear()
            box.setAccessibleDescription("")
        for box in (self.who, self.action, self.checklist, self.date_from, self.date_to):
            box.blockSignals(False)
        self._show_problems([])

    # ------------------------------------------------------------ reading

    def current(self) -> AuditFilter | None:
        """The filter the boxes hold; None (and each box that cannot be read named below
        them) when one cannot be read."""
        problems: list[str] = []
        number = self.checklist.text().strip()
        checklist_id = None
        if number:
            if number.lstrip("#").isdigit():
                checklist_id = int(number.lstrip("#"))
            else:
                problems.append(
                    f"Checklist: '{number}' is not a checklist number; type digits only, e.g. 12."
                )
        self.checklist.setAccessibleDescription(problems[0] if problems else "")
        days, found = read_date_range(self.date_from, self.date_to)
        problems += found
        self._show_problems(problems)
        if problems:
            return None
        return AuditFilter(
            who=self.who.currentText().strip(),
            action=self.action.currentData(),
            checklist_id=checklist_id,
            **days,
        )

    def _show_problems(self, problems: list[str]) -> None:
        text = " ".join(problems)
        if text and text != self.problem.text():
            announce(self.problem, text)
        self.problem.setText(text)
        self.problem.setAccessibleName(text)
        self.problem.setVisible(bool(text))
