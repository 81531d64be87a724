"""The supervisor's side of a review: their own checklist (yes / no / not applicable and a
note for each item), the agreed risk grade with a rationale, a note, the reasons for a return
(each tied to a field of the checklist or to the whole of it), and the two decisions.

The panel only gathers what is typed and shows what the core refused (as text beside the
buttons, announced); the window makes the decision through officer_app.review. Nothing
typed is cleared by a refusal. Approve and Return have no mnemonic and no shortcut: a
decision takes a deliberate click, or Enter or Space on the focused button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from officer_app.definition import GRADE_LABELS, GRADES, Choice, Field
from officer_app.review.items import ANSWER_LABELS, ANSWERS, supervisor_checklist
from ui.combo_box import WholeTextComboBox
from ui.field_widgets import ChoiceButtons
from ui.growing_text import GrowingTextEdit
from ui.notices import announce
from ui.review_text import FieldChoice

ANSWER_FIELD_CHOICES = tuple(Choice(a, ANSWER_LABELS[a]) for a in ANSWERS)
REFUSED = "Not recorded. Put this right, then decide again:"


def _caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("caption")
    label.setWordWrap(True)
    return label


class ItemRow(QWidget):
    """One item of the supervisor's checklist: its text, three answers, a note."""

    def __init__(self, number: int, item_id: str, text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.item_id = item_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel(f"{number}. {text}")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        field = Field(item_id, "choice", text, choices=ANSWER_FIELD_CHOICES)
        self.answer = ChoiceButtons(field, item_id)
        self.answer.set_name(f"{number}. {text}")
        self.label.setBuddy(self.answer.focus_widget())
        layout.addWidget(self.answer)
        self.note = QLineEdit()
        self.note.setPlaceholderText("Note (needed where the answer is No)")
        self.note.setAccessibleName(f"Note on item {number}: {text}")
        layout.addWidget(self.note)
        self.value = ""
        self.answer.edited.connect(self._answered)

    def _answered(self, _path: str, value: str) -> None:
        self.value = value

    def entry(self) -> dict[str, str] | None:
        note = self.note.text().strip()
        if not self.value and not note:
            return None
        return {"answer": self.value, "note": note}


class ReasonRow(QWidget):
    """One reason for a return: the field it is about (by its label) and what to put right."""

    remove_requested = Signal(object)

    def __init__(self, choices: list[FieldChoice], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.field = WholeTextComboBox()
        for choice in choices:
            self.field.addItem(choice.label, choice.path)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("What the officer is to put right")
        self.field_label, self.reason_label = QLabel(), QLabel()
        self.field_label.setBuddy(self.field)
        self.reason_label.setBuddy(self.reason)
        layout.addRow(self.field_label, self.field)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        self.remove = QPushButton("Remove")
        self.remove.setAutoDefault(True)
        self.remove.clicked.connect(self._remove_clicked)
        row.addWidget(self.remove)
        layout.addRow(self.reason_label, row)

    def _remove_clicked(self) -> None:
        self.remove_requested.emit(self)

    def number(self, n: int) -> None:
        self.n = n
        self.field_label.setText(f"Reason {n}, about:")
        self.reason_label.setText("What to put right:")
        self.field.setAccessibleName(f"Reason {n}: the field it is about")
        self.reason.setAccessibleName(f"Reason {n}: what the officer is to put right")
        self.remove.setAccessibleName(f"Remove reason {n}")

    def path(self) -> str:
        return str(self.field.currentData() or "")


class DecisionPanel(QWidget):
    """`approve_clicked` and `return_clicked` ask the window to decide; `edited` on any
    change (the window asks before closing with something typed and not decided);
    `rows_changed` when a reason row was added or removed (the window sets the Tab order)."""

    approve_clicked = Signal()
    return_clicked = Signal()
    edited = Signal()
    rows_changed = Signal()

    def __init__(
        self, choices: list[FieldChoice], officer_grade: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("decisionPanel")
        self.choices = choices
        self.dirty = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self._items()
        self._decision(officer_grade)
        self._reasons()
        self.body_layout.addStretch(1)
        self.items_area = QScrollArea()
        self.items_area.setWidgetResizable(True)
        self.items_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its contents take the focus
        self.items_area.setWidget(body)
        outer.addWidget(self.items_area, 1)
        self.refusal = QLabel()
        self.refusal.setObjectName("fieldProblem")
        self.refusal.setTextFormat(Qt.TextFormat.PlainText)
        self.refusal.setWordWrap(True)
        self.refusal.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.refusal.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.refusal_box = QScrollArea()  # many problems scroll here; the buttons stay put
        self.refusal_box.setWidgetResizable(True)
        self.refusal_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.refusal_box.setWidget(self.refusal)
        self.refusal_box.setMaximumHeight(110)
        self.refusal_box.hide()
        outer.addWidget(self.refusal_box)
        outer.addLayout(self._buttons())

    # ---------------------------------------------------------------- building

    def _items(self) -> None:
        checklist = supervisor_checklist()
        title = _caption(f"Your &checklist: {checklist.title}")
        self.body_layout.addWidget(title)
        self.item_rows = [
            ItemRow(n, item.id, item.text) for n, item in enumerate(checklist.items, start=1)
        ]
        for row in self.item_rows:
            self.body_layout.addWidget(row)
            row.answer.edited.connect(self._edited)
            row.note.textEdited.connect(self._edited)
        title.setBuddy(self.item_rows[0].answer.focus_widget())

    def _decision(self, officer_grade: str) -> None:
        box = QGroupBox("Your decision")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.grade = QComboBox()
        self.grade.setAccessibleName("Agreed risk grade")
        for grade in GRADES:
            self.grade.addItem(GRADE_LABELS[grade], grade)
        self.grade.setCurrentIndex(max(0, self.grade.findData(officer_grade)))
        self.grade.activated.connect(self._edited)
        self.rationale = GrowingTextEdit(2, 6)
        self.rationale.setAccessibleName("Rationale for the agreed grade")
        self.rationale.setPlaceholderText(
            "Needed when the grade differs from the officer's or the score's"
        )
        self.note = GrowingTextEdit(2, 6)
        self.note.setAccessibleName("Note on the review")
        for box_ in (self.rationale, self.note):
            box_.textChanged.connect(self._typed)
        for text, box_ in (
            ("Agreed risk &grade (the officer's grade to start with):", self.grade),
            ("&Rationale for the grade:", self.rationale),
            ("N&ote:", self.note),
        ):
            label = QLabel(text)
            label.setWordWrap(True)  # a narrow panel wraps a label rather than scroll sideways
            label.setBuddy(box_)
            form.addRow(label, box_)
        self.body_layout.addWidget(box)

    def _reasons(self) -> None:
        box = QGroupBox("Reasons for a return (each tied to a field)")
        self.reasons_layout = QVBoxLayout(box)
        self.reason_rows: list[ReasonRow] = []
        self.add_reason = QPushButton("A&dd another reason")
        self.add_reason.setAutoDefault(True)
        self.add_reason.clicked.connect(self._add_clicked)
        self.reasons_layout.addWidget(self.add_reason)
        self.add_row(focus=False)
        self.body_layout.addWidget(box)

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.approve_button = QPushButton("Approve")
        self.approve_button.setObjectName("submitButton")
        self.return_button = QPushButton("Return to officer")
        for button, signal in (
            (self.approve_button, self.approve_clicked),
            (self.return_button, self.return_clicked),
        ):
            button.setAutoDefault(True)  # Enter on the focused button decides; nothing else
            button.clicked.connect(signal.emit)
        row.addStretch(1)
        row.addWidget(self.return_button)
        row.addWidget(self.approve_button)
        return row

    # ---------------------------------------------------------------- reason rows

    def _add_clicked(self) -> None:
        self.add_row(focus=True)

    def add_row(self, focus: bool) -> ReasonRow:
        row = ReasonRow(self.choices)
        row.remove_requested.connect(self.remove_row)
        row.field.activated.connect(self._edited)
        row.reason.textEdited.connect(self._edited)
        self.reason_rows.append(row)
        self.reasons_layout.insertWidget(self.reasons_layout.count() - 1, row)
        row.show()  # now, not when the layout gets round to it: the next Tab reaches it
        self._renumber()
        self.rows_changed.emit()
        if focus:
            row.field.setFocus(Qt.FocusReason.OtherFocusReason)
            announce(row.field, f"Reason {len(self.reason_rows)} added")
        return row

    def remove_row(self, row: ReasonRow) -> None:
        at = self.reason_rows.index(row)
        self.reason_rows.remove(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        self.rows_changed.emit()
        target = self.reason_rows[min(at, len(self.reason_rows) - 1)].field
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        announce(target, f"Reason {at + 1} removed")

    def _renumber(self) -> None:
        for n, row in enumerate(self.reason_rows, start=1):
            row.number(n)
            row.remove.setVisible(len(self.reason_rows) > 1)

    # ---------------------------------------------------------------- what was typed

    def _typed(self) -> None:
        if self.rationale.toPlainText() or self.note.toPlainText():
            self._edited()

    def _edited(self, *_) -> None:
        self.dirty = True
        self.edited.emit()

    def items(self) -> dict[str, dict[str, str]]:
        return {row.item_id: e for row in self.item_rows if (e := row.entry()) is not None}

    def agreed_grade(self) -> str:
        return str(self.grade.currentData())

    def rationale_text(self) -> str:
        return self.rationale.toPlainText()

    def note_text(self) -> str:
        return self.note.toPlainText()

    def reasons(self) -> list[tuple[str, str]]:
        return [(row.path(), row.reason.text()) for row in self.reason_rows]

    def reason_problems(self) -> list[str]:
        """A row tied to a field but saying nothing: the core would drop it unseen."""
        return [
            f"Reason {row.n} ({row.field.currentText()}): say what the officer is to put right."
            for row in self.reason_rows
            if row.path() and not row.reason.text().strip()
        ]

    # ---------------------------------------------------------------- outcome

    def show_refusal(self, problems: list[str]) -> None:
        text = "\n".join([REFUSED, *(f"• {p}" for p in problems)])
        self.refusal.setText(text)
        self.refusal.setAccessibleName(text)
        self.refusal_box.show()
        announce(self.refusal, text, assertive=True)

    def clear_refusal(self) -> None:
        self.refusal.clear()
        self.refusal_box.hide()
